"""One kind of message about a document: a :class:`Diagnostic`, from every stage.

Readers (a page without a text layer, glyphs repaired), layouts (a cut
section, a year taken from the body) and the integrity checks all say
something about one place in one document; a single frozen type with the
place (``locator``: ``line 12``, ``page 3``, ``様式2!B4``, or None for the
whole document) and the message keeps them one shape from the reader to
``summary.json``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Diagnostic"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something that could not be read cleanly, and where (None: the document as a whole)."""

    locator: str | None
    message: str
