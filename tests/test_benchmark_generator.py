"""Smoke tests for benchmarks/generate.py: deterministic, valid frontmatter, realistic shape.

No Sphinx build and no network: these run in well under a second.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

GENERATE = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"


@pytest.fixture(scope="module")
def gen() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("_bench_generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _split(text: str) -> tuple[dict[str, object], str]:
    assert text.startswith("---\n")
    front, body = text[4:].split("\n---\n", 1)
    data = yaml.safe_load(front)
    assert isinstance(data, dict)
    return data, body


def test_same_seed_same_files_different_seed_different(gen: ModuleType, tmp_path: Path) -> None:
    for name, seed in (("a", 1), ("b", 1), ("c", 2)):
        gen.generate(tmp_path / name, 20, seed=seed)
    a, b, c = (_tree(tmp_path / name) for name in "abc")
    assert a == b
    assert len(a) == 3 * (20 + 3)  # three variants: 20 posts + conf.py, index.md, about.md
    posts_a = {k: v for k, v in a.items() if "/posts/" in k}
    posts_c = {k: v for k, v in c.items() if "/posts/" in k}
    assert posts_a != posts_c


def test_variants_share_posts_and_differ_only_in_conf_and_orphan(
    gen: ModuleType, tmp_path: Path
) -> None:
    sites = gen.generate(tmp_path, 10, seed=3)
    assert set(sites) == {"plain", "ablog", "posts"}
    confs = {v: (p / "conf.py").read_text() for v, p in sites.items()}
    assert "ablog" not in confs["plain"] and "sphinx_posts" not in confs["plain"]
    assert 'extensions += ["ablog"]' in confs["ablog"]
    assert 'blog_post_pattern = "posts/*"' in confs["ablog"]
    assert 'extensions += ["sphinx_posts"]' in confs["posts"]
    assert "pydata_sphinx_theme" in confs["plain"]
    names = {v: sorted(x.name for x in (p / "posts").iterdir()) for v, p in sites.items()}
    assert names["plain"] == names["ablog"] == names["posts"]
    for name in names["plain"]:
        fronts = {v: _split((p / "posts" / name).read_text()) for v, p in sites.items()}
        assert fronts["plain"][0].get("orphan") is True
        assert fronts["ablog"][0].get("orphan") is True
        assert "orphan" not in fronts["posts"][0]
        assert fronts["plain"][1] == fronts["ablog"][1] == fronts["posts"][1]


def test_frontmatter_is_valid_yaml_with_expected_keys(gen: ModuleType) -> None:
    for post in gen.make_posts(40, seed=0):
        data, body = _split(gen.render_post(post, orphan=False))
        assert set(data) == {"title", "description", "date", "tags"}
        assert data["title"] == post.title
        assert isinstance(data["description"], str) and data["description"]
        assert isinstance(data["date"], str)
        assert "2015-01-01" <= data["date"] <= "2024-12-31"
        assert isinstance(data["tags"], list) and 1 <= len(data["tags"]) <= 4
        assert len(set(data["tags"])) == len(data["tags"])
        assert body.lstrip().startswith(f"# {post.title}\n")


def test_posts_have_realistic_markdown(gen: ModuleType) -> None:
    posts = gen.make_posts(60, seed=0)
    assert len({p.stem for p in posts}) == len(posts)
    words = [gen.count_words(p.body) for p in posts]
    assert 650 <= statistics.mean(words) <= 800
    assert all(550 <= w <= 900 for w in words)
    for post in posts:
        assert post.body.count("\n## ") >= 4
        assert "\n- " in post.body
        assert "\n```" in post.body
        assert "\n$$\n" in post.body
        assert post.body.count("$") > 4  # inline math besides the display block
    years = {p.date[:4] for p in gen.make_posts(300, seed=0)}
    assert len(years) == 10


def test_tags_are_zipf_like_over_about_40_names(gen: ModuleType) -> None:
    assert 35 <= len(gen.TAGS) <= 45
    assert len(set(gen.TAGS)) == len(gen.TAGS)
    counts = Counter(t for p in gen.make_posts(1000, seed=0) for t in p.tags)
    assert set(counts) <= set(gen.TAGS)
    assert len(counts) >= 35
    ranked = [n for _, n in counts.most_common()]
    assert ranked[0] >= 5 * ranked[-1]
    assert counts[gen.TAGS[0]] > counts[gen.TAGS[len(gen.TAGS) // 2]] > counts[gen.TAGS[-1]]


def test_add_post_scenario_publishes_a_newest_post(
    gen: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``add-post`` (benchmarks/run.py) writes one new post, dated after every other, with the
    two commonest tags; an orphan where no blog extension links the posts."""
    monkeypatch.syspath_prepend(str(GENERATE.parent))
    spec = importlib.util.spec_from_file_location("_bench_run", GENERATE.parent / "run.py")
    assert spec is not None and spec.loader is not None
    run = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, run)
    spec.loader.exec_module(run)
    posts = run.make_posts(40, 0)
    common = Counter(tag for post in posts for tag in post.tags).most_common(2)
    for variant, orphan in (("plain", True), ("posts", False)):
        site = run.generate(tmp_path / variant, 40, 0, (variant,))[variant]
        before = {p.name for p in (site / "posts").iterdir()}
        run.mutate("add-post", site, run.target_post(posts), posts)
        (added,) = {p.name for p in (site / "posts").iterdir()} - before
        data, _body = _split((site / "posts" / added).read_text(encoding="utf-8"))
        assert str(data["date"]) > max(post.date for post in posts)
        assert set(data["tags"]) == {tag for tag, _count in common}
        assert bool(data.get("orphan")) is orphan
