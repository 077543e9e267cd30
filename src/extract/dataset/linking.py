"""Attachments linked to their page: ``parent_id`` on the attachment's document record.

A 様式 PDF says nothing about the page that links to it, but the run knows:
the batch engine fetched it *as* an attachment of a page, and the page's
document record lists its attachments' URLs.  Pages come before their
attachments in every run, so one pass suffices; what is kept between sources
is a map from URLs to page ids (a few strings per page), never records.  An
attachment whose own title names no ward or year also takes its page's
policy id, so it joins the right policy.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["ParentLinks"]


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class ParentLinks:
    """What the run knows about pages: their URLs, their attachments' URLs, their policy ids."""

    def __init__(self) -> None:
        self._page_of: dict[str, str] = {}
        """Source URL of a page → its document id."""
        self._linked_from: dict[str, str] = {}
        """Attachment URL listed on a page → that page's document id."""
        self._policy: dict[str, str | None] = {}

    def link(
        self, url: str, parent_url: str | None, kind: str, lines: dict[str, list[str]]
    ) -> dict[str, list[str]]:
        """The source's lines with its document's ``parent_id`` set; a page's links are remembered."""
        docs = lines.get("document") or []
        if len(docs) != 1:
            return lines
        doc = json.loads(docs[0])
        own = {u for u in (url, doc.get("url"), (doc.get("source") or {}).get("uri")) if u}
        parent = self._page_of.get(parent_url or "") if kind == "attachment" else None
        if parent is None:
            parent = next((self._linked_from[u] for u in sorted(own) if u in self._linked_from), None)
        if parent is not None and parent != doc["id"]:
            changed = doc.get("parent_id") != parent
            doc["parent_id"] = parent
            policy = self._policy.get(parent)
            if policy and "unknown" in (doc.get("policy_id") or "unknown"):
                doc["policy_id"] = policy
                changed = True
            if changed:
                lines = {**lines, "document": [_line(doc)]}
        if kind != "attachment":
            self._page_of[url] = doc["id"]
            self._policy[doc["id"]] = doc.get("policy_id")
            for att in doc.get("attachments") or []:
                if att.get("url"):
                    self._linked_from.setdefault(att["url"], doc["id"])
        return lines
