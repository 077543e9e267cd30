"""Inputs: files, directories (recursive), ``-`` for stdin, and URLs.

Each input becomes a :class:`SourceRef` with a *uri* (how it is reported) and
an *identity* (what document ids are derived from: the path relative to the
directory argument, or the file name, or the URL), so ids do not depend on
where a dataset was checked out.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ._exceptions import SourceError, SourceNotFound, UsageError
from .names import shown

__all__ = ["DOCUMENT_SUFFIXES", "MAX_FILE_BYTES", "SourceRef", "expand_inputs", "is_url", "read_local"]

DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".pdf", ".xlsx"})
"""File types picked up when walking a directory (a file named explicitly is always read)."""

MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One input to extract."""

    uri: str
    identity: str
    path: Path | None = None
    url: str | None = None

    @property
    def is_stdin(self) -> bool:
        return self.uri == "-"


def is_url(arg: str) -> bool:
    """Whether a command-line argument is an http(s) URL rather than a path."""
    return arg.startswith(("http://", "https://"))


def expand_inputs(
    args: Iterable[str], *, follow_links: bool = False, skipped: Callable[[str, str], None] | None = None
) -> list[SourceRef]:
    """Sources for command-line arguments, in argument order; directories sorted by path.

    Missing paths are returned as sources too (reading them fails with a clear
    error) so that one typo never hides the other inputs' records.  Inside a
    folder, a symbolic link that leads out of it is not read unless
    ``follow_links`` (a folder of downloads must not publish ``/etc/passwd``);
    ``skipped(uri, why)`` hears of each one.  Any name the OS allows is
    accepted; ``uri`` and ``identity`` show it escaped (:func:`extract.names.shown`).
    """
    refs: list[SourceRef] = []
    seen: set[str] = set()
    stdin_seen = False
    for arg in args:
        if arg == "-":
            if stdin_seen:
                raise UsageError("'-' (stdin) can be given only once")
            stdin_seen = True
            refs.append(SourceRef(uri="-", identity="stdin"))
            continue
        if is_url(arg):
            if arg not in seen:
                seen.add(arg)
                refs.append(SourceRef(uri=arg, identity=arg, url=arg))
            continue
        path = Path(arg)
        if path.is_dir():
            for file in sorted(_walk(path, follow_links, skipped)):
                uri = shown(str(file))
                if uri in seen:
                    continue
                seen.add(uri)
                refs.append(SourceRef(uri=uri, identity=shown(file.relative_to(path).as_posix()), path=file))
            continue
        if arg not in seen:
            seen.add(arg)
            refs.append(SourceRef(uri=shown(arg), identity=shown(path.name), path=path))
    return refs


def _walk(root: Path, follow_links: bool, skipped: Callable[[str, str], None] | None) -> Iterable[Path]:
    inside = root.resolve()
    for p in root.rglob("*"):
        rel = p.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if not (p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES):
            continue
        if not follow_links and _leaves(p, inside):
            if skipped is not None:
                skipped(shown(str(p)), f"a link to {shown(os.path.realpath(p))}, outside {shown(str(root))}")
            continue
        yield p


def _leaves(path: Path, inside: Path) -> bool:
    """Whether ``path`` (or a link on the way to it) leads out of the folder ``inside``."""
    try:
        return not path.resolve().is_relative_to(inside)
    except (OSError, RuntimeError):  # a link loop
        return True


def read_local(ref: SourceRef) -> bytes:
    """The bytes of a file or of stdin."""
    if ref.is_stdin:
        return sys.stdin.buffer.read()
    assert ref.path is not None
    try:
        size = ref.path.stat().st_size
    except FileNotFoundError:
        raise SourceNotFound("no such file or directory", source=ref.uri) from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", source=ref.uri) from None
    if size > MAX_FILE_BYTES:
        raise SourceError(f"file is {size} bytes, over the {MAX_FILE_BYTES} byte limit", source=ref.uri)
    try:
        return ref.path.read_bytes()
    except IsADirectoryError:
        raise SourceError("is a directory", source=ref.uri) from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", source=ref.uri) from None
