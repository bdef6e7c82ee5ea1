"""A commentary's label printed alone above its title (短评, 时评) is its kicker, not a
byline's name."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest.raw_page import extract_text

FIRST = ("加强党的建设\n\n■ 王明\n\n"
         "党的建设是一项伟大工程，必须坚持不懈地推进。各级党组织要切实担负起管党治党的政治责任，"
         "把全面从严治党的要求落实到每一个环节，确保党始终成为坚强领导核心。\n\n"
         "（作者单位：东江市委党校）\n\n")
COMMENTARY = ("以实干实绩回应人民期待\n\n"
              "时间是最好的见证者，实绩是最好的答卷。面对新任务新要求，广大干部要把心思用在干事上，"
              "把功夫下在落实上，以实干实绩回应人民群众的期待。\n\n")


@pytest.mark.parametrize("label", ["短评", "时评", "快评", "“清廉建设”时评", "「清廉建设」时评"])
def test_a_bare_commentary_label_heads_the_commentary(label):
    doc = extract_text(Path("commentary.txt"), FIRST + f"{label}\n\n" + COMMENTARY)
    assert [(a.kicker, a.title, a.authors) for a in doc.articles][1] == (label, "以实干实绩回应人民期待", [])


def test_a_dash_rule_after_a_commentary_is_no_paragraph():
    """A commentary prints no closing lines: the rule (——) under it, before the next
    article, is page matter."""
    doc = extract_text(Path("commentary.txt"), "短评\n\n" + COMMENTARY + "——\n\n" + FIRST)
    assert [b.text for b in doc.articles[0].blocks][-1].endswith("期待。")
    assert [(left.kind, left.text) for left in doc.leftovers] == [("other", "——")]
