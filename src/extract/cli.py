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
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from ._exceptions import DatasetLocked, ExtractError, OutputError, ShrinkRefused, UsageError, WriteFailed
from ._gc import tune_collector
from ._logging import logger
from ._version import __version__
from .formats import PdfEngine
from .formats.detect import FORMATS
from .models import RECORD_MODELS
from .names import shown
from .pipeline import DEFAULT_MIN_COVERAGE, Outcome
from .sources import SourceRef, expand_inputs, read_local
from .workers import DEFAULT_JOBS, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, Job, Limits, run_jobs

if TYPE_CHECKING:
    from .dataset import BatchReport
    from .net import NetConfig

__all__ = ["app", "main"]

EXIT_OK = 0
EXIT_FAILURES = 1
EXIT_USAGE = 2
EXIT_SHRINK = 3
EXIT_WRITE = 4
EXIT_LOCKED = 5
EXIT_INTERRUPTED = 130
EXIT_CODES: dict[type[ExtractError], int] = {
    ShrinkRefused: EXIT_SHRINK,
    WriteFailed: EXIT_WRITE,
    DatasetLocked: EXIT_LOCKED,
    UsageError: EXIT_USAGE,
}
"""Exit codes of a run that published nothing (the README lists them all)."""


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


def _job(ref: SourceRef, pages: dict[str, Any] | None = None) -> Job:
    """A parse job; URLs are fetched here so workers only ever parse."""
    if ref.is_stdin:
        try:
            return Job(ref, data=read_local(ref))  # workers have no stdin
        except ExtractError as exc:
            return Job(ref, error=exc)
    if ref.url is None:
        return Job(ref)
    from . import fetch as fetch_module

    try:
        fetched = fetch_module.fetch(ref.url)
    except ExtractError as exc:
        return Job(ref, error=exc)
    if pages is not None:
        pages[ref.uri] = fetched
    return Job(ref, data=fetched.content, url=fetched.url, charset=fetched.charset)


# Network options shared by every command that fetches (None: the default, or the sources file's value).
ContactOption = Annotated[
    str | None,
    typer.Option("--contact", help="An e-mail or URL for the site's operators, added to the User-Agent."),
]
DelayOption = Annotated[
    float | None,
    typer.Option("--delay", min=0.0, help="Seconds between two requests to the same host (default 1)."),
]
HttpTimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--http-timeout", min=0.01, help="Seconds to wait for a connection or for data (default 10 / 30)."
    ),
]
DeadlineOption = Annotated[
    float | None,
    typer.Option("--deadline", min=0.01, help="Seconds one response may take in all (default 120)."),
]
AttemptsOption = Annotated[
    int | None,
    typer.Option(
        "--attempts", min=1, max=10, help="Tries per request on network errors, 429 and 5xx (default 3)."
    ),
]
MaxSizeOption = Annotated[
    float | None,
    typer.Option("--max-size", min=0.001, help="Largest body accepted, in MiB once decoded (default 50)."),
]
AllowHostOption = Annotated[
    list[str] | None,
    typer.Option(
        "--allow-host", help="Also fetch from this host (repeatable); the inputs' hosts always are."
    ),
]
BatchIsolationOption = Annotated[
    bool,
    typer.Option("--isolation/--no-isolation", help="Parse in a worker process under limits (default)."),
]
WaitOption = Annotated[
    bool,
    typer.Option("--wait", help="Wait for another run writing the same folder instead of stopping (exit 5)."),
]
AllowShrinkOption = Annotated[
    bool,
    typer.Option(
        "--allow-shrink", help="Publish even when the dataset would lose more than --max-shrink (exit 3)."
    ),
]
MaxShrinkOption = Annotated[
    float | None,
    typer.Option(
        "--max-shrink",
        min=0.0,
        max=1.0,
        help="Largest share of the published sources or records a run may lose and still publish "
        "(default 0.25, or [refresh] max_shrink).",
    ),
]
BatchQuietOption = Annotated[bool, typer.Option("-q", "--quiet", help="Print errors only.")]
BatchVerboseOption = Annotated[bool, typer.Option("-v", "--verbose", help="Log every request to stderr.")]
"""The options ``crawl`` and ``refresh`` share besides the network ones."""


def _net_config(
    base: NetConfig,
    contact: str | None,
    delay: float | None,
    http_timeout: float | None,
    deadline: float | None,
    attempts: int | None,
    max_size: float | None,
    allow_host: list[str] | None,
) -> NetConfig:
    """``base`` with the options that were given."""
    from dataclasses import replace

    changes: dict[str, Any] = {}
    if contact is not None:
        changes["contact"] = contact
    if delay is not None:
        changes["delay"] = delay
    if http_timeout is not None:
        changes["read_timeout"] = http_timeout
        changes["connect_timeout"] = http_timeout
    if deadline is not None:
        changes["deadline"] = deadline
    if attempts is not None:
        changes["attempts"] = attempts
    if max_size is not None:
        changes["max_bytes"] = int(max_size * 1024 * 1024)
    if allow_host:
        changes["allowed_hosts"] = base.allowed_hosts | {h.lower() for h in allow_host}
    return replace(base, **changes)


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
    """Extract records from every input (the default command)."""
    from .dataset.direct import DirectDataset
    from .fetch import session
    from .net import NetConfig

    _setup_logging(verbose)
    _check_format_and_layout(fmt, layout)
    try:
        refs = expand_inputs(
            inputs,
            follow_links=follow_links,
            skipped=None if quiet else lambda uri, why: _err(f"warning: {uri}: skipped: {why}"),
        )
    except UsageError as exc:
        _err(f"error: {exc.message}")
        raise typer.Exit(EXIT_USAGE) from None
    if not refs:
        _err("error: no input documents found (folders are searched for .txt, .html, .pdf, .xlsx)")
        raise typer.Exit(EXIT_USAGE)
    options = {"fmt": fmt, "layout": layout, "min_coverage": min_coverage, "pdf_engine": pdf_engine.value}
    limits = Limits(timeout=timeout, memory_mb=memory_limit) if isolation else None
    net = _net_config(NetConfig(), contact, delay, http_timeout, deadline, attempts, max_size, allow_host)
    pages: dict[str, Any] = {}
    found: list[tuple[str, list[str]]] = []  # (page, its attachments), in page order

    def extract_all(batch: list[SourceRef], out: DirectDataset, parents: dict[str, str]) -> None:
        jobs_ = (_job(ref, pages) for ref in batch)
        for outcome in run_jobs(jobs_, options, workers=max(1, min(jobs, len(batch))), limits=limits):
            logger.info("parsed %s", outcome.uri)
            outcome.blocks = []
            _report(outcome, quiet=quiet)
            fetched = pages.pop(outcome.uri, None)
            if follow_attachments and fetched is not None:
                from .dataset.refresh import attachment_urls

                found.append((outcome.uri, attachment_urls(outcome, fetched)))
            parent = parents.get(outcome.uri)
            out.add(outcome, kind="attachment" if parent else "source", parent=parent)

    try:
        with DirectDataset(output, sys.stdout, wait=wait) as out:
            with session(net, allow=[ref.url for ref in refs if ref.url]):
                extract_all(refs, out, {})
                if follow_attachments:
                    attachments = _attachment_refs(found, {ref.uri for ref in refs})
                    extract_all([ref for ref, _ in attachments], out, {r.uri: p for r, p in attachments})
            out.publish()
    except (OutputError, UsageError) as exc:
        raise typer.Exit(_output_failed(exc, output)) from None
    except KeyboardInterrupt:
        _interrupted(output)
    tally = out.tally
    for reject in out.rejected():
        _err(f"rejected: {reject['source']}: {reject['reason']}")
    if output is not None and not quiet:
        _err(
            f"{tally.sources - tally.failed} of {tally.sources} sources published, "
            f"{tally.records} records written to {shown(str(output))}"
        )
        covered = sorted(tally.coverage)
        if len(covered) > 1:
            least = ", ".join(f"{uri} ({cov:.0%})" for cov, uri in covered[:3])
            _err(f"least covered: {least}")
    raise typer.Exit(EXIT_FAILURES if tally.failed else EXIT_OK)


def _output_failed(exc: ExtractError, output: Path | str | None) -> int:
    """One line for a dataset that was not published; the exit code that says why."""
    _err(f"error: {exc.where()}: {exc.message}")
    if isinstance(exc, WriteFailed) and output is not None:
        _err(f"nothing was published; the dataset in {shown(str(output))} is as it was")
    return EXIT_CODES.get(type(exc), EXIT_WRITE)


def _interrupted(output: Path | str | None) -> NoReturn:
    """Ctrl-C: one line, exit 130; the published dataset was never touched."""
    where = f"the dataset in {shown(str(output))} is as it was" if output else "output stopped"
    _err(f"interrupted: nothing was published; {where}; the next run starts again")
    raise typer.Exit(EXIT_INTERRUPTED)


def _attachment_refs(found: list[tuple[str, list[str]]], done: set[str]) -> list[tuple[SourceRef, str]]:
    """The PDF/XLSX attachments of the fetched pages, each once, in page order, with their page."""
    refs: list[tuple[SourceRef, str]] = []
    for page, urls in found:
        for url in urls:
            if url not in done:
                done.add(url)
                refs.append((SourceRef(uri=url, identity=url, url=url), page))
    return refs


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


@app.command("crawl")
def crawl(
    start_urls: Annotated[
        list[str] | None,
        typer.Argument(metavar="START_URL...", help="Ward top pages or category pages to start from."),
    ] = None,
    osaka: Annotated[
        bool, typer.Option("--osaka", help="Start from the top pages of Osaka City's 24 wards (see README).")
    ] = False,
    depth: Annotated[
        int, typer.Option("--depth", min=0, max=10, help="Links to follow from a start page.")
    ] = 4,
    list_only: Annotated[
        bool,
        typer.Option("--list", help="Only print what was found (kind, URL, link text; tab-separated)."),
    ] = False,
    follow_attachments: Annotated[
        bool,
        typer.Option(
            "--follow-attachments/--no-follow-attachments",
            help="Fetch and extract the pages' PDF/XLSX attachments.",
        ),
    ] = True,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Write a data package into this folder instead of JSON Lines on stdout."
        ),
    ] = None,
    state: Annotated[
        Path | None,
        typer.Option(
            "--state", help="Keep manifests and the HTTP cache in this folder (default: nothing kept)."
        ),
    ] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="Skip content sniffing.")] = None,
    layout: Annotated[str | None, typer.Option("--layout", help="Parse with this layout.")] = None,
    isolation: BatchIsolationOption = True,
    contact: ContactOption = None,
    delay: DelayOption = None,
    http_timeout: HttpTimeoutOption = None,
    deadline: DeadlineOption = None,
    attempts: AttemptsOption = None,
    max_size: MaxSizeOption = None,
    allow_host: AllowHostOption = None,
    wait: WaitOption = False,
    allow_shrink: AllowShrinkOption = False,
    max_shrink: MaxShrinkOption = None,
    quiet: BatchQuietOption = False,
    verbose: BatchVerboseOption = False,
) -> None:
    """Discover 運営方針 pages from ward index/category pages, then fetch and extract them."""
    from .dataset import crawl_dataset, list_crawl
    from .dataset.progress import progress_for
    from .net import NetConfig
    from .net.crawl import CrawlSpec, osaka_start_urls
    from .publish import DEFAULT_MAX_SHRINK, ShrinkGuard

    _setup_logging(verbose)
    _check_format_and_layout(fmt, layout)
    starts = [*(osaka_start_urls() if osaka else []), *(start_urls or [])]
    if not starts:
        _err("error: give START_URL... or --osaka")
        raise typer.Exit(EXIT_USAGE)
    bad = [u for u in starts if not u.startswith(("http://", "https://"))]
    if bad:
        _err(f"error: {bad[0]}: not an http(s) URL")
        raise typer.Exit(EXIT_USAGE)
    net = _net_config(NetConfig(), contact, delay, http_timeout, deadline, attempts, max_size, allow_host)
    spec = CrawlSpec(start=tuple(dict.fromkeys(starts)), depth=depth, follow_attachments=follow_attachments)
    if list_only:
        failed = 0
        for result in list_crawl([spec], net=net):
            for found in result.found:
                typer.echo(f"{found.kind}\t{found.url}\t{shown(found.text)}")
            for exc in result.failures:
                failed += 1
                _err(f"error: {exc.where()}: {exc.message}")
            for found in result.found:
                if found.error is not None:
                    failed += 1
                    _err(f"error: {found.error.where()}: {found.error.message}")
        raise typer.Exit(EXIT_FAILURES if failed else EXIT_OK)
    limits = Limits() if isolation else None
    try:
        report = crawl_dataset(
            [spec],
            net=net,
            progress=progress_for(sys.stderr, quiet=quiet or output is None),
            output=output,
            state=state,
            fmt=fmt,
            layout=layout,
            limits=limits,
            wait=wait,
            guard=ShrinkGuard(DEFAULT_MAX_SHRINK if max_shrink is None else max_shrink, allow=allow_shrink),
        )
    except (OutputError, UsageError) as exc:
        raise typer.Exit(_output_failed(exc, output)) from None
    except KeyboardInterrupt:
        _interrupted(output)
    raise typer.Exit(_finish(report, output, quiet=quiet))


@app.command("refresh")
def refresh(
    sources_file: Annotated[
        Path, typer.Argument(metavar="SOURCES_TOML", help="The sources file (see README: Sources file).")
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="The data package folder (overrides [refresh] output)."),
    ] = None,
    state: Annotated[
        Path | None,
        typer.Option(
            "--state", help="Manifests and HTTP cache (overrides [refresh] state; default .OUTPUT.state)."
        ),
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="No network: re-parse every source from the cache.")
    ] = False,
    isolation: BatchIsolationOption = True,
    contact: ContactOption = None,
    delay: DelayOption = None,
    http_timeout: HttpTimeoutOption = None,
    deadline: DeadlineOption = None,
    attempts: AttemptsOption = None,
    max_size: MaxSizeOption = None,
    allow_host: AllowHostOption = None,
    wait: WaitOption = False,
    allow_shrink: AllowShrinkOption = False,
    max_shrink: MaxShrinkOption = None,
    quiet: BatchQuietOption = False,
    verbose: BatchVerboseOption = False,
) -> None:
    """Refresh a dataset from a sources file: fetch what changed, re-parse what must be, publish atomically."""
    from .dataset import load_sources_file, refresh_dataset
    from .dataset.progress import progress_for
    from .net import NetConfig

    _setup_logging(verbose)
    try:
        sources = load_sources_file(sources_file)
        net = _net_config(
            sources.net_config(NetConfig()),
            contact,
            delay,
            http_timeout,
            deadline,
            attempts,
            max_size,
            allow_host,
        )
        report = refresh_dataset(
            sources,
            base_dir=sources_file.resolve().parent,
            net=net,
            progress=progress_for(sys.stderr, quiet=quiet),
            output=output,
            state=state,
            offline=offline,
            limits=Limits() if isolation else None,
            wait=wait,
            allow_shrink=allow_shrink,
            max_shrink=max_shrink,
        )
    except (OutputError, UsageError) as exc:
        raise typer.Exit(_output_failed(exc, output or _configured_output(sources_file))) from None
    except KeyboardInterrupt:
        _interrupted(output or _configured_output(sources_file))
    raise typer.Exit(_finish(report, output or sources.refresh.output, quiet=quiet))


def _configured_output(sources_file: Path) -> str | None:
    """The output folder a sources file names, for messages (None when it cannot be read)."""
    from .dataset import load_sources_file

    try:
        return load_sources_file(sources_file).refresh.output
    except ExtractError:
        return None


def _finish(report: BatchReport, output: Path | str | None, *, quiet: bool) -> int:
    """Report a batch run on stderr; the exit code (1 when anything failed, was rejected or is stale)."""
    s = report.summary
    for failure in s["failures"]:
        where = ": ".join(p for p in (failure["source"], failure["locator"]) if p)
        _err(f"error: {where}: {failure['message']}")
    for reject in s["rejects"]:
        _err(f"rejected: {reject['source']}: {reject['reason']}")
    for stale in s["stale_sources"]:
        _err(f"stale: {stale['source']}: {stale['reason']}")
    for removed in s["removed_sources"]:
        _err(f"removed: {removed['source']}: {removed['reason']}")
    if not quiet:
        stats = report.stats
        _err(
            f"{s['sources']} sources: {s['parsed']} parsed, {s['rejected']} rejected, {s['failed']} failed"
            f"{f' ({report.stale} from an earlier copy)' if report.stale else ''}; "
            f"{report.parsed} parsed now, {report.reused} unchanged"
            + (f"; written to {output}" if output else "")
        )
        _err(
            f"network: {stats.requests} requests, {stats.not_modified} not modified, "
            f"{stats.body_bytes} body bytes, {stats.retries} retries"
        )
    return EXIT_OK if report.ok else EXIT_FAILURES


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
