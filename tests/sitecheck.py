"""Reading a built site in tests: its pages as element trees, their links, and the links
that point nowhere."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# ---------- a tiny DOM on html.parser ----------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(eq=False, repr=False)
class Node:
    tag: str
    attrs: dict[str, str | None]
    parent: "Node | None" = None
    children: list["Node | str"] = field(default_factory=list)

    def __repr__(self) -> str:  # short: the tree links both ways, a full repr never ends
        return f"<{self.tag} {' '.join(f'{k}={v!r}' for k, v in self.attrs.items())}>"[:120]

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list["Node"]:
        out = []
        for node in self.iter():
            if tag is not None and node.tag != tag:
                continue
            if all(_attr_matches(node, k.rstrip("_").replace("_", "-"), v) for k, v in attrs.items()):
                out.append(node)
        return out

    def find(self, tag: str | None = None, **attrs) -> "Node | None":
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def text(self) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag == "img":
                parts.append(child.attrs.get("alt") or "")
            elif child.tag not in ("script", "style", "template"):
                parts.append(child.text())
        return "".join(parts)

    def clean_text(self) -> str:
        return re.sub(r"\s+", " ", self.text()).strip()

    def has_class(self, name: str) -> bool:
        return name in (self.attrs.get("class") or "").split()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def contains(self, other: "Node") -> bool:
        return any(a is self for a in other.ancestors())


def _attr_matches(node: Node, name: str, want) -> bool:
    if name == "class":
        return node.has_class(want)
    if want is True:
        return name in node.attrs
    return node.attrs.get(name) == want


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.current)
        self.current.children.append(node)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is None:
            self.errors.append(f"stray </{tag}>")
            return
        if node is not self.current:
            self.errors.append(f"</{tag}> closes unclosed <{self.current.tag}>")
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(path: Path) -> Node:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    assert not builder.errors, f"{path}: badly nested HTML: {builder.errors[:3]}"
    assert builder.current is builder.root, f"{path}: <{builder.current.tag}> is never closed"
    return builder.root


def page_of(site: Path, url: str) -> Path:
    return site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html"


# ---------- links ----------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def links_of(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def target_of(site: Path, link: str) -> Path | None:
    """The file a site-relative link points to (None for links that leave the site)."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    path = unquote(parts.path)
    return site / (path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/"))


def broken_links(site: Path) -> list[tuple[str, str]]:
    broken = []
    for page in sorted(site.rglob("*.html")):
        for link in links_of(page):
            target = target_of(site, link)
            if target is not None and not target.is_file():
                broken.append((str(page.relative_to(site)), link))
    return broken
