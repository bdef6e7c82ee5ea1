"""The command line: `site-builder build | serve | correct | extract`."""
from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path

import site_builder
from site_builder import staging
from site_builder.build import BuildOptions, build_site
from site_builder.errors import SiteBuildError
from site_builder.report import print_report


def entry() -> None:
    """The console command: the process ends as soon as the command's output is out. Tearing
    down a 10,000-article build's objects one by one costs about a second of CPU, and nothing
    needs it; the output is flushed and a retired site still being deleted is handed to a
    process of its own first (what exiting would have done). For the same reason a build's
    cycle collector stays off after it (`_run_build`)."""
    code = main(exits=True)
    sys.stdout.flush()
    sys.stderr.flush()
    staging.hand_over_removals()
    os._exit(code)


def main(argv: list[str] | None = None, exits: bool = False) -> int:
    """Run a command; `exits`: the process ends as soon as it has (`entry`)."""
    parser = _parser()
    args = parser.parse_args(argv)
    args.exits = exits
    try:
        return args.run(args)
    except SiteBuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


class _Version(argparse.Action):
    """--version: the version is looked up only then (site_builder.__version__)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"{parser.prog} {site_builder.__version__}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="site-builder", description=__doc__)
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the site from a content folder")
    _add_site_options(build)
    build.set_defaults(run=_run_build)

    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1, rebuild and reload on change")
    _add_site_options(serve)
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    serve.set_defaults(run=_run_serve)

    correct = commands.add_parser("correct", help="write an extracted article as Markdown into "
                                  "content/articles/ for an editor to correct (it then wins over the extraction)")
    correct.add_argument("raw_page", type=Path, metavar="RAW_PAGE", help="content/raw/X.txt")
    which = correct.add_mutually_exclusive_group()
    which.add_argument("--article", type=int, metavar="N", help="the page's Nth article (1-based)")
    which.add_argument("--title", help="the article of this title")
    correct.set_defaults(run=_run_correct)

    extract = commands.add_parser("extract", help="print the articles extracted from raw pages as JSON")
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE")
    extract.set_defaults(run=_run_extract)
    return parser


def _add_site_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--content", type=Path, default=Path("content"), help="content folder (default content/)")
    command.add_argument("--output", type=Path, default=Path("public"), help="output folder (default public/)")
    command.add_argument("--strict", action="store_true", help="fail on any warning")
    command.add_argument("--keep-going", action="store_true",
                         help="publish the rest of the site when some content files are bad (still exits 1)")
    command.add_argument("--no-cache", action="store_true",
                         help="neither read nor keep earlier builds' results (.site-builder-cache/)")


def _options(args: argparse.Namespace, search_apart: bool = False) -> BuildOptions:
    return BuildOptions(content_dir=args.content, output_dir=args.output, strict=args.strict,
                        keep_going=args.keep_going, cache=not args.no_cache, search_apart=search_apart)


def _run_build(args: argparse.Namespace) -> int:
    if args.exits:
        # turned on again after the build, the collector would walk every object the build
        # made (half a second at 10,000 articles) just before the process ends
        gc.disable()
    result = build_site(_options(args, search_apart=True))  # one build a process: both cores (lane.py)
    print_report(result)
    return 1 if result.errors else 0


def _run_serve(args: argparse.Namespace) -> int:
    from site_builder.serve import serve  # imports the file watcher only when serving

    return serve(_options(args), port=args.port)


def _run_correct(args: argparse.Namespace) -> int:
    from site_builder.corrections import write_correction

    written = write_correction(args.raw_page, args.article, args.title)
    print(f"wrote {written}: correct it there; it replaces the extraction on every build")
    return 0


def _run_extract(args: argparse.Namespace) -> int:
    from site_builder.ingest import read_source
    from site_builder.ingest.export import document_to_json

    pages, failed = [], 0
    for path in args.files:
        try:
            pages.append(document_to_json(read_source(path)))
        except SiteBuildError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    json.dump({"pages": pages}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 1 if failed else 0
