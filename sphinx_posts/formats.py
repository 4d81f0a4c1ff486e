"""How dates and reading times are shown: one rule for bylines, lists, sidebars and the
``update`` directive alike."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

import babel
from sphinx.util.i18n import format_date

from .config import site_timezone

if TYPE_CHECKING:
    from datetime import datetime

    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .model import Post


def show_date(moment: datetime, config: Config, date_format: str = "") -> str:
    """A date as readers see it: ``posts_date_format`` in the site's language and zone."""
    local = moment.astimezone(site_timezone(config))
    chosen = date_format or config.posts_date_format
    return format_date(chosen, date=local, language=config.language or "en")


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
    # an unknown language: Sphinx's format_date warns when a date is shown, and uses English
    for language in (app.config.language or "en", "en"):
        with suppress(ValueError, babel.UnknownLocaleError):
            babel.Locale.parse(language).months  # noqa: B018 (reading them loads them)
            return


def setup_formats(app: Sphinx) -> None:
    app.connect("builder-inited", load_date_names)
