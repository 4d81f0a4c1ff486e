"""Random blog sites for the fuzz tests: posts whose frontmatter is drawn from hostile values,
and the checks every build of such a site must pass.

A site is a pure function of its seed (``random.Random(seed)``), so a failure is reproduced by
its test id. Every text value carries a unique marker (``<xinj-N>``, an ``xinj-N`` attribute)
that must never reach any output as markup.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import random
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import feedparser
import yaml
from bs4 import BeautifulSoup

from sphinx_posts.model import parse_date

BASE = "https://fuzz.example.org/"
NOW = datetime.now(tz=UTC)

TIMEZONES = ("UTC", "Europe/Paris", "Pacific/Kiritimati", "Etc/GMT+12", "America/St_Johns")


def conf(gen: Generator) -> str:
    """A site configuration: the settings that change what a value becomes, drawn at random."""
    settings = {
        "posts_timezone": gen.rng.choice(TIMEZONES),
        "posts_feed_content": gen.rng.choice(["full", "summary", "none"]),
        "posts_per_page": gen.rng.randint(1, 4),
        "posts_show_drafts": gen.rng.choice([None, True, False]),
        "posts_feed_terms": ["tag", "category", "author"],
    }
    lines = [
        'project = "Fuzz"',
        'extensions = ["myst_parser", "sphinx_posts"]',
        'html_theme = "basic"',
        f"html_baseurl = {BASE!r}",
        'exclude_patterns = ["_build"]',
        *(f"{key} = {value!r}" for key, value in settings.items()),
    ]
    return "\n".join(lines) + "\n"


INDEX = """\
# Fuzz

```{toctree}
about
```
"""

ABOUT = "# About\n\nA page that is not a post.\n"

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a1d6d2a40000000049454e44ae426082"
)

# -- values -----------------------------------------------------------------------------------

WORDS = ("Python", "Sphinx", "C++", "C#", "R&D", "Café", "机器学习", "Ελληνικά", "🎉", "a/b")
SAFE_LINKS = ("https://example.com/post", "http://example.com/a?b=c&d=e", "mailto:x@example.com")
EVIL_LINKS = (
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/x",
    "vbscript:msgbox(1)",
)
"""Links no page may carry (the design accepts http(s), mailto and site-relative paths)."""

GOOD_DATES: tuple[Any, ...] = (
    date(2024, 5, 17),
    datetime(2023, 1, 2, 3, 4, 5),
    datetime(2022, 6, 30, 23, 59, tzinfo=timezone(timedelta(hours=-11))),
    "2021-4-9",
    "March 7, 2023",
    "7 March 2023",
    "2025-03-20T10:00:00+02:00",
    "2020-02-29 12:00",
    "1970-01-01",
)
BAD_DATES: tuple[Any, ...] = (
    "next tuesday",
    "March 2023",
    "2023",
    "",
    "0000-00-00",
    "2023-02-30",
    "2023-13-01",
    12345678901234567890,
    -1,
    3.5,
    float("nan"),
    [2024, 1, 1],
    {"year": 2024},
    "2024-01-01T25:61:00",
    "99999-01-01",
    "\x00",
)
KNOWN_DATES = (
    "9999-12-31 23:59:59-12:00",
    "0001-01-01 00:00:00+14:00",
    "2023-03-07T10:00:00+25:00",
    "9999-12-31",
    "0001-01-01T00:00:00+01:00",
)
"""Dates on the edge of datetime's range (issue 11: overflow when converted or compared)."""

KNOWN_REDIRECTS = ("blog", "genindex", "_static/basic.css", "search", "index", "_images/posts")
"""Redirects onto pages the site or the blog writes (issue 11: collisions)."""


@dataclass
class Generator:
    """Draws values; ``known`` adds the inputs of the failures issue 11 is fixing."""

    rng: random.Random
    known: bool = True
    counter: int = 0
    markers: list[str] = field(default_factory=list)

    def marker(self) -> str:
        self.counter += 1
        name = f"xinj-{self.counter}"
        self.markers.append(name)
        return name

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def hostile(self) -> str:
        """Text built to break out of whatever context it lands in."""
        m = self.marker()
        forms = [
            f"<{m}>",
            f"</script><{m}>",
            f"<!--<script><{m}>",
            f"\"'&<{m} x=1>",
            f'" {m}="1',
            f"' {m}='1",
            f"]]><{m}>",
            f"</title><{m}>",
            f"{{{{ {m} }}}}",
            f"{{% raw %}}<{m}>",
            f"&lt;{m}&gt;",
            f"\\<{m}\\>",
            f"*{m}* `<{m}>` [x](javascript:alert(1))",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example/x",
            "../../x",
            "‮RTL‬ ‏mark‎ " + m,
            "🎉🚀👩‍💻 " + m,
            "\x00\x01\x0b\x1f\x7f\u2028\u2029\ufeff" + m,
            "\\x01 \\u0000 " + m,
            "%s %(x)s {0} {x} " + m,
            "   ",
            "",
        ]
        return self.rng.choice(forms)

    def text(self) -> str:
        choice = self.rng.random()
        if choice < 0.35:
            return self.hostile()
        if choice < 0.45:
            return self.rng.choice(WORDS) + " " + self.hostile()
        if choice < 0.5:
            return ("long " * self.rng.randint(50, 400)) + self.marker()
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(1, 4)))

    def scalar(self) -> Any:
        return self.rng.choice(
            [
                None,
                True,
                False,
                0,
                -7,
                10**30,
                -(10**30),
                1.5,
                float("inf"),
                float("-inf"),
                float("nan"),
                self.text(),
                date(2020, 1, 1),
            ]
        )

    def nested(self, depth: int = 0) -> Any:
        if depth > 2 or self.chance(0.4):
            return self.scalar()
        if self.chance(0.5):
            return [self.nested(depth + 1) for _ in range(self.rng.randint(0, 3))]
        return {
            str(self.text())[:20]: self.nested(depth + 1) for _ in range(self.rng.randint(0, 3))
        }

    def anything(self, good: Any) -> Any:
        """Mostly a well-formed value from ``good()``, sometimes any YAML value at all."""
        return good() if self.chance(0.7) else self.nested()

    def name(self) -> str:
        choice = self.rng.random()
        if choice < 0.3:
            return self.text()
        if choice < 0.4 and self.known:
            return ("Ünïcödé tag " * self.rng.randint(25, 40)) + self.marker()
        word = self.rng.choice(WORDS)
        return self.rng.choice([word, word.upper(), word.lower(), f" {word} ", word + "-x"])

    def names(self) -> Any:
        count = self.rng.randint(0, 5)
        if self.known and self.chance(0.03):
            count = 300
        items: list[Any] = [self.name() for _ in range(count)]
        if self.chance(0.2) and items:
            items.append(self.nested())
        if self.chance(0.2) and items:
            return ", ".join(str(item) for item in items)
        return items

    def when(self) -> Any:
        choice = self.rng.random()
        if choice < 0.6:
            return self.rng.choice(GOOD_DATES)
        if choice < 0.7 and self.known:
            return self.rng.choice(KNOWN_DATES)
        if choice < 0.75:
            return datetime(
                self.rng.randint(1, 9999),
                self.rng.randint(1, 12),
                self.rng.randint(1, 28),
                tzinfo=timezone(timedelta(minutes=self.rng.randint(-23 * 60, 23 * 60))),
            )
        return self.rng.choice(BAD_DATES)

    def link(self) -> Any:
        pool = (*SAFE_LINKS, "/local/page.html", "../relative")
        if self.known:
            pool += EVIL_LINKS
        return self.rng.choice(pool) if self.chance(0.8) else self.text()

    def image(self) -> Any:
        pool: tuple[Any, ...] = (
            "img.png",
            "/posts/img.png",
            "missing.png",
            "../../x.png",
            "/etc/passwd",
            "https://example.com/a.png",
            1,
            7,
            "\x00.png",
            "a" * 300,
        )
        if self.known:
            pool += (*EVIL_LINKS, "i" * 5000)
        return self.rng.choice(pool) if self.chance(0.85) else self.text()

    def redirect(self) -> Any:
        pool: tuple[Any, ...] = (
            "old/post",
            "/2013/old.html",
            "../../x",
            "a\\..\\..\\b",
            "x:y",
            "r" * 300,
            "a\x00b",
            "blog/atom.xml",
            "blog/tag/python/feed.json",
        )
        if self.known:
            pool += KNOWN_REDIRECTS
        return self.rng.choice(pool)

    def flag(self) -> Any:
        return self.rng.choice([True, False, "yes", "no", "maybe", 1, None, [True]])


@dataclass
class PostSpec:
    docname: str
    fields: dict[str, Any]
    yaml_text: str
    timezone: str = "UTC"
    """The site's ``posts_timezone``: a naive date is a moment in it."""

    @property
    def wanted(self) -> bool:
        """Whether the writer meant this document to be a listed post: it is not opted out,
        not a draft, and its date (if it reads as one) is not in the future."""
        post = _word(self.fields.get("post"))
        if post is False:
            return False
        if _word(self.fields.get("draft")) is True:
            return False
        if "date" in self.fields:
            try:
                when, _ = parse_date(self.fields["date"], ZoneInfo(self.timezone))
                if when > NOW:
                    return False
            except Exception:  # an unreadable date must be warned about
                pass
        return True


def _word(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    word = str(value).strip().casefold()
    if word in ("true", "yes", "on", "1"):
        return True
    if word in ("false", "no", "off", "0"):
        return False
    return None


KEYS = (
    "title",
    "description",
    "date",
    "updated",
    "tags",
    "categories",
    "category",
    "authors",
    "author",
    "draft",
    "image",
    "series",
    "external_link",
    "canonical_link",
    "redirect",
    "language",
    "location",
    "post",
    "excerpt",
)


def post_fields(gen: Generator) -> dict[str, Any]:
    values = {
        "title": lambda: gen.anything(gen.text),
        "description": lambda: gen.anything(gen.text),
        "date": gen.when,
        "updated": gen.when,
        "tags": lambda: gen.anything(gen.names),
        "categories": lambda: gen.anything(gen.names),
        "category": lambda: gen.anything(gen.name),
        "authors": lambda: gen.anything(gen.names),
        "author": lambda: gen.anything(gen.name),
        "draft": lambda: gen.rng.choice([False, False, False, *([gen.flag()] * 2)]),
        "image": gen.image,
        "series": lambda: gen.anything(gen.text),
        "external_link": gen.link,
        "canonical_link": gen.link,
        "redirect": lambda: gen.rng.choice([gen.redirect(), [gen.redirect(), gen.redirect()]]),
        "language": lambda: gen.anything(gen.names),
        "location": lambda: gen.anything(gen.names),
        "post": lambda: gen.rng.choice([True, True, "yes", "maybe", False]),
        "excerpt": lambda: gen.rng.choice(["2", "0", "-1", "x", 99999]),
    }
    probability = {"title": 0.9, "date": 0.95, "tags": 0.8, "description": 0.6}
    return {key: make() for key, make in values.items() if gen.chance(probability.get(key, 0.25))}


ALIAS_BOMB = (
    "["
    + ", ".join(
        ["&l0 [x, x, x, x, x, x, x, x, x]"]
        + [f"&l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, 6)]
    )
    + "]"
)
"""Six levels of nine aliases: 200 bytes that expand to 9**6 values."""

YAML_TRICKS = (
    "tags: &names [alpha, beta]\ncategories: *names\n",
    "title: !!str 12345\n",
    "description: !!binary aGVsbG8=\n",
    "tags: !!set {a, b}\n",
    "updated: !!timestamp 2001-12-14t21:59:43.10-05:00\n",
    "series: !custom tag\n",
    "a: &a [x, x, x]\nb: &b [*a, *a, *a]\ntags: [*b, *b, *b]\n",
    "title: |\n  two\n  lines <xinj-yaml>\n",
    "tags:\n  - ? complex key\n    : value\n",
    "date: 2024-02-30\n",
    "title: 'unterminated\n",
    "{not: a mapping}: 1\n",
    'tags: ["\\ud800", "\\udfff x"]\ntitle: "T \\ud800"\n',
    "categories: '[\"\\udc00\"]'\n",
    "tags: '[2021-99-99]'\ncategories: \"[!!timestamp '2020-01-01 00:00:00-06:02:04']\"\n",
    "description:\ntags:\nseries:\nimage:\ndraft:\n",
    "tags: '" + ALIAS_BOMB + "'\n",
    'redirect: "blog/atom.xml"\n',
)
"""Hand-written frontmatter that no ``safe_dump`` produces: anchors, tags, odd keys."""


def dump(fields: dict[str, Any]) -> str:
    try:
        return yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    except yaml.YAMLError:
        return yaml.safe_dump(fields, allow_unicode=False, sort_keys=False, width=1000)


def make_post(gen: Generator, number: int) -> PostSpec:
    docname = f"posts/p{number}"
    fields = post_fields(gen)
    text = dump(fields)
    if gen.chance(0.1):
        trick = gen.rng.choice(YAML_TRICKS)
        text += trick
        try:
            extra = yaml.safe_load(text)
        except (yaml.YAMLError, ValueError, AttributeError):  # as myst-parser: no frontmatter
            extra = None
        fields = extra if isinstance(extra, dict) else {}
    return PostSpec(docname, fields, text)


def body(gen: Generator) -> str:
    heading = f"# Heading {number_word(gen)}\n\n" if gen.chance(0.5) else ""
    m = gen.marker()
    return f"{heading}Body text \\<{m}\\> and *emphasis* & more.\n\nSecond paragraph.\n"


def number_word(gen: Generator) -> str:
    return gen.rng.choice(["one", "two", "\\<" + gen.marker() + "\\>"])


@dataclass
class Site:
    seed: int
    posts: list[PostSpec]
    markers: list[str]


def write_site(srcdir: Path, seed: int, count: int, *, known: bool = True) -> Site:
    """Write a site of ``count`` random posts (plus an index, a page and an image)."""
    gen = Generator(random.Random(seed), known=known)
    (srcdir / "posts").mkdir(parents=True)
    config = conf(gen)
    (srcdir / "conf.py").write_text(config, encoding="utf-8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf-8")
    (srcdir / "about.md").write_text(ABOUT, encoding="utf-8")
    (srcdir / "posts" / "img.png").write_bytes(PNG)
    posts = []
    for number in range(count):
        post = make_post(gen, number)
        post.timezone = re.findall(r"posts_timezone = '(.*)'", config)[0]
        posts.append(post)
        path = srcdir / f"{post.docname}.md"
        path.write_text(f"---\n{post.yaml_text}---\n\n{body(gen)}", encoding="utf-8")
    return Site(seed, posts, gen.markers)


# -- checks -----------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and its content hash."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() or path.is_symlink()
    }


def outside(root: Path, folder: Path) -> list[str]:
    """Paths under ``folder`` that are links or resolve outside ``root``."""
    bad = []
    top = root.resolve()
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            if path.is_symlink() or not path.resolve().is_relative_to(top):
                bad.append(str(path))
    return bad


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "srcset", "data")
URL_META = re.compile(r"(url|image|video|audio)$", re.IGNORECASE)
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
SCRIPT_BREAKERS = re.compile(r"<!--|<script|</script", re.IGNORECASE)


def _normal_url(value: str) -> str:
    """A URL as a browser reads its scheme: control characters and spaces are dropped."""
    return re.sub(r"[\x00-\x20]", "", value)


def bad_url(value: str) -> str | None:
    """Why a URL in an output attribute is unsafe, or ``None``."""
    url = _normal_url(value)
    if BAD_SCHEME.match(url):
        return "a script or data URL"
    if url.startswith(("//", "\\\\", "/\\", "\\/")) and "evil.example" in url:
        return "a link to another host written as //host"
    return None


def html_problems(page: str, text: str) -> list[str]:
    """Markers that became markup, unsafe URLs, and inline scripts a value broke out of."""
    problems = []
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(True):
        if tag.name.startswith("xinj"):
            problems.append(f"{page}: element <{tag.name}> from a frontmatter value")
        for name, value in tag.attrs.items():
            if name.startswith("xinj"):
                problems.append(f"{page}: attribute {name!r} on <{tag.name}> from a value")
            values = value if isinstance(value, list) else [value]
            is_url = name in URL_ATTRIBUTES or (
                name == "content"
                and URL_META.search(str(tag.get("property") or tag.get("name") or ""))
            )
            if name == "content" and str(tag.get("http-equiv", "")).lower() == "refresh":
                values = [str(value).split("=", 1)[-1]]
                is_url = True
            for item in values if is_url else ():
                why = bad_url(str(item))
                if why:
                    problems.append(f"{page}: <{tag.name} {name}={item!r}>: {why}")
        if tag.name == "script" and not tag.get("src"):
            if SCRIPT_BREAKERS.search(tag.string or ""):
                problems.append(f"{page}: inline <script> holds <!--, <script or </script")
            if tag.get("type") == "application/ld+json":
                try:
                    json.loads(tag.string or "")
                except ValueError as error:
                    problems.append(f"{page}: JSON-LD does not parse: {error}")
    return problems


def markup_problems(where: str, fragment: str) -> list[str]:
    """Markers that a feed's HTML field turns into markup."""
    soup = BeautifulSoup(fragment, "html.parser")
    found = [tag.name for tag in soup.find_all(True) if tag.name.startswith("xinj")]
    found += [
        f"attribute {name}"
        for tag in soup.find_all(True)
        for name in tag.attrs
        if name.startswith("xinj")
    ]
    return [f"{where}: {item} from a frontmatter value" for item in found]


ATOM = "{http://www.w3.org/2005/Atom}"


def feed_problems(outdir: Path) -> list[str]:
    """Every feed parses; no HTML-carrying field turns a frontmatter value into markup."""
    problems = []
    for path in sorted(outdir.rglob("*")):
        where = path.relative_to(outdir).as_posix()
        is_feed = path.name in ("atom.xml", "rss.xml", "feed.json") and path.is_file()
        data = path.read_bytes() if is_feed else None  # a folder: a redirect took the name
        if data is None:
            continue
        if path.name == "feed.json":
            try:
                feed = json.loads(data)
            except ValueError as error:
                problems.append(f"{where}: not JSON: {error}")
                continue
            for item in feed.get("items", []):
                if isinstance(item.get("content_html"), str):  # ``summary`` is plain text
                    problems += markup_problems(f"{where} content_html", item["content_html"])
            continue
        parsed = feedparser.parse(data)
        if parsed.bozo:
            problems.append(f"{where}: feedparser: {parsed.get('bozo_exception')!r}")
            continue
        root = ET.fromstring(data)
        if path.name == "rss.xml":
            for element in root.iter("description"):
                problems += markup_problems(f"{where} description", element.text or "")
        else:
            for element in root.iter():
                fields = (f"{ATOM}summary", f"{ATOM}content", f"{ATOM}title")
                if element.tag in fields and element.get("type") == "html":
                    problems += markup_problems(f"{where} {element.tag}", element.text or "")
    return problems


def output_page(outdir: Path, page: str, href: str) -> str | None:
    """The output file a relative link on ``page`` leads to, or ``None`` for other sites."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    try:
        folder = href.split("#")[0].endswith("/") or (outdir / target).is_dir()
    except (OSError, ValueError):  # a name no file system takes: no page there
        return None
    return posixpath.join(target, "index.html") if folder else target


def listed_targets(outdir: Path) -> set[str]:
    """Every link of the blog's index and archive pages, as written and as the output file it
    leads to (a listed title links to the post's ``external_link`` when it has one)."""
    targets: set[str] = set()
    pages = [p for p in outdir.joinpath("blog").rglob("*.html") if _is_listing(outdir, p)]
    for path in pages:
        page = path.relative_to(outdir).as_posix()
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for anchor in soup.select(".posts-listing a[href], .posts-archive a[href]"):
            href = str(anchor["href"])
            targets.update({href, output_page(outdir, page, href) or href})
    return targets


def _is_listing(outdir: Path, path: Path) -> bool:
    relative = path.relative_to(outdir / "blog").as_posix()
    return relative.startswith(("index.html", "page/", "archive"))


# -- damaged state ----------------------------------------------------------------------------

DAMAGE: tuple[bytes, ...] = (
    b"",
    b"\x00\xff\xfe not what was written",
    b"[]",
    b'"x"',
    b"null",
    b'{"files": 5, "stale": {}, "chrome": []}',
    b'{"files": {"../keep.txt": "x", "/etc/hostname": "x"}, "stale": ["../keep.txt"]}',
    b'{"files": {',
)
"""What a state file may hold after a crash, a full disk or another tool: nothing, garbage,
JSON of another shape, paths outside the output folder."""


def damage_state(rng: random.Random, doctrees: Path) -> list[str]:
    """Damage some of the files the blog keeps beside the doctrees; say which, and how."""
    files = [
        path
        for path in sorted(doctrees.rglob("*"))
        if path.is_file() and path.relative_to(doctrees).parts[0].startswith("posts-")
    ]
    done = []
    for path in rng.sample(files, k=rng.randint(1, len(files))) if files else []:
        data = path.read_bytes()
        how = rng.choice(["cut", *range(len(DAMAGE))])
        if how == "cut":
            path.write_bytes(data[: rng.randint(0, max(0, len(data) - 1))])
        else:
            path.write_bytes(DAMAGE[how])
        done.append(f"{path.relative_to(doctrees)}: {how}")
    return done
