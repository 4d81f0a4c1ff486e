"""How dates and reading times are shown: one rule for bylines, lists, sidebars and the
``update`` directive alike."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING

import babel
from babel import dates as babel_dates
from sphinx.util.i18n import format_date

from .config import NAMED_DATE_FORMATS, is_strftime, site_timezone
from .i18n import date_locale

if TYPE_CHECKING:
    from datetime import datetime

    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .model import Post


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
    return babel.Locale.parse(language)


def month_name(year: int, month: int, config: Config) -> str:
    """A month as a heading names it: standalone (Russian "март", not "марта")."""
    return babel_dates.format_date(date(year, month, 1), "LLLL", locale=date_locale(config))


def machine_date(moment: datetime, has_time: bool, config: Config) -> str:
    """The ``datetime`` attribute of ``<time>``: a date, or a full RFC 3339 timestamp."""
    local = moment.astimezone(site_timezone(config))
    return local.isoformat() if has_time else local.date().isoformat()


def reading_minutes(post: Post, config: Config) -> int:
    return max(1, round(post.words / config.posts_words_per_minute))


def load_date_names(app: Sphinx) -> None:
    """Have babel load the language's date names before any document is read.

    Loaded at the first byline, in the middle of writing, its few MiB of locale data land
    between the pages' short-lived objects, and the build's peak memory grows by twice that.
    """
    babel.Locale.parse(date_locale(app.config)).months  # noqa: B018 (reading them loads them)


def setup_formats(app: Sphinx) -> None:
    app.connect("builder-inited", load_date_names)
