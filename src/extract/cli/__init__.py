"""The ``extract`` command line: the only layer that turns errors into exit codes.

One module per group of commands: :mod:`.run` (``extract PATH_OR_URL...``),
:mod:`.batch` (``crawl``, ``refresh``), :mod:`.export`, :mod:`.diff`, :mod:`.tools` (``inspect``,
``schema``, ``layouts``); :mod:`.common` holds the exit codes, the shared
options and the one-line reports; :mod:`.app` the program itself.
"""

from __future__ import annotations

from . import batch, diff, export, report, run, tools  # noqa: F401  (each registers its commands on the app)
from .app import app, main

__all__ = ["app", "main"]
