"""The blog in every language we ship: labels from our catalog, dates in the locale's format,
plural forms, right-to-left languages, multilingual blogs, and catalogs that match the code.

``test-i18n`` shows every label (drafts and scheduled posts listed, two index pages, a series,
an author page, back-links, reading times of 1, 2 and 5 minutes); its own text is Latin
filler, so English on one of its pages is one of our labels left untranslated.
"""

from __future__ import annotations

import gettext
import json
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from helpers import build, copy_root, html, warning_lines
from jinja2 import DictLoader

from sphinx_posts.i18n import CATALOG, LOCALES, shipped

ROOT = Path(__file__).parent.parent
POT = LOCALES / f"{CATALOG}.pot"
LANGUAGES = shipped()
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def read_catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def english_fragments() -> list[tuple[str, str]]:
    """(msgid, a piece of its English text with a word in it) for every label: what a page
    would show of it untranslated, placeholders aside."""
    found = []
    for message in read_catalog(POT):
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            for piece in PLACEHOLDER.split(text):
                piece = piece.strip(" :.,“”+")
                if re.search(r"[A-Za-z]{3}", piece):
                    found.append((message.id[0] if isinstance(message.id, tuple) else text, piece))
    return found


def shown_text(soup: BeautifulSoup) -> str:
    """What a reader sees or hears: the text, and labels given as attributes."""
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    labels = [tag.get(name, "") for tag in soup.find_all(True) for name in ("aria-label", "title")]
    return " ".join([soup.get_text(" "), *labels])


ALABASTER = {"html_theme": "alabaster"}  # its sidebars show ours (the test app's is "basic")


def language_build(language: str):
    overrides = {"language": language, **ALABASTER}
    mark = pytest.mark.sphinx("html", testroot="i18n", confoverrides=overrides)
    return pytest.param(language, marks=mark, id=language)


# -- a site in each shipped language ----------------------------------------------------------


@pytest.mark.parametrize("language", [language_build(code) for code in LANGUAGES])
def test_every_label_is_translated(app, language):
    build(app, expect_warnings=True)
    # -W passes but for docutils' own labels, which it has in fewer languages (not in Turkish)
    assert [line for line in warning_lines(app) if "[docutils]" not in line] == []
    catalog = read_catalog(LOCALES / language / "LC_MESSAGES" / f"{CATALOG}.po")
    translated = {
        (m.id[0] if isinstance(m.id, tuple) else m.id): " ".join(
            m.string if isinstance(m.string, tuple) else (m.string,)
        )
        for m in catalog
        if m.id
    }
    fragments = [
        (msgid, piece)
        for msgid, piece in english_fragments()
        if piece not in translated[msgid]  # "Blog" is "Blog" in German
    ]
    pages = sorted(app.outdir.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        text = shown_text(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"))
        left = sorted(
            {
                piece
                for _, piece in fragments
                if re.search(rf"(?<![A-Za-z]){piece}(?![A-Za-z])", text)
            }
        )
        assert not left, f"{page.relative_to(app.outdir)} shows English: {left}"
    # the feeds' titles too: the blog's default title is "Blog" in the site's language
    feed = json.loads((app.outdir / "blog" / "feed.json").read_text(encoding="utf-8"))
    assert feed["title"] == f"Demo: {translated['Blog']}"
    assert feed["language"] == language.replace("_", "-")


@pytest.mark.parametrize("language", [language_build(code) for code in LANGUAGES])
def test_dates_are_in_the_locale_format(app, language):
    build(app)
    time = html(app, "posts/alpha.html").select_one(".posts-byline-date time")
    assert time["datetime"] == "2025-03-20"  # the machine's date stays ISO
    assert time.get_text() == format_date(date(2025, 3, 20), "medium", locale=language)


PLURALS = {
    # 1, 2 and 5 minutes: Polish, Russian and Ukrainian have three forms
    "pl": ("1 minuta czytania", "2 minuty czytania", "5 minut czytania"),
    "ru": ("1 минута чтения", "2 минуты чтения", "5 минут чтения"),
    "uk": ("1 хвилина читання", "2 хвилини читання", "5 хвилин читання"),
    "de": ("1 Minute Lesezeit", "2 Minuten Lesezeit", "5 Minuten Lesezeit"),
    "ar": ("وقت القراءة: دقيقة واحدة", "وقت القراءة: دقيقتان", "وقت القراءة: 5 دقائق"),
    "he": ("דקת קריאה אחת", "שתי דקות קריאה", "5 דקות קריאה"),
}


@pytest.mark.parametrize("language", [language_build(code) for code in PLURALS])
def test_reading_time_takes_the_plural_form_of_its_number(app, language):
    build(app)
    shown = tuple(
        html(app, f"posts/{name}.html").select_one(".posts-byline-reading").get_text(strip=True)
        for name in ("alpha", "beta", "gamma")
    )
    assert shown == PLURALS[language]


def test_three_plural_forms_past_five():
    """The rules, beyond the numbers a test site shows: 12 is "many" in Polish, 22 is "few",
    21 is "one" in Russian but not in Polish."""
    forms = {}
    for language in ("pl", "ru"):
        mo = LOCALES / language / "LC_MESSAGES" / f"{CATALOG}.mo"
        with mo.open("rb") as handle:
            translations = gettext.GNUTranslations(handle)
        forms[language] = [
            translations.ngettext("%(minutes)d min read", "%(minutes)d min read", n)
            % {"minutes": n}
            for n in (12, 21, 22)
        ]
    assert forms["pl"] == ["12 minut czytania", "21 minut czytania", "22 minuty czytania"]
    assert forms["ru"] == ["12 минут чтения", "21 минута чтения", "22 минуты чтения"]


@pytest.mark.parametrize("language", [language_build("ar"), language_build("he")])
def test_right_to_left_components_say_so(app, language):
    build(app)
    post = html(app, "posts/alpha.html")
    for selector in (".posts-byline", ".posts-series", ".posts-postcard", ".posts-recent"):
        assert post.select_one(selector)["dir"] == "rtl", selector
    listing = html(app, "blog/page/2.html").select_one(".posts-listing")
    assert listing["dir"] == "rtl"
    assert listing.select_one(".posts-pagination")
    assert html(app, "index.html").select_one(".posts-postlist")["dir"] == "rtl"


@pytest.mark.sphinx("html", testroot="i18n")
def test_english_is_unchanged(app):
    build(app)
    post = html(app, "posts/alpha.html")
    assert post.select_one(".posts-byline-date time").get_text() == "Mar 20, 2025"
    assert post.select_one(".posts-byline-reading").get_text(strip=True) == "1 min read"
    assert post.select_one(".posts-byline-updated").get_text(" ", strip=True) == (
        "Updated Apr 2, 2025"
    )
    assert post.select_one(".posts-byline").get("dir") is None
    assert html(app, "blog.html").select_one("h1").get_text() == "Blog"


# -- languages we do not ship, or Babel does not know ------------------------------------------


@pytest.mark.parametrize(
    ("language", "nearest", "shown", "reading"),
    [
        pytest.param(
            "xx",
            "'en'",
            "Mar 20, 2025",
            "1 min read",
            marks=pytest.mark.sphinx("html", testroot="i18n", confoverrides={"language": "xx"}),
        ),
        pytest.param(
            "de_XX",
            "'de'",
            "20.03.2025",
            "1 Minute Lesezeit",
            marks=pytest.mark.sphinx("html", testroot="i18n", confoverrides={"language": "de_XX"}),
        ),
    ],
)
def test_an_unknown_language_warns_once_and_dates_do_not_flood(
    app, language, nearest, shown, reading
):
    build(app, expect_warnings=True)
    lines = warning_lines(app)
    assert not [line for line in lines if "Invalid Babel locale" in line]
    (line,) = [line for line in lines if "[posts" in line]  # docutils says its own, per page
    assert "[posts.config]" in line and f"language = {language!r}" in line
    assert f"nearest known locale: {nearest}" in line
    post = html(app, "posts/alpha.html")
    assert post.select_one(".posts-byline-date time").get_text() == shown
    assert post.select_one(".posts-byline-reading").get_text(strip=True) == reading


@pytest.mark.sphinx("html", testroot="i18n", confoverrides={"language": "sv"})
def test_an_untranslated_language_warns_once_with_localised_dates(app):
    build(app, expect_warnings=True)
    (line,) = warning_lines(app)
    assert "[posts.config]" in line and "no translation for Swedish" in line
    assert "shipped: " in line and "de" in line
    time = html(app, "posts/alpha.html").select_one(".posts-byline-date time")
    assert time.get_text() == format_date(date(2025, 3, 20), "medium", locale="sv")


@pytest.mark.sphinx("html", testroot="i18n", confoverrides={"language": "pt"})
def test_a_language_reads_the_catalog_of_its_nearest_variant(app):
    build(app, expect_warnings=True)  # docutils has no "pt" (it has "pt_br")
    assert not [line for line in warning_lines(app) if "[posts" in line]  # pt reads pt_BR
    assert html(app, "posts/alpha.html").select_one(".posts-byline-reading").get_text(
        strip=True
    ) == ("1 minuto de leitura")


# -- date formats: named, strftime (a % in it) or a CLDR pattern -----------------------------


@pytest.mark.parametrize(
    ("language", "date_format", "shown"),
    [
        ("de", "d. MMMM y", "20. März 2025"),
        ("de", "%d. %B %Y", "20. März 2025"),
        ("ja", "long", "2025年3月20日"),
        ("ru", "d MMMM y", "20 марта 2025"),
        ("en", "EEEE, MMMM d", "Thursday, March 20"),
        ("fr", "d 'de' MMMM", "20 de mars"),
    ],
)
def test_date_formats(make_app, rootdir, tmp_path, language, date_format, shown):
    overrides = {"language": language, "posts_date_format": date_format}
    app = make_app("html", srcdir=copy_root(rootdir, tmp_path, "i18n"), confoverrides=overrides)
    build(app)
    assert html(app, "posts/alpha.html").select_one(".posts-byline-date time").get_text() == shown


@pytest.mark.parametrize("date_format", ["hello", "2025", "%Q"])
def test_a_bad_date_format_is_reported_and_the_default_used(
    make_app, rootdir, tmp_path, date_format
):
    srcdir = copy_root(rootdir, tmp_path, "i18n")
    app = make_app("html", srcdir=srcdir, confoverrides={"posts_date_format": date_format})
    build(app, expect_warnings=True)
    (line,) = warning_lines(app)
    assert "[posts.config]" in line and "posts_date_format" in line and "using the default" in line
    assert html(app, "posts/alpha.html").select_one(".posts-byline-date time").get_text() == (
        "Mar 20, 2025"
    )


# -- a blog in several languages ----------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="multilingual")
def test_a_post_in_several_languages(app):
    build(app)
    french = html(app, "posts/bonjour.html")
    assert french.html["lang"] == "fr"
    alternates = {
        link["hreflang"]: link["href"] for link in french.select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "en": "https://example.org/posts/hello.html",
        "fr": "https://example.org/posts/bonjour.html",
        "de": "https://example.org/posts/hallo.html",
    }
    others = french.select(".posts-byline-translations a")
    assert [(a["hreflang"], a.get_text(), a["href"]) for a in others] == [
        ("de", "Deutsch", "hallo.html"),
        ("en", "English", "hello.html"),
    ]
    # the original names no key: the others name it
    assert len(html(app, "posts/hello.html").select("link[hreflang]")) == 3
    assert html(app, "posts/hello.html").html["lang"] == "en"
    plain = html(app, "posts/plain.html")
    assert not plain.select("link[hreflang]") and not plain.select(".posts-byline-translations")
    arabic = html(app, "posts/marhaba.html")
    assert arabic.html["lang"] == "ar"
    entry = html(app, "blog.html").find("a", string="مرحبا").find_parent("article")
    assert (entry["lang"], entry["dir"]) == ("ar", "rtl")
    data = json.loads(
        html(app, "posts/bonjour.html").find("script", type="application/ld+json").string
    )
    assert data["inLanguage"] == "fr"


@pytest.mark.sphinx("html", testroot="multilingual")
def test_feed_entries_carry_their_language(app):
    build(app)
    feed = json.loads((app.outdir / "blog" / "feed.json").read_text(encoding="utf-8"))
    languages = {item["title"]: item.get("language") for item in feed["items"]}
    assert languages == {
        "Plain": None,
        "مرحبا": "ar",
        "Hallo": "de",
        "Bonjour": "fr",
        "Hello": "en",
    }
    atom = ElementTree.parse(app.outdir / "blog" / "atom.xml").getroot()
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = {
        e.findtext("a:title", namespaces=ns): e.get(xml_lang)
        for e in atom.iter("{http://www.w3.org/2005/Atom}entry")
    }
    assert entries["Bonjour"] == "fr" and entries["Plain"] is None
    rss = (app.outdir / "blog" / "rss.xml").read_text(encoding="utf-8")
    assert "<dc:language>fr</dc:language>" in rss


@pytest.mark.sphinx("html", testroot="multilingual")
def test_language_pages_list_the_posts_of_each_language(app):
    build(app)
    overview = html(app, "blog/language.html")
    names = [a.get_text() for a in overview.select(".posts-term-list a")]
    assert names == ["Arabic", "German", "English", "French"]
    french = html(app, "blog/language/fr.html")
    assert french.select_one("h1").get_text() == "Posts in French"
    assert [a.get_text() for a in french.select(".posts-entry-title a")] == ["Bonjour"]


# -- the catalogs: complete, up to date with the code, compiled, packaged -----------------------


def code_messages() -> set[str]:
    method_map = [("sphinx_posts/**.py", "python"), ("sphinx_posts/templates/**.html", "jinja2")]
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    return {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(
            str(ROOT), method_map, keywords=keywords, comment_tags=()
        )
        if message
    }


def test_the_template_has_every_label_of_the_code():
    in_template = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_catalog(POT) if m.id}
    assert code_messages() == in_template, "run `make translations`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalog_is_complete_checked_and_compiled(language):
    folder = LOCALES / language / "LC_MESSAGES"
    catalog = read_catalog(folder / f"{CATALOG}.po")
    wanted = {m.id for m in read_catalog(POT) if m.id}
    assert {m.id for m in catalog if m.id} == wanted, "run `make translations`"
    for message in catalog:
        if not message.id:
            continue
        assert "fuzzy" not in message.flags, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{language}: {message.id!r} is not translated"
        if isinstance(message.id, tuple):
            assert len(strings) == catalog.num_plurals, message.id
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert not problems  # placeholders as in the msgid
    with (folder / f"{CATALOG}.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            for form, string in enumerate(message.string):
                assert compiled._catalog[(message.id[0], form)] == string, "run `make translations`"
        else:
            assert compiled._catalog[message.id] == message.string, "run `make translations`"


def test_the_wheel_carries_the_compiled_catalogs(tmp_path):
    # hatchling, the build backend, is in the test extra: the wheel is built offline with it
    offline = ["--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(tmp_path)]
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), *offline],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in LANGUAGES:
        assert f"sphinx_posts/locales/{language}/LC_MESSAGES/{CATALOG}.mo" in names


def test_a_site_can_change_a_label(make_app, rootdir, tmp_path):
    """A ``sphinx_posts.mo`` under the site's ``locale_dirs`` wins over ours, message by
    message: the rest still comes from ours."""
    srcdir = copy_root(rootdir, tmp_path, "i18n")
    ours = Catalog(locale="de")
    ours.add("Related posts", "Lies auch")
    folder = srcdir / "locales" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{CATALOG}.mo").open("wb") as handle:
        write_mo(handle, ours)
    app = make_app("html", srcdir=srcdir, confoverrides={"language": "de"})
    build(app)
    post = html(app, "posts/alpha.html")
    assert post.select_one("#posts-related-title").get_text() == "Lies auch"
    assert post.select_one(".posts-byline-reading").get_text(strip=True) == "1 Minute Lesezeit"


def test_our_templates_read_our_catalog_and_the_others_keep_sphinx(make_app, rootdir, tmp_path):
    """``_``, ``ngettext`` and ``{% trans %}`` in a template named ``posts/...`` (macros and
    includes too) read our catalog; a theme's template reads Sphinx's."""
    srcdir = copy_root(rootdir, tmp_path, "i18n")
    app = make_app("html", srcdir=srcdir, confoverrides={"language": "de"})
    environment = app.builder.templates.environment
    environment.loader = DictLoader(
        {
            "posts/macro.html": '{% macro label() %}{{ _("Related posts") }}{% endmacro %}',
            "posts/mine.html": (
                '{% from "posts/macro.html" import label %}{{ label() }}|'
                '{{ ngettext("%(minutes)d min read", "%(minutes)d min read", 5)'
                "|format(minutes=5) }}|"
                "{% trans count=2 %}%(count)d more{% pluralize %}%(count)d more{% endtrans %}|"
                '{% include "theirs.html" %}'
            ),
            "theirs.html": '{{ _("Search") }}|{{ _("Related posts") }}',
        }
    )
    shown = environment.get_template("posts/mine.html").render()
    assert shown == "Ähnliche Beiträge|5 Minuten Lesezeit|2 weitere|Suche|Related posts"
