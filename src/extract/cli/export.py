"""``extract export DATASET --to duckdb|parquet|csv``: the tables, typed from their JSON Schemas."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .._exceptions import ExtractError
from ..dataset.export import ExportFormat, export_dataset
from ..names import shown
from .app import app
from .common import EXIT_CODES, EXIT_OK, EXIT_WRITE, err


@app.command("export")
def export(
    dataset: Annotated[
        Path, typer.Argument(metavar="DATASET", help="A dataset folder (extract -o, refresh).")
    ],
    to: Annotated[ExportFormat, typer.Option("--to", help="duckdb (one database file), parquet or csv.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Where to write (default beside DATASET: NAME.duckdb, NAME-parquet/, NAME-csv/).",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print errors only.")] = False,
) -> None:
    """Write the dataset's tables as typed DuckDB, Parquet or CSV (UTF-8 with BOM, for Excel)."""
    try:
        written = export_dataset(dataset, to, output)
    except ExtractError as exc:
        err(f"error: {exc}")
        raise typer.Exit(EXIT_CODES.get(type(exc), EXIT_WRITE)) from None
    except OSError as exc:
        err(f"error: {shown(str(exc.filename or output or dataset))}: cannot write: {exc.strerror or exc}")
        raise typer.Exit(EXIT_WRITE) from None
    if not quiet:
        err(f"exported {shown(str(dataset))} to {shown(str(written))} ({to.value})")
    raise typer.Exit(EXIT_OK)
