"""A two-part title of short parts shaped like two names, over its dash subtitle: a title
(a byline never has a subtitle under it), the subtitle kept with it."""
from __future__ import annotations

from pathlib import Path

from site_builder.ingest.raw_page import extract_text

PAGE = """以文塑旅 以旅彰文

——推动文化和旅游深度融合发展

龙辉然

文化是旅游的灵魂，旅游是文化的载体。近年来，人们的旅游需求从“看山看水”向“品文品史”转变。

（作者单位：东江市委党校）
"""


def test_a_short_two_part_title_over_a_dash_subtitle_is_the_title():
    [article] = extract_text(Path("dash.txt"), PAGE).articles
    assert "".join(article.title.split()) == "以文塑旅以旅彰文——推动文化和旅游深度融合发展"
    assert article.authors == ["龙辉然"] and article.kicker is None
    assert article.blocks[0].text.startswith("文化是旅游的灵魂")
