"""The layout plugin interface.

A layout turns a block stream into records.  It is a small object with a
``name``, a ``version`` (bump it whenever its output can change: batch refreshes
re-parse cached sources when it does), a ``detect`` score and a ``parse``
method.  Built-in layouts are registered through the ``extract.layouts``
entry-point group exactly like third-party ones.

Layouts never fetch and never print: they return records and warnings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar, runtime_checkable

from ..blocks import Block, PageMeta
from ..diagnostics import Diagnostic
from ..models import ParserInfo, Record, Source

__all__ = ["Diagnostic", "Layout", "LayoutContext", "LayoutResult"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class LayoutContext:
    """What a layout knows about the source besides its blocks."""

    uri: str
    sha256: str
    format: str
    identity: str
    """A short, location-independent name for the source (URL, or path relative to the input root)."""
    meta: PageMeta = field(default_factory=PageMeta)
    _shared: dict[object, tuple[Sequence[Block], object]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def source(self, locator: str | None) -> Source:
        """The ``source`` object of a record found at ``locator``."""
        return Source(uri=self.uri, sha256=self.sha256, format=self.format, locator=locator)

    def shared(self, fn: Callable[[Sequence[Block]], T], blocks: Sequence[Block]) -> T:
        """``fn(blocks)``, worked out once for this document however many layouts ask for it.

        Detection scores every layout on the same blocks, and several score
        them with the same helper (:func:`.policy.structure_score`, the
        texts the city layouts search).  ``fn`` must depend on nothing but
        ``blocks``; a different sequence (a slice) is worked out anew.  Every
        caller gets the same value: read it, never change it.
        """
        hit = self._shared.get(fn)
        if hit is not None and hit[0] is blocks:
            return hit[1]  # type: ignore[return-value]
        value = fn(blocks)
        self._shared[fn] = (blocks, value)
        return value


@dataclass(slots=True)
class LayoutResult:
    """Records in output order, plus warnings and the share of text they claim."""

    records: list[Record]
    warnings: list[Diagnostic] = field(default_factory=list)
    claimed_chars: int = 0
    total_chars: int = 0
    unclaimed: list[tuple[str, str]] = field(default_factory=list)
    """``(locator, text)`` of blocks no record used, for ``extract inspect`` and coverage."""
    records_seconds: float | None = None
    """Time spent building the validated records (as opposed to reading the structure), when the
    layout measures it; the pipeline reports it as the ``validate`` stage."""


@runtime_checkable
class Layout(Protocol):
    """What a layout plugin provides."""

    name: str
    version: str
    description: str

    def detect(self, blocks: Sequence[Block], context: LayoutContext) -> float:
        """How well the blocks fit this layout, from 0.0 (not at all) to 1.0 (certainly)."""
        ...

    def parse(self, blocks: Sequence[Block], context: LayoutContext) -> LayoutResult:
        """Records for the blocks; raise :class:`extract.LayoutError` only if nothing can be made."""
        ...


def parser_info(layout: Layout) -> ParserInfo:
    """The ``parser`` object stamped on records made by ``layout``."""
    return ParserInfo(name=layout.name, version=layout.version)
