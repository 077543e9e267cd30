"""Swapping two directories in one step: Linux ``renameat2(RENAME_EXCHANGE)``.

Publishing a dataset must switch every file at once, and the folder the user
named must stay a real directory (it may be checked into git, or opened by a
spreadsheet).  ``RENAME_EXCHANGE`` swaps the staged folder and the published
one atomically; Python's ``os`` module has no binding for it and the one
package on PyPI that wraps it has not been maintained for years, so this is
the one libc call made through :mod:`ctypes`.  Where the call is missing
(another OS, an old libc) or the file system refuses it, :func:`exchange`
says so and the caller falls back to two renames with a recovery marker.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import sys
from pathlib import Path

__all__ = ["exchange"]

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM}


def _renameat2() -> object | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    return func


_CALL = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` atomically; False when this system cannot (nothing was changed).

    Raises :class:`OSError` for a real failure (a missing path, no permission).
    """
    if _CALL is None:
        return False
    result = _CALL(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)  # type: ignore[operator]
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(a))
