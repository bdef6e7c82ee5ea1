"""Stray traditional characters in simplified text: which characters, and what they become.

OCR and copies from traditional-script sources leave single traditional characters in
simplified text (發展, 後來). The repair converts those characters and nothing else:

- A character is converted only when it is not used in simplified text. The data is
  OpenCC's character tables (``traditional_table``, generated from the installed OpenCC):
  a key of its traditional-to-simplified table that is never its own simplified form and
  is not itself a simplified character that has traditional forms (``TRADITIONAL_ONLY``:
  發, 後, 髮, 麵 …). Characters that are valid simplified Chinese in some words but
  traditional in others (乾 in 乾坤 / 乾淨, 於, 昇 in 毕昇, 徵 …: ``AMBIGUOUS``) are
  converted only where both OpenCC's phrases and the simplified lexicon say so (below).
  Every other character is left as printed: 坏, 著, 覆, 么 are simplified characters,
  whatever a phrase table keyed on traditional text makes of them (打坏 is not 打坯).
- One character at a time: context only chooses among a character's candidates. The
  window around it is read as traditional text (OpenCC s2t), converted back with OpenCC's
  phrase tables (t2s), and only the result at that one position is adopted (計畫 → 计划,
  not 计画; 頭髮 → 头发).
- An ambiguous character changes only when OpenCC's phrase reading changes it and the
  changed text forms a word of jieba's (simplified) dictionary through that position that
  is far more frequent than any word the printed character forms there (对於 → 对于, since
  对于 is a common word and 对於 a rare misprint; 毕昇 and 乾隆 stay: OpenCC keeps them),
  or when the printed character stands in no word and its reading is a function word
  (问计於民 → 问计于民). A given name (李乾说) stands in no word and reads as no function
  word: it stays.

jieba's dictionary alone cannot tell which characters are used in simplified text: 1,134
of the 3,198 traditional-only characters occur in it, most as single-character entries
(後, 裏, 發) or in mixed-script words (对於, 至於); it serves only as the word list above.
"""
from __future__ import annotations

import re
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from site_builder.ingest.traditional_table import AMBIGUOUS, TRADITIONAL_ONLY

CONTEXT = 6  # characters either side read with a character whose candidates differ
WORD_WINDOW = 4  # characters either side searched for lexicon words through a position
LEXICON_RATIO = 20  # how much more frequent the converted word must be than the printed one
_FUNCTION_TAGS = ("p", "c", "u")  # jieba's tags of prepositions, conjunctions, particles
_STRAY = re.compile("[" + "".join(sorted({*TRADITIONAL_ONLY, *AMBIGUOUS})) + "]")


@lru_cache(maxsize=2)
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


def has_stray(text: str) -> bool:
    return _STRAY.search(text) is not None


def traditional_ratio(text: str) -> float:
    """Share of the distinct Chinese characters of a text that are traditional forms."""
    han = {c for c in text if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"}
    if not han:
        return 0.0
    return sum(1 for c in han if c in TRADITIONAL_ONLY or c in AMBIGUOUS) / len(han)


def simplify_stray(text: str) -> str:
    """Convert the stray traditional characters of simplified text, one at a time."""
    if not has_stray(text):
        return text
    chars = list(text)
    ambiguous = []
    for match in _STRAY.finditer(text):
        i, ch = match.start(), match.group(0)
        if ch in TRADITIONAL_ONLY:
            chars[i] = _traditional_only(text, i, TRADITIONAL_ONLY[ch])
        else:
            ambiguous.append(i)
    # ambiguous characters are judged in the text whose certain strays are repaired (關於:
    # the word 关于 only shows once 關 is 关)
    repaired = "".join(chars)
    for i in ambiguous:
        chars[i] = _ambiguous(repaired, i, AMBIGUOUS[repaired[i]])
    return "".join(chars)


def _traditional_only(text: str, i: int, candidates: str) -> str:
    if len(candidates) == 1:
        return candidates
    chosen = phrase_reading(text, i)
    return chosen if chosen is not None and chosen in candidates else candidates[0]


def _ambiguous(text: str, i: int, candidates: str) -> str:
    printed = text[i]
    chosen = phrase_reading(text, i)
    if chosen is None or chosen == printed or chosen not in candidates:
        return printed
    printed_word = _best_word(text, i)
    if _best_word(text[:i] + chosen + text[i + 1:], i) > LEXICON_RATIO * max(1, printed_word):
        return chosen
    # standing in no word, the character is the function word it spells (问计於民: 于), as a
    # name's character never is
    if not printed_word and _is_function_word(chosen):
        return chosen
    return printed


def _is_function_word(ch: str) -> bool:
    from site_builder.ingest.lexicon import tag

    return any(t.startswith(_FUNCTION_TAGS) for _, t in tag(ch))


def phrase_reading(text: str, i: int) -> str | None:
    """What OpenCC's phrase conversion makes of the character at i, read in its window as
    traditional text (its phrase tables are keyed on traditional words); None when the
    conversion does not keep the window's length (no position to read)."""
    lo, hi = max(0, i - CONTEXT), min(len(text), i + CONTEXT + 1)
    window = text[lo:hi]
    traditional = _opencc("s2t").convert(window)
    if len(traditional) != len(window):
        return None
    traditional = traditional[:i - lo] + text[i] + traditional[i - lo + 1:]
    simplified = _opencc("t2s").convert(traditional)
    return simplified[i - lo] if len(simplified) == len(window) else None


def _best_word(text: str, i: int) -> int:
    """Frequency of the most frequent word of jieba's dictionary (two characters or more)
    that covers position i of the text."""
    from site_builder.ingest.lexicon import word_frequency  # (jieba's dict.txt, read once for ingest)

    best = 0
    for start in range(max(0, i - WORD_WINDOW), i + 1):
        for end in range(i + 1, min(len(text), i + WORD_WINDOW + 1) + 1):
            if end - start >= 2:
                best = max(best, word_frequency(text[start:end]))
    return best


# --- the table, generated from the installed OpenCC ----------------------------------------
def opencc_dictionary(name: str) -> list[tuple[str, list[str]]]:
    """One of the installed OpenCC's character dictionaries (TSCharacters, STCharacters) as
    (key, candidates) rows, dumped with the opencc_dict tool its package ships."""
    import opencc

    clib = Path(opencc.__file__).parent / "clib"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{name}.txt"
        subprocess.run([str(clib / "bin" / "opencc_dict"), "-i", str(clib / "share" / "opencc" / f"{name}.ocd2"),
                        "-o", str(out), "-f", "ocd2", "-t", "text"], check=True, capture_output=True)
        rows = [line.split("\t", 1) for line in out.read_text(encoding="utf-8").splitlines() if "\t" in line]
    return [(key, values.split()) for key, values in rows]


def build_tables(ts: list[tuple[str, list[str]]], st: list[tuple[str, list[str]]]) -> tuple[dict, dict]:
    """(traditional-only characters, ambiguous characters), each character -> its candidates.

    Traditional-only: a key of TSCharacters that is not among its own candidates and not a
    key of STCharacters (a simplified character with traditional forms). Ambiguous: a key
    that is among its candidates but not OpenCC's default (the first). Keys whose default is
    themselves (坏 -> 坏 坯) are simplified characters and belong to neither."""
    simplified = {key for key, _ in st}
    only: dict[str, str] = {}
    ambiguous: dict[str, str] = {}
    for key, candidates in ts:
        if len(key) != 1 or key in simplified:
            continue
        if key not in candidates:
            only[key] = "".join(candidates)
        elif candidates[0] != key:
            ambiguous[key] = "".join(candidates)
    return only, ambiguous


def table_module(only: dict[str, str], ambiguous: dict[str, str]) -> str:
    """The source of traditional_table.py for the two tables."""
    import opencc

    def rows(table: dict[str, str]) -> str:
        entries = [k + v for k, v in sorted(table.items())]
        return "\n".join(" ".join(entries[n:n + 30]) for n in range(0, len(entries), 30))

    return (f'"""Generated by `python -m site_builder.ingest.stray_traditional` from OpenCC '
            f"{opencc.__version__}'s\nTSCharacters and STCharacters (see stray_traditional.py); do not edit.\n\n"
            'Each entry is a character followed by its simplified candidates, OpenCC\'s default first.\n"""\n'
            f'_ONLY = """\n{rows(only)}\n"""\n_AMBIGUOUS = """\n{rows(ambiguous)}\n"""\n\n'
            "TRADITIONAL_ONLY = {e[0]: e[1:] for e in _ONLY.split()}\n"
            "AMBIGUOUS = {e[0]: e[1:] for e in _AMBIGUOUS.split()}\n")


if __name__ == "__main__":  # regenerate traditional_table.py from the installed OpenCC
    tables = build_tables(opencc_dictionary("TSCharacters"), opencc_dictionary("STCharacters"))
    Path(__file__).with_name("traditional_table.py").write_text(table_module(*tables), encoding="utf-8")
    print(f"{len(tables[0])} traditional-only, {len(tables[1])} ambiguous characters")
