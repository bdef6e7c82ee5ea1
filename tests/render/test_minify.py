"""The static scripts and style sheets are copied minified (``render.minify``): fewer bytes
before the first query, and nothing that could change what they do."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

from site_builder.render.minify import minified

STATIC = Path(__file__).resolve().parents[2] / "site_builder" / "templates" / "static"


def test_a_script_loses_its_comment_lines_and_indentation_only():
    source = b"// a comment\nconst a = 1;\n\n  if (a) {\n    f(`x`); // kept: after code\n  }\nconst u = 'http://x';\n"
    assert minified("a.js", source) == b"const a = 1;\nif (a) {\nf(`x`); // kept: after code\n}\nconst u = 'http://x';\n"


def test_a_script_with_a_literal_over_lines_is_left_as_it_is():
    source = b"const t = `a\n  // b\n  c`;\n"
    assert minified("a.js", source) == source
    assert minified("a.js", b"const s = 'a\\\n  b';\n") == b"const s = 'a\\\n  b';\n"


def test_a_style_sheet_loses_comments_and_spaces_but_not_strings():
    source = b'/* head */\na , b > c {\n  color: red;\n  content: "x  /* y */  z";\n}\n.d :hover { margin: 0 auto }\n'
    assert minified("a.css", source) == b'a,b>c{color: red;content: "x  /* y */  z"}.d :hover{margin: 0 auto}\n'


def test_other_files_are_copied_as_they_are():
    assert minified("a.svg", b"<svg>  </svg>\n") == b"<svg>  </svg>\n"


def test_the_search_page_files_shrink():
    for name in ("search.js", "style.css", "search.css"):
        source = (STATIC / name).read_bytes()
        out = minified(name, source)
        assert len(gzip.compress(out)) < 0.9 * len(gzip.compress(source)), name
    script = minified("search.js", (STATIC / "search.js").read_bytes()).decode()
    assert not re.search(r"^\s*//", script, re.M) and not re.search(r"^\s", script, re.M)


def test_the_build_copies_them_minified(seed_site):
    for name in ("search.js", "style.css"):
        built = (seed_site / "static" / name).read_bytes()
        assert built == minified(name, (STATIC / name).read_bytes()) != (STATIC / name).read_bytes()
