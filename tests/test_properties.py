"""Properties of the frontmatter reader and of the slug, date and URL rules, for any value.

The example tests (test_dates_slugs, test_bad_input) pin what each accepted form means; these
check what must hold for every value a writer or a migration tool can put in frontmatter: the
rules never raise anything but what they document, and what they return is safe to use as a
file name, a URL path segment, a point in time or a field of a :class:`Post`.

``make test`` runs the ``test`` Hypothesis profile (the same 100 examples a property, every
run); ``make fuzz`` runs the ``fuzz`` profile (2000 random examples a property).
"""

from __future__ import annotations

import json
import pickle
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinx_posts.generate.pages import redirect_page
from sphinx_posts.model import Post, parse_date, slugify, term_key, unique_slugs
from sphinx_posts.read.frontmatter import KNOWN_KEYS, FieldReader, decode, read_post
from sphinx_posts.urls import image_exists, image_source, is_external, safe_link

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

# -- values -----------------------------------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script>",
    "</script><!--<script>",
    "\"'&<>",
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "//evil.example/x",
    "../../x",
    "..",
    ".",
    "/",
    "\\..\\..\\x",
    "\x00",
    "\x01\x0b\x1f\x7f",
    "‮\u200f\u200e",
    "\u2028\u2029\ufeff",
    "🎉",
    " 🎉 ",
    "👩‍💻",
    "C++",
    "C#",
    "R&D",
    "a/b",
    "a-b-2",
    "index",
    "Index",
    "ß",
    "ﬁ",
    "İ",
    "Ⅻ",
    "x" * 300,
    "é" * 200,
    "i" * 5000,
)
"""Strings that have broken something somewhere: markup, URLs, paths, control characters,
case folding and normalisation edge cases, and names longer than a file name may be."""

texts = (
    st.text()
    | st.sampled_from(HOSTILE)
    | st.builds(str.__add__, st.sampled_from(HOSTILE), st.text())
)
offsets = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
datetimes = st.datetimes(timezones=st.none() | offsets | st.timezones())
yaml_datetimes = st.datetimes(timezones=st.none() | offsets)  # YAML cannot read back -06:02:04
scalars = (
    st.none() | st.booleans() | st.integers() | st.floats() | texts | st.dates() | yaml_datetimes
)
yaml_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
"""Any value YAML can hold (before it is dumped and read back)."""

date_texts = st.from_regex(
    r"\A-?\d{1,5}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{1,2}(:\d{1,2}(\.\d{1,7})?)?"
    r"(Z|[+-]\d{1,2}(:?\d{2})?)?)?\Z"
) | st.sampled_from(
    (
        "9999-12-31 23:59:59-12:00",
        "0001-01-01 00:00:00+14:00",
        "2023-03-07T10:00:00+25:00",
        "2023-03-07T10:00:00-24:00",
        "9999-12-31T23:59:59.999999-23:59",
        "March 7, 2023",
        "7 March 0001 +14:00",
        "December 31 9999 23:59 -1200",
        "2023-02-29",
        "0000-01-01",
    )
)


def roundtrip(value: Any) -> Any:
    """The value as a YAML frontmatter block gives it to myst-parser."""
    return yaml.safe_load(yaml.safe_dump({"key": value}))["key"]


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    return str(value)


def as_myst(value: Any) -> str:
    """The text myst-parser keeps for a frontmatter value (``dict_to_fm_field_list``):
    scalars as ``str()``, anything else as JSON."""
    if isinstance(value, str | int | float | date):
        return str(value)
    return json.dumps(value, default=_json_default)


field_values = yaml_values.map(roundtrip).map(as_myst) | date_texts | texts
"""A frontmatter field as the reader receives it: always text."""

# -- slugs and term identity ------------------------------------------------------------------

SLUG_BYTES = 255
"""The file-system limit a slug must stay under (issue 11 is making long slugs shorten, with a
stable hash, to far less: the rule here is only "a file name, and always the same one")."""


def check_slug(slug: str) -> None:
    assert isinstance(slug, str)
    assert slug, "empty slug"
    assert all(char.isalnum() or char == "-" for char in slug), slug
    assert not any(unicodedata.category(char).startswith("C") for char in slug), slug
    assert not slug.startswith("-")
    assert not slug.endswith("-")
    assert len(slug.encode("utf-8")) < SLUG_BYTES, len(slug.encode("utf-8"))


@given(texts)
def test_slugify_gives_a_safe_path_segment(name):
    check_slug(slugify(name))


@given(texts)
def test_slugify_is_deterministic_and_stable(name):
    slug = slugify(name)
    assert slugify(name) == slug
    assert slugify(slug) == slug


@given(texts)
def test_term_key_is_idempotent(name):
    key = term_key(name)
    assert term_key(key) == key


def variants(name: str) -> list[str]:
    """Spellings of ``name`` that are the same term: spacing, hyphens, ASCII case."""
    spelled = [f"  {name}\t", name.replace(" ", "-"), name.replace("-", "_")]
    if name.isascii():  # beyond ASCII, upper and lower case are not one to one (ß, İ)
        spelled += [name.upper(), name.lower(), name.title()]
    return spelled


@given(texts)
def test_term_key_ignores_case_spacing_and_hyphens(name):
    assert {term_key(spelling) for spelling in variants(name)} == {term_key(name)}


colliding_names = st.text(alphabet="aAb -_/+#&@.🎉", max_size=6) | texts


@given(st.lists(colliding_names, max_size=12), st.randoms(use_true_random=False))
def test_unique_slugs_one_slug_per_term_and_no_two_alike(names, rng):
    slugs = unique_slugs(names)
    assert set(slugs) == {term_key(name) for name in names}
    assert len(set(slugs.values())) == len(slugs)
    for slug in slugs.values():
        check_slug(slug)
    assert "index" not in slugs.values()  # dirhtml: blog/tag/index is the tags overview
    shuffled = list(names)
    rng.shuffle(shuffled)
    assert unique_slugs(shuffled) == slugs
    assert (
        unique_slugs(names + [spelling for name in names for spelling in variants(name)]) == slugs
    )


@pytest.mark.parametrize("value", ['["\\ud800", "\\udfff x"]', "\ud800 a, b\udc00"])
def test_names_never_hold_a_lone_surrogate(blog_app, value):
    """``tags: ["\\ud800"]`` decodes (JSON) to a name no UTF-8 file name can hold."""
    names = reader(blog_app, {"tags": value}).terms("tags")
    assert len(names) == 2
    for name in names:
        name.encode("utf-8")
        check_slug(slugify(name))


# -- dates ------------------------------------------------------------------------------------

date_values = (
    yaml_values.map(roundtrip)
    | yaml_values
    | date_texts
    | datetimes
    | st.datetimes(min_value=datetime(9999, 12, 30), timezones=offsets)
    | st.datetimes(max_value=datetime(1, 1, 2), timezones=offsets)
)
site_zones = st.sampled_from(["UTC", "Pacific/Kiritimati", "Etc/GMT+12", "Asia/Kathmandu"]).map(
    ZoneInfo
)


@given(date_values, site_zones)
def test_parse_date_gives_a_usable_moment_or_value_error(value, zone):
    """Every date is compared, converted to UTC, placed in a year in the site's zone, and
    written with its offset: one that cannot be is a ValueError, never something else."""
    try:
        parsed, has_time = parse_date(value, zone)
    except ValueError:
        return
    assert isinstance(parsed, datetime)
    assert isinstance(has_time, bool)
    assert parsed.tzinfo is not None
    assert parsed.utcoffset() is not None
    parsed.astimezone(UTC)
    parsed.astimezone(zone)
    parsed.timestamp()
    parsed.isoformat()
    Post("posts/a", "A", parsed).sort_key()


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)), offsets)
def test_parse_date_reads_its_own_iso_form_back(moment, zone):
    aware = moment.replace(tzinfo=zone)
    parsed, has_time = parse_date(aware.isoformat(), ZoneInfo("UTC"))
    assert parsed == aware
    assert has_time


# -- the frontmatter reader -------------------------------------------------------------------


@pytest.fixture(scope="module")
def blog_app(tmp_path_factory) -> Iterator[SphinxTestApp]:
    """A real Sphinx application (config, environment, warning stream), never built."""
    srcdir: Path = tmp_path_factory.mktemp("properties") / "src"
    (srcdir / "posts").mkdir(parents=True)
    (srcdir / "conf.py").write_text('extensions = ["myst_parser", "sphinx_posts"]\n')
    (srcdir / "index.md").write_text("# Index\n")
    (srcdir / "posts" / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir.parent / "build")
    yield app
    app.cleanup()


def new_warnings(app: SphinxTestApp, reading: Any) -> tuple[Any, list[str]]:
    """Call ``reading()``; return its result and the ``posts.*`` warnings it gave."""
    stream = app.warning
    start = len(stream.getvalue())
    result = reading()
    lines = stream.getvalue()[start:].splitlines()
    return result, [line for line in lines if "[posts." in line]


def reader(app: SphinxTestApp, fields: dict[str, Any]) -> FieldReader:
    return FieldReader(app.env, "posts/fuzz", fields)


@given(field_values)
def test_text_is_text_or_a_warning(blog_app, value):
    result, warned = new_warnings(
        blog_app, lambda: reader(blog_app, {"title": value}).text("title")
    )
    assert isinstance(result, str)
    assert result == result.strip()
    result.encode("utf-8")
    decoded = decode(value)
    if decoded is None:  # ``title:`` with nothing after it
        assert (result, warned) == ("", [])
    elif not isinstance(decoded, str | int | float):
        assert result == ""
        assert len(warned) == 1, warned
        assert "title" in warned[0]
    else:
        assert not warned


@given(field_values)
def test_flag_is_a_boolean_none_or_a_warning(blog_app, value):
    result, warned = new_warnings(
        blog_app, lambda: reader(blog_app, {"draft": value}).flag("draft")
    )
    assert result is None or isinstance(result, bool)
    assert (result is None) == bool(warned) or (decode(value) is None and not warned)


@given(field_values)
def test_terms_are_clean_distinct_names(blog_app, value):
    result, warned = new_warnings(blog_app, lambda: reader(blog_app, {"tags": value}).terms("tags"))
    assert isinstance(result, tuple)
    assert all(isinstance(name, str) for name in result)
    assert all(name and name == name.strip() for name in result)
    assert len(set(result)) == len(result)
    for name in result:
        name.encode("utf-8")
    decoded = decode(value)
    if isinstance(decoded, dict) or (
        isinstance(decoded, list)
        and not all(isinstance(item, str | int | float) for item in decoded)
    ):
        assert warned


@given(st.lists(texts, max_size=8))
def test_a_yaml_list_of_names_arrives_as_written(blog_app, names):
    """What myst-parser makes of a list (JSON text) is decoded to the same names."""
    value = as_myst(roundtrip(names))
    result, warned = new_warnings(blog_app, lambda: reader(blog_app, {"tags": value}).terms("tags"))
    expected = tuple(dict.fromkeys(name.strip() for name in names if name.strip()))
    assert result == expected
    assert bool(warned) == any(not name.strip() for name in names)


@given(field_values)
def test_when_is_a_usable_date_or_a_warning(blog_app, value):
    result, warned = new_warnings(blog_app, lambda: reader(blog_app, {"date": value}).when("date"))
    if result is None:
        assert len(warned) == (decode(value) is not None), warned
        return
    moment, has_time = result
    assert not warned
    assert isinstance(has_time, bool)
    assert moment.tzinfo is not None
    moment.astimezone(UTC)
    moment.timestamp()


frontmatters = st.dictionaries(
    st.sampled_from(KNOWN_KEYS) | st.text(max_size=10), field_values, max_size=8
)


@given(frontmatters, texts, st.lists(texts, max_size=3))
def test_read_post_always_gives_a_usable_record(blog_app, fields, excerpt, images):
    """Any frontmatter at all gives a post record (with warnings), never an exception."""
    post = read_post(reader(blog_app, fields), "Title", excerpt, 10, images)
    assert isinstance(post, Post)
    for name in ("tags", "categories", "authors", "languages", "locations", "redirect"):
        assert all(isinstance(item, str) and item for item in getattr(post, name)), name
    for name in ("description", "image", "series", "external_link", "canonical_link"):
        assert isinstance(getattr(post, name), str), name
    assert isinstance(post.draft, bool)
    assert post.date is not None or post.draft
    for moment in (post.date, post.updated):
        if moment is not None:
            assert moment.tzinfo is not None
            moment.astimezone(UTC)
    post.sort_key()
    assert pickle.loads(pickle.dumps(post)) == post


# -- URL and path rules -----------------------------------------------------------------------

docnames = st.sampled_from(["posts/a", "a", "posts/2024/deep/a", "index"])


@given(docnames, texts)
def test_an_image_outside_the_source_folder_never_exists(blog_app, docname, image):
    assume(not is_external(image))
    relative = image_source(docname, image)
    if image_exists(blog_app, relative):
        assert (blog_app.srcdir / relative).resolve().is_relative_to(blog_app.srcdir.resolve())


@given(texts)
def test_a_redirect_stays_inside_the_output_folder(old):
    name = redirect_page(old)
    if name is None:
        return
    assert name
    assert not name.startswith("/")
    assert ".." not in name.split("/")
    assert "\\" not in name
    assert ":" not in name
    assert "\x00" not in name
    assert all(len(part.encode("utf-8")) < SLUG_BYTES for part in name.split("/"))


link_parts = st.sampled_from(
    [
        "",
        " ",
        "\t",
        "\x00",
        "\n",
        "java",
        "JaVa",
        "java\tscript",
        "javascript",
        "&#106;avascript",
        "data",
        "vbscript",
        "file",
        "http",
        "https",
        "mailto",
        ":",
        "&#58;",
        "&colon;",
        "/",
        "//",
        "\\",
        "/\\",
        "evil.example",
        "x@example.org",
        "?q=1",
        "#top",
    ]
)
links = texts | st.lists(link_parts, min_size=1, max_size=6).map("".join)


def browser_scheme(url: str) -> tuple[str, str]:
    """The scheme a browser finds in an ``href`` (WHATWG URL parsing: outer C0 controls and
    spaces dropped, tabs and newlines removed anywhere), and the URL it then reads."""
    url = url.strip("".join(map(chr, range(0x21))))
    url = url.replace("\t", "").replace("\n", "").replace("\r", "")
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", url)
    return (match.group(1).lower() if match else ""), url


@given(links, st.booleans())
def test_a_safe_link_is_safe_as_a_browser_reads_it(value, allow_mailto):
    link = safe_link(value, allow_mailto)
    if not link:
        return
    scheme, url = browser_scheme(link)
    assert scheme in ({"", "http", "https", "mailto"} if allow_mailto else {"", "http", "https"})
    if not scheme:  # a path: it may not name another host (``//host``, ``/\\host``)
        assert not re.match(r"^[/\\]{2}", url), link


# -- cost -------------------------------------------------------------------------------------
# A post's cost in its number of tags is tested by counting work, never by timing it (these
# machines are shared): see tests/test_post_cost.py.
