"""The batch engine behind ``extract refresh`` and ``extract crawl``.

For each source, in order: a conditional GET (304 → the cached body, nothing
downloaded); if the bytes and the run fingerprint (tool and layout versions,
options) are those of the stored manifest, the stored records are reused
without parsing; otherwise the bytes are parsed (from the cache when they did
not change) and the manifest is replaced.  A page's PDF/XLSX attachments
follow it as sources of their own.  When a fetch fails but an earlier run
stored the source, that copy is used and a warning says so (stale-if-error),
so one bad night does not empty the published dataset.

Manifests are written after every source and the outputs only at the end, so
a run killed at any moment and started again produces the same dataset as an
uninterrupted run, with nothing downloaded twice.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import urldefrag, urljoin, urlsplit

from .._exceptions import FetchError
from .._logging import logger
from ..formats.detect import Format, sniff_format
from ..layouts.registry import load_layouts
from ..models import DocumentRecord
from ..net import Fetched, Fetcher, FetchStats, HttpCache, HTTPStatusError, NetConfig, origin_of
from ..net.charset import declared_charset
from ..net.crawl import CrawlSpec, Found, discover
from ..net.links import is_attachment, read_page
from ..pipeline import DEFAULT_MIN_COVERAGE, Outcome, ParseOptions
from ..sources import SourceRef
from ..workers import Job, Limits
from ._parse import Parser
from .admit import error_dict, state_of
from .progress import Progress
from .state import SourceState, StateStore, fingerprint
from .targets import Target, carried_over, load_discovered, save_discovered
from .writer import Dataset, Sink

__all__ = ["BatchOptions", "BatchReport", "Target", "attachment_urls", "run_batch"]


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How a batch run parses and where it keeps its state."""

    state_dir: Path
    offline: bool = False
    fmt: str | None = None
    layout: str | None = None
    min_coverage: float | None = None
    limits: Limits | None = None
    wait: bool = False
    """Wait for another run holding the state folder instead of stopping."""
    http_cache: bool = True
    """Keep responses in the state folder's HTTP cache; off when the state folder is thrown away
    after the run (nothing would ever revalidate against it or re-parse from it)."""


@dataclass(slots=True)
class BatchReport:
    """What a batch run did: the dataset's summary, the network cost, what was reused or parsed."""

    summary: dict[str, Any]
    stats: FetchStats
    reused: int = 0
    parsed: int = 0
    stale: int = 0
    discovered: list[Found] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        s = self.summary
        return not (s["failed"] or s["rejected"] or s["discovery_failures"] or self.stale)


def attachment_urls(outcome: Outcome, fetched: Fetched) -> list[str]:
    """PDF/XLSX attachments of a page on its own origin: from the document record, else from the page's links."""
    urls: list[str] = []
    for record in outcome.records:
        if isinstance(record, DocumentRecord):
            for att in record.attachments:
                if not att.url:
                    continue
                absolute = urldefrag(urljoin(fetched.url, att.url)).url
                path = urlsplit(absolute).path.lower()
                if (att.format or "").upper() in ("PDF", "XLSX") or path.endswith((".pdf", ".xlsx")):
                    urls.append(absolute)
    if not urls:
        try:
            if sniff_format(fetched.content, fetched.url) == "html":
                page = read_page(fetched.content, fetched.url, fetched.content_type)
                urls = [link.url for link in page.links if is_attachment(link)]
        except Exception:  # undecodable markup has no links worth following
            urls = []
    origin = origin_of(fetched.url)
    return [u for u in dict.fromkeys(urls) if origin_of(u) == origin]


class _Engine:
    def __init__(
        self,
        fetcher: Fetcher,
        store: StateStore,
        options: BatchOptions,
        fp: str,
        dataset: Dataset,
        progress: Progress,
    ) -> None:
        self.fetcher = fetcher
        self.store = store
        self.cache = fetcher.cache
        self.options = options
        self.fp = fp
        self.dataset = dataset
        self.progress = progress
        parse_options = ParseOptions(
            fmt=cast("Format | None", options.fmt),
            layout=options.layout,
            min_coverage=DEFAULT_MIN_COVERAGE if options.min_coverage is None else options.min_coverage,
        )
        self.parser = Parser(parse_options, options.limits)
        self.reused = 0
        self.parsed = 0
        self.stale = 0
        self.forget: list[str] = []
        """Sources the site removed, forgotten once the dataset is published."""

    async def run(self, targets: Iterable[Target]) -> None:
        queue: deque[Target] = deque()
        seen: set[str] = set()
        for t in targets:
            if t.url not in seen:
                seen.add(t.url)
                queue.append(t)
        expected = {t.url: self._known_attachments(t) for t in queue}
        self.progress.add(len(queue) + sum(expected.values()))
        try:
            while queue:
                target = queue.popleft()
                reused = self.reused
                state, extra = await self.process(target)
                if state is None:
                    self.progress.done(target.url, "removed")
                    self.progress.add(-expected.get(target.url, 0))
                    continue
                status = self.dataset.add(state, extra)
                label = "unchanged" if self.reused > reused and status == "parsed" else status
                self.progress.done(target.url, label + (" (earlier copy)" if extra else ""))
                if target.follow_attachments:
                    new = [Target(u, "attachment", target.url) for u in state.attachments if u not in seen]
                    seen.update(t.url for t in new)
                    queue.extendleft(reversed(new))
                    self.progress.add(len(new) - expected.get(target.url, 0))
        finally:
            self.parser.close()

    def _known_attachments(self, target: Target) -> int:
        """How many attachments the last run found on ``target``: the bar's total is right from the start."""
        if not target.follow_attachments:
            return 0
        prev = self.store.load(target.url)
        return len(prev.attachments) if prev is not None else 0

    def remove(self, url: str, reason: str) -> None:
        """The site says ``url`` is gone: out of the dataset, with its attachments.

        Their manifests are forgotten only once the new dataset is published: a
        run the shrink guard stops must leave the next run the same evidence.
        """
        prev = self.store.load(url)
        self.dataset.add_removed(url, reason)
        self.forget.append(url)
        for attachment in prev.attachments if prev is not None else []:
            if self.store.load(attachment) is not None:
                self.dataset.add_removed(attachment, f"its page {url} is gone")
                self.forget.append(attachment)

    async def _fetch(self, target: Target, prev: SourceState | None) -> Fetched | FetchError:
        if self.options.offline:
            fetched = self.fetcher.cached((prev.final_url if prev else None) or target.url)
            return fetched or FetchError("not in the cache (offline run)", source=target.url)
        if target.found is not None and target.found.fetched is not None:
            return target.found.fetched
        if target.found is not None and target.found.error is not None:
            return target.found.error
        try:
            return await self.fetcher.get(target.url)
        except FetchError as exc:
            return exc

    async def process(self, target: Target) -> tuple[SourceState | None, list[str]]:
        """The source's state and any stale note; ``None`` when the site removed a published source."""
        prev = self.store.load(target.url)
        got = await self._fetch(target, prev)
        if isinstance(got, FetchError):
            if _gone(got) and prev is not None and prev.status == "parsed":
                self.remove(target.url, f"the site answers {got.message}")
                return None, []
            note = f"fetch failed ({got.message}); the copy fetched earlier is used"
            earlier = self._earlier_copy(target, prev)
            if earlier is not None and prev is not None:
                self.stale += 1
                return await self._state_for(target, prev, earlier, save=False), [note]
            if prev is not None and prev.status == "parsed" and prev.records:
                self.stale += 1  # no body to re-parse, but the records it gave are kept
                return prev, [note]
            state = SourceState(
                url=target.url, kind=target.kind, parent=target.parent, fingerprint=self.fp, status="failed",
                error=error_dict(got, "fetch"),
            )  # fmt: skip
            self.store.save(state)
            return state, []
        return await self._state_for(target, prev, got, save=True), []

    def _earlier_copy(self, target: Target, prev: SourceState | None) -> Fetched | None:
        if self.options.offline or prev is None or prev.sha256 is None or self.cache is None:
            return None
        if prev.status == "failed" and (prev.error or {}).get("stage") != "parse":
            return None
        body = self.cache.body(prev.sha256)
        if body is None:
            return None
        return Fetched(
            url=prev.final_url or target.url,
            content=body,
            content_type=prev.content_type,
            charset=declared_charset(prev.content_type, body),
            requested=target.url,
            sha256=prev.sha256,
            etag=prev.etag,
            last_modified=prev.last_modified,
            not_modified=True,
        )

    async def _state_for(
        self, target: Target, prev: SourceState | None, fetched: Fetched, *, save: bool
    ) -> SourceState:
        if prev is not None and self._reusable(prev, fetched):
            self.reused += 1
            fresh = (fetched.url, fetched.etag, fetched.last_modified, target.kind, target.parent)
            if (prev.final_url, prev.etag, prev.last_modified, prev.kind, prev.parent) != fresh:
                prev.final_url, prev.etag, prev.last_modified, prev.kind, prev.parent = fresh
                if save:
                    self.store.save(prev)
            return prev
        ref = SourceRef(uri=target.url, identity=target.url, url=target.url)
        job = Job(ref, data=fetched.content, url=fetched.url, charset=fetched.charset)
        outcome = await self.parser.parse(job)
        self.parsed += 1
        state = self._state_of(target, fetched, outcome)
        if save:
            self.store.save(state)
        return state

    def _reusable(self, prev: SourceState, fetched: Fetched) -> bool:
        if prev.sha256 != fetched.sha256 or prev.fingerprint != self.fp:
            return False
        return prev.status != "failed" or (prev.error or {}).get("stage") == "parse"

    def _state_of(self, target: Target, fetched: Fetched, outcome: Outcome) -> SourceState:
        state = SourceState(
            url=target.url,
            kind=target.kind,
            parent=target.parent,
            final_url=fetched.url,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            sha256=fetched.sha256,
            size=len(fetched.content),
            content_type=fetched.content_type,
            fingerprint=self.fp,
        )
        if target.kind != "attachment":
            state.attachments = attachment_urls(outcome, fetched)
        return state_of(state, outcome)


def _gone(exc: FetchError) -> bool:
    """The site itself says the source no longer exists (404 Not Found, 410 Gone)."""
    return isinstance(exc, HTTPStatusError) and exc.status in (404, 410)


def _layout_versions() -> dict[str, str]:
    return {name: layout.version for name, layout in load_layouts().items()}


async def run_batch(
    targets: Sequence[Target],
    crawls: Sequence[CrawlSpec],
    net: NetConfig,
    options: BatchOptions,
    sink: Sink,
    progress: Progress,
) -> BatchReport:
    """Process ``targets`` then everything ``crawls`` discover; the dataset goes to ``sink``."""
    store = StateStore(options.state_dir)
    layouts = _layout_versions()
    fp = fingerprint(
        layouts, {"format": options.fmt, "layout": options.layout, "min_coverage": options.min_coverage}
    )
    dataset = Dataset(sink)
    discovered: list[Found] = []
    try:
        with store.locked(wait=options.wait):
            cache = HttpCache(store.cache_dir) if options.http_cache else None
            async with Fetcher(net, cache=cache) as fetcher:
                for t in targets:
                    fetcher.allow(t.url)
                engine = _Engine(fetcher, store, options, fp, dataset, progress)
                found_targets: list[Target] = load_discovered(store) if crawls and options.offline else []
                read: set[str] = set()
                for spec in [] if options.offline else crawls:
                    result = await discover(fetcher, spec)
                    for exc in result.failures:
                        dataset.add_discovery_failure(exc)
                    discovered.extend(result.found)
                    read |= result.read
                    found_targets.extend(
                        Target(f.url, "page", None, spec.follow_attachments, found=f, via=f.via)
                        for f in result.found
                        if f.kind == "page"
                    )
                if crawls and not options.offline:
                    kept, removed = carried_over(load_discovered(store), found_targets, read)
                    for url, reason in removed:
                        engine.remove(url, reason)
                    for t in kept:
                        fetcher.allow(t.url)
                    found_targets.extend(kept)
                    save_discovered(store, found_targets)
                await engine.run([*targets, *found_targets])
                dataset.close()
                for url in engine.forget:
                    store.delete(url)
                if not options.offline and fetcher.cache is not None:
                    keep = {s.sha256 for s in store.all_states() if s.sha256}
                    removed_bodies = fetcher.cache.prune(keep)
                    if removed_bodies:
                        logger.info("cache: removed %d bodies no source refers to any more", removed_bodies)
                report = BatchReport(
                    dataset.summary(), fetcher.stats, engine.reused, engine.parsed, engine.stale, discovered
                )
    except BaseException:
        sink.abort()
        raise
    return report
