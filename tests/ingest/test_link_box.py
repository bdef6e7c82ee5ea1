"""A box printed after an article's body (链接, 背景, 延伸阅读 …): its label is a subheading
over the box's text, never the first words of a paragraph."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest.raw_page import extract_text

PAGE = ("加强党的建设\n\n■ 王明\n\n"
        "党的建设是一项伟大工程，必须坚持不懈地推进。各级党组织要切实担负起管党治党的政治责任。\n\n"
        "{label}\n\n"
        "集中带量采购以明确采购量、以量换价为主要特征，医疗机构按照约定采购量优先使用中选产品。\n\n"
        "（作者单位：东江市委党校）\n")


@pytest.mark.parametrize("label", ["链接", "背景", "延伸阅读", "相关链接"])
def test_a_box_label_is_a_heading(label):
    [article] = extract_text(Path("box.txt"), PAGE.format(label=label)).articles
    assert [(b.type, b.text[:4]) for b in article.blocks] == [("paragraph", "党的建设"), ("heading", label),
                                                              ("paragraph", "集中带量")]
