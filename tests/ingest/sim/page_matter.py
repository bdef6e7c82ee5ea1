"""More of the genre's page matter and closing lines, in forms no sample page shows: the
editor's note under its other labels (编者的话, 开栏的话, 主持人语 …), bylines led by 作者：
or 文／, an author's note (作者简介：…) closing the article, and a funding note (本文系…
阶段性成果) printed as a paragraph of its own after the closing lines, a summary under a
journal's label with a keyword line (【关键词】), a column banner on the title's own line, the colophon of a whole newspaper page
(page numbers, the paper's name in Latin letters, contact lines), subheadings printed
with a marker.

The shapes take (rng, page) and change page.articles; abstract_keywords,
banner_on_title, colophon and
marked_subheads take (rng, lines, page) and return the lines (each notes what the page must give back)."""
from __future__ import annotations

import re

from tests.ingest.sim import corpus
from tests.ingest.sim.compose import PLACES, POSTS, UNITS, _tagger, name

# the units these forms print: a unit with its other name in brackets among them
FORM_UNITS = [*UNITS, "市委党校（行政学院）"]
from tests.ingest.sim.damage_text import cut_point
from tests.ingest.sim.page import Line, first_of, last_of, paragraphs

IDEOGRAPHIC_SPACE = "\u3000"
NOTE_LABELS = ["编者的话", "开栏的话", "主持人语", "编者按语", "编者的话", "开栏的话"]
FUNDS = ["国家社会科学基金项目", "国家社会科学基金重大项目", "教育部人文社会科学研究项目",
         "省社会科学基金项目", "国家自然科学基金项目"]


def note_labels(rng, page):
    """An editor's note under one of its other labels: the label on a line of its own above
    the note (the common form), or the label, a colon and the note on one line."""
    note = rng.choice(corpus.editor_notes())
    label = rng.choice(NOTE_LABELS)
    form = rng.randrange(3)
    lines = [label, note] if form < 2 else [f"{label}：{note}"]
    if form == 1:
        lines[0] = f"【{label}】"
    art = page.articles[rng.randrange(min(2, len(page.articles) - 1))]
    art.before = lines + art.before
    page.leftovers.append(("editor_note", note))
    page.absent += [label, note]


OCCASIONS = ["理论研讨会", "高端论坛", "学术年会", "专题座谈会", "开学典礼"]


def _project(rng, title: str) -> str:
    """A funding note, or (one in four) a note on what the text was first: a speech, a report,
    or the date it was delivered, alone in brackets."""
    if rng.random() < 0.25:
        occasion = rng.choice(PLACES) + rng.choice(OCCASIONS)
        said = rng.choice(["发言节选", "讲话", "演讲", "报告摘要", "发言"])
        form = rng.choice(["（{}）", "{}", "dated"])
        if form == "dated":
            return f"（{rng.randint(2019, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日）"
        return form.format(f"本文{rng.choice(['为', '是', '系'])}作者在{occasion}上的{said}")
    topic = title.split(" ")[0].strip("“”")
    code = f"{rng.randint(18, 24)}{rng.choice(['BKS', 'ZDA', 'BZZ', 'JJD'])}{rng.randint(10, 199):03d}"
    return (f"本文系{rng.choice(FUNDS)}“{topic}研究”（{code}）的阶段性成果。" if rng.random() < 0.7
            else f"本文为{rng.choice(FUNDS)}“{topic}研究”阶段性成果")


def author_lines(rng, page):
    """Bylines and closing lines in their other printed forms, one to three of an article's:
    a byline led by 作者： or 文／, or by another paper's marker (◎, ▶ …), or the name with the post after it in brackets
    (王某（某某大学教授）), or both (作者：王某（某某大学教授）); two writers' posts in one closing line (作者分别为…、…); the post
    in an author's note (（作者简介：王某，…教授）, with the writer's sex, year of birth and field
    around it);
    a funding note printed as its own paragraph after the closing lines."""
    art = rng.choice([a for a in page.articles if a.authors and a.byline is None] or page.articles)
    forms = rng.sample(["lead", "intro", "fund", "post", "both", "mark"], rng.randint(1, 3))
    if "mark" in forms:  # markers other papers print before the names
        art.byline_mark = rng.choice(["◎", "▶", "□", "◆", "★"])
    if "lead" in forms and art.authors:
        art.authors = art.authors[:1]
        art.byline = [rng.choice(["作者：", "作者　", "文／", "文/", "文｜", "文 | ", "撰文：", "作者丨"]) + art.authors[0]]
        if "post" in forms and "intro" not in forms and "both" not in forms:  # (作者：王某（某某大学教授）)
            post = rng.choice(PLACES) + rng.choice(FORM_UNITS) + rng.choice(POSTS + [""])
            art.byline[0] += f"（{post}）"
            art.footer, art.affiliation, art.source_paper = [], post, None
    elif "post" in forms and art.authors and "intro" not in forms:
        post = rng.choice(PLACES) + rng.choice(FORM_UNITS) + rng.choice(POSTS + [""])
        art.byline = [f"{'、'.join(art.authors)}{rng.choice(['（', '（', '('])}{post}{'）' if rng.random() < 0.7 else ')'}"]
        art.footer, art.affiliation, art.source_paper = [], post, None
    if "intro" in forms and art.authors:
        post = rng.choice(PLACES) + rng.choice(FORM_UNITS) + rng.choice(POSTS)
        person = art.authors[0]
        art.footer = [rng.choice([f"（作者简介：{person}，{post}）", f"作者简介：{person}，{post}。",
                                  f"（作者：{post}）", _bio(rng, person, post)])]
        art.affiliation, art.source_paper = post, None
    if "both" in forms and "intro" not in forms and "post" not in forms:
        art.authors = [art.authors[0] if art.authors else name(rng), name(rng)]
        art.byline = None if "lead" not in forms else [art.byline_mark + " ".join(art.authors)]
        posts = [rng.choice(PLACES) + rng.choice(FORM_UNITS) + rng.choice(POSTS) for _ in art.authors]
        lead = rng.choice(["作者分别为", "作者分别系", "作者单位分别为", "本文作者："])
        art.affiliation, art.source_paper = "、".join(posts), None
        art.footer = [f"（{lead}{art.affiliation}）"]
    if "fund" in forms:
        note = _project(rng, art.title)
        art.footer = [*art.footer, note]
        page.absent.append(note)


def _bio(rng, person: str, post: str) -> str:
    """An author's note with more than the post: sex, year of birth, field of research
    (【作者简介】王某，男，1975年生，某某大学教授，主要研究方向为…)."""
    lead = rng.choice(["【作者简介】", "作者简介：", "专家简介：", "【专家简介】"])
    before = rng.choice(["", f"{rng.choice('男女')}，{rng.randint(1960, 1990)}年生，"])
    after = rng.choice(["", "，主要研究方向为基层治理", "，主要从事马克思主义中国化研究"])
    return f"{lead}{person}，{before}{post}{after}。"


def _keywords(rng, title: str) -> list[str]:
    words = [w for w in _tagger().cut(title.replace(" ", "")) if len(w) >= 2 and re.match(r"[\u4e00-\u9fff]", w)]
    return rng.sample(words, min(len(words), rng.randint(2, 4))) or [title[:4]]


def abstract_keywords(rng, lines, page):
    """A summary under a journal's label (【摘要】, 摘要：) and a keyword line under it
    (【关键词】a；b；c): the keywords are page matter, never body text."""
    with_summary = sorted({x.article for x in lines if x.role == "summary"})
    for i in with_summary:
        label = next(k for k, x in enumerate(lines) if x.article == i and x.role == "label")
        lines[label].text = rng.choice(["【摘要】", "摘要：", "【内容摘要】", "内容摘要"])
        words = _keywords(rng, page.articles[i].title)
        text = rng.choice(["【关键词】", "关键词：", "关键词　"]) + rng.choice(["；", "　", "  "]).join(words)
        lines.insert(last_of(lines, i, ("summary",)) + 1, Line(text, "furniture", -1))
        page.absent.append(text)
    return lines


BANNERS = ["【学思践悟】", "【理论热点】", "【治理之道】", "【思想纵横】", "【理论前沿】", "【学习笔记】"]


def banner_on_title(rng, lines, page):
    """A column banner printed on the title's own line (【学思践悟】提升…): the banner is the
    kicker, the rest of the line the title."""
    titled = sorted({x.article for x in lines if x.role == "title"})
    for i in rng.sample(titled, rng.randint(1, len(titled))):
        at = first_of(lines, i, ("title",))
        art = page.articles[i]
        # (the banner replaces the article's kicker, also where a byline printed above the
        # title stands between them)
        kickers = [k for k in range(at) if lines[k].role == "kicker" and lines[k].article == i]
        for k in reversed(kickers):
            del lines[k]
        at -= len(kickers)
        art.kicker = rng.choice(BANNERS)
        # (a Markdown copy marks the whole printed line as its heading: ## 【学思践悟】提升…)
        mark = re.match(r"#{1,6} ", lines[at].text)
        cut = mark.end() if mark else 0
        text = lines[at].text
        lines[at].text = text[:cut] + art.kicker + rng.choice(["", " ", "\u3000"]) + text[cut:]
    return lines


def byline_on_title(rng, lines, page):
    """The byline printed right of its title, which the text layer gives on the title's line
    (为加快…贡献高校力量　■李奕, or after a wide gap with no marker): the title, then its
    byline (a byline of names alone, which the layout sets beside a title; a byline of roles
    and names goes under it)."""
    pairs = [k for k in range(len(lines) - 1) if lines[k].role == "title" and lines[k + 1].role == "byline"
             and lines[k + 1].article == lines[k].article and page.articles[lines[k].article].byline is None]
    for k in sorted(rng.sample(pairs, rng.randint(1, len(pairs))) if pairs else [], reverse=True):
        byline = lines[k + 1].text
        if byline[:1] not in BYLINE_MARKS:
            byline = rng.choice(BYLINE_MARKS) + byline
        gap = rng.choice(["\u3000", "  ", " ", "\u3000\u3000"])
        if gap != " " and sum(map(ord, byline)) % 2:
            # (after a wide gap, half the bylines print no marker: 题目　　王某; chosen by the
            # names, so that the page's other draws stay as they were)
            byline = byline.lstrip(BYLINE_MARKS).lstrip()
        lines[k].text += gap + byline
        del lines[k + 1]
    return lines


BYLINE_MARKS = "■●▲◆"


def byline_unit(rng, page):
    """The writer's unit or post printed with the byline: after the names on its line (■王某
    某某大学马克思主义学院), in brackets on the line under it (（某某大学教授）), or before the
    one writer's name (■某某大学教授　王某). It is the
    article's affiliation, and no closing line gives another."""
    art = rng.choice([a for a in page.articles if a.authors and a.byline is None] or page.articles)
    if not art.authors:
        return
    unit = rng.choice(PLACES) + rng.choice(FORM_UNITS) + rng.choice(POSTS + ["", ""])
    art.authors = art.authors[:rng.randint(1, 2)]
    names = (art.byline_mark or "■") + " ".join(art.authors)
    where = rng.random()
    if where < 0.35:
        art.byline = [names + rng.choice(["\u3000", " ", "  "]) + unit]
    elif where < 0.7:
        art.byline = [names, rng.choice(["（", "("]) + unit + rng.choice(["）", ")"])]
    else:  # (the unit first, then the one writer's name: ■某某大学教授　王某, or with no marker)
        art.authors = art.authors[:1]
        mark = "" if rng.random() < 0.4 else art.byline_mark or "■"
        art.byline = [mark + unit + rng.choice(["\u3000", " ", "  "]) + art.authors[0]]
    art.footer = [line for line in art.footer if "作者" not in line]
    papers = [m.group(1) for line in art.footer for m in [re.search("《(.+?)》", line)] if m]
    art.affiliation, art.source_paper = unit, (papers[0] if papers else None)


def byline_marks(rng, lines, page):
    """A byline's square marker as the text layer or OCR gives it: on a line of its own above
    the names, or read as 口 or ロ; and the other bylines marked by the writers' parts instead
    (口述：王某　整理：李某, 王某　口述　李某　整理, 王某/文, 【作者】王某, 执笔：王某)."""
    marked = [k for k, x in enumerate(lines) if x.role == "byline" and x.text[:1] in "■□" and len(x.text) > 2]
    chosen = sorted(rng.sample(marked, rng.randint(1, len(marked))) if marked else [], reverse=True)
    for k in (k for k in marked if k not in chosen):
        lines[k] = Line(_writer_parts(rng, lines[k].text[1:].split()), "byline", lines[k].article)
    for k in chosen:
        names = lines[k].text[1:].lstrip()
        if rng.random() < 0.5:
            lines[k:k + 1] = [Line(lines[k].text[0], "byline", lines[k].article), Line(names, "byline", lines[k].article)]
        else:
            lines[k] = Line(rng.choice("口ロ") + names, "byline", lines[k].article)
    return lines


def _writer_parts(rng, names: list[str]) -> str:
    """A byline that labels its writers by their part in the writing instead of a marker."""
    space = rng.choice(["\u3000", " "])
    if len(names) == 2 and rng.random() < 0.6:
        told, written = names
        return rng.choice([f"口述：{told}{space}整理：{written}", f"{told}{space}口述{space}{written}{space}整理"])
    return rng.choice([f"{space.join(names)}/文", f"{space.join(names)}／文", f"【作者】{space.join(names)}",
                       f"执笔：{space.join(names)}", f"撰稿：{space.join(names)}", f"{space.join(names)}{space}等",
                       f"{space.join(names)}（执笔）"])
MASTHEADS = ["RENMIN RIBAO", "GUANGMING DAILY", "JINGJI RIBAO", "XUEXI SHIBAO"]
CONTACTS = ["联系邮箱：{u}@example.cn", "本报地址：{p}市{p}路{n}号　邮政编码：{z}", "定价：{n}.50元",
            "电话：0{n}-{z}", "网址：http://www.example.cn"]


def colophon(rng, lines, page):
    """A page's furniture in the forms of a whole newspaper page: the page number alone
    (9, — 9 —, or a PDF's page foot: 第 9 页 共 16 页, 9/16) at the top, at the foot and where
    the text runs on over a page break (a paragraph cut in two around it), the paper's name
    in Latin letters, contact lines."""
    number = rng.randint(2, 16)
    form = rng.choice(["{n}", "— {n} —", "-{n}-", "{n:02d}", "第 {n} 页 共 17 页", "第{n}页", "{n}/17", "Page {n} of 17"])
    lines.insert(0, Line(form.format(n=number), "furniture", -1))
    if rng.random() < 0.5:
        lines.insert(rng.randint(0, 1), Line(rng.choice(MASTHEADS), "furniture", -1))
    paras = paragraphs(lines, 40)
    if paras:
        k = rng.choice(paras)
        cut = cut_point(rng, lines[k].text)
        if cut is not None:
            line = lines[k]
            lines[k:k + 1] = [Line(line.text[:cut], "paragraph", line.article),
                              Line(form.format(n=number + 1), "furniture", -1),
                              Line(line.text[cut:], "paragraph", line.article)]
    for _ in range(rng.randint(1, 2)):
        text = rng.choice(CONTACTS).format(u=rng.choice(["lilun", "pinglun"]), p=rng.choice(PLACES),
                                           n=rng.randint(10, 99), z=rng.randint(100000, 999999))
        lines.append(Line(text, "furniture", -1))
        page.absent.append(text)
    return lines


# short subheadings of the genre (four or five characters): with a marker they look like a byline
SHORT_HEADS = ["筑牢根基", "激发活力", "守正创新", "久久为功", "系统施策", "协同发力", "补齐短板", "夯实基础",
               "凝聚合力", "提质增效", "新质生产力", "以人为本"]


def marked_subheads(rng, lines, page):
    """An article's subheadings printed with a marker (■ 筑牢根基, ◆坚持系统治理), some of
    them short: the marker is an ornament, and a short marked line is no byline."""
    headed = sorted({x.article for x in lines if x.role == "heading"})
    if not headed:
        return lines
    i = rng.choice(headed)
    marker = rng.choice("■◆●▲□")
    blocks = page.articles[i].blocks
    heads = [x for x in lines if x.article == i and x.role == "heading"]
    # an article's subheadings share one style: all short, or all as written
    short = iter(rng.sample(SHORT_HEADS, len(heads))) if len(heads) <= len(SHORT_HEADS) and rng.random() < 0.5 else None
    for line in heads:
        k = blocks.index(("heading", line.text))
        if short is not None:
            blocks[k] = ("heading", next(short))
        line.text = marker + rng.choice(["", " ", "\u3000"]) + blocks[k][1]
    return lines


def byline_posts(rng, page):
    """Bylines in their other printed forms: the writers' unit or post on the line under
    their names, no brackets (张明远 | 东江大学马克思主义学院); each writer's post or unit in
    brackets after the name, one writer after another on the line (王某（某某大学） 李某（某
    某研究院）), the posts the article's affiliation as 作者分别为… joins them; or a marked
    byline whose later name is printed with justification spaces (■张明远　李　华)."""
    art = rng.choice([a for a in page.articles if a.authors and a.byline is None] or page.articles)
    if not art.authors:
        return
    writers = [art.authors[0]] + [name(rng) for _ in range(rng.randint(1, 2))]
    form = rng.random()
    if form < 0.3:  # the writers' unit or post on the line under their names, no brackets
        writers = writers[:rng.randint(1, 2)]
        unit = rng.choice(PLACES) + rng.choice(UNITS) + rng.choice(POSTS + ["", ""])
        art.byline = [rng.choice([art.byline_mark, ""]) + "\u3000".join(writers), unit]
        art.footer = [line for line in art.footer if "作者" not in line]
        papers = [m.group(1) for line in art.footer for m in [re.search("《(.+?)》", line)] if m]
        art.affiliation, art.source_paper = unit, (papers[0] if papers else None)
    elif form < 0.7:
        posts = [rng.choice(PLACES) + rng.choice(UNITS) + rng.choice(POSTS + [""]) for _ in writers]
        gap = rng.choice(["\u3000", " ", "  ", "、"])
        art.byline = [(art.byline_mark if rng.random() < 0.5 else "")
                      + gap.join(f"{who}{rng.choice(['（', '('])}{post}{rng.choice(['）', ')'])}"
                                 for who, post in zip(writers, posts, strict=True))]
        art.footer = [line for line in art.footer if "作者" not in line]
        papers = [m.group(1) for line in art.footer for m in [re.search("《(.+?)》", line)] if m]
        art.affiliation, art.source_paper = "、".join(posts), (papers[0] if papers else None)
    else:
        writers = [w for w in writers if len(w) == 3][:1] + [w for w in writers if len(w) == 2][:1] or writers[:2]
        spaced = [w if len(w) != 2 else w[0] + "\u3000" + w[1] for w in writers]
        art.byline = [(art.byline_mark or "■") + "\u3000".join(spaced)]
    art.authors = writers
