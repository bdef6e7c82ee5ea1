"""Damage simulator: clean articles in the genre's forms -> damaged raw pages.

Clean articles are composed from the sample pages' own sentences (once extracted and
cleaned; each article's body from one sample article, see article_pools), with titles, bylines, kickers, summaries, author units and reprint lines in
the genre's usual forms. Each kind of damage the samples show can be applied alone or
combined, at random positions drawn from a seed. `expected(page)` is what extraction
must give back.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import opencc

from site_builder.ingest.raw_page import extract_raw_page

ROOT = Path(__file__).resolve().parents[2]
SEED_PAGES = sorted((ROOT / "content" / "raw").glob("*.txt"))  # the sample pages, copied in
CJK = re.compile(r"[\u4e00-\u9fff]")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋许韩冯邓曹彭曾萧董袁潘蒋蔡余叶程苏魏吕丁沈姚卢姜崔钟谭汪范金廖贾夏韦方白邹孟熊秦邱尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉萍红玲燕彬鹏辉建庆春晓志宏文博宇浩然凯思雨欣嘉源"
PLACES = ["东江", "南屏", "西岭", "北原", "青川", "临湖", "安平", "永宁", "长乐", "清河"]
UNITS = ["市委党校", "大学马克思主义学院", "省社会科学院", "区委党校", "大学公共管理学院", "市社科联", "县委党校"]
POSTS = ["教授", "副教授", "研究员", "副院长", "讲师"]
PAPERS = ["人民日报", "光明日报", "经济日报", "学习时报", "解放军报", "求是", "中国青年报"]
SLOGANS = ["奋力谱写新时代新篇章！", "坚定信心　真抓实干　推动高质量发展取得新成效！", "凝心聚力　砥砺奋进！"]
KINDS = ["column-break", "interleave", "duplicate", "half-width", "spaces", "markdown", "hard-wrap",
         "traditional", "stray-and", "byline-after", "title-after", "kicker-after", "furniture", "combined"]
# titles and subheadings never open with a run-in enumerator (一是, 首先 …)
ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+要|第[一二三四五六七八九十]|首先|其次|再次|最后|此外|同时|总之|目前|当前|下一步)")
FULL_TO_HALF = {"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")", "“": '"', "”": '"'}


@lru_cache(maxsize=1)
def article_pools() -> list[list[str]]:
    """Sentences of each sample article, in order, as the extractor cleans them (balanced
    quotes and brackets). A generated article takes its body from one of them: a real
    article keeps to its theme and its words, and two articles of one page differ in them
    even when they share a subject. (Earlier every article drew its sentences from all
    the pages at random, so any two articles had one and the same vocabulary: no real
    page is like that, and columns of such articles cannot be told apart by any reader.)"""
    pools: list[list[str]] = []
    seen: list[set[str]] = []
    for page in SEED_PAGES:
        doc = extract_raw_page(page)
        for article in doc.articles:
            pool: list[str] = []
            for block in article.blocks:
                if block.type != "paragraph":
                    continue
                for s in re.findall(r"[^。！？]+[。！？]", block.text):
                    if 15 <= len(s) <= 90 and s.count("“") == s.count("”") and s.count("（") == s.count("）") \
                            and CJK.match(s[0]) and "《" not in s[:3] and s not in pool:
                        pool.append(s)
            # a reprint (one article on two sample pages) gives one pool, not two
            if len(pool) >= 8 and not any(len(set(pool) & other) > len(pool) // 2 for other in seen):
                seen.append(set(pool))
                pools.append(pool)
    return pools


@lru_cache(maxsize=1)
def sentence_pool() -> list[str]:
    """Sentences of the sample pages, as the extractor cleans them."""
    return sorted({s for pool in article_pools() for s in pool})


class _Source:
    """One sample article's sentences, read on from a random place, each once; None when
    they run out. (Sentences are never drawn from another article: a paragraph would then
    read as a patchwork, which no real article is, and the vocabulary that tells two
    interleaved articles apart would be blurred by the simulator itself.)"""

    def __init__(self, rng: random.Random, pool: list[str], used: set[str]):
        self.rng, self.pool, self.used = rng, pool, used
        self.at = rng.randrange(len(pool))
        self.left = len(pool)

    def next(self) -> str | None:
        while self.left > 0:
            s = self.pool[self.at % len(self.pool)]
            self.at += 1
            self.left -= 1
            if s not in self.used:
                self.used.add(s)
                return s
        return None

    def take(self, n: int) -> list[str]:
        taken = [s for s in (self.next() for _ in range(n)) if s is not None]
        return taken


@lru_cache(maxsize=1)
def clause_pool() -> list[str]:
    return _clauses_of(sentence_pool())


@dataclass
class Article:
    title: str
    authors: list[str]
    blocks: list[tuple[str, str]]  # (paragraph | heading, text)
    kicker: str | None = None
    summary: list[str] | None = None  # paragraphs or bullets
    summary_label: str = "内容提要"
    summary_bullets: bool = False
    affiliation: str | None = None
    source_paper: str | None = None
    footer: list[str] = field(default_factory=list)  # the printed closing lines
    byline_mark: str = "■"


@lru_cache(maxsize=1)
def _tagger():
    """The simulator's own segmenter (jieba's dictionary as shipped): pages must not change
    with what the program under test taught a shared one earlier in the process."""
    import rjieba

    return rjieba.Jieba()


@lru_cache(maxsize=None)
def _whole_phrase(clause: str) -> bool:
    """A clause that can stand as a title or subheading: it ends on a noun, verb or adjective
    and opens with a content word (提高引领能力, 城市更新法治保障的重要意义), not a
    fragment of a sentence (在…的同时, 针对…, 将…与…, …的)."""
    tags = _tagger().tag(clause)
    first, last = tags[0][1], tags[-1][1]
    return first[:1] in "nvailj" and last[:1] in "nvailj" and len(tags[-1][0]) > 1 \
        and not _needs_more(clause, tags)


# the first half of a paired construction: the sentence goes on past the clause
_PAIRED = {"不仅": "也还更而", "不但": "也还更而", "无论": "都也还", "不论": "都也还", "虽然": "但却也",
           "只有": "才", "只要": "就便"}


def _needs_more(clause: str, tags) -> bool:
    """A clause that cannot end there: 把/将/由 with no verb after its object or agent
    (高校应把…的政治属性, 市级恳谈会由市委书记),
    不仅/无论/只有 … without the word that answers it (…不仅主动适应…需要), or one that
    introduces reported speech (…报告提出, …总书记强调: what was said follows), or a
    predicate whose subject is in the clause before (是…)."""
    if clause.endswith(("强调", "指出", "提出", "表示", "认为", "要求")) or clause.startswith("是"):
        return True
    fronted = next((k for k, (word, tag) in enumerate(tags) if word in "把将由" and tag in ("p", "d")), None)
    if fronted is not None and not any(tag == "v" for _, tag in tags[fronted + 1:]):
        return True
    return any(first in clause and not any(ch in clause.split(first, 1)[1] for ch in partners)
               for first, partners in _PAIRED.items())


def _clauses_of(pool: list[str]) -> list[str]:
    """Clauses fit for a title or subheading, from these sentences."""
    clauses: set[str] = set()
    for s in pool:
        for c in re.split(r"[，、：；。！？]", s):
            if 6 <= len(c) <= 16 and all(CJK.match(ch) for ch in c) and not ENUMERATOR.match(c) \
                    and _whole_phrase(c):
                clauses.add(c)
    return sorted(clauses)


def _heading(rng: random.Random, clauses: list[str]) -> str:
    """A subheading: two clauses when they fit in 30 characters, else one (a subheading is
    a whole phrase, never cut short)."""
    first, second = rng.choice(clauses), rng.choice(clauses)
    return f"{first}，{second}" if len(first) + len(second) < 30 and first != second else first


def make_article(rng: random.Random, used: set[str], pool: list[str] | None = None) -> Article:
    """One article in the genre's forms. Its title, subheadings and body come from one sample
    article's sentences (an article keeps to its theme); a short sample makes a short article."""
    pool = pool or sentence_pool()
    own = _clauses_of(pool)
    clauses = own if len(own) >= 6 else clause_pool()
    source = _Source(rng, pool, used)
    title = rng.choice(clauses) if rng.random() < 0.6 else f"{rng.choice(clauses)} {rng.choice(clauses)}"
    authors = [rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))]
    if rng.random() < 0.15:
        authors.append(rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN))
    summary: list[str] | None = None
    summary_bullets = False
    if rng.random() < 0.3:
        if rng.random() < 0.5:
            summary = ["".join(source.take(2))]
        else:
            summary_bullets = True
            summary = [s[:-1] for s in source.take(2)]
    blocks: list[tuple[str, str]] = []
    with_headings = rng.random() < 0.4
    for k in range(rng.randint(4, 8)):
        sentences = source.take(rng.randint(2, 5))
        if not sentences:
            break
        heading = _heading(rng, clauses) if with_headings and k > 0 and rng.random() < 0.4 else None
        # an article never repeats a subheading, nor its title
        if heading and heading not in (t for _, t in blocks) and heading not in title:
            blocks.append(("heading", heading))
        blocks.append(("paragraph", "".join(sentences)))
    art = Article(title, authors, blocks, byline_mark=rng.choice(["■", "●", "", "▲"]))
    if rng.random() < 0.35:
        art.kicker = rng.choice([f"【{rng.choice(clauses)[:8]}】", f"学习贯彻{rng.choice(clauses)}精神",
                                 f"“{rng.choice(clauses)[:4]}”时评"])
    if summary:
        art.summary = summary
        if summary_bullets:
            art.summary_label, art.summary_bullets = "核心提示", True
    _add_footer(rng, art)
    return art


def _add_footer(rng: random.Random, art: Article) -> None:
    unit = rng.choice(PLACES) + rng.choice(UNITS)
    paper = rng.choice(PAPERS)
    form = rng.randrange(6)
    if form == 0:
        art.footer, art.affiliation = [f"（作者单位：{unit}）"], unit
    elif form == 1:
        post = unit + rng.choice(POSTS)
        art.footer, art.affiliation = [f"（作者系{post}）"], post
    elif form == 2:
        art.footer, art.source_paper = [f"（原载{rng.randint(1, 12)}月{rng.randint(1, 28)}日《{paper}》）"], paper
    elif form == 3:
        art.footer, art.source_paper, art.affiliation = [f"（据《{paper}》作者为{unit}）"], paper, unit
    elif form == 4:
        art.footer, art.affiliation = [f"作者单位：{unit}"], unit
    else:
        art.footer = [f"（载《{paper}》）", f"（作者单位系{unit}）"]
        art.source_paper, art.affiliation = paper, unit


# --- a page as lines -------------------------------------------------------------------
@dataclass
class Line:
    text: str
    role: str  # kicker | title | byline | label | summary | paragraph | heading | footer | furniture
    article: int
    glued: tuple[int, int, int] | None = None  # a glued line: (article of its head, where it splits, of its tail)


def clean_lines(articles: list[Article]) -> list[Line]:
    lines: list[Line] = []
    for i, a in enumerate(articles):
        if a.kicker:
            lines.append(Line(a.kicker, "kicker", i))
        lines.append(Line(a.title, "title", i))
        lines.append(Line(a.byline_mark + " ".join(a.authors), "byline", i))
        if a.summary:
            lines.append(Line(a.summary_label, "label", i))
            for s in a.summary:
                lines.append(Line(("●" if a.summary_bullets else "") + s, "summary", i))
        for kind, text in a.blocks:
            lines.append(Line(text, kind, i))
        for f in a.footer:
            lines.append(Line(f, "footer", i))
    return lines


def render(lines: list[Line | str]) -> str:
    """Lines separated by blank lines; a str item is written as is (hard-wrapped text)."""
    out = ["", ""]
    for line in lines:
        out.append(line if isinstance(line, str) else line.text)
        out.append("")
    return "\n".join(out)


@dataclass
class Page:
    text: str
    articles: list[Article]
    kinds: list[str]


def make_page(seed: int, kind: str, kinds: list[str] | None = None) -> Page:
    """A page with one kind of damage, none ("clean"), three at random ("combined"), or
    the given `kinds` together."""
    rng = random.Random(seed)
    used: set[str] = set()
    pools = article_pools()
    articles = [make_article(rng, used, pools[k]) for k in rng.sample(range(len(pools)), rng.randint(2, 4))]
    if kinds is None:
        kinds = rng.sample([k for k in KINDS if k not in ("combined",)], 3) if kind == "combined" else [kind]
        if kind == "clean":
            kinds = []
    kinds = list(kinds)
    if "interleave" in kinds and "title-after" in kinds:
        kinds.remove("title-after")
    lines = clean_lines(articles)
    wrapped = None
    # interleave works on the clean articles (it lays their text out in columns); the rest
    # damages whatever lines it leaves
    for k in sorted(kinds, key=lambda k: (k != "interleave", k == "hard-wrap", k == "spaces")):
        if k == "hard-wrap":
            wrapped = hard_wrap(rng, lines)
        else:
            lines = DAMAGE[k](rng, lines, articles)
    return Page(render(wrapped if wrapped is not None else lines), articles, kinds)


# --- the damage ------------------------------------------------------------------------
def _cut_point(rng: random.Random, text: str) -> int | None:
    spots = [p for p in range(10, len(text) - 10) if CJK.match(text[p - 1]) and CJK.match(text[p])]
    return rng.choice(spots) if spots else None


def column_break(rng, lines, articles):
    paras = [i for i, line in enumerate(lines) if line.role == "paragraph" and len(line.text) > 40]
    for i in sorted(rng.sample(paras, min(len(paras), rng.randint(1, 3))), reverse=True):
        p = _cut_point(rng, lines[i].text)
        if p is not None:
            line = lines[i]
            lines[i:i + 1] = [Line(line.text[:p], "paragraph", line.article), Line(line.text[p:], "paragraph", line.article)]
    return lines


def interleave(rng, lines, articles):
    """Two neighbouring articles printed in columns side by side, read column by column.

    Modelled on the real damage (sample page 002): the text layer reads one column of the
    first article, then the second article's title, byline and first column, then the next
    column of the first, and so on in turns. Every column has the same lines of the same
    width (drawn per page; see _columns), so a column ends where its last line does: mostly
    inside a sentence, sometimes at a paragraph's end; a subheading is never cut (it moves
    whole to the next column). The last line of a
    column and the first line of the next are sometimes read as one line, with no
    paragraph break between them (the glued line of page 002). The first article ends last
    and its closing lines follow its last column; the second prints none (as on page 002).
    Not modelled: the first article ending first (its closing lines would then stand
    between two columns of the second).
    """
    if len(articles) < 2:
        return lines
    body_len = lambda i: sum(len(t) for _, t in articles[i].blocks)  # noqa: E731
    # the first article ends last: the second is the shorter one (drop its last paragraphs)
    pairs = list(range(len(articles) - 1))
    rng.shuffle(pairs)
    for a in pairs:
        b = a + 1
        kept = list(articles[b].blocks)
        while sum(len(t) for _, t in kept) >= 0.85 * body_len(a) and len(kept) > 3:
            kept.pop()
            while kept and kept[-1][0] == "heading":
                kept.pop()
        if sum(len(t) for _, t in kept) < 0.85 * body_len(a) and len(kept) >= 2:
            break
    else:
        return lines
    dropped = articles[b].blocks[len(kept):]
    articles[b].blocks = kept
    for _kind, text in dropped:
        lines.remove(next(x for x in lines if x.article == b and x.text == text))
    articles[b].footer, articles[b].affiliation, articles[b].source_paper = [], None, None
    head_roles = ("kicker", "title", "byline", "label", "summary")
    mine = [line for line in lines if line.article == a]
    a_head = [x for x in mine if x.role in head_roles]
    a_foot = [x for x in mine if x.role == "footer"]
    b_head = [x for x in lines if x.article == b and x.role in head_roles]
    capacity = int(body_len(b) * rng.uniform(0.3, 0.48))
    width = rng.randint(10, 16)
    lines_per_column = max(6, capacity // width)
    a_cols = _columns(rng, [(k, t) for k, t in articles[a].blocks], lines_per_column, width, a)
    b_cols = _columns(rng, [(k, t) for k, t in articles[b].blocks], lines_per_column, width, b)
    if len(b_cols) >= len(a_cols):  # the second ends first: its last columns run on as one
        keep = max(0, len(a_cols) - 2)
        b_cols = b_cols[:keep] + [[x for col in b_cols[keep:] for x in col]]
    order: list[list[Line]] = []
    for k, col in enumerate(a_cols):
        order.append(col)
        if k < len(b_cols):
            order.append(b_cols[k])
    mixed = list(a_head)
    for k, col in enumerate(order):
        col = list(col)
        if k == 1:
            mixed += b_head
        elif k > 1 and mixed and col and mixed[-1].role == "cut" and col[0].role == "rest" \
                and mixed[-1].article != col[0].article and rng.random() < 0.25:
            mixed[-1] = Line(mixed[-1].text + col[0].text, "glued", -1,
                             (mixed[-1].article, len(mixed[-1].text), col[0].article))
            col = col[1:]
        mixed += col
    mixed = [Line(x.text, "paragraph", x.article) if x.role in ("cut", "rest") else x for x in mixed]
    mixed += a_foot
    start = lines.index(mine[0])
    rest = [line for line in lines if line.article not in (a, b)]
    before = [line for line in rest if lines.index(line) < start]
    after = [line for line in rest if lines.index(line) > start]
    return before + mixed + after


INDENT = 2  # a paragraph's first line is indented two characters


def _columns(rng, blocks: list[tuple[str, str]], lines_per_column: int, width: int,
             article: int) -> list[list[Line]]:
    """Lay the blocks out in columns of `lines_per_column` lines of `width` characters, as a
    newspaper sets them: a paragraph opens with an indented line and its last line may be
    short; a subheading takes its lines plus one of space and keeps with the text after it
    (one that would stand at a column's foot moves to the next column); a paragraph that
    does not fit is cut where the column's last line ends (moved to the nearest place
    inside a sentence: the extraction repairs breaks inside sentences), leaving a piece of
    role "cut" at the column's foot and one of role "rest" at the next one's head.
    A column's height is fixed, so the text it holds varies only with the space lost at
    paragraph ends and around subheadings."""
    columns: list[list[Line]] = [[]]
    room = lines_per_column
    queue = list(blocks)

    def lines_of(kind: str, text: str) -> int:
        if kind == "heading":
            return -(-len(text) // width) + 1
        return -(-(len(text) + (INDENT if kind == "paragraph" else 0)) // width)

    def next_column() -> None:
        nonlocal room
        columns.append([])
        room = lines_per_column

    while queue:
        kind, text = queue.pop(0)
        role = "rest" if kind == "cont" else kind
        need = lines_of(kind, text) + (2 if kind == "heading" else 0)
        if need <= room or (not columns[-1] and kind == "heading"):
            columns[-1].append(Line(text, role, article))
            room -= lines_of(kind, text)
            if room <= 0:
                next_column()
            continue
        if kind == "heading":
            queue.insert(0, (kind, text))
            next_column()
            continue
        q = room * width - (INDENT if kind == "paragraph" else 0)
        if q > len(text) - 8:  # what is left would be a few characters: the line is squeezed
            columns[-1].append(Line(text, role, article))
            next_column()
            continue
        spots = [k for k in range(8, len(text) - 8) if CJK.match(text[k]) and text[k - 1] not in "。！？；"]
        if q < 8 or not spots:  # the paragraph starts in the next column
            if columns[-1]:
                queue.insert(0, (kind, text))
            else:
                columns[-1].append(Line(text, role, article))
            next_column()
            continue
        q = min(spots, key=lambda k: (abs(k - q), k))
        columns[-1].append(Line(text[:q], "cut", article))
        next_column()
        queue.insert(0, ("cont", text[q:]))
    return [c for c in columns if c]


def duplicate(rng, lines, articles):
    paras = [i for i, line in enumerate(lines) if line.role == "paragraph" and len(line.text) > 40]
    i = rng.choice(paras)
    form = rng.randrange(3)
    if form == 0:  # the whole paragraph printed twice
        lines.insert(i + 1, Line(lines[i].text, "paragraph", lines[i].article))
    elif form == 1:  # a stretch repeated back to back
        text = lines[i].text
        s = rng.randrange(0, len(text) - 30)
        n = rng.randint(15, min(40, len(text) - s))
        lines[i] = Line(text[:s + n] + text[s:s + n] + text[s + n:], "paragraph", lines[i].article)
    else:  # a closing line printed again at the foot of the page
        foot = [line for line in lines if line.role == "footer"]
        if foot:
            lines.append(Line(rng.choice(foot).text, "furniture", -1))
    return lines


def half_width(rng, lines, articles):
    table = str.maketrans(FULL_TO_HALF)
    return [Line(x.text.translate(table) if rng.random() < 0.8 else x.text, x.role, x.article) for x in lines]


def spaces(rng, lines, articles):
    out = []
    for x in lines:
        if x.role in ("paragraph", "summary"):
            chars = list(x.text)
            for p in sorted(rng.sample(range(1, len(chars)), max(1, len(chars) // 20)), reverse=True):
                if CJK.match(chars[p - 1]) and CJK.match(chars[p]):
                    chars.insert(p, " ")
            out.append(Line("".join(chars), x.role, x.article))
        elif x.role == "byline" and len(x.text.lstrip("■●▲")) == 2:
            mark = x.text[:len(x.text) - 2]
            out.append(Line(mark + " ".join(x.text[-2:]), x.role, x.article))
        else:
            out.append(x)
    return out


def markdown(rng, lines, articles):
    out = []
    for x in lines:
        if x.role in ("title", "kicker") and rng.random() < 0.8:
            out.append(Line("## " + x.text, x.role, x.article))
        elif x.role == "paragraph" and rng.random() < 0.2:
            m = re.match(r"[^。]+。", x.text)
            out.append(Line(f"**{m.group(0)}**{x.text[m.end():]}" if m else x.text, x.role, x.article))
        else:
            out.append(x)
    return out


def hard_wrap(rng, lines) -> list[str]:
    width = rng.randint(18, 40)
    indent = rng.random() < 0.5
    out: list[str] = []
    block: list[str] = []
    for x in lines:
        if x.role == "paragraph" and len(x.text) > width:
            wrapped = [x.text[k:k + width] for k in range(0, len(x.text), width)]
            if indent:
                wrapped[0] = "\u3000\u3000" + wrapped[0]
                block.extend(wrapped)
                continue
            out.append("\n".join(wrapped))
        else:
            if block:
                out.append("\n".join(block))
                block = []
            out.append(("\u3000\u3000" if indent and x.role == "paragraph" else "") + x.text)
    if block:
        out.append("\n".join(block))
    return out


@lru_cache(maxsize=1)
def _s2t():
    return opencc.OpenCC("s2t")


def traditional(rng, lines, articles):
    conv = _s2t()
    out = []
    for x in lines:
        if x.role in ("paragraph", "heading", "title"):
            chars = [conv.convert(c) if rng.random() < 0.05 else c for c in x.text]
            out.append(Line("".join(c if len(c) == 1 else o for c, o in zip(chars, x.text, strict=True)), x.role, x.article))
        else:
            out.append(x)
    return out


def stray_and(rng, lines, articles):
    out = []
    for x in lines:
        spots = [m.start() for m in re.finditer(r"(?<=[\u4e00-\u9fff])和(?=[\u4e00-\u9fff])", x.text)]
        if x.role == "paragraph" and spots and rng.random() < 0.5:
            p = rng.choice(spots)
            out.append(Line(x.text[:p] + " and " + x.text[p + 1:], x.role, x.article))
        else:
            out.append(x)
    return out


def byline_after(rng, lines, articles):
    i = rng.randrange(len(articles))
    by = next(x for x in lines if x.article == i and x.role == "byline")
    if not by.text[:1] in "■●▲":
        by.text = "■" + by.text
    lines.remove(by)
    last = max(k for k, x in enumerate(lines) if x.article == i and x.role in ("paragraph", "heading"))
    lines.insert(last + 1, by)
    return lines


def title_after(rng, lines, articles):
    """An article whose title (and byline) is printed after it, below its closing lines."""
    choices = [i for i in range(1, len(articles)) if not articles[i].kicker and not articles[i].summary]
    if not choices:
        return lines
    i = rng.choice(choices)
    head = [x for x in lines if x.article == i and x.role in ("title", "byline")]
    for x in head:
        lines.remove(x)
    if not head[1].text[:1] in "■●▲":
        head[1].text = "●" + head[1].text
    last = max(k for k, x in enumerate(lines) if x.article == i)
    lines[last + 1:last + 1] = [head[1], head[0]]
    return lines


def kicker_after(rng, lines, articles):
    for i, a in enumerate(articles):
        if not a.kicker:
            a.kicker = f"学习贯彻{rng.choice(clause_pool())}精神"
            k = next(n for n, x in enumerate(lines) if x.article == i and x.role == "title")
            lines.insert(k, Line(a.kicker, "kicker", i))
    for i in range(len(articles)):
        k = next(n for n, x in enumerate(lines) if x.article == i and x.role == "kicker")
        t = next(n for n, x in enumerate(lines) if x.article == i and x.role == "title")
        if rng.random() < 0.5 and k < t:
            lines[k], lines[t] = lines[t], lines[k]
    return lines


def page_furniture(rng, lines, articles):
    if rng.random() < 0.5:
        lines.insert(0, Line(f"{rng.randint(2015, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日 星期三", "furniture", -1))
    lines.append(Line(rng.choice(SLOGANS), "furniture", -1))
    lines.append(Line(f"本版投稿邮箱：{rng.choice(['lilun', 'sixiang', 'pinglun'])}{rng.randint(1, 999)}@example.com",
                      "furniture", -1))
    paras = [k for k, x in enumerate(lines) if x.role == "paragraph"]
    k = rng.choice(paras)
    lines[k] = Line(lines[k].text + f"（下转第{rng.randint(2, 8)}版）", "paragraph", lines[k].article)
    paras = [k for k, x in enumerate(lines) if x.role == "paragraph"]
    k = rng.choice(paras)
    lines.insert(k + 1, Line(rng.choice(["———", "* * *", "━━━━━━"]), "furniture", -1))
    return lines


DAMAGE = {
    "column-break": column_break, "interleave": interleave, "duplicate": duplicate, "half-width": half_width,
    "spaces": spaces, "markdown": markdown, "traditional": traditional, "stray-and": stray_and,
    "byline-after": byline_after, "title-after": title_after, "kicker-after": kicker_after,
    "furniture": page_furniture,
}


# --- checking --------------------------------------------------------------------------
def _key(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def expected(article: Article) -> dict:
    return {
        "title": _key(article.title), "authors": article.authors, "kicker": _key(article.kicker) or None,
        "affiliation": article.affiliation, "source_paper": article.source_paper,
        "summary": "\n".join(article.summary) if article.summary else None,
        "blocks": [(t, _key(x)) for t, x in article.blocks],
    }


def got(article) -> dict:
    return {
        "title": _key(article.title), "authors": article.authors, "kicker": _key(article.kicker) or None,
        "affiliation": article.affiliation, "source_paper": article.source_paper, "summary": article.summary,
        "blocks": [(b.type, _key(b.text)) for b in article.blocks],
    }


def differences(page: Page, doc) -> list[str]:
    """What the extraction got wrong, empty when it gave the clean articles back."""
    problems: list[str] = []
    found = {_key(a.title): a for a in doc.articles}
    if len(doc.articles) != len(page.articles):
        problems.append(f"{len(doc.articles)} articles, want {len(page.articles)}")
    for art in page.articles:
        want = expected(art)
        have = found.get(want["title"])
        if have is None:
            problems.append(f"missing article {art.title!r}")
            continue
        have = got(have)
        for key, value in want.items():
            if key == "blocks" and have[key] != value:
                k = next((k for k, (x, y) in enumerate(zip(have[key], value, strict=False)) if x != y), min(len(have[key]), len(value)))
                problems.append(f"{art.title[:10]} block {k}: got {have[key][k:k + 2]!r}"[:300]
                                + f" want {value[k:k + 2]!r}"[:300])
            elif have[key] != value:
                problems.append(f"{art.title[:10]} {key}: got {str(have[key])[:120]!r} want {str(value)[:120]!r}")
    return problems
