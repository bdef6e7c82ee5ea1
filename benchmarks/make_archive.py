"""Generate a large archive of Markdown articles for build benchmarks and site checks.

    python benchmarks/make_archive.py --articles 10000 --out /tmp/bench-content [--with-raw]

Sentences come from the sample raw pages (whatever the extractor makes of them), so the
text has the genre's vocabulary and length; titles, authors, dates, sources and topics are
drawn with a fixed seed, so the same command always makes the same archive.

Articles are laid out on printed pages: each newspaper issue (a paper and a date) has a few
pages (版次, with a 版名), each page one to five articles, so that the date and newspaper
views have days, issues and pages with several articles. About one article in twenty has
no date at all (日期不详). Each dated article's front matter says where it was printed
(`date`, `paper`, `page`, `page_name`); `--with-raw` copies the sample raw pages too, each
with a sidecar TOML (same stem) naming its paper, date and page, as an editor would write
it. The same facts are written to `pages.json` at the content root (file -> paper, date,
page, page_name): not read by the build, it is what a test compares the build's reading with.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国庆文斌宇浩凯亮晨雪琳晶欣怡子轩梓涵一诺宁远思源志远海燕春梅小龙"
PAPERS = ["人民日报", "经济日报", "光明日报", "学习时报", "求是网", "法治日报", "中国教育报", "内蒙古日报",
          "重庆日报", "湖州日报", "解放日报", "南方日报", "浙江日报", "北京日报", "中国组织人事报"]
PAGE_NAMES = ["理论", "评论", "学术", "思想理论", "理论周刊", "观点", "要闻"]
UNDATED_SHARE = 20  # one article in this many has no date


@dataclass(frozen=True)
class Page:
    paper: str
    date: dt.date
    number: int
    name: str

    def as_json(self) -> dict[str, object]:
        return {"paper": self.paper, "date": self.date.isoformat(), "page": self.number, "page_name": self.name}


def sentences() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "content/raw").glob("*.txt")))
    text = re.sub(r"\s+", "", text)
    found = [s for s in re.findall(r"[^。！？]{12,120}[。！？]", text) if not re.search(r"[A-Za-z#*■]", s)]
    return sorted(set(found))


def printed_pages(rng: random.Random, articles: int) -> list[Page | None]:
    """Where each article stands: pages of one to five articles, issues of one to three pages;
    None for an undated article."""
    places: list[Page | None] = []
    while len(places) < articles:
        paper = rng.choice(PAPERS)
        date = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(7 * 365))
        for number in sorted(rng.sample(range(1, 17), rng.randint(1, 3))):
            page = Page(paper, date, number, rng.choice(PAGE_NAMES))
            places += [None if rng.randrange(UNDATED_SHARE) == 0 else page for _ in range(rng.randint(1, 5))]
    return places[:articles]


def front_matter(rng: random.Random, title: str, authors: list[str], page: Page | None) -> str:
    lines = [f"title: '{title}'", f"authors: [{', '.join(authors)}]"]
    if page is not None:
        lines.append(f"date: {page.date.isoformat()}")
        if rng.random() < 0.4:  # a reprint: 原载 another paper a few days earlier
            first = page.date - dt.timedelta(days=rng.randint(1, 20))
            lines.append(f"source: 原载{first.month}月{first.day}日《{rng.choice(PAPERS)}》")
        lines += [f"paper: {page.paper}", f"page: {page.number}", f"page_name: {page.name}"]
    return "\n".join(lines) + "\n"


def copy_raw_pages(out: Path, rng: random.Random) -> dict[str, dict[str, object]]:
    """The sample raw pages, each with a sidecar TOML as an editor would write it."""
    (out / "raw").mkdir()
    manifest = {}
    for source in sorted((ROOT / "content/raw").glob("*.txt")):
        shutil.copy(source, out / "raw" / source.name)
        page = Page(rng.choice(PAPERS), dt.date(2024, 6, 20) + dt.timedelta(days=rng.randrange(60)),
                    rng.randint(1, 16), rng.choice(PAGE_NAMES))
        (out / "raw" / f"{source.stem}.toml").write_text(
            f'paper = "{page.paper}"\ndate = {page.date.isoformat()}\npage = {page.number}\n'
            f'page_name = "{page.name}"\n', encoding="utf-8")
        manifest[f"raw/{source.name}"] = page.as_json()
    return manifest


def make_archive(out: Path, articles: int = 1000, seed: int = 7, with_raw: bool = False) -> int:
    """Write the content folder; return the number of authors."""
    rng = random.Random(seed)
    pool = sentences()
    authors = sorted({rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
                      for _ in range(max(50, articles // 6))})
    if out.exists():
        shutil.rmtree(out)
    (out / "articles").mkdir(parents=True)
    shutil.copy(ROOT / "content/site.toml", out / "site.toml")
    manifest = copy_raw_pages(out, rng) if with_raw else {}
    for number, page in enumerate(printed_pages(rng, articles)):
        title = rng.choice(pool)[:rng.randint(8, 22)].rstrip("，、；：") + f"（{number}）"
        paragraphs = ["".join(rng.sample(pool, rng.randint(3, 6))) for _ in range(rng.randint(5, 12))]
        front = front_matter(rng, title, rng.sample(authors, rng.choice((1, 1, 1, 2, 4))), page)
        body = "\n\n".join(paragraphs[:3] + [f"## {rng.choice(pool)[:14]}"] + paragraphs[3:])
        name = f"a{number:05d}.md"
        (out / "articles" / name).write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
        if page is not None:
            manifest[f"articles/{name}"] = page.as_json()
    (out / "pages.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(authors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--with-raw", action="store_true", help="copy the sample raw pages, with sidecars")
    args = parser.parse_args()
    authors = make_archive(args.out, args.articles, args.seed, with_raw=args.with_raw)
    print(f"wrote {args.articles} articles, {authors} authors into {args.out}")


if __name__ == "__main__":
    main()
