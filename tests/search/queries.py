"""The query set of the search tests and benchmark: every kind the archive must handle.

Hand-picked queries (words, phrases, names, idioms, fragments across words, spaced queries,
punctuation typed half- or full-width, traditional characters, single characters, misses),
plus queries cut deterministically from the article texts themselves (fragments of 2 to 6
characters, author names, title pieces), so that the set keeps meaning as the content grows.
"""
from __future__ import annotations

import random
import re

from site_builder.search.normalize import normalize

FIXED = [
    # 2-character words
    ("word2", "治理"), ("word2", "人才"), ("word2", "党建"), ("word2", "教育"), ("word2", "科技"),
    ("word2", "创新"), ("word2", "基层"), ("word2", "发展"), ("word2", "城市"), ("word2", "文化"),
    # longer words and phrases
    ("phrase", "城市治理"), ("phrase", "新质生产力"), ("phrase", "高质量发展"),
    ("phrase", "全过程人民民主"), ("phrase", "治理能力现代化"), ("phrase", "习近平总书记强调"),
    ("phrase", "中国式现代化"), ("phrase", "乡村振兴"),
    ("phrase", "人民城市人民建"),  # the bigram 人民 twice in one phrase
    # names
    ("name", "习近平"), ("name", "马克思"), ("name", "江津"), ("name", "重庆"),
    # idioms
    ("idiom", "举足轻重"), ("idiom", "因地制宜"), ("idiom", "相辅相成"), ("idiom", "多措并举"),
    ("idiom", "急难愁盼"), ("idiom", "实事求是"),
    # fragments that cut across words
    ("fragment", "产力"), ("fragment", "城市治"), ("fragment", "质生产"), ("fragment", "理体系"),
    ("fragment", "展新质"), ("fragment", "育科"),
    # several parts separated by spaces: all must occur
    ("spaced", "城市 治理"), ("spaced", "新质生产力 高校"), ("spaced", "人才 科技 教育"),
    ("spaced", "党建　引领"),  # full-width space
    # punctuation typed half-width or full-width, quotes
    ("punct", "教育、科技"), ("punct", "教育,科技"), ("punct", "教育，科技"), ("punct", "“两个确立”"),
    ("punct", '"两个确立"'), ("punct", "《人民日报》"), ("punct", "12345"), ("punct", "１２３４５"),
    # traditional characters
    ("traditional", "發展"), ("traditional", "習近平"), ("traditional", "城市治理體系"),
    # single characters
    ("single", "党"), ("single", "治"),
    # nothing should match
    ("none", "量子纠缠态"), ("none", "不存在的词语组合"),
]


def derived(texts: dict[str, str], authors: list[str], titles: list[str], count: int = 30,
            seed: int = 20240601) -> list[tuple[str, str]]:
    """Queries cut from the texts: fragments of 2..6 characters, author names, title parts."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    urls = sorted(texts)
    runs = []
    for url in urls:
        runs.extend(r for r in normalize(texts[url]).split() if len(r) >= 6 and re.search(r"[\u4e00-\u9fff]", r))
    for _ in range(count):
        if not runs:
            break
        run = rng.choice(runs)
        n = rng.choice([2, 2, 3, 4, 5, 6])
        i = rng.randrange(0, len(run) - n + 1)
        out.append(("sampled", run[i:i + n]))
    for _ in range(max(2, count // 8)):  # sentence-length queries, as pasted by a reader
        if not runs:
            break
        run = rng.choice([r for r in runs if len(r) >= 12] or runs)
        n = min(len(run), rng.randint(10, 16))
        i = rng.randrange(0, len(run) - n + 1)
        out.append(("long", run[i:i + n]))
    for name in sorted(set(authors))[:8]:
        out.append(("name", name))
    for title in sorted(titles)[:6]:
        head = normalize(title).split()
        if head and len(head[0]) >= 4:
            out.append(("title", head[0][:4]))
    return out


def query_set(texts: dict[str, str], authors: list[str], titles: list[str], count: int = 30) -> list[tuple[str, str]]:
    seen = set()
    out = []
    for kind, q in FIXED + derived(texts, authors, titles, count):
        if q not in seen:
            seen.add(q)
            out.append((kind, q))
    return out
