"""Parsing fetched bytes from the asynchronous engine, isolated like ``extract`` does it.

The batch engine awaits network I/O; parsing is CPU work on untrusted bytes,
so it runs in the worker-process pool of :mod:`extract.workers` (time and
memory limits) and is awaited through its future, or in-process when
isolation is off.
"""

from __future__ import annotations

import asyncio

from ..pipeline import Outcome, ParseOptions
from ..workers import IsolatedPool, Job, Limits, parse_job

__all__ = ["Parser"]


class Parser:
    """One worker for the run (started on first use), or in-process parsing when isolation is off."""

    def __init__(self, options: ParseOptions, limits: Limits | None) -> None:
        self.options = options
        self.limits = limits
        self._pool: IsolatedPool | None = None

    async def parse(self, job: Job) -> Outcome:
        """The outcome of ``job``, parsed while the event loop goes on with other work."""
        if self.limits is None:
            return parse_job(job, self.options)
        if self._pool is None:
            self._pool = IsolatedPool(self.limits)
        future = self._pool.schedule(job, self.options)
        await asyncio.wait([asyncio.wrap_future(future)])
        if self._pool.dropped(future):  # the pool broke before the job ran: new workers parse it
            future = self._pool.schedule(job, self.options)
            await asyncio.wait([asyncio.wrap_future(future)])
        return self._pool.outcome(job, future)

    def close(self) -> None:
        """End the worker."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None
