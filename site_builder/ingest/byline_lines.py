"""A byline's lines as the text layer gives them: printed right of its title, which the text
layer gives on the title's line (为加快…贡献高校力量　■李奕, or the names alone after a wide
gap: 题目　　王某), or its marker set apart from the names on a line of its own (■ over 李奕).
A byline's marker and names, or names the lexicon reads as persons' after a wide gap, at
the end of a title-shaped line are a unit of their own; a lone marker opens the line under
it."""
from __future__ import annotations

from site_builder.ingest import metadata, names, shapes
from site_builder.ingest.furniture import furniture_kind
from site_builder.ingest.lines import Unit
from site_builder.model import LineSpan


def mend_byline_lines(units: list[Unit]) -> list[Unit]:
    """The units with each byline's marker printed on a line of its own joined to the line
    under it, and each one-line title that ends on its byline split in two."""
    return split_title_bylines(join_lone_markers(units))


def join_lone_markers(units: list[Unit]) -> list[Unit]:
    """A byline's marker alone on a line (■, then 李奕 on the next) opens the unit under it."""
    out: list[Unit] = []
    for unit in units:
        if out and _lone_marker(out[-1]) and not _lone_marker(unit) and _marks_a_byline(out[-1], unit):
            marker = out.pop()
            joined = marker.joined_with(unit, unit.text)
            joined.raw = marker.raw.strip() + unit.raw.lstrip()  # (■李奕, as printed)
            unit = joined
        out.append(unit)
    return out


def _marks_a_byline(marker: Unit, unit: Unit) -> bool:
    """The marker and the line under it read as a byline (■ over 李奕); a marker over any other
    line (an article's end mark over the next title) is an ornament of its own."""
    return metadata.parse_byline_parts(marker.raw.strip() + unit.raw.strip(), marked_only=True) is not None


def _lone_marker(unit: Unit) -> bool:
    text = unit.raw.strip()
    return len(text) == 1 and text in metadata.MARKERS


def split_title_bylines(units: list[Unit]) -> list[Unit]:
    """The units with each one-line title that ends on its byline split in two: the title,
    then the byline (both on that line)."""
    out: list[Unit] = []
    for k, unit in enumerate(units):
        parts = _title_and_byline(unit, units[k + 1] if k + 1 < len(units) else None)
        out.extend(parts if parts else [unit])
    return out


def _title_and_byline(unit: Unit, below: Unit | None) -> list[Unit] | None:
    if "\n" in unit.raw.strip() or len(unit.spans) != 1:
        return None
    parts = metadata.split_trailing_byline(unit.raw) or _title_and_names(unit.raw, below)
    if parts is None:
        return None
    line = unit.spans[0]
    return [Unit(part, [LineSpan(line.first, line.last)]) for part in parts]


def _title_and_names(line: str, below: Unit | None) -> tuple[str, str] | None:
    """Names after a wide gap with no marker go apart over the article's text or its summary's
    label, never over another title-shaped line (a list of contents sets its entries with
    their writers one under another), nor after a unit or a post (东江大学教授　王明), nor
    on a line of page matter."""
    parts = names.split_trailing_names(line)
    if parts is None:  # (most lines: nothing more is asked of them)
        return None
    over_entry = below is None or (shapes.title_shaped(below.raw.strip()) and metadata.parse_summary_label(below.raw) is None)
    page_matter = furniture_kind(line) is not None  # (【关键词】迈上　金山)
    return None if over_entry or page_matter or metadata.names_unit(parts[0]) else parts
