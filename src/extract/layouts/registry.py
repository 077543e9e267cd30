"""Finding layouts: the ``extract.layouts`` entry-point group.

Built-in layouts are declared in the project's own ``pyproject.toml`` under
that group, exactly like a third-party package declares its own, and are found
the same way: there is no second list of built-ins.  A source checkout is
installed editable (``pip install -e .``), which writes the entry points; when
none are found at all, :func:`load_layouts` says so instead of running without layouts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points

from .._exceptions import UsageError
from .._logging import logger
from ..blocks import Block
from .base import Layout, LayoutContext

__all__ = ["ENTRY_POINT_GROUP", "Candidate", "choose_layout", "load_layouts"]

ENTRY_POINT_GROUP = "extract.layouts"
LOW_SCORE = 0.1


_cache: dict[str, Layout] | None = None


def load_layouts(*, refresh: bool = False) -> dict[str, Layout]:
    """All registered layouts by name: the project's own first, then plugins.

    Cached after the first call (``refresh`` reloads, e.g. after installing a
    plugin in a running process).  A plugin that fails to load or is not a
    :class:`Layout` is skipped with a warning: a broken plugin must not break
    the tool.  Raises :class:`UsageError` when no layout is registered at all.
    """
    global _cache
    if _cache is not None and not refresh:
        return _cache
    layouts: dict[str, Layout] = {}
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=_own_first):
        try:
            obj = ep.load()
            layout = obj() if isinstance(obj, type) else obj
        except Exception as exc:  # a broken plugin must not break the tool
            logger.warning("layout plugin %s could not be loaded: %s", ep.name, exc)
            continue
        if not isinstance(layout, Layout):
            logger.warning("layout plugin %s does not provide name/version/detect/parse", ep.name)
            continue
        layouts[layout.name] = layout
    if not layouts:
        raise UsageError(
            f"no layouts are registered under the {ENTRY_POINT_GROUP!r} entry-point group: "
            "extract is not installed (from a source checkout, run `pip install -e .`)"
        )
    _cache = layouts
    return layouts


def _own_first(ep: EntryPoint) -> bool:
    """Sort key: the project's own layouts before plugins (a stable sort keeps the declared order)."""
    return not ep.value.startswith("extract.layouts.")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A layout with its detection score."""

    name: str
    version: str
    score: float


def choose_layout(
    blocks: Sequence[Block], context: LayoutContext, forced: str | None = None
) -> tuple[Layout, list[Candidate]]:
    """The highest-scoring layout (or the forced one) and every candidate's score, best first."""
    layouts = load_layouts()
    candidates: list[Candidate] = []
    for layout in layouts.values():
        try:
            score = float(layout.detect(blocks, context))
        except Exception as exc:
            logger.warning("layout %s failed to score %s: %s", layout.name, context.uri, exc)
            score = 0.0
        candidates.append(Candidate(layout.name, layout.version, round(score, 4)))
    candidates.sort(key=lambda c: (-c.score, c.name))
    if forced is not None:
        if forced not in layouts:
            raise UsageError(f"unknown layout {forced!r}; known: {', '.join(sorted(layouts))}")
        return layouts[forced], candidates
    return layouts[candidates[0].name], candidates
