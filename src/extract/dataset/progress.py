"""Progress of a batch run: a rich progress bar on a terminal, plain log lines otherwise.

Nightly jobs write to log files, where a redrawn bar is noise; one line per
source (``[12/340] parsed https://…``) greps well.
"""

from __future__ import annotations

import sys
from typing import IO, Protocol

__all__ = ["LineProgress", "Progress", "RichProgress", "progress_for"]


class Progress(Protocol):
    """What a run tells about its progress: sources known, sources done, message lines."""

    def add(self, n: int) -> None:
        """``n`` more sources are known (attachments and crawl results add to the total)."""

    def done(self, url: str, status: str) -> None:
        """One source is finished."""

    def note(self, line: str) -> None:
        """A message line (an error, a warning), printed so that it does not break the bar."""

    def close(self) -> None: ...


class LineProgress:
    """One line per finished source (``[12/340] parsed https://…``), for logs and pipes."""

    def __init__(self, stream: IO[str], *, quiet: bool = False) -> None:
        self.stream = stream
        self.quiet = quiet
        self.total = 0
        self.count = 0

    def add(self, n: int) -> None:
        self.total += n

    def done(self, url: str, status: str) -> None:
        self.count += 1
        if not self.quiet:
            print(f"[{self.count}/{self.total}] {status} {url}", file=self.stream, flush=True)

    def note(self, line: str) -> None:
        print(line, file=self.stream, flush=True)

    def close(self) -> None:
        pass


class RichProgress:
    """A bar that fits any width: the count and the time stay, the current URL is shortened."""

    def __init__(self, stream: IO[str]) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar
        from rich.table import Column

        self._bar = Bar(
            MofNCompleteColumn(),
            BarColumn(bar_width=20),
            TimeElapsedColumn(),
            TextColumn(
                "{task.description}",
                markup=False,
                table_column=Column(ratio=1, no_wrap=True, overflow="ellipsis"),
            ),
            console=Console(file=stream, highlight=False),
            transient=False,
            expand=True,
        )
        self._task = self._bar.add_task("", total=0)
        self._bar.start()

    def add(self, n: int) -> None:
        total = self._bar.tasks[0].total or 0
        self._bar.update(self._task, total=total + n)

    def done(self, url: str, status: str) -> None:
        self._bar.update(self._task, advance=1, description=f"{status} {url}")

    def note(self, line: str) -> None:
        self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def close(self) -> None:
        self._bar.stop()


def progress_for(stream: IO[str] | None = None, *, quiet: bool = False) -> Progress:
    """A bar when ``stream`` is a terminal (and not quiet), else plain lines."""
    stream = stream or sys.stderr
    if not quiet and stream.isatty():
        return RichProgress(stream)
    return LineProgress(stream, quiet=quiet)
