"""Hand-written or corrected articles: Markdown with YAML front matter.

    ---
    title: 抓好城市治理体系和治理能力现代化
    authors: [伍爱群]
    date: 2024-06-20
    paper: 人民日报     # optional, with page and page_name: the printed page it stands on
    page: 9            # 版次
    page_name: 理论     # 版名
    topics: [城市治理]
    source: 原载6月20日《人民日报》
    source_paper: 人民日报     # optional; read from `source` when absent
    kicker: 深入学习贯彻习近平新时代中国特色社会主义思想   # optional
    summary: ……                                       # optional
    affiliation: 华东师范大学国家安全与应急管理研究院院长   # optional
    note: 本文为国家社科基金项目（24BZZ001）阶段性成果        # optional: printed with the byline
    slug: zhua-hao-cheng-shi-zhi-li                    # optional: pins or takes over a permalink
    ---
    正文段落……

    ## 小标题

A Markdown article whose title (or slug) is that of an extracted article replaces the
extraction on every build: that is how an editor corrects what the cleaner got wrong.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markdown
import yaml

from site_builder.errors import ContentError
from site_builder.ingest.decode import remove_control_characters
from site_builder.ingest.layer_repairs import remove_invisible, unify_radicals
from site_builder.ingest.printed_dates import reprint_date
from site_builder.ingest.text_files import read_utf8
from site_builder.model import Article, Block, LineSpan, PageInfo, SourceDocument

FIELDS = {
    "title": str, "authors": list, "date": dt.date, "topics": list, "source": str,
    "source_paper": str, "kicker": str, "summary": str, "affiliation": str, "slug": str,
    "paper": str, "page": int, "page_name": str, "note": str,
}
REQUIRED = ("title",)
_PAPER_RE = re.compile(r"《([^》]+)》")
_SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def read_markdown_article(path: Path) -> SourceDocument:
    text, warnings = remove_control_characters(_read_utf8(path), path)
    for repair in (remove_invisible, unify_radicals):  # (text pasted from a PDF's text layer)
        text, warned = repair(text, path)
        warnings += warned
    lines = text.split("\n")
    meta, body_start = _front_matter(lines, path)
    article = _article_from_meta(meta, path)
    article.blocks = _blocks(lines, body_start, path)
    article.origin, article.origin_kind = path, "markdown"
    article.lines = [LineSpan(1, max(1, len(lines)))]
    if not article.blocks:
        raise ContentError("the article has no body text after its front matter", path, body_start + 1)
    article.page = _page_from_meta(meta, path, article.date)
    return SourceDocument(path=path, kind="markdown", articles=[article], warnings=warnings, raw_lines=lines,
                          page=article.page)


def _read_utf8(path: Path) -> str:
    text = read_utf8(path)
    if not text.strip():
        raise ContentError("file is empty", path)
    return text.replace("\r\n", "\n")


def _front_matter(lines: list[str], path: Path) -> tuple[dict, int]:
    """Parse the YAML between the first two `---` lines; return it and the body's first index."""
    if not lines or lines[0].strip() != "---":
        raise ContentError("missing front matter: the file must start with a line '---'", path, 1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise ContentError("front matter is not closed by a line '---'", path, 1) from None
    try:
        meta = _yaml("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for the '---'
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError(f"broken front matter: {problem}", path, line) from exc
    if not isinstance(meta, dict):
        raise ContentError("front matter must be a mapping of keys to values", path, 2)
    return meta, end + 1


def _yaml(text: str) -> object:
    """The front matter's YAML, parsed by libyaml when PyYAML has it (a tenth of the pure
    parser's time); a text libyaml refuses is parsed again by the pure parser, whose error
    (or answer) is the one given."""
    if _C_LOADER is not None:
        try:
            return yaml.load(text, Loader=_C_LOADER)  # noqa: S506 (a safe loader)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


_C_LOADER = getattr(yaml, "CSafeLoader", None)


def _article_from_meta(meta: dict, path: Path) -> Article:
    for key in meta:
        if key not in FIELDS:
            raise ContentError(f"unknown front matter key '{key}' (known: {', '.join(FIELDS)})",
                               path, _meta_line(path, key))
    for key in REQUIRED:
        if not meta.get(key):
            raise ContentError(f"front matter lacks '{key}'", path, 2)
    values = {k: _coerce(k, v, path) for k, v in meta.items() if v is not None}
    source = values.get("source")
    paper = values.get("source_paper")
    if source and not paper:
        match = _PAPER_RE.search(source)
        paper = match.group(1) if match else None
    slug = values.get("slug")
    if slug is not None and not _SLUG_RE.match(slug):
        raise ContentError(f"slug '{slug}' must be lowercase ASCII words joined by '-'", path, _meta_line(path, "slug"))
    return Article(
        title=values["title"], blocks=[], kicker=values.get("kicker"),
        authors=values.get("authors", []), affiliation=values.get("affiliation"),
        source=source, source_paper=paper, summary=values.get("summary"), note=values.get("note"),
        date=values.get("date"), topics=values.get("topics", []), slug=slug,
        source_date=reprint_date(source, values.get("date")),
    )


def _page_from_meta(meta: dict, path: Path, date: dt.date | None) -> PageInfo:
    """The printed page the article stands on, as the front matter gives it (keys checked)."""
    def value(key: str):
        return _coerce(key, meta[key], path) if meta.get(key) is not None else None

    paper = value("paper")
    return PageInfo(paper.strip("《》") if paper else None, date, value("page"), value("page_name"))


def _coerce(key: str, value: object, path: Path):
    """The value in the kind its key wants; a ContentError naming the key's line if it is not."""
    try:
        return _coerced(key, value)
    except _Refused as refused:
        raise ContentError(refused.message, path, _meta_line(path, key)) from None


class _Refused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _coerced(key: str, value: object):
    want = FIELDS[key]
    if want is list:
        if isinstance(value, str):  # `authors: 李奕` or `authors: 李奕、王岩松`
            value = [v for v in re.split(r"[、,，;；\s]+", value) if v]
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            raise _Refused(f"'{key}' must be a list of names")
        return [str(v).strip() for v in value if str(v).strip()]
    if want is int:
        if isinstance(value, str) and value.strip().isdigit():  # page: "09"
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise _Refused(f"'{key}' must be the page number (版次), a whole number like 9, got {value!r}")
        return value
    if want is dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        raise _Refused(f"'date' must be a date like 2024-06-21, got {value!r}")
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise _Refused(f"'{key}' must be text, got {value!r}")
    return str(value).strip()


def _meta_line(path: Path, key: str) -> int | None:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8-sig").split("\n"), start=1):
            if re.match(rf"^{re.escape(key)}\s*:", line):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return None


def _blocks(lines: list[str], start: int, path: Path) -> list[Block]:
    """Body paragraphs and `##` subheadings, each knowing its source lines."""
    blocks: list[Block] = []
    chunk: list[str] = []
    chunk_start = start

    def flush(end: int) -> None:
        text = "".join(s.strip() for s in chunk) if _is_cjk_heavy(chunk) else " ".join(s.strip() for s in chunk)
        if text:
            blocks.append(Block("paragraph", _inline(text), [LineSpan(chunk_start + 1, end)]))
        chunk.clear()

    for index in range(start, len(lines)):
        line = lines[index]
        heading = re.match(r"^#{1,6}\s+(.*\S)\s*#*\s*$", line)
        if heading:
            flush(index)
            blocks.append(Block("heading", _inline(heading.group(1)), [LineSpan(index + 1, index + 1)]))
            chunk_start = index + 1
        elif not line.strip():
            flush(index)
            chunk_start = index + 1
        else:
            if not chunk:
                chunk_start = index
            chunk.append(line)
    flush(len(lines))
    return blocks


def _is_cjk_heavy(chunk: list[str]) -> bool:
    text = "".join(chunk)
    return sum(map(len, _CJK_RUNS.findall(text))) > len(text) / 3


_CJK_RUNS = re.compile("[\u4e00-\u9fff]+")


_MARKDOWN = markdown.Markdown()  # one converter, reset per use: building one costs ~0.3 ms


_MARKUP = re.compile(r"[*_`\[\]<>&\\!]")


def _inline(text: str) -> str:
    """Plain text of a Markdown paragraph (emphasis and links reduced to their words)."""
    if not _MARKUP.search(text):
        return text.strip()  # most paragraphs are plain prose: skip the converter
    html = _MARKDOWN.reset().convert(text)
    plain = re.sub(r"<[^>]+>", "", html)
    return (plain.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", '"').replace("&#39;", "'").strip())
