"""What changed between two versions of a dataset: records added, removed and changed, by stable id.

Ids are stable (a document's id hashes its URL, an item's extends it), so a
record with the same id in both versions is the same thing and its fields can
be compared one by one: a draft that became final, a 中間振り返り filled in, a
budget changed.  Provenance (``source``, ``sources``, ``parser``) is not
compared for items, whose values are what matter; a document's ``source`` is
(its bytes changed).

Both versions are read line by line into a SQLite file beside them, so
comparing two large datasets costs disk, not memory.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .tables import ChangeLine, FieldChange

__all__ = ["DIFFED_TABLES", "changes_between", "summarize"]

DIFFED_TABLES: dict[str, str] = {
    "documents": "id",
    "policies": "policy_id",
    "issues": "id",
    "strategies": "id",
    "initiatives": "id",
    "indicators": "id",
    "reform_items": "id",
    "budgets": "id",
}
"""The tables compared, with the field that identifies a row."""
_PROVENANCE = {"source", "sources", "parser"}


def _rows(path: Path, key: str) -> Iterator[tuple[str, str]]:
    try:
        fh = path.open(encoding="utf-8")
    except FileNotFoundError:
        return
    with fh:
        for line in fh:
            line = line.rstrip("\n")
            if line:
                yield str(json.loads(line)[key]), line


def _field_changes(table: str, old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    ignore = set() if table == "documents" else _PROVENANCE
    names = [*old, *(k for k in new if k not in old)]
    return [
        FieldChange(field=name, old=old.get(name), new=new.get(name))
        for name in names
        if name not in ignore and old.get(name) != new.get(name)
    ]


def _table_changes(
    db: sqlite3.Connection, table: str, old: Path, new: Path, key: str
) -> Iterator[ChangeLine]:
    db.execute("DELETE FROM old")
    db.execute("DELETE FROM new")
    db.executemany("INSERT OR IGNORE INTO old (id, line) VALUES (?, ?)", _rows(old / f"{table}.jsonl", key))
    db.executemany("INSERT OR IGNORE INTO new (id, line) VALUES (?, ?)", _rows(new / f"{table}.jsonl", key))
    query = (
        "SELECT new.id, old.line, new.line FROM new LEFT JOIN old ON old.id = new.id "
        "WHERE old.line IS NULL OR old.line != new.line ORDER BY new.seq"
    )
    for rid, old_line, new_line in db.execute(query).fetchall():
        if old_line is None:
            yield ChangeLine(table=table, id=rid, change="added", fields=[])
            continue
        fields = _field_changes(table, json.loads(old_line), json.loads(new_line))
        if fields:
            yield ChangeLine(table=table, id=rid, change="changed", fields=fields)
    gone = "SELECT old.id FROM old LEFT JOIN new ON new.id = old.id WHERE new.id IS NULL ORDER BY old.seq"
    for (rid,) in db.execute(gone).fetchall():
        yield ChangeLine(table=table, id=rid, change="removed", fields=[])


def changes_between(old: Path, new: Path, *, work_dir: Path | None = None) -> Iterator[ChangeLine]:
    """Every change from the dataset folder ``old`` to ``new``, table by table, in ``new``'s order."""
    with tempfile.TemporaryDirectory(prefix=".extract-diff-", dir=work_dir) as tmp:
        db = sqlite3.connect(Path(tmp) / "diff.sqlite")
        try:
            db.execute("PRAGMA journal_mode=OFF")
            for name in ("old", "new"):
                db.execute(f"CREATE TABLE {name} (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, line TEXT)")
            for table, key in DIFFED_TABLES.items():
                yield from _table_changes(db, table, old, new, key)
        finally:
            db.close()


def summarize(changes: Iterator[ChangeLine] | list[ChangeLine]) -> list[str]:
    """A few lines a person reads: counts per table, then the changes researchers look for.

    >>> summarize([ChangeLine(table="documents", id="d", change="changed",
    ...            fields=[FieldChange(field="status", old="draft", new="final")])])
    ['documents: 1 changed', 'd: status draft → final']
    """
    counts: dict[str, Counter[str]] = {}
    notable: list[str] = []
    for c in changes:
        counts.setdefault(c.table, Counter())[c.change] += 1
        for f in c.fields:
            if f.field in ("status", "amount_yen", "revisions", "achieved", "actual_value", "grade"):
                notable.append(f"{c.id}: {f.field} {_brief(f.old)} → {_brief(f.new)}")
    lines = [
        f"{table}: " + ", ".join(f"{n} {kind}" for kind, n in sorted(tally.items()))
        for table, tally in counts.items()
    ]
    return (lines or ["no changes"]) + notable


def _brief(value: Any) -> str:
    if isinstance(value, list):
        return f"{len(value)} item{'s' if len(value) != 1 else ''}"
    return str(value)
