"""Parsing fetched bytes from the asynchronous engine, isolated like ``extract`` does it.

The batch engine awaits network I/O; parsing is CPU work on untrusted bytes,
so it runs in the worker-process pool of :mod:`extract.workers` (time and
memory limits) and is awaited through its future, or in-process when
isolation is off.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import sys
from typing import Any

from pebble import ProcessPool

from ..pipeline import Outcome
from ..workers import Job, Limits, _limit_memory, _result, parse_job

__all__ = ["Parser"]


class Parser:
    """One pool for the run (started on first use)."""

    def __init__(self, options: dict[str, Any], limits: Limits | None) -> None:
        self.options = options
        self.limits = limits
        self._pool: ProcessPool | None = None

    async def parse(self, job: Job) -> Outcome:
        if self.limits is None:
            return parse_job(job, self.options)
        if self._pool is None:
            context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
            self._pool = ProcessPool(
                max_workers=1, initializer=_limit_memory, initargs=(self.limits.memory_mb,), context=context
            )
        future = self._pool.schedule(parse_job, args=(job, self.options), timeout=self.limits.timeout)
        await asyncio.wait([asyncio.wrap_future(future)])
        return _result(job, future, self.limits)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()  # type: ignore[no-untyped-call]
            self._pool.join()
            self._pool = None
