"""What every command shares: exit codes, one-line reports, the network options, logging.

Only the command line turns errors into exit codes; this module holds the
table, so every command means the same by the same code (README: exit codes).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from .._exceptions import DatasetLocked, ExtractError, ShrinkRefused, UsageError, WriteFailed
from .._logging import logger
from ..formats.detect import FORMATS
from ..names import shown

if TYPE_CHECKING:
    from ..net import NetConfig

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


def err(line: str) -> None:
    """One line on stderr."""
    typer.echo(line, err=True)


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
        "--allow-host",
        help="Also fetch from HOST (ports 80/443) or HOST:PORT (repeatable); the inputs' origins always are.",
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


def net_config(
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


def os_error(exc: OSError, default: str | None = None) -> WriteFailed:
    """An operating-system error no layer turned into one of ours, as one line naming its file."""
    where = exc.filename if isinstance(exc.filename, str) else default
    return WriteFailed(f"cannot write: {exc.strerror or exc}", source=shown(where) if where else None)


def output_failed(exc: ExtractError, output: Path | str | None) -> int:
    """One line for a dataset that was not published; the exit code that says why."""
    err(f"error: {exc.where()}: {exc.message}")
    if isinstance(exc, WriteFailed) and output is not None:
        err(f"nothing was published; the dataset in {shown(str(output))} is as it was")
    return EXIT_CODES.get(type(exc), EXIT_WRITE)


def interrupted(output: Path | str | None) -> NoReturn:
    """Ctrl-C: one line, exit 130; the published dataset was never touched."""
    where = f"the dataset in {shown(str(output))} is as it was" if output else "output stopped"
    err(f"interrupted: nothing was published; {where}; the next run starts again")
    raise typer.Exit(EXIT_INTERRUPTED)


def check_format_and_layout(fmt: str | None, layout: str | None) -> None:
    """A usage error (exit 2) for an unknown ``--format`` or ``--layout``, before any work starts."""
    if fmt is not None and fmt not in FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(FORMATS)}", param_hint="--format")
    if layout is not None:
        from ..layouts.registry import load_layouts

        if layout not in load_layouts():
            known = ", ".join(sorted(load_layouts()))
            raise typer.BadParameter(f"unknown layout; known: {known}", param_hint="--layout")


def setup_logging(verbose: bool) -> None:
    """Library log lines on stderr: warnings always, every request and parse with ``-v``."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
