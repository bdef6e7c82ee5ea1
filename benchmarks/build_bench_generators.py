"""The generators build_bench.py times: site-builder, Hugo and Pelican on the same articles.

Each generator builds an equivalent site from the articles of `make_archive.py`: an article
page each, paginated lists of 20, topic, author and source pages (Hugo: taxonomies
topics/authors/sources; Pelican: tags = topics, authors, category = source paper). Topics are
given to Hugo and Pelican as the first topics of site.toml whose keywords the article
contains. site-builder builds with search, so its site and search index are both current
after every build; Pelican runs with its content cache on (its fastest setup).
"""
from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
UNDATED = "2000-01-01"  # Hugo and Pelican get this date for an article without one
SITE_BUILDER = Path(sys.executable).with_name("site-builder")


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
        source = re.search(r"《(.+?)》", fields.get("source", ""))
        paper = source[1] if source else fields.get("paper", "来源不详")
        found.append(Article(path.stem, fields["title"].strip("'"), fields["authors"].strip("[]").split(", "),
                             fields.get("date", UNDATED), paper, mine, body))
    return found


class Generator:
    name = ""

    def __init__(self, root: Path, anchors: Path):
        self.root, self.anchors = root, anchors

    def write_site(self, articles: list[Article]) -> None:
        raise NotImplementedError

    def article_file(self, name: str) -> Path:
        return self.root / "content" / "articles" / f"{name}.md"

    def article_text(self, article: Article) -> str:
        raise NotImplementedError

    def command(self) -> list[str]:
        raise NotImplementedError


class SiteBuilder(Generator):
    name = "site-builder"

    def write_site(self, articles: list[Article]) -> None:
        pass  # builds make_archive.py's own folder

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
