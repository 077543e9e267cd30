"""Publishing a dataset folder: one locked writer that switches versions atomically.

Public: :class:`DatasetFolder` (see :mod:`.folder` for its promises),
:class:`ShrinkGuard` and :func:`side_folder`.
"""

from __future__ import annotations

from .folder import DEFAULT_KEEP, DatasetFolder, side_folder
from .guard import DEFAULT_MAX_SHRINK, ShrinkGuard

__all__ = ["DEFAULT_KEEP", "DEFAULT_MAX_SHRINK", "DatasetFolder", "ShrinkGuard", "side_folder"]
