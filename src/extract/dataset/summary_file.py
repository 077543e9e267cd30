"""``summary.json`` without holding its longest list: warnings kept on disk, the file streamed.

The summary lists every warning of the run, which grows with the number of
documents; :class:`WarningLog` keeps them in a temporary file as JSON lines
(appending and reading back in order, nothing held in memory), and
:func:`write_summary` writes the summary in exactly the bytes
``json.dumps(summary, ensure_ascii=False, indent=2)`` would give, streaming
the log's items where its list stands.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

__all__ = ["WarningLog", "write_summary"]


class WarningLog:
    """An append-only list of warning dicts, on disk."""

    def __init__(self) -> None:
        self._file: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (lives as long as the log)
        self._count = 0

    def append(self, item: dict[str, Any]) -> None:
        """Add one warning."""
        self._file.seek(0, 2)
        self._file.write(json.dumps(item, ensure_ascii=False) + "\n")
        self._count += 1

    def extend(self, items: Iterable[dict[str, Any]]) -> None:
        """Add warnings in order."""
        for item in items:
            self.append(item)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            yield json.loads(line)

    def close(self) -> None:
        """Drop the temporary file."""
        self._file.close()


def _nested(value: Any) -> str:
    """``value`` as ``json.dumps(indent=2)`` renders it one level inside an object."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")


def write_summary(summary: dict[str, Any], out: IO[str]) -> None:
    """Write ``summary`` and a final newline, a :class:`WarningLog` streamed item by item.

    >>> import io
    >>> log = WarningLog(); log.append({"source": "a", "locator": None, "message": "m"})
    >>> buffer = io.StringIO(); write_summary({"n": 1, "warnings": log, "x": []}, buffer)
    >>> buffer.getvalue() == json.dumps({"n": 1, "warnings": list(log), "x": []}, indent=2) + "\\n"
    True
    """
    out.write("{")
    for i, (key, value) in enumerate(summary.items()):
        out.write(("," if i else "") + "\n  " + json.dumps(key, ensure_ascii=False) + ": ")
        if isinstance(value, WarningLog):
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
