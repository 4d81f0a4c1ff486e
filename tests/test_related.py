"""Related posts are found from set intersections and the heads of the tags' lists
(write/navigation.py), not by counting every post of every tag: the choice must be the one
counting gives, on any blog (random ones here, seeded)."""

from __future__ import annotations

import heapq
import random
from collections import Counter
from types import SimpleNamespace

from sphinx_posts.write.navigation import _most_shared


def counted(rank: dict[str, int], own: str, lists: list[list[str]], count: int) -> list[int]:
    """The rule itself: most shared tags first, then newest."""
    shared: Counter[str] = Counter()
    for found in lists:
        shared.update(found)
    shared.pop(own, None)
    return [i for _, i in heapq.nsmallest(count, ((-n, rank[d]) for d, n in shared.items()))]


def test_related_posts_are_those_sharing_most_tags_newest_first():
    rng = random.Random(15)
    for _ in range(3000):
        docs = [f"posts/{i}" for i in range(rng.randint(1, 60))]
        rank = {doc: i for i, doc in enumerate(docs)}  # newest first
        tagged = {}
        for tag in range(rng.randint(1, 8)):
            share = rng.choice([0.05, 0.3, 0.8])
            found = [doc for doc in docs if rng.random() < share]
            if found and rng.random() < 0.05:  # a post that gives one tag twice
                found = sorted([*found, found[0]], key=rank.get)
            if found:
                tagged[f"tag {tag}"] = found
        if not tagged:
            continue
        keys = sorted(rng.sample(sorted(tagged), rng.randint(1, len(tagged))))
        own = rng.choice([*docs, "posts/draft"])
        count = rng.randint(1, 7)
        catalog = SimpleNamespace(rank=rank, memo={}, tagged=tagged)
        want = counted(rank, own, [tagged[key] for key in keys], count)
        assert _most_shared(catalog, own, keys, count) == want
