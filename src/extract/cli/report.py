"""``extract report`` and ``extract series``: looking at a dataset folder before querying it.

Both read a published dataset folder and write one file of their own beside
it (never into it: a dataset folder is written only by the dataset writer).
The report links the series itself, with the same threshold, so it needs no
``series.jsonl``; ``extract series`` writes them for analysis.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import app
from .common import EXIT_OK, EXIT_USAGE, EXIT_WRITE, err

if TYPE_CHECKING:
    from ..report.data import Dataset

_THRESHOLD_HELP = "Link pairs scoring at least this (0-1); the default is measured in bench/SERIES.md."


def _load(dataset: Path) -> Dataset:
    from ..report.assets import MissingExtra, require
    from ..report.data import DatasetError, load_dataset

    try:
        require()
    except MissingExtra as exc:
        err(f"error: {exc}")
        raise typer.Exit(EXIT_USAGE) from exc
    try:
        return load_dataset(dataset)
    except DatasetError as exc:
        err(f"error: {exc}")
        raise typer.Exit(EXIT_USAGE) from exc


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="\n")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        err(f"error: {path}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_WRITE) from exc


def _threshold(value: float | None) -> float:
    from ..series import DEFAULT_THRESHOLD

    if value is None:
        return DEFAULT_THRESHOLD
    if not 0.0 <= value <= 1.0:
        raise typer.BadParameter("must be between 0 and 1", param_hint="--threshold")
    return value


@app.command("report")
def report(
    dataset: Annotated[Path, typer.Argument(metavar="DATASET", help="A dataset folder (extract -o DIR).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")],
    threshold: Annotated[float | None, typer.Option("--threshold", help=_THRESHOLD_HELP)] = None,
) -> None:
    """Write one self-contained HTML report of a dataset: wards x years, budgets, outcomes, series, policies."""
    data = _load(dataset)
    from ..report.render import render_report
    from ..series import link_dataset

    series = link_dataset(data, _threshold(threshold))
    _write(output, render_report(data, series, f"{dataset.resolve().name} — 運営方針データセット"))
    raise typer.Exit(EXIT_OK)


@app.command("series")
def series(
    dataset: Annotated[Path, typer.Argument(metavar="DATASET", help="A dataset folder (extract -o DIR).")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write series.jsonl here instead of stdout.")
    ] = None,
    threshold: Annotated[float | None, typer.Option("--threshold", help=_THRESHOLD_HELP)] = None,
) -> None:
    """Link each ward's issues, strategies and initiatives across fiscal years (one JSON line per series)."""
    data = _load(dataset)
    from ..series import link_dataset
    from ..series.model import series_line

    lines = [series_line(s) + "\n" for s in link_dataset(data, _threshold(threshold))]
    if output is None:
        sys.stdout.writelines(lines)
    else:
        _write(output, "".join(lines))
    raise typer.Exit(EXIT_OK)
