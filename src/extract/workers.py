"""Parsing in worker processes: parallel, and isolated under a time and memory limit.

pdfminer, lexbor and the XLSX reader are C or deep-recursion code run on
untrusted files; one pathological document can hang or eat all memory.  Each
document is therefore parsed in a worker process whose address space is capped
(``RLIMIT_AS``) and whose task is killed after a wall-time limit (pebble
replaces the worker), so a hang or blow-up becomes one failure record and the
run goes on.  Results come back in input order, so the output of a parallel
run is byte-identical to a serial one.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures import wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from pebble import ProcessExpired, ProcessFuture, ProcessPool

from ._exceptions import ExtractError, one_line
from ._gc import collect_between_documents, tune_collector
from .pipeline import Outcome, ParseOptions, extract_bytes
from .sources import SourceRef, read_local

__all__ = [
    "DEFAULT_JOBS",
    "DEFAULT_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "IsolatedPool",
    "Job",
    "Limits",
    "parse_job",
    "run_jobs",
]

DEFAULT_TIMEOUT = 120.0
"""Seconds one document may take to parse."""
DEFAULT_MEMORY_MB = 2048
"""Address-space cap of a parsing process, in MiB."""
DEFAULT_JOBS = max(
    1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
)
"""Worker processes: one per available core."""


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-document limits; None disables one."""

    timeout: float | None = DEFAULT_TIMEOUT
    memory_mb: int | None = DEFAULT_MEMORY_MB


@dataclass(frozen=True, slots=True)
class Job:
    """One document to parse: a local source read in the worker, or bytes already in hand."""

    ref: SourceRef
    data: bytes | None = None
    url: str | None = None
    charset: str | None = None
    error: ExtractError | None = None
    """Set when the source could not even be read (e.g. a failed fetch)."""


_CODECS = ("cp932", "shift_jis", "euc_jp", "iso2022_jp", "utf-16", "utf-8-sig")


def preload() -> None:
    """Import the codecs decoding may need, before any memory cap.

    Under a cap, importing a codec module can fail for the cap's sake
    (``unknown encoding: cp932``) and cost a document that did nothing wrong;
    imported in the parent, a forked worker inherits them.  Shared libraries
    are not preloaded: pdfium reserves address space when it loads, which
    would count against every worker's cap.
    """
    import codecs

    for name in _CODECS:
        codecs.lookup(name)


_ONE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""openpyxl imports numpy when it is installed, and numpy's BLAS then reserves a buffer per core:
under a worker's address-space cap that fails (``OpenBLAS error: Memory allocation still failed``)
and costs the workbook.  Parsing uses no BLAS, so one thread is all it needs."""


def _init_worker(memory_mb: int | None) -> None:
    """Set up a parsing process: the collector tuned like the command line's, memory capped."""
    tune_collector()
    for name in _ONE_THREAD:
        os.environ.setdefault(name, "1")
    preload()  # before the cap (a spawned worker starts without the parent's modules)
    _limit_memory(memory_mb)


def _limit_memory(memory_mb: int | None) -> None:
    if memory_mb is None or sys.platform == "win32":
        return
    import resource

    limit = memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def parse_job(job: Job, options: ParseOptions) -> Outcome:
    """Read (when local) and extract one document; runs in a worker or in-process."""
    if job.error is not None:
        return Outcome(uri=job.ref.uri, identity=job.ref.identity, error=job.error)
    data = job.data
    if data is None:
        try:
            data = read_local(job.ref)
        except ExtractError as exc:
            return Outcome(uri=job.ref.uri, identity=job.ref.identity, error=exc)
    return extract_bytes(
        data, job.ref.uri, job.ref.identity, url=job.url, charset=job.charset, options=options
    )


def _parse_in_worker(job: Job, options: ParseOptions) -> Outcome:
    """:func:`parse_job` in a worker, then the memory it freed handed back to the system.

    The cap is on address space, and a worker parses document after document:
    without this, what one heavy document left mapped counts against the next.
    """
    try:
        return parse_job(job, options)
    finally:
        collect_between_documents()
        _trim()


def _trim() -> None:
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _malloc_trim() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


_MALLOC_TRIM = _malloc_trim()


def _failure(job: Job, message: str) -> Outcome:
    return Outcome(
        uri=job.ref.uri, identity=job.ref.identity, error=ExtractError(message, source=job.ref.uri)
    )


def _context() -> multiprocessing.context.BaseContext:
    """How workers start: from a clean server process on Linux, fresh interpreters elsewhere.

    Workers are started (and replaced after a timeout or a crash) by the
    pool's manager thread; forking the command's own process from a thread,
    with its loaded C libraries (pdfium, lexbor) and their locks, is what
    POSIX calls unsafe and was seen to crash a new worker.  A fork server is
    a small process of its own that forks from its main thread, with the
    parsing modules already imported.
    """
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["extract.workers"])
        return context
    return multiprocessing.get_context("spawn")


class IsolatedPool:
    """Worker processes that parse under :class:`Limits`; every way a worker can fail is one outcome.

    Used by :func:`run_jobs` (the command line) and by the batch engine,
    which awaits :meth:`schedule`'s future from its event loop; both get the
    same worker set-up (collector tuning, memory cap) and the same failures.
    """

    def __init__(self, limits: Limits, workers: int = 1) -> None:
        self.limits = limits
        self.workers = max(1, workers)
        preload()
        self._pool = self._start()

    def _start(self) -> ProcessPool:
        return ProcessPool(
            max_workers=self.workers,
            initializer=_init_worker,
            initargs=(self.limits.memory_mb,),
            context=_context(),
        )

    def _restart(self) -> None:
        """A new pool for one that broke: a worker died while it parsed nothing (killed, out of memory).

        The pool then refuses new work and drops what was waiting; the
        documents did nothing wrong, so they are parsed by new workers.
        """
        self._pool.stop()  # type: ignore[no-untyped-call]
        self._pool.join()
        self._pool = self._start()

    def schedule(self, job: Job, options: ParseOptions) -> ProcessFuture[Outcome]:
        """Start parsing ``job``; the future is done when it is parsed, failed or stopped."""
        try:
            return self._pool.schedule(_parse_in_worker, args=(job, options), timeout=self.limits.timeout)
        except RuntimeError:  # the pool broke between documents
            self._restart()
            return self._pool.schedule(_parse_in_worker, args=(job, options), timeout=self.limits.timeout)

    @staticmethod
    def dropped(future: ProcessFuture[Outcome]) -> bool:
        """Whether the (finished) future's document was dropped unparsed because the pool broke.

        Such a document did nothing wrong: schedule it again (:meth:`schedule`
        starts new workers for a broken pool).
        """
        return not future.cancelled() and isinstance(future.exception(), BrokenProcessPool)

    def outcome(self, job: Job, future: ProcessFuture[Outcome]) -> Outcome:
        """The finished future's outcome; a timeout, a dead worker or an error is one failure."""
        limits = self.limits
        try:
            return future.result()
        except FutureTimeout:
            return _failure(job, f"parsing took longer than {limits.timeout:g} s and was stopped")
        except ProcessExpired as exc:
            hint = f" (over the {limits.memory_mb} MiB memory limit?)" if limits.memory_mb else ""
            return _failure(job, f"the parsing process died with exit code {exc.exitcode}{hint}")
        except MemoryError:
            return _failure(job, f"parsing needed more than the {limits.memory_mb} MiB memory limit")
        except Exception as exc:  # anything else from the worker machinery: one failure, not a crash
            return _failure(
                job, f"parsing failed in its worker process: {type(exc).__name__}: {one_line(str(exc))}"
            )

    def stop(self) -> None:
        """Kill the workers now (an interrupted run)."""
        self._pool.stop()  # type: ignore[no-untyped-call]
        self._pool.join()

    def close(self) -> None:
        """Let the workers finish and end."""
        self._pool.close()  # type: ignore[no-untyped-call]
        self._pool.join()


def _next_outcome(
    pool: IsolatedPool, pending: deque[tuple[Job, ProcessFuture[Outcome]]], options: ParseOptions
) -> Outcome:
    """The oldest pending job's outcome (parsed again, once, if a broken pool dropped it)."""
    job, future = pending.popleft()
    wait([future])
    if pool.dropped(future):
        future = pool.schedule(job, options)
    return pool.outcome(job, future)


def run_jobs(
    jobs: Iterable[Job],
    options: ParseOptions,
    *,
    workers: int = DEFAULT_JOBS,
    limits: Limits | None = Limits(),
) -> Iterator[Outcome]:
    """Outcomes for ``jobs`` in their order.

    ``limits=None`` parses in this process (no isolation, for debugging and
    embedding); otherwise ``workers`` processes parse under ``limits``.
    """
    if limits is None:
        for job in jobs:
            yield parse_job(job, options)
        return
    window = max(2, workers * 4)
    pool = IsolatedPool(limits, workers)
    pending: deque[tuple[Job, ProcessFuture[Outcome]]] = deque()
    try:
        for job in jobs:
            pending.append((job, pool.schedule(job, options)))
            while len(pending) >= window:
                yield _next_outcome(pool, pending, options)
        while pending:
            yield _next_outcome(pool, pending, options)
    except BaseException:
        pool.stop()
        raise
    pool.close()
