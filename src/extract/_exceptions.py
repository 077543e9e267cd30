"""Exceptions raised by ``extract``.

Every error carries the *source* it concerns (a path, URL or ``-``) and, where
known, a *locator* inside it (``line 12``, ``page 3``, ``様式2!B4``), so the CLI
can print one clear line per problem and never a traceback::

    ExtractError
    ├── SourceError            the input could not be read at all
    │   ├── SourceNotFound     no such file or directory
    │   └── FetchError         a URL could not be fetched (network, HTTP status, limits)
    ├── FormatError            the bytes are not a readable document
    │   ├── UnknownFormat      no reader recognises the content
    │   ├── DecodeError        text encoding could not be determined or decoded
    │   └── CorruptDocument    a PDF/XLSX/HTML reader gave up (truncated, encrypted, hostile)
    ├── LayoutError            no layout could make records out of the blocks
    ├── RecordInvalid          a layout made a record that fails its model's validation
    ├── UsageError             the caller asked for something impossible (bad option values)
    └── OutputError            the dataset was not published (the previous one is intact)
        ├── DatasetLocked      another run holds the output or state folder
        ├── WriteFailed        a file could not be written (disk full, permissions)
        └── ShrinkRefused      the run would publish markedly less than the published dataset

Parsers only raise; turning errors into exit codes is the CLI's job.
"""

from __future__ import annotations


class ExtractError(Exception):
    """Base class: a problem with one source, reported as one line."""

    def __init__(self, message: str, *, source: str | None = None, locator: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.locator = locator

    def where(self) -> str:
        """``source:locator`` as far as known, for one-line reports."""
        parts = [p for p in (self.source, self.locator) if p]
        return ": ".join(parts) if parts else "-"

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}" if (self.source or self.locator) else self.message


class SourceError(ExtractError):
    """The input could not be read."""


class SourceNotFound(SourceError):
    """A path given on the command line does not exist."""


class FetchError(SourceError):
    """A URL could not be fetched."""


class FormatError(ExtractError):
    """The bytes are not a document any reader understands."""


class UnknownFormat(FormatError):
    """Content sniffing found no matching reader."""


class DecodeError(FormatError):
    """Text could not be decoded."""


class CorruptDocument(FormatError):
    """A format reader failed on damaged or hostile input."""


class LayoutError(ExtractError):
    """No layout could be applied to the block stream."""


class RecordInvalid(ExtractError):
    """A record failed validation (a batch refresh puts the source in rejects.jsonl, not in the dataset)."""


class UsageError(ExtractError):
    """Invalid options or arguments (exit code 2 in the CLI)."""


class OutputError(ExtractError):
    """Nothing was published; the dataset that was there before is still there, whole."""


class DatasetLocked(OutputError):
    """Another run is writing the same output folder or using the same state folder."""


class WriteFailed(OutputError):
    """Writing a file failed (no space left, no permission, an I/O error); ``source`` is the file."""


class ShrinkRefused(OutputError):
    """The new dataset would hold markedly fewer sources or records than the published one."""


def one_line(text: str, limit: int = 160) -> str:
    """``text`` (a library's exception message, typically) as one line of at most ``limit`` characters.

    Problems are reported one line each; libraries' messages can run over
    several lines (openpyxl's do) or quote whole objects (pdfminer's do).

    >>> one_line("Unable to read workbook.\\nThis is most probably because ...")
    'Unable to read workbook. This is most probably because ...'
    >>> one_line("x" * 10, limit=8)
    'xxxxx...'
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
