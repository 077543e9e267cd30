"""``summary.json`` without holding its longest list: warnings kept on disk, the file streamed.

The summary lists every warning of the run, which grows with the number of
documents; :class:`WarningLog` keeps them in a temporary file as JSON lines
(appending and reading back in order, nothing held in memory), and
:func:`write_summary` writes the summary in exactly the bytes
``json.dumps(summary, ensure_ascii=False, indent=2)`` would give, streaming
the log's items where its list stands.  :func:`read_totals` reads a published
summary's counts back without its lists (a run's summary is several MB of
warnings, many times that as Python objects).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import ijson

from .run_index import CoverageLog, writing

__all__ = ["TOTALS", "WarningLog", "read_totals", "write_summary"]


class WarningLog:
    """An append-only list of warning dicts, on disk."""

    def __init__(self) -> None:
        with writing():
            self._file: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (lives as long as the log)
        self._count = 0

    def append(self, item: dict[str, Any]) -> None:
        """Add one warning."""
        self.extend((item,))

    def extend(self, items: Iterable[dict[str, Any]]) -> None:
        """Add warnings in order (in one write: a policy merge adds hundreds at a time)."""
        lines = [json.dumps(item, ensure_ascii=False) + "\n" for item in items]
        if not lines:
            return
        with writing():
            self._file.seek(0, 2)
            self._file.write("".join(lines))
        self._count += len(lines)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        with writing():
            self._file.flush()
        self._file.seek(0)
        for line in self._file:
            yield json.loads(line)

    def close(self) -> None:
        """Drop the temporary file."""
        self._file.close()


_SCALARS = (str, int, float, type(None))


def _nested(value: Any) -> str:
    """``value`` as ``json.dumps(indent=2)`` renders it one level inside an object.

    ``json`` renders an indented value with its pure-Python encoder, which
    made the summary's thousands of warnings a second of every run's end.  A
    warning is a flat object of strings and nulls: each member is rendered
    alone (by the C encoder) and laid out as the indented form would be.

    >>> print(_nested({"source": "a.pdf", "locator": None, "n": 1.5}))
    {
        "source": "a.pdf",
        "locator": null,
        "n": 1.5
      }
    """
    if (
        type(value) is dict
        and value
        and all(type(k) is str for k in value)
        and all(isinstance(v, _SCALARS) for v in value.values())
    ):
        members = (
            f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
            for k, v in value.items()
        )
        return "{\n    " + ",\n    ".join(members) + "\n  }"
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")


def write_summary(summary: dict[str, Any], out: IO[str]) -> None:
    """Write ``summary`` and a final newline, a :class:`WarningLog` or :class:`.CoverageLog` streamed item by item.

    >>> import io
    >>> log = WarningLog(); log.append({"source": "a", "locator": None, "message": "m"})
    >>> buffer = io.StringIO(); write_summary({"n": 1, "warnings": log, "x": []}, buffer)
    >>> buffer.getvalue() == json.dumps({"n": 1, "warnings": list(log), "x": []}, indent=2) + "\\n"
    True
    """
    out.write("{")
    for i, (key, value) in enumerate(summary.items()):
        out.write(("," if i else "") + "\n  " + json.dumps(key, ensure_ascii=False) + ": ")
        if isinstance(value, (WarningLog, CoverageLog)):
            if not len(value):
                out.write("[]")
                continue
            out.write("[")
            for j, item in enumerate(value):
                out.write(("," if j else "") + "\n    " + _nested(item).replace("\n", "\n  "))
            out.write("\n  ]")
        else:
            out.write(_nested(value))
    out.write("\n}\n" if summary else "}\n")


TOTALS = ("sources", "parsed", "rejected", "failed", "records")
"""The counts :func:`read_totals` reads: the top-level numbers and the ``records`` map (type → count)."""


def read_totals(path: Path) -> dict[str, Any] | None:
    """The counts of the summary at ``path``, streamed (None when it is missing or unreadable).

    Only :data:`TOTALS` are kept; the parse stops once they are all read (the
    writer puts them first), so the lists after them are never built.
    """
    totals: dict[str, Any] = {}
    records: dict[str, int] = {}
    try:
        with path.open("rb") as fh:
            for prefix, event, value in ijson.parse(fh):
                if event == "number" and prefix in TOTALS:
                    totals[prefix] = int(value)
                elif event == "number" and prefix.startswith("records."):
                    records[prefix.removeprefix("records.")] = int(value)
                elif prefix == "records" and event == "end_map":
                    totals["records"] = records
                if len(totals) == len(TOTALS):
                    break
    except (OSError, ijson.JSONError):
        return None
    return totals
