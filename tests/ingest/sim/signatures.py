"""Articles signed otherwise than by their writers' names: a round table's host (主持人：本报
记者 王静) over speakers' turns, a research group (某某研究院课题组) with the names of those
who wrote it up in a closing line (（执笔：王某 李某）) and the article's notes under it
(注释：①…), a department signing as one (本报评论部). Each takes (rng, page) and changes page.articles (and what the page must give back)."""
from __future__ import annotations

from tests.ingest.sim.compose import PLACES, name
from tests.ingest.sim.shapes import _justified

GROUP_UNITS = ["大学马克思主义学院", "省社会科学院", "市委党校", "大学国家治理研究院", "省委政策研究室"]
NOTES = ["参见《{p}市推进基层治理现代化的实施意见》。", "参见《习近平谈治国理政》第四卷，外文出版社2022年版。",
         "数据来源于{p}市统计局发布的年度统计公报。", "参见《中国统计年鉴（2023）》，中国统计出版社2023年版。"]


def round_table(rng, page):
    """A round table: its host named on the byline line, the speakers' turns as paragraphs."""
    art = rng.choice(page.articles)
    host = name(rng)
    art.authors = [host]
    role = rng.choice(["本报记者", "", "本报评论员"])
    art.byline = [f"主持人{rng.choice(['：', ':'])}{role}{' ' if role else ''}{_justified(rng, host) if role else host}"]
    if art.affiliation and not any(art.affiliation in line for line in art.footer):
        art.affiliation = None  # (the unit was printed in the byline the host's line replaced: paren-byline's)
    speakers = [name(rng), name(rng)]
    turns = []
    for k, (kind, text) in enumerate(art.blocks):
        if kind == "paragraph":
            text = f"{speakers[k % 2]}：{text}"
        turns.append((kind, text))
    art.blocks = turns


def research_group(rng, page):
    """A research group's article: the group signs, a closing line names who wrote it up,
    and numbered notes follow under their label."""
    art = rng.choice(page.articles)
    group = rng.choice(PLACES) + rng.choice(GROUP_UNITS) + "课题组"
    art.authors, art.byline = [group], [rng.choice(["■", "", "●"]) + group]
    writers = [name(rng) for _ in range(rng.randint(1, 2))]
    writer_line = f"（执笔{rng.choice(['：', '人：'])}{' '.join(writers)}）"
    art.footer, art.affiliation, art.source_paper = [writer_line], None, None
    page.absent.append(writer_line)
    if rng.random() < 0.6:
        label = rng.choice(["注释：", "注释", "参考文献："])
        notes = [f"{mark}{text.format(p=rng.choice(PLACES))}" for mark, text in
                 zip(rng.choice([["①", "②", "③"], ["[1]", "[2]", "[3]"]]), rng.sample(NOTES, rng.randint(1, 3)),
                     strict=False)]
        art.footer += [label, *notes]
        page.absent += notes


DEPARTMENTS = ["本报评论部", "本报评论员", "本刊编辑部", "求是杂志编辑部", "光明日报评论员", "经济日报评论员"]


def department(rng, page):
    """An article signed by a paper's department or its commentator as one: the byline names
    no person, and it is the author."""
    art = rng.choice(page.articles)
    signer = rng.choice(DEPARTMENTS)
    art.authors, art.byline = [signer], [rng.choice(["", "■", "●"]) + signer]


def dateline(rng, page):
    """A news report: no byline; its writers named in the dateline that opens its first
    paragraph (本报北京6月5日电（记者 王某）), which stays the paragraph's text."""
    reports = [a for a in page.articles if a.authors and a.blocks and a.blocks[0][0] == "paragraph" and a.byline is None]
    if not reports:
        return
    art = rng.choice(reports)
    art.authors = art.authors[:rng.randint(1, 2)]
    place = rng.choice(["北京", "上海", ""]) + (f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日" if rng.random() < 0.7 else "")
    filed = rng.choice(["本报", "新华社"]) + place + ("电" if place else rng.choice(["讯", "电"]))
    # (printed without spaces: cleaning takes out those between Chinese characters)
    roles = ["记者" + art.authors[0]]
    if len(art.authors) > 1:
        roles.append(rng.choice(["通讯员", "记者", ""]) + art.authors[1])
    writers = "、".join(roles)
    art.byline = []
    art.blocks[0] = ("paragraph", f"{filed}（{writers}）{art.blocks[0][1]}")
