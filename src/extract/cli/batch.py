"""``extract crawl`` and ``extract refresh``: the batch runs, and how they report.

Both hand their work to :mod:`extract.dataset` and turn its report (or the
error that stopped it) into lines on stderr and an exit code.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .._exceptions import ExtractError, OutputError, UsageError
from ..names import shown
from ..workers import Limits
from .app import app
from .common import (
    EXIT_FAILURES,
    EXIT_OK,
    EXIT_USAGE,
    AllowHostOption,
    AllowShrinkOption,
    AttemptsOption,
    BatchIsolationOption,
    BatchQuietOption,
    BatchVerboseOption,
    ContactOption,
    DeadlineOption,
    DelayOption,
    HttpTimeoutOption,
    MaxShrinkOption,
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

if TYPE_CHECKING:
    from ..dataset import BatchReport


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
    from ..dataset import crawl_dataset, list_crawl
    from ..dataset.progress import progress_for
    from ..net import NetConfig
    from ..net.crawl import CrawlSpec, osaka_start_urls
    from ..publish import DEFAULT_MAX_SHRINK, ShrinkGuard

    setup_logging(verbose)
    check_format_and_layout(fmt, layout)
    starts = [*(osaka_start_urls() if osaka else []), *(start_urls or [])]
    if not starts:
        err("error: give START_URL... or --osaka")
        raise typer.Exit(EXIT_USAGE)
    bad = [u for u in starts if not u.startswith(("http://", "https://"))]
    if bad:
        err(f"error: {bad[0]}: not an http(s) URL")
        raise typer.Exit(EXIT_USAGE)
    net = net_config(NetConfig(), contact, delay, http_timeout, deadline, attempts, max_size, allow_host)
    spec = CrawlSpec(start=tuple(dict.fromkeys(starts)), depth=depth, follow_attachments=follow_attachments)
    if list_only:
        failed = 0
        for result in list_crawl([spec], net=net):
            for found in result.found:
                typer.echo(f"{found.kind}\t{found.url}\t{shown(found.text)}")
            for exc in result.failures:
                failed += 1
                err(f"error: {exc.where()}: {exc.message}")
            for found in result.found:
                if found.error is not None:
                    failed += 1
                    err(f"error: {found.error.where()}: {found.error.message}")
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
        raise typer.Exit(output_failed(exc, output)) from None
    except OSError as exc:  # a write outside the dataset writer (state, cache folder)
        raise typer.Exit(output_failed(os_error(exc), None)) from None
    except KeyboardInterrupt:
        interrupted(output)
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
    from ..dataset import load_sources_file, refresh_dataset
    from ..dataset.progress import progress_for
    from ..net import NetConfig

    setup_logging(verbose)
    try:
        sources = load_sources_file(sources_file)
        net = net_config(
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
        exc.source = exc.source or shown(str(sources_file))
        raise typer.Exit(output_failed(exc, output or _configured_output(sources_file))) from None
    except OSError as exc:  # a write outside the dataset writer (state, cache folder)
        raise typer.Exit(output_failed(os_error(exc), None)) from None
    except KeyboardInterrupt:
        interrupted(output or _configured_output(sources_file))
    raise typer.Exit(_finish(report, output or sources.refresh.output, quiet=quiet))


def _configured_output(sources_file: Path) -> str | None:
    """The output folder a sources file names, for messages (None when it cannot be read)."""
    from ..dataset import load_sources_file

    try:
        return load_sources_file(sources_file).refresh.output
    except ExtractError:
        return None


def _finish(report: BatchReport, output: Path | str | None, *, quiet: bool) -> int:
    """Report a batch run on stderr; the exit code (1 when anything failed, was rejected or is stale)."""
    s = report.summary
    for failure in s["failures"]:
        where = ": ".join(p for p in (failure["source"], failure["locator"]) if p)
        err(f"error: {where}: {failure['message']}")
    for reject in s["rejects"]:
        err(f"rejected: {reject['source']}: {reject['reason']}")
    for stale in s["stale_sources"]:
        err(f"stale: {stale['source']}: {stale['reason']}")
    for removed in s["removed_sources"]:
        err(f"removed: {removed['source']}: {removed['reason']}")
    if not quiet:
        stats = report.stats
        err(
            f"{s['sources']} sources: {s['parsed']} parsed, {s['rejected']} rejected, {s['failed']} failed"
            f"{f' ({report.stale} from an earlier copy)' if report.stale else ''}; "
            f"{report.parsed} parsed now, {report.reused} unchanged"
            + (f"; written to {output}" if output else "")
        )
        err(
            f"network: {stats.requests} requests, {stats.not_modified} not modified, "
            f"{stats.body_bytes} body bytes, {stats.retries} retries"
        )
    return EXIT_OK if report.ok else EXIT_FAILURES
