"""Dates in every accepted form, their time zones and sort order; slugs and term identity."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from helpers import build, posts_of

from sphinx_posts.model import parse_date, slugify, term_key, unique_slugs
from sphinx_posts.store.domain import get_domain

PARIS = ZoneInfo("Europe/Paris")
dates_site = pytest.mark.sphinx(
    "html", testroot="dates", confoverrides={"posts_timezone": "Europe/Paris"}
)


# -- dates, through a build -------------------------------------------------------------------


@dates_site
def test_every_date_form_is_read(app):
    build(app)
    dates = {name: post.date for name, post in posts_of(app).items()}
    assert dates == {
        "posts/yaml-date": datetime(2025, 3, 20, tzinfo=PARIS),
        "posts/quoted-date": datetime(2025, 3, 19, tzinfo=PARIS),
        "posts/offset": datetime(2025, 3, 21, 8, 0, tzinfo=UTC),
        "posts/offset-quoted": datetime(2025, 3, 18, 4, 30, tzinfo=UTC),
        "posts/naive": datetime(2025, 3, 18, 10, 0, tzinfo=PARIS),
        "posts/naive-close": datetime(2025, 3, 21, 9, 30, tzinfo=PARIS),
        "posts/short": datetime(2021, 4, 9, tzinfo=PARIS),
        "posts/short-quoted": datetime(2021, 4, 10, tzinfo=PARIS),
        "posts/us-text": datetime(2023, 3, 7, tzinfo=PARIS),
        "posts/eu-text": datetime(2023, 3, 8, tzinfo=PARIS),
    }


@dates_site
def test_an_explicit_offset_is_kept(app):
    build(app)
    posts = posts_of(app)
    assert posts["posts/offset"].date.utcoffset() == timedelta(hours=2)
    assert posts["posts/offset"].date.hour == 10
    assert posts["posts/offset-quoted"].date.utcoffset() == timedelta(hours=-5)


@dates_site
def test_naive_dates_are_in_the_site_timezone(app):
    build(app)
    posts = posts_of(app)
    for name in ("posts/naive", "posts/naive-close", "posts/yaml-date", "posts/us-text"):
        assert posts[name].date.tzinfo is not None, name
        assert posts[name].date.utcoffset() == timedelta(hours=1), name  # CET, before DST
    assert posts["posts/naive"].date.hour == 10


@pytest.mark.sphinx("html", testroot="dates")
def test_naive_dates_default_to_utc(app):
    build(app)
    post = posts_of(app)["posts/naive"]
    assert post.date == datetime(2025, 3, 18, 10, 0, tzinfo=UTC)


@dates_site
def test_whether_a_time_was_given(app):
    build(app)
    posts = posts_of(app)
    assert posts["posts/yaml-date"].has_time is False
    assert posts["posts/quoted-date"].has_time is False
    assert posts["posts/us-text"].has_time is False
    assert posts["posts/offset"].has_time is True
    assert posts["posts/naive"].has_time is True


@dates_site
def test_mixed_naive_and_aware_dates_sort_newest_first(app):
    build(app)
    order = [post.docname for post in get_domain(app.env).sorted_posts()]
    # naive-close (09:30 Paris = 08:30 UTC) is newer than offset (10:00+02:00 = 08:00 UTC)
    assert order == [
        "posts/naive-close",
        "posts/offset",
        "posts/yaml-date",
        "posts/quoted-date",
        "posts/naive",
        "posts/offset-quoted",
        "posts/eu-text",
        "posts/us-text",
        "posts/short-quoted",
        "posts/short",
    ]


# -- dates, unit level ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "has_time"),
    [
        (date(2025, 3, 20), datetime(2025, 3, 20, tzinfo=PARIS), False),
        ("2025-03-20", datetime(2025, 3, 20, tzinfo=PARIS), False),
        ("2025-03-20T10:00:00+02:00", datetime(2025, 3, 20, 8, tzinfo=UTC), True),
        ("2025-03-20 10:00:00+02:00", datetime(2025, 3, 20, 8, tzinfo=UTC), True),
        ("2025-03-20T10:00:00", datetime(2025, 3, 20, 10, tzinfo=PARIS), True),
        (datetime(2025, 3, 20, 10), datetime(2025, 3, 20, 10, tzinfo=PARIS), True),
        ("2021-4-9", datetime(2021, 4, 9, tzinfo=PARIS), False),
        ("March 7, 2023", datetime(2023, 3, 7, tzinfo=PARIS), False),
        ("7 March 2023", datetime(2023, 3, 7, tzinfo=PARIS), False),
    ],
)
def test_parse_date_forms(value, expected, has_time):
    parsed, timed = parse_date(value, PARIS)
    assert parsed == expected
    assert parsed.tzinfo is not None
    assert timed is has_time


def test_parse_date_keeps_the_written_offset():
    parsed, _ = parse_date("2025-03-20T10:00:00+02:00", PARIS)
    assert parsed.utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize("value", ["next tuesday", "March 2023", "2023", "", "   ", None, [1]])
def test_parse_date_rejects_incomplete_or_unreadable_values(value):
    with pytest.raises(ValueError):
        parse_date(value, PARIS)


# -- slugs and term identity ------------------------------------------------------------------


def test_slug_is_lowercase_with_hyphens():
    assert slugify("Machine Learning") == "machine-learning"
    assert slugify("  Large   Language Model ") == "large-language-model"
    assert slugify("under_score") == "under-score"


def test_slug_keeps_unicode_letters():
    assert slugify("机器学习") == "机器学习"
    assert slugify("Café Crème") == "café-crème"
    assert slugify("Ελληνικά") == "ελληνικά"


def test_symbol_names_get_distinct_slugs():
    slugs = {slugify(name) for name in ("C++", "C#", "C")}
    assert len(slugs) == 3
    assert all(slug and "/" not in slug and "+" not in slug and "#" not in slug for slug in slugs)


def test_emoji_only_names_get_a_stable_non_empty_slug():
    party, rocket = slugify("🎉"), slugify("🚀")
    assert party
    assert rocket
    assert party != rocket
    assert slugify("🎉") == party
    assert party.isascii()
    assert "/" not in party


def test_term_key_ignores_case_spacing_and_hyphens():
    names = ("Machine Learning", "machine-learning", "machine learning ", "MACHINE_LEARNING")
    keys = {term_key(name) for name in names}
    assert len(keys) == 1
    assert slugify("Machine Learning") == slugify("machine-learning")


def test_term_key_keeps_distinct_names_apart():
    assert term_key("C++") != term_key("C#")
    assert term_key("C") != term_key("C++")


def test_unique_slugs_merges_variant_spellings():
    slugs = unique_slugs(["Machine Learning", "machine-learning", "machine learning "])
    assert slugs == {term_key("Machine Learning"): "machine-learning"}


@pytest.mark.parametrize(
    "names",
    [
        ["a/b", "a b", "a.b"],  # three different terms, one slug "a-b"
        ["C++", "C plus plus"],  # "c-plus-plus" twice
        ["a b", "a/b", "a-b-2"],  # a suffixed slug must not take a real term's slug
        ["R&D", "R and D", "r-and-d", "r&d"],
    ],
)
def test_unique_slugs_are_collision_free(names):
    slugs = unique_slugs(names)
    assert set(slugs) == {term_key(name) for name in names}
    assert len(set(slugs.values())) == len(slugs)
    assert all(slug and "/" not in slug and " " not in slug for slug in slugs.values())


def test_unique_slugs_are_deterministic():
    names = ["a/b", "a b", "a.b", "Python", "C++", "C#", "🎉"]
    first = unique_slugs(names)
    assert unique_slugs(list(reversed(names))) == first
    assert unique_slugs(sorted(names)) == first
    assert unique_slugs(names) == first
