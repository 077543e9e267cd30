"""The one way a dataset folder is written: locked, staged, switched in one step, versions kept.

``extract -o DIR``, ``extract crawl -o DIR`` and ``extract refresh`` all write
through :class:`DatasetFolder`.  Its promises, whatever a kill, a full disk or
a second run does:

- **Locked before anything is touched.**  The lock (``flock`` through
  filelock, released by the kernel when the holder dies, so a killed run never
  leaves a stale lock) lives in the *side folder* ``.DIR.versions/`` beside
  ``DIR``.  A second run on the same folder stops with :class:`DatasetLocked`
  (or waits, when asked); leftovers of a killed run are removed only once the
  lock is held.
- **Staged.**  Every file of the new version is written into a staging folder
  inside the side folder (same file system, so the switch is a rename), with
  the process umask respected, and flushed to disk before the switch.
- **Switched in one step.**  ``DIR`` and the staging folder are exchanged with
  ``renameat2(RENAME_EXCHANGE)``: a reader opening ``DIR/…`` sees the whole old
  version or the whole new one, never a mix.  Where the system cannot exchange,
  two renames run under a marker file and the next run finishes the switch.
- **Other files kept.**  Whatever else DIR holds is linked into the new version, so only
  the dataset's own files are ever replaced.
- **Versions kept.**  The version that was replaced moves to
  ``.DIR.versions/vNNNNNN/``; the newest ``keep`` of them stay.
- **Failures say where.**  Any ``OSError`` while writing becomes one
  :class:`WriteFailed` naming the file; every staged file is removed and the
  published version is untouched.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from pathlib import Path
from types import TracebackType
from typing import IO

from filelock import FileLock, Timeout

from .._exceptions import DatasetLocked, UsageError, WriteFailed
from ..names import shown
from ..output import fsync_dir
from ._exchange import exchange

__all__ = ["DEFAULT_KEEP", "DatasetFolder", "side_folder"]

DEFAULT_KEEP = 3
"""Replaced versions kept beside the published one."""
_VERSION_RE = re.compile(r"^v(\d{6,})$")
_STAGING = "staging"
_MARKER = "publishing.json"


def side_folder(target: Path) -> Path:
    """``.NAME.versions`` beside ``target``: the lock, the staging folder and the kept versions."""
    return target.parent / f".{target.name}.versions"


def _failed(exc: OSError, path: Path | str) -> WriteFailed:
    return WriteFailed(f"cannot write: {exc.strerror or exc}", source=shown(str(path)))


def _takeover(path: Path, lock: FileLock, wait: bool) -> None:
    try:
        lock.acquire(timeout=-1 if wait else 0)
    except Timeout:
        raise DatasetLocked(
            "another extract run is writing this folder (use --wait to wait for it)", source=shown(str(path))
        ) from None


class DatasetFolder:
    """One new version of the dataset folder ``target``; use as a context manager around a run.

    Files are added with :meth:`open_lines` / :meth:`write_bytes`; :meth:`publish`
    makes them current; leaving the ``with`` block without publishing drops them.
    """

    def __init__(self, target: Path, *, wait: bool = False, keep: int = DEFAULT_KEEP) -> None:
        self.target = target
        self.side = side_folder(target)
        self.keep = keep
        self.wait = wait
        self.staging = self.side / _STAGING
        self._lock: FileLock | None = None
        self._open: list[IO[str]] = []
        self._published = False

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> DatasetFolder:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()

    def acquire(self) -> None:
        """Take the lock, finish or clear what a killed run left, and start an empty staging folder."""
        if self.target.exists() and not self.target.is_dir():
            raise UsageError("exists and is not a folder", source=shown(str(self.target)))
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self.side.mkdir(exist_ok=True)
        except OSError as exc:
            raise _failed(exc, self.side) from None
        lock = FileLock(self.side / "lock")
        _takeover(self.target, lock, self.wait)
        self._lock = lock
        try:
            self._recover()
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging.mkdir()
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        """Drop the staging folder if it was not published, then let go of the lock."""
        self._close_files()
        if not self._published and not (self.side / _MARKER).exists():
            shutil.rmtree(self.staging, ignore_errors=True)  # (mid-switch, the next run finishes it)
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _recover(self) -> None:
        """Finish a two-rename switch that a kill interrupted (systems without an exchange)."""
        marker = self.side / _MARKER
        if not marker.exists():
            return
        if not self.target.exists():
            try:
                replaced = Path(json.loads(marker.read_text(encoding="utf-8"))["replacing"])
            except (OSError, ValueError, KeyError, TypeError):
                replaced = None
            if self.staging.is_dir():  # the new version was whole: finish the switch
                os.rename(self.staging, self.target)
            elif replaced is not None and replaced.is_dir():  # no new version: put the old one back
                os.rename(replaced, self.target)
            fsync_dir(self.target.parent)
        marker.unlink()

    # ------------------------------------------------------------------ writing

    def path(self, relative: str) -> Path:
        """Where ``relative`` is staged (for reading back what was written, e.g. to hash it)."""
        return self.staging / relative

    def open_lines(self, relative: str, *, shown_as: str | None = None) -> IO[str]:
        """A new UTF-8 text file in the staged version, closed and flushed by :meth:`publish`.

        ``shown_as`` names the dataset file in errors when ``relative`` is a
        work file whose lines end up there (the policy stage).
        """
        path = self.path(relative)
        shown_path = self.target / (shown_as or relative)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as exc:
            raise _failed(exc, shown_path) from None
        fh = _NamedFile(os.fdopen(fd, "w", encoding="utf-8", newline="\n"), shown_path)
        self._open.append(fh)  # type: ignore[arg-type]
        return fh  # type: ignore[return-value]

    def write_bytes(self, relative: str, data: bytes) -> None:
        """A whole file in the staged version."""
        path = self.path(relative)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise _failed(exc, self.target / relative) from None

    def _close_files(self) -> None:
        for fh in self._open:
            with contextlib.suppress(Exception):
                fh.close()
        self._open = []

    # ------------------------------------------------------------------ publishing

    def flush(self) -> None:
        """Every staged line file written out and on disk (before reading them back or publishing)."""
        for fh in self._open:
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        self._open = []

    def publish(self) -> None:
        """Make the staged version the published one, in one step; keep the replaced one."""
        try:
            self.flush()
            self._sync_tree(self.staging)
            self._switch()
        except OSError as exc:
            raise _failed(exc, getattr(exc, "filename", None) or self.target) from None
        self._published = True
        self._prune()

    def _sync_tree(self, root: Path) -> None:
        for folder, _, _ in os.walk(root):
            fsync_dir(Path(folder))

    def _switch(self) -> None:
        if not self.target.exists():
            os.rename(self.staging, self.target)
            fsync_dir(self.target.parent)
            return
        self._carry_over()
        kept = self.side / self._next_version()
        if exchange(self.staging, self.target):
            fsync_dir(self.target.parent)
            fsync_dir(self.side)
            os.rename(self.staging, kept)  # the staging name now holds the replaced version
        else:
            marker = self.side / _MARKER
            marker.write_text(json.dumps({"replacing": str(kept)}), encoding="utf-8")
            fsync_dir(self.side)
            os.rename(self.target, kept)
            os.rename(self.staging, self.target)
            fsync_dir(self.target.parent)
            marker.unlink()
        fsync_dir(self.side)

    def _carry_over(self) -> None:
        """Keep what else the folder holds (a user's notes, a log being written): linked into the new version.

        Only the dataset's own files are replaced; anything else in DIR is hard-linked (the same
        file, so a log still open for writing goes on) into the staged version before the switch.
        """
        for entry in self.target.iterdir():
            staged = self.staging / entry.name
            if staged.exists() or staged.is_symlink():
                continue
            if entry.is_symlink():
                os.symlink(os.readlink(entry), staged)
            elif entry.is_dir():
                shutil.copytree(entry, staged, symlinks=True, copy_function=os.link)
            else:
                os.link(entry, staged)

    def _versions(self) -> list[tuple[int, Path]]:
        found = []
        for entry in self.side.iterdir():
            m = _VERSION_RE.match(entry.name)
            if m and entry.is_dir():
                found.append((int(m.group(1)), entry))
        return sorted(found)

    def _next_version(self) -> str:
        versions = self._versions()
        return f"v{(versions[-1][0] + 1) if versions else 1:06d}"

    def _prune(self) -> None:
        versions = self._versions()
        for _, old in versions[: max(0, len(versions) - self.keep)]:
            shutil.rmtree(old, ignore_errors=True)


class _NamedFile:
    """A text file whose write errors name the dataset file (not the staging path) as one line."""

    def __init__(self, fh: IO[str], shown_as: Path) -> None:
        self._fh = fh
        self._shown_as = shown_as

    def write(self, text: str) -> int:
        try:
            return self._fh.write(text)
        except OSError as exc:
            raise _failed(exc, self._shown_as) from None

    def flush(self) -> None:
        try:
            self._fh.flush()
        except OSError as exc:
            raise _failed(exc, self._shown_as) from None

    def fileno(self) -> int:
        return self._fh.fileno()

    def close(self) -> None:
        try:
            self._fh.close()
        except OSError as exc:
            raise _failed(exc, self._shown_as) from None
