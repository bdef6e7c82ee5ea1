"""Test kit for the preview with the real build: a small content folder of dated articles,
the real build watched by the test, and the live-reload states it waits on."""
from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

from site_builder.build import BuildOptions, build_site

from .sitekit import EventStream


def write_article(content: Path, name: str, title: str, body: str, day: int) -> Path:
    path = content / "articles" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\ndate: 2024-06-{day:02d}\ntopics: [城市治理]\n---\n{body}\n",
                    encoding="utf-8")
    return path


def make_content(root: Path) -> Path:
    content = root / "content"
    write_article(content, "a", "城市治理的新路径", "第一版的正文。" * 20, 1)
    write_article(content, "b", "乡村振兴的实践", "另一篇文章的正文。" * 20, 2)
    (content / "site.toml").write_text('title = "档案"\n', encoding="utf-8")
    return content


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def clean_build(content: Path, output: Path) -> dict[str, bytes]:
    """The files `site-builder build --no-cache` writes for the content."""
    build_site(BuildOptions(content, output, cache=False))
    return files_of(output)


def page_of(output: Path, title: str) -> str:
    """The site path of the article page titled `title`."""
    return next(p for p in output.glob("articles/*/index.html")
                if f"<title>{title}" in p.read_text(encoding="utf-8")).relative_to(output).as_posix()


def state_where(events: EventStream, wanted, timeout: float = 300) -> tuple[dict, list[dict]]:
    """The first live-reload state that is `wanted`, and every state up to it."""
    seen = []
    while True:
        seen.append(events.next_state(timeout))
        if wanted(seen[-1]):
            return seen[-1], seen


class WatchedBuild:
    """The real build (`strict`: warnings fail it); every build after the first waits until
    `gate` is set; `failed` is set once one has failed."""

    def __init__(self, gated: bool = False, strict: bool = False) -> None:
        self.gate = threading.Event()
        if not gated:
            self.gate.set()
        self.failed = threading.Event()
        self.calls = 0
        self.strict = strict

    def __call__(self, options: BuildOptions):
        self.calls += 1
        if self.calls > 1:
            assert self.gate.wait(300), "the test never opened the gate"
        try:
            return build_site(dataclasses.replace(options, strict=self.strict))
        except Exception:
            self.failed.set()
            raise


class HeldBuild:
    """The real build; every build after the first holds once it has read the content (in
    `on_archive`, before it renders; `holding` is set) until the test lets one more through
    (`release`)."""

    def __init__(self) -> None:
        self.permits = threading.Semaphore(0)
        self.holding = threading.Event()
        self.calls = 0

    def release(self, builds: int = 1) -> None:
        self.permits.release(builds)

    def __call__(self, options: BuildOptions):
        self.calls += 1
        if self.calls == 1 or options.on_archive is None:
            return build_site(options)
        handed = options.on_archive

        def held(*read) -> None:
            self.holding.set()
            assert self.permits.acquire(timeout=300), "the test never released the build"
            handed(*read)

        return build_site(dataclasses.replace(options, on_archive=held))
