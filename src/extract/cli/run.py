"""``extract PATH_OR_URL...``: the main job, files and URLs to records or a dataset folder.

URLs are fetched here, in the main process, so workers only ever parse; each
outcome is reported as it comes and streamed into the dataset (see
:mod:`extract.dataset.direct`), so memory does not grow with the inputs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, cast

import typer

from .._exceptions import ExtractError, OutputError, UsageError
from .._logging import logger
from ..dataset.progress import progress_for
from ..formats import PdfEngine
from ..formats.detect import FORMATS, Format
from ..names import shown
from ..pipeline import DEFAULT_MIN_COVERAGE, Outcome, ParseOptions
from ..sources import SourceRef, expand_inputs, read_local
from ..workers import DEFAULT_JOBS, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, Job, Limits, run_jobs
from .app import RunCommand, app, quiet_stdout
from .common import (
    EXIT_FAILURES,
    EXIT_OK,
    EXIT_USAGE,
    AllowHostOption,
    AttemptsOption,
    ContactOption,
    DeadlineOption,
    DelayOption,
    HttpTimeoutOption,
    MaxSizeOption,
    WaitOption,
    check_format_and_layout,
    err,
    interrupted,
    net_config,
    os_error,
    output_failed,
    setup_logging,
)


def _report(outcome: Outcome, *, quiet: bool, say: Callable[[str], None] = err) -> None:
    """The outcome's error and (unless quiet) warnings, one line each."""
    if outcome.error is not None:
        say(f"error: {outcome.error.where()}: {outcome.error.message}")
    if quiet:
        return
    for w in outcome.warnings:
        where = ": ".join(p for p in (outcome.uri, w.locator) if p)
        say(f"warning: {where}: {w.message}")


def _job(ref: SourceRef, pages: dict[str, Any] | None = None) -> Job:
    """A parse job; URLs are fetched here so workers only ever parse."""
    if ref.is_stdin:
        try:
            return Job(ref, data=read_local(ref))  # workers have no stdin
        except ExtractError as exc:
            return Job(ref, error=exc)
    if ref.url is None:
        return Job(ref)
    from .. import fetch as fetch_module

    try:
        fetched = fetch_module.fetch(ref.url)
    except ExtractError as exc:
        return Job(ref, error=exc)
    if pages is not None:
        pages[ref.uri] = fetched
    return Job(ref, data=fetched.content, url=fetched.url, charset=fetched.charset)


@app.command("run", hidden=True, cls=RunCommand)
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
            help="Write the dataset (a JSONL file per table, summary.json, datapackage.json) into this "
            "folder, published in one step when the run ends, instead of JSON Lines on stdout.",
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
    pdf_engine: Annotated[
        PdfEngine, typer.Option("--pdf-engine", help="Read PDFs with pdfium (the default) or pdfplumber.")
    ] = PdfEngine.PDFIUM,
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
    follow_attachments: Annotated[
        bool,
        typer.Option(
            "--follow-attachments", help="Also fetch and extract the PDF/XLSX attachments of every URL given."
        ),
    ] = False,
    contact: ContactOption = None,
    delay: DelayOption = None,
    http_timeout: HttpTimeoutOption = None,
    deadline: DeadlineOption = None,
    attempts: AttemptsOption = None,
    max_size: MaxSizeOption = None,
    allow_host: AllowHostOption = None,
    wait: WaitOption = False,
    follow_links: Annotated[
        bool,
        typer.Option(
            "--follow-links", help="Read symbolic links in a folder that lead out of it (skipped by default)."
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print errors only, no warnings.")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Log progress to stderr.")] = False,
) -> None:
    """Extract records from files, folders or URLs: JSON Lines on stdout, or a dataset folder with -o.

    Example: `extract samples/ -o dataset/` (then see dataset/summary.json).
    Exit codes: 0 all parsed, 1 some failed, 2 usage, 3 shrink refused,
    4 cannot write, 5 folder in use, 130 interrupted.
    """
    from ..dataset.direct import DirectDataset
    from ..fetch import session
    from ..net import NetConfig

    setup_logging(verbose)
    check_format_and_layout(fmt, layout)
    try:
        refs = expand_inputs(
            inputs,
            follow_links=follow_links,
            skipped=None if quiet else lambda uri, why: err(f"warning: {uri}: skipped: {why}"),
        )
    except UsageError as exc:
        err(f"error: {exc.message}")
        raise typer.Exit(EXIT_USAGE) from None
    if not refs:
        err("error: no input documents found (folders are searched for .txt, .html, .pdf, .xlsx)")
        raise typer.Exit(EXIT_USAGE)
    options = ParseOptions(
        fmt=cast("Format | None", fmt), layout=layout, min_coverage=min_coverage, pdf_engine=pdf_engine.value
    )
    limits = Limits(timeout=timeout, memory_mb=memory_limit) if isolation else None
    net = net_config(NetConfig(), contact, delay, http_timeout, deadline, attempts, max_size, allow_host)
    pages: dict[str, Any] = {}
    found: list[tuple[str, list[str]]] = []  # (page, its attachments), in page order

    bar = progress_for(sys.stderr, quiet=quiet or not sys.stderr.isatty())
    bar.add(len(refs))

    def extract_all(batch: list[SourceRef], out: DirectDataset, parents: dict[str, str]) -> None:
        jobs_ = (_job(ref, pages) for ref in batch)
        for outcome in run_jobs(jobs_, options, workers=max(1, min(jobs, len(batch))), limits=limits):
            logger.info("parsed %s", outcome.uri)
            outcome.blocks = []
            _report(outcome, quiet=quiet, say=bar.note)
            bar.done(outcome.uri, "parsed" if outcome.ok else "failed")
            fetched = pages.pop(outcome.uri, None)
            if follow_attachments and fetched is not None:
                from ..dataset.refresh import attachment_urls

                found.append((outcome.uri, attachment_urls(outcome, fetched)))
            parent = parents.get(outcome.uri)
            out.add(outcome, kind="attachment" if parent else "source", parent=parent)

    try:
        with DirectDataset(output, sys.stdout, wait=wait) as out:
            with session(net, allow=[ref.url for ref in refs if ref.url]):
                extract_all(refs, out, {})
                if follow_attachments:
                    attachments = _attachment_refs(found, {ref.uri for ref in refs})
                    bar.add(len(attachments))
                    extract_all([ref for ref, _ in attachments], out, {r.uri: p for r, p in attachments})
            out.publish()
    except (OutputError, UsageError) as exc:
        raise typer.Exit(output_failed(exc, output)) from None
    except KeyboardInterrupt:
        interrupted(output)
    except BrokenPipeError:  # `extract … | head`: the reader has what it wanted
        quiet_stdout()
        raise typer.Exit(EXIT_OK) from None
    except OSError as exc:  # a write outside the dataset writer (state, cache folder)
        raise typer.Exit(output_failed(os_error(exc, None if output else "stdout"), None)) from None
    finally:
        bar.close()
    tally = out.tally
    for reject in out.rejected():
        err(f"rejected: {reject['source']}: {reject['reason']}")
    if output is not None and not quiet:
        err(
            f"{tally.sources - tally.failed} of {tally.sources} sources published, "
            f"{tally.records} records written to {shown(str(output))}"
        )
        covered = tally.least_covered
        if tally.sources > 1 and covered:
            least = ", ".join(f"{uri} ({cov:.0%})" for cov, uri in covered[:3])
            err(f"least covered: {least}")
    raise typer.Exit(EXIT_FAILURES if tally.failed else EXIT_OK)


def _attachment_refs(found: list[tuple[str, list[str]]], done: set[str]) -> list[tuple[SourceRef, str]]:
    """The PDF/XLSX attachments of the fetched pages, each once, in page order, with their page."""
    refs: list[tuple[SourceRef, str]] = []
    for page, urls in found:
        for url in urls:
            if url not in done:
                done.add(url)
                refs.append((SourceRef(uri=url, identity=url, url=url), page))
    return refs
