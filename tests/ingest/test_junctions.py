"""The general evidence the cleaner weighs at a break: lexicon cohesion, line geometry, and
the shapes a subheading never has."""
from __future__ import annotations

import random

from collections import Counter

from site_builder.ingest import lexicon
from site_builder.ingest.column_grid import INDENT
from site_builder.ingest.interleave.junctions import Junctions
from site_builder.ingest.interleave.layout import LINE_END, NO_LAYOUT, Columns, Layout, layouts_for
from site_builder.ingest.interleave.moves import SPLIT_TOP, START, Scorer
from site_builder.ingest.interleave.reader import Reader
from site_builder.ingest.interleave.stream import End
from site_builder.ingest.interleave.vocabulary import Background
from site_builder.ingest.interleave.widths import line_widths
from site_builder.ingest.lines import Unit
from site_builder.ingest.reflow import PageStats, is_cut_heading
from site_builder.ingest.segment import Draft


def unit(text: str) -> Unit:
    return Unit(text, [], text, False, "text")


def test_cohesion_finds_a_word_across_the_junction():
    assert lexicon.cohesion("推进城市建", "设法律服务") > 5  # 建设 spans the break
    assert lexicon.cohesion("基础设施建设", "都已经在") == 0.0  # nothing binds 设 to 都
    assert lexicon.cohesion("abc", "建设") == 0.0  # not Chinese on one side


def test_line_width_is_read_from_the_pieces_at_column_feet():
    # pieces that fill whole lines of 13 characters, some opening a paragraph (indent 2)
    pieces = [unit("字" * n) for n in (13 * 9, 13 * 12 - 2, 13 * 7, 13 * 15 - 2)]
    assert line_widths(pieces)[0] == 13


def test_no_line_width_where_the_text_layer_kept_none():
    # a width is believed only when (nearly) every piece fits it: pieces of any length fit none
    rng = random.Random(4)
    pages = [[unit("字" * rng.randint(40, 300)) for _ in range(5)] for _ in range(20)]
    assert [line_widths(pieces) for pieces in pages] == [[]] * len(pages)


def test_no_line_width_from_too_few_pieces():
    assert line_widths([unit("字" * 120), unit("字" * 118)]) == []


STATS = PageStats.of([])
FOLLOWING = unit("党的二十大报告提出，要健全共建共治共享的社会治理制度，提升社会治理效能。")


def test_a_whole_subheading_is_not_a_cut():
    for heading in ("城市更新法治保障的重要意义", "提高协调能力，健全共建共治共享的社会治理制度"):
        assert not is_cut_heading(unit(heading), FOLLOWING, STATS)


def test_a_line_stopping_on_a_function_word_is_a_cut():
    for head in ("要以建设学习型社会为目标，构建终身教育体系的",  # particle
                 "党支部每季度应向党委报告党员和",  # conjunction
                 "习近平总书记强调，基层党组织是"):  # copula
        assert is_cut_heading(unit(head), unit("思想动态，促进思想上的相互信任。"), STATS), head


def test_a_piece_opening_with_a_bound_character_continues_a_cut():
    head = unit("党支部每季度应向党委报告党员")
    assert is_cut_heading(head, unit("的思想动态，促进思想上的相互信任。"), STATS)
    assert is_cut_heading(head, unit("和职工的思想动态，促进思想上的相互信任。"), STATS)


def test_a_bare_prepositional_phrase_or_a_short_last_clause_is_a_cut():
    assert is_cut_heading(unit("针对渝西地区高速公路"), unit("通行车辆减少等问题，研究制定减免政策。"), STATS)
    assert is_cut_heading(unit("建立党员作用发挥机制，激励"), unit("广大党员践行初心使命、勇于担当作为。"), STATS)


def test_a_word_cut_in_two_binds_harder_than_a_compound_across_a_subheading():
    assert is_cut_heading(unit("推进城市建"), unit("设法律服务团，主动对接、提前介入。"), STATS)
    # 优势|产业 makes a dictionary compound, but both halves are whole words
    assert not is_cut_heading(unit("市场应用前景判断方面的重要优势"),
                              unit("产业组织政策要注重形成大中小企业协同联动的格局。"), STATS)


def test_a_fronted_object_or_agent_without_its_verb_is_a_cut():
    rest = unit("主持召开，研究解决具体问题。")
    assert is_cut_heading(unit("每季度由街道主要负责同志轮流"), rest, STATS)
    assert is_cut_heading(unit("将基层党建与社区"), unit("治理紧密结合，形成工作合力。"), STATS)
    # the same fronting with its verb is a whole subheading
    assert not is_cut_heading(unit("把为民服务作为工作的出发点"), FOLLOWING, STATS)


def test_a_modal_with_no_verb_after_it_is_a_cut():
    assert is_cut_heading(unit("落实这一要求，就要广大干部"), unit("自觉担当作为，敢抓敢管。"), STATS)
    assert is_cut_heading(unit("推进这项改革，就要始终强化"), unit("基层组织的政治功能和组织功能。"), STATS)
    assert not is_cut_heading(unit("要持续深化改革，要充实基层干部队伍"), FOLLOWING, STATS)


def test_a_series_cut_after_the_head_of_its_next_item_is_a_cut():
    assert is_cut_heading(unit("即坚持依法治理、坚持系统治理、坚持"), unit("源头治理、坚持综合治理。"), STATS)
    assert is_cut_heading(unit("社区干部要做到服务群众、化解"), unit("矛盾的重要职责，任务繁重。"), STATS)
    assert not is_cut_heading(unit("坚持技术领先、运行高效"), FOLLOWING, STATS)


def test_a_series_whose_last_item_is_finished_after_the_break_is_a_cut():
    """The items of a series share their head word: a line ending on the modifier of an item
    whose head opens the next line (…党建引领、法治 | 引领、德治引领…) stops inside it."""
    assert is_cut_heading(unit("健全基层治理体系，完善党建引领、法治"), unit("引领、德治引领的工作机制。"), STATS)
    assert is_cut_heading(unit("要摸清辖区人口情况、企业情况、服务"), unit("设施情况，在此基础上分类施策。"), STATS)
    # a whole series before a paragraph that happens to open with its last word
    assert not is_cut_heading(unit("坚持系统观念、守正创新"), unit("创新是引领发展的第一动力。"), STATS)


def test_a_foot_one_character_off_its_line_still_shows_the_width():
    # four feet fill whole 13-character lines; two are a character off (the break moved
    # off a comma): that is evidence for 13 too, not against it
    assert line_widths([26, 39, 52, 65, 77, 92])[0] == 13
    # feet of lengths that fit no width closely give none
    assert line_widths([23, 41, 58, 97, 130, 151]) == []


def _reader(first_body: list[str], second_body: list[str]) -> Reader:
    return Reader(Draft(body=[unit(t) for t in first_body]), Draft(body=[unit(t) for t in second_body]),
                  Background.of(Counter()))


def _scorer(reader: Reader, layout: Layout | None = None) -> Scorer:
    """The reader's scorer under its initial vocabulary and `layout` (by default, the first
    layout its column feet show, as a text reading starts)."""
    if layout is None:
        layout = (layouts_for(reader.stream, line_widths(reader.stream.feet)) or [NO_LAYOUT])[0]
    return reader.scorer(layout, reader.initial_vocabulary())


def test_a_head_a_character_short_of_its_line_is_explained_by_a_mark_pushed_down():
    reader = _reader(["一二三四五六七八九十。"], ["甲" * 40, "乙" * 40, "丙" * 40])
    columns = Columns(reader.stream, Layout(width=13))
    short = End(0, 12, 0, 0)  # 12 characters: one short of a 13-character line
    # the next line would have opened with a comma: the typesetter pushed a character down
    assert columns.resumed_line_end(short, "构，如司法所") > LINE_END / 2
    # nothing to push down: the head is just a character short
    assert columns.resumed_line_end(short, "构成新的体系") == 0.0
    assert columns.resumed_line_end(End(0, 13, 0, 0), "构，如司法所") == 0.0  # already full


def test_a_glued_line_may_hold_a_column_that_opens_a_paragraph():
    """The other article's column may begin a paragraph (its last column ended on a whole
    sentence) and still run to its foot in the line glued to this article's resumption."""
    reader = _reader(["甲文的头一栏到这里结束了，整句话说完。"],
                     ["乙文的头一栏写到这里还没有写完，这句话被栏",
                      "甲文的下一栏另起一段，这一段一直写到栏底也没写完" + "尾，接着是乙文的下文继续写完。",
                      "乙文的后文。"])
    moves = _scorer(reader).moves(1, START, {})
    assert any(option.move == "bounce" for option in moves)


def test_a_line_after_a_short_unterminated_line_is_measured_both_ways():
    """After a subheading a paragraph opens indented; after the first half of a cut
    sentence the text carries on unindented: a split's line end is measured both ways."""
    scorer = _scorer(_reader(["甲文的头一栏到这里结束了，整句话说完。"], ["甲" * 40, "乙" * 40, "丙" * 40]))
    short, following = unit("强化统筹协调的机制"), unit("要建立健全跨部门协调机制，加强信息共享。")
    assert sorted(indent for indent, _ in scorer.head_readings(short, "maybe", following)) == [0, INDENT]
    assert [indent for indent, _ in scorer.head_readings(short, "end", following)] == [INDENT]
    assert [indent for indent, _ in scorer.head_readings(short, "cut", following)] == [0]


def test_a_subheading_is_set_unindented_and_the_paragraph_after_it_indented():
    reader = _reader(["甲文的头一栏到这里结束了，整句话说完。"],
                     ["乙文的第一段写到这里就写完了整句话。", "强化统筹协调的机制", "乙文的第二段写到这里也写完了整句话。", "乙文的后文。"])
    columns = Columns(reader.stream, Layout(width=10))
    # 18+2 characters: 2 lines; the subheading: 1 line and 1 of space; 2+18: 2 lines
    assert columns.lines_between(0, reader.stream.cum[3]) == 6


def test_the_places_where_a_column_runs_out_of_lines_are_always_read():
    """Where the text alone says nothing of a glued line's split points, the place where the
    column's last line ends (and a character either side of it) is still read in full."""
    reader = _reader(["甲文的头一栏到这里结束了，整句话说完。"], ["甲" * 40, "乙" * 90, "丙" * 40])
    scorer = _scorer(reader, Layout(width=10, lines_per_column=7))
    # the column opens with unit 0 (40 + 2 indent: 5 lines); 2 lines more end 20 characters into unit 1
    assert scorer.columns.full_column_at(1, 0, 0) == 20
    points = {point.at for point in scorer.split_points(1, reader.stream.units[0], "A", 0, 0)}
    assert {19, 20, 21} <= points
    assert len(points) <= SPLIT_TOP + 3


def test_a_short_piece_is_read_with_the_piece_before_it_for_coherence():
    """A column's first line may hold only the few characters that close a paragraph: the
    paragraph after it shares its words with the text before that piece."""
    long_before = unit("推进城市更新行动，完善城市更新法治保障，城市更新条例规定明确，城市更新项目有序推进。")
    closing = unit("落到实处。")
    following = unit("城市更新法治保障要让群众参与，城市更新条例要得到执行。")
    other = unit("乡村振兴需要人才支撑，乡村人才培养要从教育抓起。")
    junctions = Junctions(Counter())
    junctions.learn_units([long_before, closing, following, other] + [unit(f"无关的第{n}段文字。") for n in range(20)])
    alone = junctions.coherence(closing, following)
    with_before = junctions.coherence(closing, following, long_before)
    assert alone == 0.0 and with_before > 1.0
    # a long piece speaks for itself
    assert junctions.coherence(long_before, following, other) == junctions.coherence(long_before, following)


def test_a_column_foot_fills_its_last_line():
    reader = _reader(["甲文的头一栏到这里结束了，整句话说完。"], ["甲" * 18 + "。", "乙" * 22, "丙" * 19 + "，"])
    columns = Columns(reader.stream, Layout(width=10))
    # unit 1 opens a paragraph: 22 + 2 characters leave its last line 4 short
    assert not columns.fills_last_line(1, 0)
    # unit 0 (18 + 2) fills its lines; unit 2 carries on a cut: 19, a character short
    assert columns.fills_last_line(0, 0) and columns.fills_last_line(2, 0)


def test_a_word_made_with_a_sentence_opener_of_the_page_does_not_join_a_subheading():
    """走实|在 makes 实在 by chance: where 在 opens sentences elsewhere on the page, that word
    binds a subheading to the paragraph after it no harder than a compound; a word cut in
    two (建|设) still binds."""
    heading, following = unit("制定差异化融合路径，推动融合改革走稳走实"), unit("在打通融合育人堵点，推动融合。")
    page = PageStats.of(["协同发展。在此基础上推进。在实践中完善。", heading.text, following.text])
    assert is_cut_heading(heading, following, STATS)  # (a page that shows nothing of 在)
    assert not is_cut_heading(heading, following, page)
    cut = unit("要切实加强基层党组织建")
    assert is_cut_heading(cut, unit("设，推动基层治理。在此基础上推进。"), page)


def test_a_sentence_opening_with_a_frame_does_not_join_a_subheading():
    """在…中 (当…时, 从…上 …) opens the sentence after it: the word its first character makes
    with the line before (走实|在 → 实在) is there by chance, whatever the page shows."""
    heading = unit("形成多方对话机制，推动融合改革走深走实")
    assert not is_cut_heading(heading, unit("在健全协同机制中打通融合育人堵点。推动融合改革。"), STATS)
    assert is_cut_heading(heading, unit("在打通融合育人堵点，推动融合。"), STATS)  # (no frame closes)


def test_a_target_whose_modifier_holds_the_only_verb_leaves_its_clause_open():
    """针对 + an object whose modifier holds the only verb (职工反映突出的问题) still waits for
    its predicate: the line stops in mid-sentence. After 把 the verb is the predicate."""
    from site_builder.ingest.grammar import open_last_clause as _open_last_clause
    assert _open_last_clause("定期召开工作联席会，针对职工反映突出的热点、难点、疑点问题")
    assert not _open_last_clause("提高服务能力，把服务群众、造福群众作为基层治理的出发点和落脚点")
    assert not _open_last_clause("定期召开工作联席会，针对职工反映的问题开展研究")
