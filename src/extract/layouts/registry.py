"""Finding layouts: the ``extract.layouts`` entry-point group.

Built-in layouts are declared in the project's own ``pyproject.toml`` under
that group, exactly like a third-party package would declare its own; they are
also known directly so a source checkout without installed metadata works.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points

from .._exceptions import UsageError
from .._logging import logger
from ..blocks import Block
from .base import Layout, LayoutContext

__all__ = ["ENTRY_POINT_GROUP", "Candidate", "choose_layout", "load_layouts"]

ENTRY_POINT_GROUP = "extract.layouts"
LOW_SCORE = 0.1


def _builtins() -> dict[str, Layout]:
    from .generic import GenericLayout
    from .osaka_ward import OsakaWardLayout

    return {layout.name: layout for layout in (OsakaWardLayout(), GenericLayout())}


_cache: dict[str, Layout] | None = None


def load_layouts(*, refresh: bool = False) -> dict[str, Layout]:
    """All registered layouts by name (built-ins first, then entry points)."""
    global _cache
    if _cache is not None and not refresh:
        return _cache
    layouts = _builtins()
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in layouts and ep.value.startswith("extract.layouts."):
            continue
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
    _cache = layouts
    return layouts


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
