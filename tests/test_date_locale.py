"""Dates are formatted from a trimmed copy of Babel's locale (formats.py ``DateLocale``), and
Babel's own loaded data is let go before reading: every date must read exactly as Babel's
whole locale writes it, in every language we ship and in any pattern a writer can give."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import babel
import pytest
from babel import dates as babel_dates
from babel import localedata
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_posts.formats import DateLocale, parsed_locale
from sphinx_posts.i18n import shipped

LANGUAGES = ["en", *shipped()]
PATTERNS = [
    "short",
    "medium",
    "long",
    "full",
    "d MMMM y",
    "LLLL y",
    "EEEE d MMM y, HH:mm",
    "h:mm a zzzz",
    "yyyy-MM-dd'T'HH:mm:ssZZZZZ",
    "QQQQ y G",
    "v VVVV O",
    "w 'week' Y, B",
]


def test_the_trimmed_locale_is_the_one_dates_use():
    assert isinstance(parsed_locale("fr"), DateLocale)
    assert "unit_patterns" not in parsed_locale("fr")._data


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=25, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)),
    offset=st.integers(min_value=-14 * 60, max_value=14 * 60),
    pattern=st.sampled_from(PATTERNS),
)
def test_dates_read_as_babels_whole_locale_writes_them(language, moment, offset, pattern):
    local = moment.replace(tzinfo=timezone(timedelta(minutes=offset)))
    full = babel.Locale.parse(language)
    trimmed = DateLocale.of(full)
    if pattern in ("short", "medium", "long", "full"):
        want = babel_dates.format_date(local.date(), pattern, locale=full)
        assert babel_dates.format_date(local.date(), pattern, locale=trimmed) == want
    want = babel_dates.format_datetime(local, pattern, tzinfo=local.tzinfo, locale=full)
    got = babel_dates.format_datetime(local, pattern, tzinfo=local.tzinfo, locale=trimmed)
    assert got == want


def test_babel_loads_its_data_again_when_asked_after_it_was_let_go():
    from types import SimpleNamespace

    from sphinx_posts.formats import release_babel_data

    babel.Locale.parse("de").languages  # noqa: B018 (loads it)
    release_babel_data(SimpleNamespace(config=SimpleNamespace(language="de")))
    assert "de" not in getattr(localedata, "_cache", {})
    assert babel.Locale.parse("de").languages["fr"] == "Französisch"
    moment = datetime(2024, 3, 7, tzinfo=UTC)
    assert babel_dates.format_date(moment, "long", locale="de") == "7. März 2024"
