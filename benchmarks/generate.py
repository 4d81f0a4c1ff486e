"""Generate realistic, deterministic blog sites for the benchmarks.

Every post is a MyST Markdown file with YAML frontmatter shaped like a real post
(``title``, ``description``, ``date``, ``tags`` as a YAML list), about 700 words long, with
``##`` sections, bullet lists, a fenced code block and inline and display math. Tags come from
a vocabulary of 40 names drawn with Zipf-like weights, dates are spread over ten years.

The same posts are written once per variant (``plain``, ``ablog``, ``posts``); only ``conf.py``
and the ``orphan`` key differ. Nothing here touches the network or the clock: the output is a
pure function of ``(n, seed)``.

Usage::

    python benchmarks/generate.py --n 100 --seed 0 --out benchmarks/_work/sites/n100
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

VARIANTS: tuple[str, ...] = ("plain", "ablog", "posts")
SETUPS: tuple[str, ...] = ("default", "realistic")
"""``default``: the theme's own sidebars, no post list (what the extension adds, alone).
``realistic``: configured as blogs are: the blog's sidebars on every post page and the newest
posts listed on the landing page (plain, having no blog, is the same in both)."""
BASEURL = "https://example.org/"

#: 40 tag names, most popular first; drawn with weight 1 / rank (Zipf, s = 1).
TAGS: tuple[str, ...] = (
    "Python",
    "Machine Learning",
    "Research",
    "Data Science",
    "Open Source",
    "Statistics",
    "Teaching",
    "Deep Learning",
    "Large Language Model",
    "Visualization",
    "Reproducibility",
    "Documentation",
    "Sphinx",
    "Performance",
    "Testing",
    "Linux",
    "Jupyter",
    "Packaging",
    "Numerical Methods",
    "Optimization",
    "Rust",
    "Career",
    "Conferences",
    "Writing",
    "Web",
    "Databases",
    "Cloud",
    "Security",
    "Climate",
    "Physics",
    "Biology",
    "Neuroscience",
    "Ethics",
    "Hardware",
    "Robotics",
    "Compilers",
    "Functional Programming",
    "Type Systems",
    "Tooling",
    "Book Review",
)
TAG_WEIGHTS: tuple[float, ...] = tuple(1.0 / rank for rank in range(1, len(TAGS) + 1))

FIRST_DATE = dt.date(2015, 1, 1)
LAST_DATE = dt.date(2024, 12, 31)
TARGET_WORDS = 700

_THINGS = (
    "the data pipeline",
    "our test suite",
    "the training loop",
    "a small library",
    "the documentation build",
    "the evaluation set",
    "the cache layer",
    "a simulation",
    "the build system",
    "the experiment log",
    "the inference server",
    "a numerical solver",
    "the release process",
    "the plotting code",
    "the review workflow",
    "the configuration format",
)
_SUBJECTS = (
    "Almost everyone",
    "In practice, the team",
    "A careful reader",
    "The first version",
    "Every benchmark I ran",
    "The new approach",
    "My colleague",
    "The original paper",
    "A simple baseline",
    "This kind of change",
    "The profiler",
    "The standard advice",
)
_VERBS = (
    "underestimates",
    "quietly depends on",
    "spends most of its time in",
    "makes a strong case for",
    "was surprisingly sensitive to",
    "needed a second look at",
    "turned out to simplify",
    "ended up rewriting",
    "keeps coming back to",
    "only partially explains",
    "was measured against",
    "tends to hide",
)
_ENDINGS = (
    "which is easy to miss the first time.",
    "and the numbers changed more than expected.",
    "once the inputs grew beyond a few thousand rows.",
    "even though nothing in the logs pointed there.",
    "so I wrote down what actually happened.",
    "and that is the part worth explaining.",
    "which matters more than the headline result.",
    "before anyone noticed the slowdown.",
    "when the assumptions were written down explicitly.",
    "and the fix was smaller than the diagnosis.",
    "in a way that generalises to other projects.",
    "without any change to the public interface.",
)
_OPENERS = (
    "It is worth being precise here.",
    "This surprised me at first.",
    "The short version is simple.",
    "Here is the part that took longest.",
    "None of this is new, but it is rarely written down.",
    "I keep relearning this lesson.",
    "The details matter.",
    "Let me explain why.",
)
_LIST_ITEMS = (
    "keep the inputs small and versioned",
    "measure before changing anything",
    "write the failing case down as a test",
    "prefer boring, well-documented tools",
    "log the configuration next to the results",
    "automate the slow manual step first",
    "review the assumptions with a colleague",
    "publish the notebook together with the paper",
    "pin the versions that produced the figures",
    "delete code that nobody can explain",
    "compare against the simplest possible baseline",
    "plot the raw data before the summary",
)
_HEADINGS = (
    "Background",
    "Motivation",
    "A first attempt",
    "What went wrong",
    "Measuring it properly",
    "The mathematics",
    "Implementation notes",
    "Results",
    "Related work",
    "Practical advice",
    "Open questions",
    "A closer look",
    "Trade-offs",
    "What I would do differently",
)
_CLOSINGS = ("Conclusion", "Wrapping up", "Takeaways", "Summary")
_TITLES = (
    "Notes on {topic}",
    "A practical guide to {topic}",
    "Why {topic} matters more than you think",
    "Lessons learned from a year of {topic}",
    "{Topic} for the impatient",
    "What I got wrong about {topic}",
    "Revisiting {topic}",
    "A gentle introduction to {topic}",
    "Five things about {topic}",
    "{Topic}: a field report",
)
_INLINE_MATH = (
    "$x_1, x_2, \\ldots, x_n$",
    "$\\mathcal{O}(n \\log n)$",
    "$\\theta^\\ast$",
    "$p(y \\mid x)$",
    "$\\lambda = 0.1$",
    "$\\sigma^2$",
    "$f_\\theta$",
    "$\\nabla_\\theta L$",
)
_DISPLAY_MATH = (
    "p(x_{t+1} \\mid x_1, \\ldots, x_t) = \\operatorname{softmax}(f_\\theta(x_1, \\ldots, x_t))",
    "\\hat{\\theta} = \\arg\\min_\\theta \\frac{1}{n} \\sum_{i=1}^{n} (y_i - f_\\theta(x_i))^2",
    "\\mathrm{Var}(\\bar{X}) = \\frac{\\sigma^2}{n}",
    "T(n) = 2\\,T\\left(\\frac{n}{2}\\right) + \\mathcal{O}(n)",
    "\\frac{\\partial u}{\\partial t} = \\alpha \\nabla^2 u",
    "H(p, q) = -\\sum_{x} p(x) \\log q(x)",
)
_CODE = (
    (
        "python",
        "def {name}(values: list[float]) -> float:\n"
        '    """Return the {what} of *values*."""\n'
        "    total = 0.0\n"
        "    for value in values:\n"
        "        total += value * {k}\n"
        "    return total / max(len(values), 1)\n",
    ),
    (
        "python",
        "import statistics\n\n"
        "samples = [{k}, {k2}, {k3}]\n"
        "print(statistics.median(samples))\n"
        "print({name}(samples))\n",
    ),
    (
        "bash",
        "python -m venv .venv\n"
        ". .venv/bin/activate\n"
        "pip install -e '.[test]'\n"
        "pytest -k {name} --maxfail={k}\n",
    ),
    (
        "python",
        "from dataclasses import dataclass\n\n\n"
        "@dataclass(frozen=True)\n"
        "class {Name}:\n"
        "    {field}: float = {k}\n"
        "    retries: int = {k2}\n",
    ),
)
_NAMES = ("smooth", "rescale", "aggregate", "summarise", "normalise", "weigh", "estimate")
_WHATS = ("weighted mean", "scaled average", "running total", "robust estimate")


@dataclass(frozen=True)
class Post:
    """One generated post: frontmatter fields plus the Markdown body."""

    stem: str
    title: str
    description: str
    date: str
    tags: tuple[str, ...]
    body: str


def count_words(text: str) -> int:
    """Count whitespace-separated tokens, the way ``wc -w`` does."""
    return len(text.split())


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_THINGS)}, " + rng.choice(
        _ENDINGS
    )


def _paragraph(rng: random.Random, topic: str) -> str:
    sentences = [_sentence(rng) for _ in range(rng.randint(3, 5))]
    if rng.random() < 0.5:
        sentences.insert(0, rng.choice(_OPENERS))
    if rng.random() < 0.4:
        sentences.append(f"This is where {topic.lower()} becomes interesting.")
    return " ".join(sentences)


def _bullets(rng: random.Random) -> str:
    items = rng.sample(_LIST_ITEMS, rng.randint(3, 5))
    return "\n".join(f"- {item[0].upper()}{item[1:]}" for item in items)


def _code(rng: random.Random) -> str:
    lang, template = rng.choice(_CODE)
    name = rng.choice(_NAMES)
    code = template.format(
        name=name,
        Name=name.capitalize() + "Settings",
        what=(what := rng.choice(_WHATS)),
        field=what.replace(" ", "_"),
        k=rng.randint(2, 9),
        k2=rng.randint(10, 99),
        k3=rng.randint(100, 999),
    )
    return f"```{lang}\n{code}```"


def _math_paragraph(rng: random.Random) -> str:
    a, b = rng.sample(_INLINE_MATH, 2)
    return (
        f"Write the inputs as {a} and the quantity of interest as {b}. "
        f"{_sentence(rng)} The relation we need is:\n\n"
        f"$$\n{rng.choice(_DISPLAY_MATH)}\n$$\n\n"
        f"Here {rng.choice(_INLINE_MATH)} plays the role of a tuning knob. {_sentence(rng)}"
    )


def _body(rng: random.Random, title: str, topic: str) -> str:
    headings = rng.sample(_HEADINGS, rng.randint(4, 6))
    sections: list[list[str]] = [[_paragraph(rng, topic)] for _ in headings]
    # One list, one code block and one math block, in distinct sections.
    list_at, code_at, math_at = rng.sample(range(len(sections)), 3)
    sections[list_at].append("The checklist I ended up with:\n\n" + _bullets(rng))
    sections[code_at].append("A minimal version of the code:\n\n" + _code(rng))
    sections[math_at].append(_math_paragraph(rng))
    intro = _paragraph(rng, topic)
    closing = _paragraph(rng, topic)

    def render() -> str:
        parts = [f"# {title}", intro]
        for heading, blocks in zip(headings, sections, strict=True):
            parts.append(f"## {heading}")
            parts.extend(blocks)
        parts.extend([f"## {closing_heading}", closing])
        return "\n\n".join(parts) + "\n"

    closing_heading = rng.choice(_CLOSINGS)
    target = TARGET_WORDS + rng.randint(-40, 40)
    text = render()
    while count_words(text) < target - 30:  # paragraphs are ~70 words: aim for the middle
        rng.choice(sections).insert(1, _paragraph(rng, topic))
        text = render()
    return text


def _tags(rng: random.Random) -> tuple[str, ...]:
    k = rng.choices((1, 2, 3, 4), weights=(2, 4, 3, 1))[0]
    pool = list(TAGS)
    weights = list(TAG_WEIGHTS)
    chosen: list[str] = []
    for _ in range(k):
        i = rng.choices(range(len(pool)), weights=weights)[0]
        chosen.append(pool.pop(i))
        weights.pop(i)
    return tuple(chosen)


def make_posts(n: int, seed: int = 0) -> list[Post]:
    """Return *n* posts; a pure function of ``(n, seed)``."""
    rng = random.Random(seed)
    span = (LAST_DATE - FIRST_DATE).days
    posts: list[Post] = []
    stems: set[str] = set()
    for _ in range(n):
        tags = _tags(rng)
        topic = tags[0]
        template = rng.choice(_TITLES)
        title = template.format(topic=topic.lower(), Topic=topic)
        date = FIRST_DATE + dt.timedelta(days=rng.randrange(span + 1))
        description = (
            f"{rng.choice(_OPENERS)} A look at {topic.lower()} and {rng.choice(_THINGS)}, "
            f"with code, a little math and one rule: {rng.choice(_LIST_ITEMS)}."
        )
        stem = f"{date.isoformat()}-{slugify(title)}"
        base, k = stem, 2
        while stem in stems:
            stem, k = f"{base}-{k}", k + 1
        stems.add(stem)
        body = _body(rng, title, topic)
        posts.append(Post(stem, title, description, date.isoformat(), tags, body))
    return posts


def render_post(post: Post, *, orphan: bool) -> str:
    """The file text: YAML frontmatter in the seed's style, then the body."""
    lines = [
        "---",
        f"title: {json.dumps(post.title)}",
        f"description: {json.dumps(post.description)}",
        f"date: {json.dumps(post.date)}",
        f"tags: {json.dumps(list(post.tags))}",
    ]
    if orphan:
        lines.append("orphan: true")
    lines.extend(["---", "", post.body])
    return "\n".join(lines)


_CONF_COMMON = """\
project = "Benchmark Blog"
author = "Benchmark Author"
copyright = "2024, Benchmark Author"
extensions = ["myst_parser", "sphinx_design"]
myst_enable_extensions = ["dollarmath", "amsmath"]
html_theme = "pydata_sphinx_theme"
html_title = "Benchmark Blog"
exclude_patterns = ["_build"]
"""

_CONF_EXTRA = {
    "plain": "",
    "ablog": f'''
extensions += ["ablog"]
blog_title = "Benchmark Blog"
blog_path = "blog"
blog_post_pattern = "posts/*"
blog_baseurl = "{BASEURL}"
''',
    "posts": f'''
extensions += ["sphinx_posts"]
html_baseurl = "{BASEURL}"
''',
}

_INDEX = """\
# Benchmark Blog

A generated site with {n} posts. The posts live under `posts/`, outside the navigation
toctree; the blog extension (if any) is what links them.
{listing}
```{{toctree}}
:maxdepth: 1

about
```
"""

_REALISTIC = {
    "plain": ("", ""),
    "ablog": (
        """
html_sidebars = {
    "posts/**": [
        "sidebar-nav-bs.html",
        "ablog/postcard.html",
        "ablog/recentposts.html",
        "ablog/tagcloud.html",
        "ablog/archives.html",
    ]
}
""",
        "\n## Latest posts\n\n```{postlist} 5\n:excerpts:\n```\n",
    ),
    "posts": (
        """
html_sidebars = {
    "posts/**": [
        "sidebar-nav-bs.html",
        "posts/postcard.html",
        "posts/recent.html",
        "posts/tags.html",
        "posts/archives.html",
    ]
}
""",
        "\n## Latest posts\n\n```{postlist}\n:limit: 5\n```\n",
    ),
}

_ABOUT = """\
# About

This page exists so the navigation toctree is not empty.
"""


def write_site(root: Path, variant: str, posts: list[Post], setup: str = "default") -> Path:
    """Write one variant's site into *root* (replacing it) and return *root*."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {VARIANTS}")
    if setup not in SETUPS:
        raise ValueError(f"unknown setup {setup!r}; expected one of {SETUPS}")
    conf, listing = _REALISTIC[variant] if setup == "realistic" else ("", "")
    if root.exists():
        shutil.rmtree(root)
    (root / "posts").mkdir(parents=True)
    (root / "conf.py").write_text(_CONF_COMMON + _CONF_EXTRA[variant] + conf, encoding="utf-8")
    index = _INDEX.format(n=len(posts), listing=listing)
    (root / "index.md").write_text(index, encoding="utf-8")
    (root / "about.md").write_text(_ABOUT, encoding="utf-8")
    orphan = variant != "posts"
    for post in posts:
        path = root / "posts" / f"{post.stem}.md"
        path.write_text(render_post(post, orphan=orphan), encoding="utf-8")
    return root


def generate(
    out: Path,
    n: int,
    seed: int = 0,
    variants: tuple[str, ...] = VARIANTS,
    setup: str = "default",
) -> dict[str, Path]:
    """Write ``out/<variant>/`` for each variant, all with the same posts."""
    posts = make_posts(n, seed)
    return {variant: write_site(out / variant, variant, posts, setup) for variant in variants}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="number of posts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/_work/sites/manual"))
    parser.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    parser.add_argument("--setup", choices=SETUPS, default="default")
    args = parser.parse_args(argv)
    sites = generate(args.out, args.n, args.seed, tuple(args.variants), args.setup)
    for variant, path in sites.items():
        print(f"{variant}: {path}")


if __name__ == "__main__":
    main()
