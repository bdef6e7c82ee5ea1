"""Photo captions and credits are page furniture: leftovers of the kind `caption`, never body."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest.furniture import furniture_kind
from site_builder.ingest.raw_page import extract_text


@pytest.mark.parametrize("line", [
    "照片由作者提供", "本版图片除署名外均由视觉中国提供", "图片来源：人民网", "资料图片", "（资料图片）",
    "本版图片均为资料图", "（图片为资料图片）",
    "（新华社发）", "新华社发", "新华社记者 李明 摄", "（本报记者 苏 雁摄）", "张华供图", "制图：王芳", "王芳制图", "数据来源：国家统计局",
    "漫画：李明", "受访者供图", "（图片由受访者提供）",
    "图为2023年5月，游客在西湖边游览。新华社记者 王某 摄",
    "图为村民在田间查看秧苗长势。",
    "左图：市民在社区服务中心办理业务。",
    "图①：新建成的产业园区。（资料图片）",
])
def test_caption_forms(line):
    assert furniture_kind(line) == "caption"


@pytest.mark.parametrize("line", [
    # body text may open with 图为 but runs on: more sentences than a caption says
    "图为我们提供了一条思路。这说明基层治理要因地制宜。要加强研究，形成制度。",
    "蓝图共绘", "做好新闻拍摄", "新闻拍摄", "城市治理要摄取经验",  # headings that end like credits
    "本报记者 苏雁",  # a reporter's byline, not a photo credit
])
def test_not_captions(line):
    assert furniture_kind(line) != "caption"


PAGE = """推动城市治理现代化

■ 王明

照片由作者提供

城市治理是国家治理体系和治理能力现代化的重要内容。近年来，各地坚持以人民为中心，推动城市治理重心下移，

图为2023年5月，社区工作者走访居民。新华社记者 李华 摄

不断提升城市治理的精细化水平。实践证明，只有依靠群众，才能把城市治理好。

图为我们提供了一条思路。这说明基层治理要因地制宜，要加强研究，形成可复制的制度成果。

（新华社发）

（作者单位：某市委党校）
"""


def test_captions_on_a_page_are_leftovers_and_the_body_reads_on():
    doc = extract_text(Path("captions.txt"), PAGE)
    (article,) = doc.articles
    body = [b.text for b in article.blocks]
    assert body[0].endswith("推动城市治理重心下移，不断提升城市治理的精细化水平。实践证明，只有依靠群众，才能把城市治理好。")
    assert body[1].startswith("图为我们提供了一条思路。")  # a body paragraph that opens with 图为
    captions = [left.text for left in doc.leftovers if left.kind == "caption"]
    assert captions == ["照片由作者提供", "图为2023年5月，社区工作者走访居民。新华社记者李华摄", "（新华社发）"]
    assert not any("李华摄" in b or "作者提供" in b or "新华社发" in b for b in body)
    assert article.affiliation == "某市委党校"


@pytest.mark.parametrize(("line", "kind"), [("【关键词】数字乡村；产业升级；融合发展", "other"),
                                          ("关键词：基层治理　数字赋能", "other"),
                                          ("扫描二维码阅读全文", "notice"), ("（扫码收听本文音频）", "notice"),
                                          ("通过二维码实现产品追溯，让消费者买得放心。", None),
                                          ("— 9 —", "other"), ("12", "other"), ("-3-", "other"),
                                          ("第 3 页 共 9 页", "other"), ("第3页", "other"), ("3/9", "other"),
                                          ("Page 3 of 9", "other"), ("2024", None), ("第三页", None),
                                          ("RENMIN RIBAO", "banner"), ("AI", None),
                                          ("联系邮箱：lilun@example.cn", "notice"), ("定价：1.50元", "notice"),
                                          ("本报地址：北京市朝阳区金台西路2号", "notice"),
                                          ("网址：http://www.example.cn", "notice"),
                                          ("2035年", None), ("地址变更后，群众办事更方便了。", None),
                                          ("▲ 西岭镇村民在田间采收茶叶。 新华社记者 李 明 摄", "caption"),
                                          ("新华社发 王某 作", "caption"), ("视觉中国", "caption"),
                                          ("▲谢嘉", None), ("▲ 坚持以人民为中心的发展思想，把人民的向往作为奋斗目标。", None),
                                          ("加强文艺创作", None), ("深化区域合作", None)])
def test_keyword_lines_scan_prompts_page_numbers_and_contact_lines_are_page_matter(line, kind):
    assert furniture_kind(line) == kind


def test_a_paragraph_cut_by_a_page_break_around_its_page_number_reads_on():
    """The text above a page number printed alone stops where the page ended: in
    mid-sentence it is the first half of a paragraph, never a subheading."""
    text = ("推动基层治理现代化\n\n■ 王明\n\n"
            "基层治理是国家治理的基石。近年来，各地坚持以党建引领基层治理，推动资源下沉、力量下沉。\n\n"
            "从近年来查处的腐败案件\n\n— 7 —\n\n"
            "看，“家族式腐败”屡见不鲜。领导干部要管好自己的配偶、子女和身边工作人员。\n\n"
            "（作者单位：东江市委党校）\n")
    doc = extract_text(Path("page.txt"), text)
    assert [b.type for b in doc.articles[0].blocks] == ["paragraph", "paragraph"]
    assert doc.articles[0].blocks[1].text.startswith("从近年来查处的腐败案件看，")
