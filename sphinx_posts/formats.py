"""How dates and reading times are shown: one rule for bylines, lists, sidebars and the
``update`` directive alike."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

import babel
from babel import dates as babel_dates
from babel import localedata
from sphinx.util.i18n import format_date

from .config import NAMED_DATE_FORMATS, is_strftime, site_timezone
from .i18n import date_locale

if TYPE_CHECKING:
    from datetime import datetime

    from sphinx.application import Sphinx
    from sphinx.config import Config


def show_date(moment: datetime, config: Config, date_format: str = "") -> str:
    """A date as readers see it: ``posts_date_format`` in the site's language and zone.

    The format is one of the language's own (``medium``), a strftime format (it has a ``%``)
    or a CLDR pattern (``d MMMM y``); the locale is one Babel knows (``date_locale``), so
    an unknown ``language`` is reported once, not once a date."""
    local = moment.astimezone(site_timezone(config))
    chosen = date_format or config.posts_date_format
    language = date_locale(config)
    if chosen in NAMED_DATE_FORMATS:
        return babel_dates.format_date(local.date(), chosen, locale=parsed_locale(language))
    if is_strftime(chosen):
        return format_date(chosen, date=local, language=language)
    return babel_dates.format_datetime(
        local, chosen, tzinfo=local.tzinfo, locale=parsed_locale(language)
    )


@cache
def parsed_locale(language: str) -> babel.Locale:
    """Babel parses a locale given by name on every call: a third of formatting a date."""
    return DateLocale.of(babel.Locale.parse(language))


_NOT_DATES = frozenset(
    {
        "compact_currency_formats",
        "compact_decimal_formats",
        "compound_unit_patterns",
        "currency_formats",
        "currency_names",
        "currency_names_plural",
        "currency_symbols",
        "languages",
        "list_patterns",
        "scripts",
        "unit_display_names",
        "unit_patterns",
        "variants",
    }
)
"""What Babel loads with a locale that no date is formatted with (units, currencies, the
names of every language and script): most of its size."""


class DateLocale(babel.Locale):
    """A locale that keeps what dates are formatted with, not the rest of Babel's data.

    Babel keeps every locale it loads, and the global data it loads with the first (time
    zones, likely scripts), for the whole build: 4 MiB for English, as much as this
    extension's own records of a few hundred posts. Bylines and lists keep this copy; the
    rest is let go before reading (``release_babel_data``) and loaded again if anything asks.
    """

    def __init__(self, full: babel.Locale, kept: dict[Any, Any]) -> None:
        super().__init__(full.language, full.territory, full.script, full.variant, full.modifier)
        self._dates = localedata.LocaleDataDict(kept)

    @property
    def _data(self) -> localedata.LocaleDataDict:
        return self._dates

    @classmethod
    def of(cls, full: babel.Locale) -> babel.Locale:
        raw = getattr(full._data, "_data", None)  # the data as loaded
        if not isinstance(raw, dict):
            return full  # another Babel: keep the whole locale
        return cls(full, {key: value for key, value in raw.items() if key not in _NOT_DATES})


def release_babel_data(app: Sphinx, *_args: Any) -> None:
    """Let Babel's loaded locale and global data go (``DateLocale`` kept what dates need).
    Babel loads them again if anything asks; an unknown Babel is left as it is."""
    parsed_locale(date_locale(app.config))
    for module, name in ((localedata, "_cache"), (localedata, "_dict_cache")):
        loaded = getattr(module, name, None)
        if isinstance(loaded, dict):
            loaded.clear()
    if getattr(babel.core, "_global_data", None) is not None:
        babel.core._global_data = None


def month_name(year: int, month: int, config: Config) -> str:
    """A month as a heading names it: standalone (Russian "март", not "марта")."""
    return babel_dates.format_date(
        date(year, month, 1), "LLLL", locale=parsed_locale(date_locale(config))
    )


def machine_date(moment: datetime, has_time: bool, config: Config) -> str:
    """The ``datetime`` attribute of ``<time>``: a date, or a full RFC 3339 timestamp."""
    local = moment.astimezone(site_timezone(config))
    return local.isoformat() if has_time else local.date().isoformat()


def load_date_names(app: Sphinx) -> None:
    """Have babel load the language's date names before any document is read.

    Loaded at the first byline, in the middle of writing, its few MiB of locale data land
    between the pages' short-lived objects, and the build's peak memory grows by twice that.
    """
    parsed_locale(date_locale(app.config)).months  # noqa: B018 (reading them loads them)


def setup_formats(app: Sphinx) -> None:
    app.connect("builder-inited", load_date_names)
    app.connect("env-before-read-docs", release_babel_data, priority=900)
