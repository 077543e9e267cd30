"""What ``extract inspect`` shows: everything the tool saw and did with one document.

A developer writing a layout needs the detected format, every layout's score,
the block stream with its locators, the records, and above all the text that
no record claimed.  This module renders that as plain text (highlighted with
rich on a terminal) or as one JSON object.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.markup import escape

from .output import record_dict
from .pipeline import Outcome

__all__ = ["inspect_json", "render_inspection"]


def _unclaimed_locators(outcome: Outcome) -> set[str]:
    return {loc.split(" cell ")[0] for loc, _ in outcome.unclaimed}


def inspect_json(outcome: Outcome) -> dict[str, Any]:
    """The inspection as data (for ``--json``)."""
    return {
        "source": outcome.uri,
        "sha256": outcome.sha256,
        "format": outcome.format,
        "layout": outcome.layout,
        "layout_version": outcome.layout_version,
        "candidates": [{"name": c.name, "version": c.version, "score": c.score} for c in outcome.candidates],
        "error": None if outcome.error is None else str(outcome.error),
        "coverage": outcome.coverage,
        "blocks": [
            {"locator": b.locator, "kind": b.kind, "level": b.level, "text": b.text, "cells": list(b.cells)}
            for b in outcome.blocks
        ],
        "records": [record_dict(r) for r in outcome.records],
        "unclaimed": [{"locator": loc, "text": text} for loc, text in outcome.unclaimed],
        "warnings": [{"locator": w.locator, "message": w.message} for w in outcome.warnings],
    }


def render_inspection(outcome: Outcome, console: Console, *, show_blocks: bool = True) -> None:
    """Print the inspection: header, candidates, blocks (unclaimed ones marked), records, unclaimed, warnings."""
    p = console.print
    p(f"[bold]source[/]   {escape(outcome.uri)}")
    p(f"[bold]sha256[/]   {outcome.sha256}")
    p(f"[bold]format[/]   {outcome.format or '?'}")
    if outcome.error is not None:
        p(f"[bold red]error[/]    {escape(str(outcome.error))}")
    if outcome.candidates:
        p("[bold]layouts[/]")
        for c in outcome.candidates:
            chosen = "→" if c.name == outcome.layout else " "
            p(f"  {chosen} {c.score:6.3f}  {escape(c.name)} {escape(c.version)}")
    cov = outcome.coverage
    if cov is not None:
        p(f"[bold]coverage[/] {cov:.1%} of {outcome.total_chars} characters claimed by records")
    unclaimed = _unclaimed_locators(outcome)
    if show_blocks and outcome.blocks:
        p(f"\n[bold]blocks[/] ({len(outcome.blocks)}; [yellow]✗[/] = holds text no record claimed)")
        for b in outcome.blocks:
            mark = "[yellow]✗[/]" if b.locator in unclaimed else " "
            kind = f"{b.kind}{b.level or ''}"
            text = " | ".join(c.replace("\n", " ⏎ ") for c in b.cells) if b.kind == "table_row" else b.text
            p(f" {mark} [dim]{escape(b.locator):>14}[/] [cyan]{kind:<11}[/] {escape(text)}")
    if outcome.records:
        p(f"\n[bold]records[/] ({len(outcome.records)})")
        for r in outcome.records:
            data = record_dict(r)
            local = "document" if data["type"] == "document" else data["id"].split("/", 1)[1]
            loc = (data.get("source") or {}).get("locator")
            body = {k: v for k, v in data.items() if k not in ("type", "id", "doc_id", "source", "parser")}
            body = {k: v for k, v in body.items() if v not in (None, [], "")}
            p(f"  [green]{escape(local)}[/] [dim]{escape(loc or '')}[/]")
            p(f"    {escape(json.dumps(body, ensure_ascii=False))}", soft_wrap=True)
    if outcome.unclaimed:
        p(f"\n[bold yellow]unclaimed text[/] ({len(outcome.unclaimed)} segments)")
        for loc, text in outcome.unclaimed:
            p(f"  [dim]{escape(loc):>20}[/] [yellow]{escape(text)}[/]")
    if outcome.warnings:
        p("\n[bold]warnings[/]")
        for w in outcome.warnings:
            p(f"  [dim]{escape(w.locator or '-'):>20}[/] {escape(w.message)}")
