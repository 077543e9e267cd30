"""What a batch run works through: its sources, and the pages an earlier crawl found.

A crawl's finds are saved in the state folder (``discovered.json``) so that an
offline run can read the same pages again, and so that the next crawl can tell
a page the site stopped linking to (removed) from one it could not reach
tonight (kept).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from ..net.crawl import Found
from ..output import atomic_write_bytes
from .state import StateStore

__all__ = ["Target", "carried_over", "load_discovered", "save_discovered"]


@dataclass(slots=True)
class Target:
    """A source to process."""

    url: str
    kind: str = "source"
    parent: str | None = None
    follow_attachments: bool = False
    found: Found | None = None
    via: str | None = None
    """For a crawl-found page: the page that linked to it."""


def save_discovered(store: StateStore, targets: Sequence[Target]) -> None:
    """The pages a crawl found, kept for an offline run and for the next crawl's removals."""
    data = [
        {"url": t.url, "kind": t.kind, "follow_attachments": t.follow_attachments, "via": t.via}
        for t in targets
    ]
    atomic_write_bytes(
        store.root / "discovered.json", json.dumps(data, ensure_ascii=False, indent=1).encode()
    )


def load_discovered(store: StateStore) -> list[Target]:
    """The pages the last crawl found (none when it never ran or its list is unreadable)."""
    try:
        data = json.loads((store.root / "discovered.json").read_bytes())
    except (OSError, ValueError):
        return []
    return [
        Target(d["url"], d.get("kind", "page"), None, bool(d.get("follow_attachments")), via=d.get("via"))
        for d in data
    ]


def carried_over(
    previous: Sequence[Target], found: Sequence[Target], read: set[str]
) -> tuple[list[Target], list[tuple[str, str]]]:
    """Pages an earlier crawl found that this one did not: kept (to fetch directly) or removed.

    A page leaves the dataset only when the page that linked to it was read in
    full this run and no longer does; when that page could not be fetched (an
    outage, a 500) or was not reached, the page is kept and fetched on its own.
    """
    now = {t.url for t in found}
    kept: list[Target] = []
    removed: list[tuple[str, str]] = []
    for t in previous:
        if t.url in now:
            continue
        if t.via is not None and t.via in read:
            removed.append((t.url, f"no longer linked from {t.via}"))
        else:
            kept.append(t)
    return kept, removed
