"""``extract inspect``, ``extract schema`` and ``extract layouts``: looking at how things are read."""

from __future__ import annotations

import json
from typing import Annotated, Any, cast

import typer

from ..formats.detect import Format
from ..models import RECORD_MODELS
from ..pipeline import ParseOptions
from ..sources import expand_inputs
from ..workers import run_jobs
from .app import app
from .common import EXIT_FAILURES, EXIT_OK, EXIT_USAGE, check_format_and_layout, err
from .run import _job


@app.command("inspect")
def inspect(
    source: Annotated[
        str, typer.Argument(metavar="FILE_OR_URL", help="One document (a file, URL or - for stdin).")
    ],
    fmt: Annotated[str | None, typer.Option("--format", help="Skip content sniffing.")] = None,
    layout: Annotated[str | None, typer.Option("--layout", help="Parse with this layout.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of the report.")
    ] = False,
    no_blocks: Annotated[
        bool, typer.Option("--no-blocks", help="Leave the block stream out of the report.")
    ] = False,
) -> None:
    """Show how one document is read: format, layout scores, blocks, records, unclaimed text, warnings."""
    from rich.console import Console

    from ..inspect import inspect_json, render_inspection

    check_format_and_layout(fmt, layout)
    refs = expand_inputs([source])
    if len(refs) != 1:
        err(f"error: {source}: inspect takes exactly one document")
        raise typer.Exit(EXIT_USAGE)
    options = ParseOptions(fmt=cast("Format | None", fmt), layout=layout, keep_blocks=True)
    (outcome,) = run_jobs([_job(refs[0])], options, limits=None)
    if as_json:
        typer.echo(json.dumps(inspect_json(outcome), ensure_ascii=False, indent=2))
    else:
        render_inspection(outcome, Console(highlight=False, soft_wrap=True), show_blocks=not no_blocks)
    raise typer.Exit(EXIT_FAILURES if outcome.error else EXIT_OK)


@app.command("schema")
def schema(
    record_type: Annotated[
        str | None,
        typer.Argument(
            help=f"One of {', '.join(RECORD_MODELS)}; all of them (as one JSON object) when omitted."
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the records."""
    from ..schema import record_schema

    if record_type is None:
        data: Any = {name: record_schema(name) for name in RECORD_MODELS}
    elif record_type in RECORD_MODELS:
        data = record_schema(record_type)
    else:
        raise typer.BadParameter(f"must be one of {', '.join(RECORD_MODELS)}", param_hint="RECORD_TYPE")
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))


@app.command("layouts")
def layouts() -> None:
    """List the registered layouts with their versions."""
    from ..layouts.registry import load_layouts

    for layout in load_layouts().values():
        typer.echo(f"{layout.name}\t{layout.version}\t{layout.description}")
