"""Batch datasets: ``extract refresh`` (a sources file) and ``extract crawl`` (discovery).

Both run the same engine (:mod:`.refresh`): polite cached fetching, per-source
manifests, reuse of unchanged sources, and a data package replaced atomically.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .._exceptions import UsageError
from ..net import Fetcher, NetConfig
from ..net.crawl import CrawlResult, CrawlSpec, discover
from ..publish import DEFAULT_MAX_SHRINK, DatasetFolder, ShrinkGuard
from ..workers import Limits
from .progress import Progress
from .refresh import BatchOptions, BatchReport, Target, run_batch
from .sourcesfile import PackageInfo, SourcesFile, load_sources_file
from .writer import PackageSink, Sink, StreamSink

__all__ = [
    "BatchReport",
    "PackageInfo",
    "SourcesFile",
    "crawl_dataset",
    "list_crawl",
    "load_sources_file",
    "refresh_dataset",
]


@contextmanager
def _output(
    output: Path | None, package: PackageInfo, stream: IO[str] | None, guard: ShrinkGuard, wait: bool
) -> Iterator[Sink]:
    """Where the dataset goes; a folder is locked before anything in it or beside it is touched."""
    if output is None:
        yield StreamSink(stream or sys.stdout)
        return
    with DatasetFolder(output, wait=wait) as folder:
        yield PackageSink(folder, package, guard)


def refresh_dataset(
    sources: SourcesFile,
    *,
    base_dir: Path,
    net: NetConfig,
    progress: Progress,
    output: Path | None = None,
    state: Path | None = None,
    offline: bool = False,
    limits: Limits | None = None,
    wait: bool = False,
    allow_shrink: bool = False,
    max_shrink: float | None = None,
) -> BatchReport:
    """Refresh the dataset a sources file describes (paths in the file are relative to ``base_dir``)."""
    out = output or (base_dir / sources.refresh.output if sources.refresh.output else None)
    if out is None:
        raise UsageError("no output folder: give -o DIR or set [refresh] output in the sources file")
    state_dir = state or (
        base_dir / sources.refresh.state if sources.refresh.state else out.parent / f".{out.name}.state"
    )
    d = sources.defaults
    targets = [
        Target(
            s.url,
            "source",
            None,
            d.follow_attachments if s.follow_attachments is None else s.follow_attachments,
        )
        for s in sources.source
    ]
    options = BatchOptions(
        state_dir=state_dir, offline=offline, fmt=d.format, layout=d.layout, limits=limits, wait=wait
    )
    shrink = max_shrink if max_shrink is not None else sources.refresh.max_shrink
    guard = ShrinkGuard(DEFAULT_MAX_SHRINK if shrink is None else shrink, allow=allow_shrink)
    try:
        with _output(out, sources.package, None, guard, wait) as sink:
            return asyncio.run(run_batch(targets, sources.crawl_specs(), net, options, sink, progress))
    finally:
        progress.close()


def crawl_dataset(
    specs: Sequence[CrawlSpec],
    *,
    net: NetConfig,
    progress: Progress,
    output: Path | None,
    state: Path | None = None,
    fmt: str | None = None,
    layout: str | None = None,
    limits: Limits | None = None,
    stream: IO[str] | None = None,
    wait: bool = False,
    guard: ShrinkGuard | None = None,
) -> BatchReport:
    """Discover, fetch and parse; records to ``output`` (a data package) or to ``stream``."""
    try:
        with _output(output, PackageInfo(), stream, guard or ShrinkGuard(), wait) as sink:
            if state is not None:
                options = BatchOptions(state_dir=state, fmt=fmt, layout=layout, limits=limits, wait=wait)
                return asyncio.run(run_batch([], specs, net, options, sink, progress))
            with tempfile.TemporaryDirectory(prefix="extract-crawl-") as tmp:
                options = BatchOptions(
                    state_dir=Path(tmp), fmt=fmt, layout=layout, limits=limits, http_cache=False
                )
                return asyncio.run(run_batch([], specs, net, options, sink, progress))
    finally:
        progress.close()


def list_crawl(specs: Sequence[CrawlSpec], *, net: NetConfig) -> list[CrawlResult]:
    """Discovery only: what each crawl finds, nothing parsed or kept."""

    async def go() -> list[CrawlResult]:
        async with Fetcher(net) as fetcher:
            return [await discover(fetcher, spec) for spec in specs]

    return asyncio.run(go())
