"""The ``extract`` command line.

``extract PATH_OR_URL...`` is the main job (the hidden ``run`` command, chosen
when the first argument is not a command name); other commands are listed by
``extract --help``.  This is the only module that turns errors into exit codes:
0 all sources parsed, 1 some failed (the others are still written), 2 usage.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ._exceptions import ExtractError, UsageError
from ._gc import tune_collector
from ._logging import logger
from ._version import __version__
from .formats.detect import FORMATS
from .models import RECORD_MODELS
from .output import DirectoryWriter, StreamWriter
from .pipeline import DEFAULT_MIN_COVERAGE, Outcome
from .sources import SourceRef, expand_inputs, read_local
from .workers import DEFAULT_JOBS, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, Job, Limits, run_jobs

__all__ = ["app", "main"]

EXIT_OK = 0
EXIT_FAILURES = 1
EXIT_USAGE = 2


class _DefaultToRun(TyperGroup):
    """Route ``extract FILE...`` to the ``run`` command when FILE is not a command name."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_DefaultToRun,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Turn Osaka City ward 運営方針 documents (text, HTML, PDF, XLSX; files, folders or URLs) "
    "into validated JSON Lines.  Run `extract PATH_OR_URL...`; see the commands below for the rest.",
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"extract {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Root options."""


def _err(line: str) -> None:
    typer.echo(line, err=True)


def _report(outcome: Outcome, *, quiet: bool) -> None:
    if outcome.error is not None:
        _err(f"error: {outcome.error.where()}: {outcome.error.message}")
    if quiet:
        return
    for w in outcome.warnings:
        where = ": ".join(p for p in (outcome.uri, w.locator) if p)
        _err(f"warning: {where}: {w.message}")


def _job(ref: SourceRef) -> Job:
    """A parse job; URLs are fetched here so workers only ever parse."""
    if ref.is_stdin:
        try:
            return Job(ref, data=read_local(ref))  # workers have no stdin
        except ExtractError as exc:
            return Job(ref, error=exc)
    if ref.url is None:
        return Job(ref)
    from .fetch import fetch

    try:
        fetched = fetch(ref.url)
    except ExtractError as exc:
        return Job(ref, error=exc)
    return Job(ref, data=fetched.content, url=fetched.url, charset=fetched.charset)


@app.command("run", hidden=True)
def run(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH_OR_URL...", help="Files, folders (searched recursively), URLs, or - for stdin."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write one JSONL file per record type and summary.json into this folder "
            "(replaced atomically when the run ends) instead of JSON Lines on stdout.",
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=f"Skip content sniffing and read every input as this format: {', '.join(FORMATS)}.",
        ),
    ] = None,
    layout: Annotated[
        str | None,
        typer.Option(
            "--layout", help="Use this layout instead of the best-scoring one (see `extract layouts`)."
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "-j", "--jobs", min=1, help="Parse this many documents at once (default: one per core)."
        ),
    ] = DEFAULT_JOBS,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.1, help="Seconds one document may take to parse before it fails."),
    ] = DEFAULT_TIMEOUT,
    memory_limit: Annotated[
        int, typer.Option("--memory-limit", min=64, help="MiB of memory a parsing process may use.")
    ] = DEFAULT_MEMORY_MB,
    isolation: Annotated[
        bool,
        typer.Option(
            "--isolation/--no-isolation",
            help="Parse in worker processes under the time and memory limits (default), or in this process.",
        ),
    ] = True,
    min_coverage: Annotated[
        float,
        typer.Option(
            "--min-coverage",
            min=0.0,
            max=1.0,
            help="Warn when records claim less than this share of a document's text.",
        ),
    ] = DEFAULT_MIN_COVERAGE,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print errors only, no warnings.")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Log progress to stderr.")] = False,
) -> None:
    """Extract records from every input (the default command)."""
    _setup_logging(verbose)
    _check_format_and_layout(fmt, layout)
    try:
        refs = expand_inputs(inputs)
    except UsageError as exc:
        _err(f"error: {exc.message}")
        raise typer.Exit(EXIT_USAGE) from None
    if not refs:
        _err("error: no input documents found (folders are searched for .txt, .html, .pdf, .xlsx)")
        raise typer.Exit(EXIT_USAGE)
    writer: StreamWriter | DirectoryWriter
    if output is not None:
        try:
            writer = DirectoryWriter(output)
        except OSError as exc:
            _err(f"error: {output}: cannot write: {exc.strerror or exc}")
            raise typer.Exit(EXIT_USAGE) from None
    else:
        writer = StreamWriter(sys.stdout)
    outcomes: list[Outcome] = []
    options = {"fmt": fmt, "layout": layout, "min_coverage": min_coverage}
    limits = Limits(timeout=timeout, memory_mb=memory_limit) if isolation else None
    try:
        for outcome in run_jobs(map(_job, refs), options, workers=min(jobs, len(refs)), limits=limits):
            logger.info("parsed %s", outcome.uri)
            outcome.blocks = []
            _report(outcome, quiet=quiet)
            writer.write(outcome)
            outcomes.append(outcome)
        writer.close(outcomes)
    except BaseException:
        if isinstance(writer, DirectoryWriter):
            writer.abort()
        raise
    failed = sum(1 for o in outcomes if not o.ok)
    if output is not None and not quiet:
        records = sum(len(o.records) for o in outcomes)
        _err(
            f"{len(outcomes) - failed} of {len(outcomes)} sources parsed, {records} records written to {output}"
        )
        covered = sorted((o.coverage, o.uri) for o in outcomes if o.coverage is not None)
        if len(covered) > 1:
            least = ", ".join(f"{uri} ({cov:.0%})" for cov, uri in covered[:3])
            _err(f"least covered: {least}")
    raise typer.Exit(EXIT_FAILURES if failed else EXIT_OK)


def _check_format_and_layout(fmt: str | None, layout: str | None) -> None:
    if fmt is not None and fmt not in FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(FORMATS)}", param_hint="--format")
    if layout is not None:
        from .layouts.registry import load_layouts

        if layout not in load_layouts():
            known = ", ".join(sorted(load_layouts()))
            raise typer.BadParameter(f"unknown layout; known: {known}", param_hint="--layout")


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

    from .inspect import inspect_json, render_inspection

    _check_format_and_layout(fmt, layout)
    refs = expand_inputs([source])
    if len(refs) != 1:
        _err(f"error: {source}: inspect takes exactly one document")
        raise typer.Exit(EXIT_USAGE)
    options = {"fmt": fmt, "layout": layout, "min_coverage": DEFAULT_MIN_COVERAGE, "keep_blocks": True}
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
    from .schema import record_schema

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
    from .layouts.registry import load_layouts

    for layout in load_layouts().values():
        typer.echo(f"{layout.name}\t{layout.version}\t{layout.description}")


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


def main() -> None:
    """Console-script entry point (the process is the command's own, so its collector is tuned)."""
    tune_collector()
    try:
        app()
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
