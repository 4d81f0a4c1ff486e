"""The package's layout is its architecture: imports point down the phases, never up or round.

Every import counts, including those under ``TYPE_CHECKING`` (a type the store needs belongs in
the store or the base). See ARCHITECTURE.md for the picture this test keeps true.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sphinx_posts"

# what each part may import of ours, besides itself
ALLOWED = {
    "model": set(),
    "report": set(),
    "people": {"model"},
    "config": {"report", "people"},
    "doctree": set(),
    "urls": {"model"},
    "i18n": {"report"},
    "formats": {"config", "model", "i18n"},
    "store": {"model", "people", "report", "config", "urls", "i18n"},
    "read": {
        "model",
        "people",
        "report",
        "config",
        "doctree",
        "urls",
        "formats",
        "i18n",
        "store",
    },
    "write": {
        "model",
        "people",
        "report",
        "config",
        "doctree",
        "urls",
        "formats",
        "i18n",
        "store",
    },
    "generate": {
        "model",
        "people",
        "report",
        "config",
        "doctree",
        "urls",
        "formats",
        "i18n",
        "store",
        "write",
    },
    "migrate": {"model", "people", "report", "config", "urls", "read"},
    "cli": {"model", "report", "config", "store", "migrate"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Our modules that ``path`` imports, as dotted names."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if not target.startswith("sphinx_posts"):
                continue
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if module_path(candidate) else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("sphinx_posts")}
    return found


def module_path(name: str) -> Path | None:
    base = PACKAGE.parent.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def part_of(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


GRAPH = {module_name(path): imports_of(path) for path in sorted(PACKAGE.rglob("*.py"))}


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_point_down(module: str) -> None:
    part = part_of(module)
    if not part:
        return  # sphinx_posts/__init__.py wires every part together
    assert part in ALLOWED, f"{module}: a new part; add it to ALLOWED and ARCHITECTURE.md"
    upward = {
        target
        for target in GRAPH[module]
        if part_of(target) not in ({part} | ALLOWED[part]) and target != "sphinx_posts"
    }
    assert not upward, f"{module} imports above its phase: {sorted(upward)}"


def test_no_import_circle() -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for target in sorted(GRAPH.get(name, ())):
            if target == "sphinx_posts" or target not in GRAPH:
                continue
            if state.get(target) == 1:
                circle = [*path[path.index(target) :], target]
                pytest.fail("import circle: " + " -> ".join(circle))
            if target not in state:
                visit(target)
        path.pop()
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)


def test_the_checker_sees_imports() -> None:
    """The graph is read from the sources: a module known to import the store shows it."""
    assert "sphinx_posts.store.domain" in GRAPH["sphinx_posts.read.page"]
    assert "sphinx_posts.report" in GRAPH["sphinx_posts.config"]
