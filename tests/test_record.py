"""The Post record: every frontmatter key, from YAML lists and from comma strings."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime

import pytest
from helpers import build, posts_of

pytestmark = pytest.mark.sphinx("html", testroot="record")


def _utc(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


def test_record_from_yaml_lists(app):
    build(app)
    post = posts_of(app)["posts/lists"]
    assert post.title == "Every field, as YAML lists"
    assert post.description == "A post that sets every key the schema knows."
    assert post.date == _utc(2025, 3, 20)
    assert post.updated == _utc(2025, 4, 2)
    assert post.tags == ("Machine Learning", "Python")
    assert post.categories == ("Research", "Notes")
    assert post.authors == ("Jane Doe", "John Roe")
    assert post.draft is True
    assert post.image == "cover.png"
    assert post.series == "Learning Sphinx"
    assert post.languages == ("en", "fr")
    assert post.locations == ("Paris", "Lyon")


def test_record_from_comma_strings(app):
    build(app)
    post = posts_of(app)["posts/commas"]
    assert post.tags == ("a", "b")
    assert post.categories == ("Research", "Notes")
    assert post.authors == ("Jane Doe", "John Roe")
    assert post.languages == ("en", "fr")
    assert post.locations == ("Paris", "Lyon")


def test_single_values_and_singular_keys(app):
    build(app)
    post = posts_of(app)["posts/single"]
    assert post.tags == ("solo",)
    assert post.categories == ("Notes",)  # `categories` and `category` are one field
    assert post.authors == ("Jane Doe",)  # `author` and `authors` are one field
    assert post.draft is False
    assert post.updated is None
    assert post.description == ""


def test_dates_are_timezone_aware(app):
    build(app)
    for post in posts_of(app).values():
        assert post.date is not None
        assert post.date.tzinfo is not None
        assert post.date.utcoffset() is not None
    updated = posts_of(app)["posts/lists"].updated
    assert updated is not None
    assert updated.utcoffset() is not None


def test_title_from_first_heading(app):
    build(app)
    assert posts_of(app)["posts/heading"].title == "Title from the heading"


def test_words_count_the_body(app):
    build(app)
    posts = posts_of(app)
    assert all(post.words > 0 for post in posts.values())
    # the body of posts/lists has 20 words, posts/commas 6
    assert posts["posts/lists"].words >= 20
    assert posts["posts/lists"].words > posts["posts/commas"].words


def test_excerpt_is_the_first_paragraph(app):
    build(app)
    post = posts_of(app)["posts/lists"]
    assert post.excerpt == "One two three four five six seven eight nine ten."


def test_records_survive_pickling(app):
    """The environment is pickled between builds; a record must come back equal."""
    build(app)
    posts = posts_of(app)
    assert pickle.loads(pickle.dumps(posts)) == posts
