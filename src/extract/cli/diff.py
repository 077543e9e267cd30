"""``extract diff OLD_DATASET NEW_DATASET``: what changed, record by record, field by field."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..dataset.changes import changes_between, summarize
from ..dataset.lines import line_of
from ..names import shown
from .app import app
from .common import EXIT_OK, EXIT_USAGE, err


def _dataset(path: Path) -> Path:
    if not (path / "summary.json").is_file():
        err(f"error: {shown(str(path))}: not an extract dataset (no summary.json)")
        raise typer.Exit(EXIT_USAGE)
    return path


@app.command("diff")
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD_DATASET", help="The earlier dataset folder.")],
    new: Annotated[Path, typer.Argument(metavar="NEW_DATASET", help="The later dataset folder.")],
    summary_only: Annotated[
        bool, typer.Option("--summary", help="Only the short summary (on stdout), no JSON lines.")
    ] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No summary on stderr.")] = False,
) -> None:
    """List records added, removed and changed (by stable id, with each changed field) as JSON Lines.

    The JSON lines go to stdout, the summary to stderr; ``changes.jsonl`` in a
    package written by ``refresh`` holds the same lines for its last run.
    """
    changes = list(changes_between(_dataset(old), _dataset(new)))
    if summary_only:
        typer.echo("\n".join(summarize(changes)))
        raise typer.Exit(EXIT_OK)
    for change in changes:
        sys.stdout.write(line_of(change) + "\n")
    sys.stdout.flush()
    if not quiet:
        for line in summarize(changes):
            err(line)
    raise typer.Exit(EXIT_OK)
