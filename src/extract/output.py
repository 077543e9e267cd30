"""Records as canonical JSON lines, and small files written whole (manifests, the download list).

Lines have a fixed key order (``type``, ``id``, ``doc_id``, the record's own
fields, then ``sources`` (items only), ``source`` and ``parser``) and no timestamps, so the same input
gives byte-identical output.  Dataset folders are written by
:mod:`extract.publish`; a single small file is replaced atomically here.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ._exceptions import WriteFailed
from .models import Record
from .names import shown

__all__ = ["atomic_write_bytes", "fsync_dir", "record_dict", "record_line"]

_LEADING = ("type", "id", "doc_id")
_TRAILING = ("sources", "source", "parser")
TMP_PREFIX = ".extract-tmp-"


def record_dict(record: Record) -> dict[str, Any]:
    """The record as a JSON-ready dict in canonical key order."""
    data = record.model_dump(mode="json")
    ordered = {k: data[k] for k in _LEADING}
    ordered.update((k, v) for k, v in data.items() if k not in _LEADING and k not in _TRAILING)
    ordered.update((k, data[k]) for k in _TRAILING if k in data)
    return ordered


def record_line(record: Record) -> str:
    """One JSON line (no trailing newline), UTF-8 characters kept as they are."""
    return json.dumps(record_dict(record), ensure_ascii=False, separators=(",", ":"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    A failed write (a full disk, no permission) is one :class:`WriteFailed` naming ``path``,
    with the temporary file removed.
    """
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise WriteFailed(f"cannot write: {exc.strerror or exc}", source=shown(str(path))) from None
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    """Flush a folder's entries (new names, renames) to disk; best effort where the OS cannot."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
