"""Kinds of issue 15 that shape the articles before they are laid out: bylines in other
forms, articles without byline, boxes, groups of short pieces, a continued article.

Each takes (rng, page) and changes page.articles (and what the page must give back)."""
from __future__ import annotations

import random
import re

from tests.ingest.sim import corpus
from tests.ingest.sim.compose import PLACES, POSTS, UNITS, Article, make_article, name
from tests.ingest.sim.corpus import SENTENCE

IDEOGRAPHIC_SPACE = "\u3000"
GROUP_BANNERS = ["专家谈", "学者笔谈", "专家视点", "理论圆桌"]
COMMENT_KICKERS = ["短评", "评论员观察", "今日谈"]
NUMBERED_LATER = re.compile(r"^[二三四五六七八九]、")


def _unit(rng: random.Random) -> str:
    return rng.choice(PLACES) + rng.choice(UNITS)


def _drop_footer(art: Article) -> None:
    art.footer, art.affiliation, art.source_paper = [], None, None


def paren_byline(rng, page):
    """（东江大学马克思主义学院教授　王某）: the unit and post, then the name, in parentheses."""
    art = rng.choice(page.articles)
    post = _unit(rng) + rng.choice(POSTS)
    art.authors = [name(rng)]
    art.byline = [f"（{post}{rng.choice([' ', IDEOGRAPHIC_SPACE])}{art.authors[0]}）"]
    _drop_footer(art)
    art.affiliation = post


def _justified(rng: random.Random, person: str) -> str:
    """A two-character name set in the width of three: 苏　雁 (or 苏 雁)."""
    return rng.choice([" ", IDEOGRAPHIC_SPACE]).join(person) if len(person) == 2 else person


def reporter_lines(rng, page):
    """本报记者　苏　雁 / 本报通讯员　姬尊雨: one to three lines, one or two names a line."""
    art = rng.choice(page.articles)
    art.authors, art.byline = [], []
    for role in rng.sample(["本报记者", "本报通讯员", "新华社记者", "本报实习生"], rng.randint(1, 3)):
        people = [name(rng) for _ in range(rng.choice((1, 1, 2)))]
        art.authors += people
        art.byline.append(role + IDEOGRAPHIC_SPACE + IDEOGRAPHIC_SPACE.join(_justified(rng, p) for p in people))
    _drop_footer(art)


def commentary(rng, page):
    """A 评论员文章 or 短评: no byline, no closing lines, sometimes a label above the title."""
    art = next(a for a in page.articles if a.title in {w.title for w in corpus.by_form("commentary")})
    art.authors, art.byline = [], []
    _drop_footer(art)
    art.kicker = rng.choice(COMMENT_KICKERS) if rng.random() < 0.5 else None


def link_box(rng, page):
    """A 链接 / 延伸阅读 box printed after the body: its label a subheading, its text a paragraph."""
    boxed = {w.title: w for w in corpus.articles() if w.box}
    art = next(a for a in page.articles if a.title in boxed)
    written = boxed[art.title]
    art.blocks += [("heading", written.box_title or "链接"), ("paragraph", written.box or "")]


def expert_group(rng, page):
    """A 专家谈 group: a banner, then short pieces, each with its own title, byline and unit."""
    banner = rng.choice(GROUP_BANNERS)
    pieces = rng.sample(corpus.by_form("short"), rng.randint(2, 3))
    group = [make_article(rng, w, frozenset({"whole"})) for w in pieces]
    for art in group:
        art.kicker, art.summary = None, None
        post = _unit(rng) + rng.choice(POSTS)
        art.footer, art.affiliation, art.source_paper = [f"（作者系{post}）"], post, None
    group[0].before = [banner]
    page.leftovers.append((None, banner))
    page.absent.append(banner)
    page.articles += group


def continuation(rng, page):
    """The page opens with the rest of an article from another page, under （上接第N版） or
    nothing: no title (one is inferred), a numbered subheading (三、…) among its blocks."""
    on_page = {a.title for a in page.articles}
    fits = [w for w in corpus.by_form("article") if any(NUMBERED_LATER.match(h) for h in w.headings)
            and w.title not in on_page]
    for written in rng.sample(fits, len(fits)):
        art = make_article(rng, written, frozenset({"whole"}))
        at = next((k for k, (kind, text) in enumerate(art.blocks) if kind == "heading" and NUMBERED_LATER.match(text)
                   and art.blocks[k - 1][0] == "paragraph"), None)
        if at is not None:
            break
    else:
        raise AssertionError("the corpus holds no article with a later numbered subheading")
    sentences = SENTENCE.findall(art.blocks[at - 1][1])
    opening = "".join(sentences[rng.randrange(len(sentences)):]) if len(sentences) > 1 else art.blocks[at - 1][1]
    art.blocks = [("paragraph", opening), *art.blocks[at:]]
    art.title_inferred, art.kicker, art.summary, art.subtitle = True, None, None, None
    art.authors, art.byline = [], []
    if rng.random() < 0.6:
        marker = f"（上接第{rng.randint(1, 8)}版）"
        art.before = [marker]
        page.absent.append(marker)
    page.articles.insert(0, art)


def editor_note(rng, page):
    """编者按 heading a group of articles (the page's first, or from its second on): followed
    by a colon, an ideographic space, or nothing (the note on the next line)."""
    note = rng.choice(corpus.editor_notes())
    form = rng.randrange(3)
    lines = [f"编者按：{note}"] if form == 0 else [f"编者按{IDEOGRAPHIC_SPACE}{note}"] if form == 1 else ["编者按", note]
    art = page.articles[rng.randrange(min(2, len(page.articles) - 1))]
    art.before = lines + art.before
    page.leftovers.append(("editor_note", note))
    page.absent.append(note)
