"""The blog in the site's language: our message catalog, the locale dates are shown in, the
text direction, and the language of each post.

Labels go through our own gettext domain, ``sphinx_posts`` (``locales/<lang>/LC_MESSAGES``).
Sphinx's ``_()`` in templates reads Sphinx's catalog, which has none of our strings, so our
templates (``posts/*``, ``ablog/*``, and a site's overrides of them) get ``gettext`` and
``ngettext`` from our catalog and every other template keeps Sphinx's.

An unknown ``language`` is reported once (``posts.config``) and resolved once to the nearest
locale Babel knows: Sphinx's ``format_date`` would otherwise warn "Invalid Babel locale" for
every date shown.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import babel
from jinja2 import pass_context
from sphinx import locale as sphinx_locale

from .report import PostsWarning, warn

if TYPE_CHECKING:
    from collections.abc import Callable
    from gettext import NullTranslations

    from jinja2.runtime import Context
    from sphinx.application import Sphinx
    from sphinx.config import Config

CATALOG = "sphinx_posts"
LOCALES = Path(__file__).parent / "locales"
OUR_TEMPLATES = ("posts/", "ablog/")
"""Templates whose ``_()`` reads our catalog (by name, so a site's overrides do too)."""
ENGLISH = "en"

_ = sphinx_locale.get_translation(CATALOG)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog where it is defined; it is translated where shown."""
    return message


def translator() -> NullTranslations:
    return sphinx_locale.get_translator(CATALOG)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` in the site's language (Polish has three)."""
    return translator().ngettext(singular, plural, count)


# -- which languages: Babel's locales, our catalogs -------------------------------------------


def parse_locale(language: str | None) -> babel.Locale | None:
    """``language`` as Babel knows it (``pt-BR`` and ``pt_BR`` alike), or None."""
    try:
        return babel.Locale.parse((language or ENGLISH).strip().replace("-", "_"))
    except (ValueError, TypeError, babel.UnknownLocaleError):
        return None


def shipped() -> tuple[str, ...]:
    """The languages our catalog is translated into (``pt_BR``, ``zh_CN`` ...)."""
    return tuple(
        sorted(
            folder.name
            for folder in LOCALES.iterdir()
            if (folder / "LC_MESSAGES" / f"{CATALOG}.mo").is_file()
        )
    )


def _script(found: babel.Locale) -> str:
    """A locale's writing system, stated or likely (``zh_TW`` is Hant, ``zh`` is Hans)."""
    if found.script:
        return found.script
    likely = babel.core.get_global("likely_subtags")
    for key in (str(found), found.language):
        if key in likely:
            return babel.Locale.parse(likely[key]).script or ""
    return ""


@cache
def catalog_language(language: str | None) -> str:
    """The shipped catalog for ``language``: its own, else one of the same language in the same
    script (``pt`` reads ``pt_BR``, ``de_AT`` reads ``de``, ``zh_TW`` has none); "" for none."""
    found = parse_locale(nearest_locale(language))
    if found is None or found.language == ENGLISH:
        return ""
    candidates = [code for code in shipped() if parse_locale(code) is not None]
    if str(found) in candidates:
        return str(found)
    same = [
        code
        for code in candidates
        if (other := parse_locale(code)) is not None
        and other.language == found.language
        and _script(other) == _script(found)
    ]
    return min(same, key=lambda code: (code != found.language, code), default="")


@cache
def nearest_locale(language: str | None) -> str:
    """A locale Babel knows for ``language``: itself, its base language (``de_XX`` -> ``de``),
    the language an English name means (``German``), the closest code; else English."""
    found = parse_locale(language)
    if found is not None:
        return str(found)
    text = (language or "").strip().replace("-", "_")
    base = parse_locale(text.split("_")[0]) if "_" in text else None
    if base is not None:
        return str(base)
    named = english_names().get(text.casefold(), "")
    if parse_locale(named) is not None and named:
        return named
    codes = [*shipped(), *sorted(babel.localedata.locale_identifiers())]
    close = difflib.get_close_matches(text, codes, n=1, cutoff=0.6)
    return close[0] if close else ENGLISH


def date_locale(config: Config) -> str:
    """The locale dates are shown in (always one Babel knows)."""
    return nearest_locale(config.language)


@cache
def is_right_to_left(language: str | None) -> bool:
    """Whether text in ``language`` runs right to left (asked for every sidebar slot and
    translated link, so answered once a language)."""
    found = parse_locale(nearest_locale(language_tag(language) or language))
    return found is not None and found.character_order == "right-to-left"


@cache
def english_names() -> dict[str, str]:
    """English language names to codes (ABlog sites name a post's language ``English``)."""
    return {name.casefold(): code for code, name in babel.Locale(ENGLISH).languages.items()}


def language_tag(language: str | None) -> str:
    """A BCP 47 tag (``pt-BR``) for a code Babel knows or an English language name; "" for
    anything else."""
    text = (language or "").strip()
    found = parse_locale(text) if text else None
    if found is None and text.casefold() in english_names():
        text = english_names()[text.casefold()]  # an English name: the code it stands for
        found = parse_locale(text)
    if found is None:
        return ""
    parts = re.split(r"[-_]", text)
    return "-".join(
        [parts[0].lower()]
        + [part.title() if len(part) == 4 else part.upper() for part in parts[1:] if part]
    )


def content_language(languages: tuple[str, ...]) -> str:
    """The tag of a post's language: the first of its ``language`` values that names one."""
    return next((tag for name in languages if (tag := language_tag(name))), "")


def lang_attributes(tag: str, site_language: str | None) -> str:
    """`` lang="fr"`` (and ``dir``) for an element whose text is in another language than
    the site's; "" for one in the site's language."""
    if not tag or tag == language_tag(site_language or ENGLISH):
        return ""
    rtl = is_right_to_left(tag)
    flip = f' dir="{"rtl" if rtl else "ltr"}"' if rtl != is_right_to_left(site_language) else ""
    return f' lang="{tag}"{flip}'


def language_name(code: str, in_language: str | None) -> str:
    """A language's name as readers of ``in_language`` call it (``Französisch``); "" when
    ``code`` is not a language code."""
    found = parse_locale(code)
    if found is None:
        return ""
    return found.get_display_name(parse_locale(nearest_locale(in_language))) or code


def own_name(code: str) -> str:
    """A language's name in itself (``Français``), for links to a translation."""
    found = parse_locale(code)
    name = (found.get_display_name() if found else "") or code
    return name[:1].upper() + name[1:]


# -- set-up ------------------------------------------------------------------------------------


def written(config: Config) -> set[str]:
    """The settings conf.py (or ``-D``) gives, as opposed to defaults."""
    return set(getattr(config, "_raw_config", {})) | set(getattr(config, "_overrides", {}))


def check_language(config: Config) -> None:
    """Say once, for the whole build, what an unknown or untranslated language gets."""
    language = config.language or ENGLISH
    found = parse_locale(language)
    if found is None:
        nearest = nearest_locale(language)
        labels = catalog_language(language) or ENGLISH
        warn(
            PostsWarning.CONFIG,
            f"language = {language!r}: not a language Babel knows; the blog's dates are shown "
            f"as {nearest!r} and its labels in {language_name(labels, ENGLISH)} "
            f"(nearest known locale: {nearest!r})",
        )
    elif found.language != ENGLISH and not catalog_language(language):
        same = [code for code in shipped() if code.split("_")[0] == found.language]
        hint = f"the nearest shipped is {same[0]!r}; " if same else ""
        warn(
            PostsWarning.CONFIG,
            f"language = {language!r}: sphinx-posts has no translation for "
            f"{language_name(language, ENGLISH)} yet: its labels stay English, dates are "
            f"localised ({hint}shipped: {', '.join(shipped())}; adding one is described in "
            "the README)",
        )


def load_catalog(app: Sphinx, config: Config) -> None:
    """Our catalog for the site's language: the site's own ``locale_dirs`` first (a site
    may change a translation), then the one we ship. Loaded afresh for every app, so a second
    build in the same process, in another language, does not keep the first one's."""
    check_language(config)
    chosen = catalog_language(config.language)
    sphinx_locale.translators.pop(("general", CATALOG), None)
    site_dirs = [Path(app.srcdir, folder) for folder in config.locale_dirs]
    sphinx_locale.init([*site_dirs, LOCALES], chosen or config.language or ENGLISH, CATALOG)
    if config.posts_title == "Blog" and not written(config) & {"posts_title", "blog_title"}:
        config.posts_title = _("Blog")  # the default, in the site's language


def ours(context: Context) -> bool:
    return _is_ours(context.name or "")


@cache
def _is_ours(name: str) -> bool:
    return name.lstrip("!").startswith(OUR_TEMPLATES)


def _as_jinja_calls(function: Callable[..., str]) -> Callable[..., str]:
    """``function`` called with a template's context as Jinja's ``Context.call`` would, once
    for all: the theme's templates call ``_`` thousands of times a build, and ``Context.call``
    inspects the function every time."""
    passed = getattr(getattr(function, "jinja_pass_arg", None), "name", None)
    if passed == "context":
        return lambda context, *args, **kwargs: function(context, *args, **kwargs)
    if passed == "eval_context":
        return lambda context, *args, **kwargs: function(context.eval_ctx, *args, **kwargs)
    if passed == "environment":
        return lambda context, *args, **kwargs: function(context.environment, *args, **kwargs)
    if passed is None:
        return lambda _context, *args, **kwargs: function(*args, **kwargs)
    return lambda context, *args, **kwargs: context.call(function, *args, **kwargs)


def template_gettext(environment: Any) -> None:
    """Give our templates our catalog: ``_``, ``gettext`` and ``ngettext`` read it in
    templates named ``posts/...`` and ``ablog/...`` (macros too: the context they see is
    their own template's), and Sphinx's everywhere else."""
    theirs_gettext = environment.globals.get("gettext")
    theirs_ngettext = environment.globals.get("ngettext")
    call_gettext = theirs_gettext and _as_jinja_calls(theirs_gettext)
    call_ngettext = theirs_ngettext and _as_jinja_calls(theirs_ngettext)

    @pass_context
    def gettext(context: Context, message: str, **variables: Any) -> str:
        if call_gettext is None or ours(context):
            text = translator().gettext(message)
            return text % variables if variables else text
        return call_gettext(context, message, **variables)

    @pass_context
    def plural(context: Context, singular: str, many: str, count: int, **variables: Any) -> str:
        if call_ngettext is None or ours(context):
            text = translator().ngettext(singular, many, count)
            return text % variables if variables else text
        return call_ngettext(context, singular, many, count, **variables)

    environment.globals.update(gettext=gettext, ngettext=plural)
    environment.globals.setdefault("_", gettext)


def install_templates(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None or not hasattr(environment, "globals"):
        return
    template_gettext(environment)
    rtl = is_right_to_left(app.config.language)
    environment.globals["posts_dir_attr"] = ' dir="rtl"' if rtl else ""


def setup_i18n(app: Sphinx) -> None:
    # before the settings are checked (750) and ABlog's are read (700): both may say things
    app.connect("config-inited", load_catalog, priority=400)
    app.connect("builder-inited", install_templates)
