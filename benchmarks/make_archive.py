"""Generate a large archive of Markdown articles for build benchmarks.

    python benchmarks/make_archive.py --articles 10000 --out /tmp/bench-content

Sentences come from the sample raw pages (whatever the extractor makes of them), so the
text has the genre's vocabulary and length; titles, authors, dates, sources and topics are
drawn with a fixed seed, so the same command always makes the same archive.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国庆文斌宇浩凯亮晨雪琳晶欣怡子轩梓涵一诺宁远思源志远海燕春梅小龙"
PAPERS = ["人民日报", "经济日报", "光明日报", "学习时报", "求是网", "法治日报", "中国教育报", "内蒙古日报",
          "重庆日报", "湖州日报", "解放日报", "南方日报", "浙江日报", "北京日报", "中国组织人事报"]


def sentences() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "content/raw").glob("*.txt")))
    text = re.sub(r"\s+", "", text)
    found = [s for s in re.findall(r"[^。！？]{12,120}[。！？]", text) if not re.search(r"[A-Za-z#*■]", s)]
    return sorted(set(found))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = sentences()
    authors = sorted({rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
                      for _ in range(max(50, args.articles // 6))})
    if args.out.exists():
        shutil.rmtree(args.out)
    (args.out / "articles").mkdir(parents=True)
    shutil.copy(ROOT / "content/site.toml", args.out / "site.toml")
    for number in range(args.articles):
        title = rng.choice(pool)[:rng.randint(8, 22)].rstrip("，、；：") + f"（{number}）"
        paragraphs = ["".join(rng.sample(pool, rng.randint(3, 6))) for _ in range(rng.randint(5, 12))]
        year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
        paper = rng.choice(PAPERS)
        front = (f"title: '{title}'\nauthors: [{', '.join(rng.sample(authors, rng.choice((1, 1, 1, 2))))}]\n"
                 f"date: {year}-{month:02d}-{day:02d}\nsource: 原载{month}月{day}日《{paper}》\n")
        body = "\n\n".join(paragraphs[:3] + [f"## {rng.choice(pool)[:14]}"] + paragraphs[3:])
        (args.out / "articles" / f"a{number:05d}.md").write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
    print(f"wrote {args.articles} articles, {len(authors)} authors into {args.out}")


if __name__ == "__main__":
    main()
