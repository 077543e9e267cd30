"""The layering contract, checked on the source: who may import what.

- A private module (a name starting with ``_``) is imported only from inside
  the package that holds it: ``extract.net._cache`` by ``extract.net.*``,
  ``extract._exceptions`` by anything in ``extract``.  What packages share
  lives in public modules (``extract.formats.encoding``, ``extract.net.links``,
  ``extract.workers``).
- A private name (``_helper``) is imported only by modules of the same package folder.
- The layers point one way: the block stream and the format readers know
  nothing of the output records; fetching knows nothing of layouts; what the
  tool knows about each city's site (``extract.sites``) depends on nothing.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "extract"

FORBIDDEN = {
    # importer prefix → imported prefixes it must not reach
    "extract.blocks": ("extract.models", "extract.layouts"),
    "extract.formats": ("extract.models", "extract.layouts", "extract.dataset", "extract.cli"),
    "extract.net": (
        "extract.models",
        "extract.dataset",
        "extract.cli",
        "extract.pipeline",
        "extract.layouts",
    ),
    "extract.sites": ("extract.layouts", "extract.net", "extract.formats", "extract.models"),
    "extract.publish": ("extract.layouts", "extract.formats", "extract.net", "extract.cli"),
    "extract.layouts": ("extract.dataset", "extract.cli", "extract.net", "extract.publish"),
    "extract.dataset": ("extract.cli",),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> Iterator[tuple[int, str, list[str]]]:
    """(line, absolute module, names) for every import in ``path``, function-level ones too."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield node.lineno, module, [a.name for a in node.names]


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _private_owner(module: str) -> str | None:
    """The package a private module belongs to, or None when ``module`` is public."""
    parts = module.split(".")
    for i, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            return ".".join(parts[:i])
    return None


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _private_problems(importer: str, imports: list[tuple[int, str, list[str]]]) -> list[str]:
    problems = []
    for line, module, names in imports:
        if not module.startswith("extract"):
            continue
        owner = _private_owner(module)
        if owner is not None and not _inside(importer, owner):
            problems.append(f"line {line}: imports the private module {module}")
        for name in names:
            if name.startswith("_") and not name.startswith("__"):
                home = module if _is_package(module) else module.rsplit(".", 1)[0]
                if importer.rsplit(".", 1)[0] != home and importer != home:
                    problems.append(f"line {line}: imports the private name {name} from {module}")
    return problems


@pytest.mark.parametrize("path", _sources(), ids=lambda p: _module_name(p))
def test_no_module_reaches_into_another_packages_private_parts(path: Path) -> None:
    importer = _module_name(path)
    problems = _private_problems(importer, list(_imports(path)))
    assert not problems, f"{importer}: " + "; ".join(problems)


def _is_package(module: str) -> bool:
    return (SRC / Path(*module.split(".")) / "__init__.py").exists()


@pytest.mark.parametrize("path", _sources(), ids=lambda p: _module_name(p))
def test_layers_point_one_way(path: Path) -> None:
    importer = _module_name(path)
    rules = [banned for prefix, banned in FORBIDDEN.items() if _inside(importer, prefix)]
    problems = [
        f"line {line}: {importer} imports {module}"
        for line, module, _ in _imports(path)
        for banned in rules
        for b in banned
        if _inside(module, b)
    ]
    assert not problems, "; ".join(problems)


def test_the_contract_can_fail() -> None:
    """The checker flags what it is there to flag (and not what is allowed)."""
    assert _private_problems("extract.dataset.refresh", [(3, "extract.net._links", ["read_page"])])
    assert _private_problems("extract.dataset._parse", [(4, "extract.workers", ["_result"])])
    assert not _private_problems("extract.net.fetcher", [(5, "extract.net._cache", ["HttpCache"])])
    assert not _private_problems("extract.cli.app", [(6, "extract._gc", ["tune_collector"])])
