"""pdfminer's debug calls made cheap while a PDF is read, when nothing would record them.

pdfminer logs a debug message, unguarded, for every token, object, operator
and character-map lookup it reads (``log.debug("nexttoken: %r", token)``):
some 900,000 calls for one ward's PDFs.  A disabled call still costs two
Python calls (``Logger.debug``, then ``Logger.isEnabledFor``); neither a
logger level nor ``logging.disable`` avoids them, since both are checked
inside those calls.  The stand-in below costs about a third less a call.

:func:`debug_off` replaces, for the duration of one read, each pdfminer
module's logger (its module-level ``log`` or ``logger``) by a stand-in whose
``debug`` does nothing and which hands every other call to the logger
itself: warnings and errors reach the same logger, with the same record (the
caller is still pdfminer's line), so the reader's warning handler sees all
of them.  A logger that would record debug messages when the read starts
(someone debugging pdfminer) is left alone; nothing global in :mod:`logging`
changes, and the modules get their loggers back when the read ends.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

__all__ = ["debug_off"]

_NAMES = ("log", "logger")


class _DebugOff:
    """A pdfminer module's logger, less its debug messages."""

    __slots__ = ("_logger",)

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger

    debug = "".format
    """Nothing (the logger's debug level was off when the read started), at the cost of one C call.

    ``str.format`` of an empty string takes any arguments and ignores them;
    a Python function with ``*args, **kwargs`` costs more than the disabled
    ``Logger.debug`` it would replace (it builds the tuple and the dict).
    """

    def __getattr__(self, name: str) -> Any:
        return getattr(self._logger, name)


def _replaceable(module: ModuleType) -> list[tuple[str, logging.Logger]]:
    """The module's own loggers that would drop a debug message now."""
    found = []
    for name in _NAMES:
        logger = module.__dict__.get(name)
        if isinstance(logger, logging.Logger) and not logger.isEnabledFor(logging.DEBUG):
            found.append((name, logger))
    return found


@contextmanager
def debug_off() -> Iterator[None]:
    """pdfminer's modules without debug calls inside the block, their loggers restored after it.

    Only modules already imported are changed (the reader imports pdfminer
    before it reads); one imported during the block keeps its logger.  Safe
    to nest or to enter from two threads at once: a stand-in is never taken
    for a logger to put back.
    """
    replaced: list[tuple[ModuleType, str, logging.Logger]] = []
    for module_name, module in list(sys.modules.items()):
        if module is None or not (module_name == "pdfminer" or module_name.startswith("pdfminer.")):
            continue
        for name, logger in _replaceable(module):
            setattr(module, name, _DebugOff(logger))
            replaced.append((module, name, logger))
    try:
        yield
    finally:
        for module, name, logger in replaced:
            setattr(module, name, logger)
