"""Half-width quotes turned per line, then a paragraph put back together from pieces."""
from __future__ import annotations

from pathlib import Path

from site_builder.ingest.dedupe import tandem_repeats
from site_builder.ingest.raw_page import extract_text
from site_builder.ingest.typography import balance_quotes, normalize


def test_a_paragraph_joined_across_a_break_gets_its_quotes_in_turn():
    # the break falls inside the quotation: each half is turned on its own
    head, tail = normalize('做好"传道、授业'), normalize('解惑"三项工作，落实"三个务必"要求。')
    assert tail.startswith("解惑“")  # (the damage: the closing quote read as an opening one)
    assert balance_quotes(head + tail) == "做好“传道、授业解惑”三项工作，落实“三个务必”要求。"


def test_quotes_already_in_turn_or_left_open_are_kept():
    assert balance_quotes("“一”和“二”") == "“一”和“二”"
    # an odd number: a quotation running on into the next paragraph
    assert balance_quotes("他说：“第一段……”又说：“第二段") == "他说：“第一段……”又说：“第二段"


def test_a_repeat_whose_copies_differ_only_in_quote_direction_is_one_passage():
    text = "湖州“亲清直通车”从一开始就体现重视。湖州”亲清直通车“从一开始就体现重视。此后"
    cleaned, copies = tandem_repeats(text)
    assert copies == ["湖州”亲清直通车“从一开始就体现重视。"]
    assert cleaned == "湖州“亲清直通车”从一开始就体现重视。此后"


def test_a_page_cut_inside_a_half_width_quotation_reads_right():
    page = ("加强党的建设\n\n■ 王明\n\n"
            '习近平总书记指出，为党育才，是党校的独特价值所在，并强调做好"传道、授业、\n\n'
            '解惑"三项工作。各级党校要坚守这个初心，锐意进取、奋发有为。\n')
    doc = extract_text(Path("quotes.txt"), page)
    texts = [b.text for a in doc.articles for b in a.blocks]
    assert texts == ["习近平总书记指出，为党育才，是党校的独特价值所在，并强调做好“传道、授业、解惑”三项工作。"
                     "各级党校要坚守这个初心，锐意进取、奋发有为。"]
