"""extract: Japanese municipal policy documents (Osaka City ward 運営方針) to validated JSON Lines.

Library use::

    from extract import extract_path
    outcome = extract_path("samples/000_d74a2718fe52b5dd.txt")
    for record in outcome.records:
        print(record.type, record.id)

The command line (``extract --help``) is a thin layer over the same functions.
"""

from __future__ import annotations

from pathlib import Path

from ._exceptions import (
    CorruptDocument,
    DatasetLocked,
    DecodeError,
    ExtractError,
    FetchError,
    FormatError,
    LayoutError,
    OutputError,
    RecordInvalid,
    ShrinkRefused,
    SourceError,
    SourceNotFound,
    UnknownFormat,
    UsageError,
    WriteFailed,
)
from ._version import __version__
from .diagnostics import Diagnostic
from .models import (
    Attachment,
    Budget,
    DocumentRecord,
    IndicatorRecord,
    InitiativeRecord,
    IssueRecord,
    ParserInfo,
    Record,
    ReformItemRecord,
    Source,
    StrategyRecord,
)
from .pipeline import Outcome, extract_bytes

__all__ = [
    "Attachment",
    "Budget",
    "CorruptDocument",
    "DatasetLocked",
    "DecodeError",
    "Diagnostic",
    "DocumentRecord",
    "ExtractError",
    "FetchError",
    "FormatError",
    "IndicatorRecord",
    "InitiativeRecord",
    "IssueRecord",
    "LayoutError",
    "Outcome",
    "OutputError",
    "ParserInfo",
    "Record",
    "RecordInvalid",
    "ReformItemRecord",
    "ShrinkRefused",
    "Source",
    "SourceError",
    "SourceNotFound",
    "StrategyRecord",
    "UnknownFormat",
    "UsageError",
    "WriteFailed",
    "__version__",
    "extract_bytes",
    "extract_path",
]


def extract_path(path: str | Path, *, identity: str | None = None, layout: str | None = None) -> Outcome:
    """Extract one local file (errors are in ``outcome.error``, never raised)."""
    from .sources import SourceRef, read_local

    p = Path(path)
    ref = SourceRef(uri=str(path), identity=identity or p.name, path=p)
    try:
        data = read_local(ref)
    except ExtractError as exc:
        return Outcome(uri=ref.uri, identity=ref.identity, error=exc)
    return extract_bytes(data, ref.uri, ref.identity, layout=layout)
