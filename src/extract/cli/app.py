"""The ``extract`` program: one Typer app whose default command is the main job.

``extract PATH_OR_URL...`` runs the hidden ``run`` command (chosen when the
first argument is not a command name), so ``extract --help`` shows that
command's usage and options first and the other commands after them, and
errors in its options point at ``extract --help``, not at a command users
never type.  :func:`main` is the console script: it tunes the collector,
makes Ctrl-C an exception wherever the main thread waits, and ends quietly
when the reader of stdout goes away (``extract samples/ | head -1``).
"""

from __future__ import annotations

import difflib
import os
import signal
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from .._gc import tune_collector
from .._version import __version__

__all__ = ["RunCommand", "app", "main", "quiet_stdout"]

_CLOSE_ENOUGH = 0.75
"""How alike a mistyped option must be to an option for ``Did you mean`` to name it."""


class _RunContext(typer.Context):
    """The main job's context: its command path is the program's (``extract``, not ``extract run``)."""

    @property
    def command_path(self) -> str:
        if self.parent is not None and self.info_name == "run":
            return str(self.parent.command_path)
        return str(super().command_path)


class RunCommand(TyperCommand):
    """The main job's command: named like the program, with suggestions only for real near-misses."""

    context_class = _RunContext

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return list(super().parse_args(ctx, args))
        except typer.BadParameter:
            raise
        except Exception as exc:  # an unknown option: keep only suggestions that are near misses
            option = getattr(exc, "option_name", None)
            if option is not None and hasattr(exc, "possibilities"):
                exc.possibilities = [
                    p
                    for p in (exc.possibilities or [])
                    if difflib.SequenceMatcher(None, p, option).ratio() >= _CLOSE_ENOUGH
                ]
            raise


class _DefaultToRun(TyperGroup):
    """Route ``extract FILE...`` to ``run``; show ``run``'s help as the program's."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["run", *args]
        return super().parse_args(ctx, args)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        run = self.commands.get("run")
        if run is None:
            super().format_help(ctx, formatter)
            return
        with _RunContext(run, info_name="run", parent=ctx) as run_ctx:
            run.format_usage(run_ctx, formatter)
            run.format_help_text(run_ctx, formatter)
            run.format_options(run_ctx, formatter)
        self.format_commands(ctx, formatter)


app = typer.Typer(
    cls=_DefaultToRun,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help="Turn Osaka City ward 運営方針 documents (text, HTML, PDF, XLSX; files, folders or URLs) "
    "into validated JSON Lines.",
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


def _interrupt(signum: int, frame: object) -> None:
    """Ctrl-C as an exception raised where the main thread is, whatever it awaits.

    ``asyncio.run`` would otherwise turn SIGINT into a cancellation of the
    running task, which a library on the way may absorb, and the run would
    go on to publish; a handler of our own makes asyncio leave SIGINT alone.
    """
    raise KeyboardInterrupt


def quiet_stdout() -> None:
    """The reader of stdout left: send what is still buffered nowhere, so exiting prints nothing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main() -> None:
    """Console-script entry point (the process is the command's own, so its collector is tuned)."""
    tune_collector()
    signal.signal(signal.SIGINT, _interrupt)
    try:
        app(prog_name="extract")
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        quiet_stdout()
        sys.exit(0)
