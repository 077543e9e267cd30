"""Attachments linked to their page: ``parent_id`` on the attachment's document record.

A 様式 PDF says nothing about the page that links to it, but the run knows:
the batch engine fetched it *as* an attachment of a page, and the page's
document record lists its attachments' URLs.  Pages come before their
attachments in every run, so one pass suffices; what is kept between sources
is a map from URLs to page ids (a few strings per page, on disk), never records.  An
attachment whose own title names no ward or year also takes its page's
policy id, so it joins the right policy.
"""

from __future__ import annotations

import json
from typing import Any

from .run_index import key, temporary_database, writing

__all__ = ["ParentLinks"]


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class ParentLinks:
    """What the run knows about pages: their URLs, their attachments' URLs, their policy ids.

    Kept in a temporary database (:mod:`.run_index`), so a run's memory does not grow with its pages.
    """

    def __init__(self) -> None:
        self._db = temporary_database(
            # a page's source URL -> its document id; an attachment URL listed on a page -> that
            # page's document id (the first page that lists it); a page's document id -> its policy id
            "CREATE TABLE page_of (url BLOB PRIMARY KEY, doc_id TEXT) WITHOUT ROWID;"
            "CREATE TABLE linked_from (url BLOB PRIMARY KEY, doc_id TEXT) WITHOUT ROWID;"
            "CREATE TABLE policy (doc_id BLOB PRIMARY KEY, policy_id TEXT) WITHOUT ROWID;"
        )

    def _doc_of(self, table: str, url: str) -> str | None:
        found = self._db.execute(f"SELECT doc_id FROM {table} WHERE url = ?", (key(url),)).fetchone()
        return None if found is None else str(found[0])

    def link(
        self, url: str, parent_url: str | None, kind: str, lines: dict[str, list[str]]
    ) -> dict[str, list[str]]:
        """The source's lines with its document's ``parent_id`` set; a page's links are remembered."""
        with writing():
            return self._link(url, parent_url, kind, lines)

    def _link(
        self, url: str, parent_url: str | None, kind: str, lines: dict[str, list[str]]
    ) -> dict[str, list[str]]:
        docs = lines.get("document") or []
        if len(docs) != 1:
            return lines
        doc = json.loads(docs[0])
        own = {u for u in (url, doc.get("url"), (doc.get("source") or {}).get("uri")) if u}
        parent = self._doc_of("page_of", parent_url or "") if kind == "attachment" else None
        if parent is None:
            parent = next(
                (p for p in (self._doc_of("linked_from", u) for u in sorted(own)) if p is not None), None
            )
        if parent is not None and parent != doc["id"]:
            changed = doc.get("parent_id") != parent
            doc["parent_id"] = parent
            found = self._db.execute(
                "SELECT policy_id FROM policy WHERE doc_id = ?", (key(parent),)
            ).fetchone()
            policy = None if found is None else found[0]
            if policy and "unknown" in (doc.get("policy_id") or "unknown"):
                doc["policy_id"] = policy
                changed = True
            if changed:
                lines = {**lines, "document": [_line(doc)]}
        if kind != "attachment":
            db = self._db
            db.execute("INSERT OR REPLACE INTO page_of VALUES (?, ?)", (key(url), doc["id"]))
            db.execute("INSERT OR REPLACE INTO policy VALUES (?, ?)", (key(doc["id"]), doc.get("policy_id")))
            attachments = [att["url"] for att in doc.get("attachments") or [] if att.get("url")]
            db.executemany(
                "INSERT OR IGNORE INTO linked_from VALUES (?, ?)", [(key(a), doc["id"]) for a in attachments]
            )
        return lines
