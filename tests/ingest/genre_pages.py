"""Hand-written articles in the genre's forms, and raw pages set from them the way the
genre's pages print: paragraphs indented two ideographic spaces and wrapped at a narrow
column width, titles and bylines on lines of their own, blocks apart by blank lines."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.ingest.raw_page import extract_text
from site_builder.model import SourceDocument


@dataclass(frozen=True)
class Piece:
    title: str
    byline: str
    paragraphs: tuple[str, ...]


GOVERNANCE = Piece("以高质量党建引领基层治理", "■张明远", (
    "基层治理是国家治理的基石，统筹发展和安全，建设更高水平的平安中国，必须把基层治理摆在更加突出的位置。"
    "近年来，各地坚持党建引领，推动资源下沉、力量下沉，基层治理效能不断提升。",
    "健全组织体系，夯实治理根基。要把党组织建在网格上，推动党的组织和工作有效覆盖新经济组织、"
    "新社会组织和新就业群体，让每一名党员都成为联系群众的纽带。",
    "完善服务机制，回应群众期盼。要坚持问需于民、问计于民，围绕就业、教育、医疗、养老等群众急难愁盼问题，"
    "办好一批看得见、摸得着的实事，让群众的获得感成色更足。",
))
CULTURE = Piece("以文化振兴赋能乡村全面振兴", "■李晓红", (
    "乡村振兴，既要塑形，也要铸魂。文化振兴是乡村振兴的重要内容，也是推动乡村全面振兴的精神动力，"
    "关系到亿万农民的精神面貌。",
    "要深入挖掘乡村优秀传统文化资源，保护好传统村落、民族村寨和农业遗迹，让乡村文化在传承中焕发新的生机与活力。",
    "要健全乡村公共文化服务体系，推动文化资源向基层倾斜，因地制宜建设村史馆、农家书屋和文化广场，"
    "丰富农民群众的精神文化生活。",
))
DIGITAL = Piece("推动数字经济和实体经济深度融合", "●王海涛", (
    "制造业是实体经济的根基，也是数字技术应用最广阔的舞台。推动数字经济和实体经济深度融合，"
    "是把握新一轮科技革命和产业变革机遇的战略选择。",
    "要加快建设新型基础设施，推进工业互联网、大数据中心和算力网络建设，为制造业数字化转型提供坚实支撑。",
    "要完善数据要素市场，健全数据确权、流通、交易和收益分配制度，让数据要素在更大范围内顺畅流动，"
    "释放数据要素的乘数效应。",
))
WIDTH = 16


def column(text: str, width: int = WIDTH, indent: bool = True) -> str:
    """A paragraph as a narrow column prints it: indented, wrapped at `width` characters."""
    text = ("\u3000\u3000" if indent else "") + text
    return "\n".join(text[k:k + width] for k in range(0, len(text), width))


def body(paragraphs: tuple[str, ...] | list[str], width: int = WIDTH) -> str:
    """Paragraphs of one column run: wrapped lines, no blank line between paragraphs."""
    return "\n".join(column(p, width) for p in paragraphs)


def page(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def extract(text: str) -> SourceDocument:
    return extract_text(Path("genre.txt"), text)


def heads(doc: SourceDocument) -> list[tuple[str | None, list[str]]]:
    """(title, authors) of each article, in page order."""
    return [(a.title, a.authors) for a in doc.articles]
