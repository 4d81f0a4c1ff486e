"""Related posts are read from lists of the posts carrying each set of tags, or found from set
intersections (write/navigation.py), not by counting every post of every tag: the choice must
be the one counting gives, on any blog (random ones here, seeded)."""

from __future__ import annotations

import random
from collections import Counter
from types import SimpleNamespace

import pytest

from sphinx_posts.write import navigation
from sphinx_posts.write.navigation import _most_shared


def counted(rank: dict[str, int], own: str, lists: list[list[str]], count: int) -> list[int]:
    """The rule itself: most shared tags first, then nearest to ``own`` in the blog's order,
    then newest (a post not listed is placed at the newest)."""
    shared: Counter[str] = Counter()
    for found in lists:
        shared.update(found)
    shared.pop(own, None)
    middle = rank.get(own, 0)
    scored = sorted((-n, abs(rank[d] - middle), rank[d]) for d, n in shared.items())
    return [i for *_, i in scored[:count]]


@pytest.mark.parametrize(
    ("widest", "most_wide"),
    [
        (navigation.WIDEST, navigation.MOST_WIDE),  # as built: index, a few wide posts
        (2, 1000),  # most posts scored one by one beside the index
        (navigation.WIDEST, 0),  # every post found by set intersections
    ],
)
def test_related_posts_are_those_sharing_most_tags_nearest_first(monkeypatch, widest, most_wide):
    monkeypatch.setattr(navigation, "WIDEST", widest)
    monkeypatch.setattr(navigation, "MOST_WIDE", most_wide)
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
