"""A small, safe minification of the site's own static scripts and style sheets, at copy time.

The search page's script and the style sheet are fetched before a reader's first query (and
the style sheet by every page): their comments and indentation were a third of their gzipped
bytes (10,000 articles: ~3.5 of the ~155 KiB before the first query). A real minifier
(rjsmin, rcssmin) would be a new dependency for this; what is done here only removes what
cannot change a meaning:

- a script: the lines that are only a ``//`` comment, blank lines and the white space at the
  start and end of each line. Line breaks stay (no change to automatic semicolon insertion);
  a script with a template literal or string over several lines is left as it is.
- a style sheet: comments, and white space: a run becomes one space, none next to
  ``{ } ; , >``; a ``;`` before ``}`` goes. Strings are left as they are.
"""
from __future__ import annotations

import re

_CSS_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|/\*.*?\*/|\s+|[^"\'/\s]+|/', re.S)
_CSS_TIGHT = set("{};,>")


def minified(name: str, data: bytes) -> bytes:
    """``data`` of the static file ``name``, minified when it is a script or a style sheet."""
    if name.endswith(".js"):
        return _script(data.decode("utf-8")).encode("utf-8")
    if name.endswith(".css"):
        return _style(data.decode("utf-8")).encode("utf-8")
    return data


def _script(text: str) -> str:
    lines = text.split("\n")
    if any(line.replace("\\`", "").count("`") % 2 for line in lines) or re.search(r"\\\n", text):
        return text  # a literal over several lines: its white space is its content
    kept = [line.strip() for line in lines]
    return "".join(line + "\n" for line in kept if line and not line.startswith("//"))


def _style(text: str) -> str:
    out: list[str] = []
    for token in _CSS_TOKENS.findall(text):
        if token.startswith("/*"):
            continue
        if token.isspace():
            if out and out[-1] != " " and out[-1][-1] not in _CSS_TIGHT:
                out.append(" ")
            continue
        if out and out[-1] == " " and token[0] in _CSS_TIGHT:
            out.pop()
        if token[0] == "}" and out and out[-1].endswith(";"):
            out[-1] = out[-1][:-1]
            if not out[-1]:
                out.pop()
        out.append(token)
    return "".join(out).strip() + "\n"
