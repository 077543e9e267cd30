"""``extract export``: the dataset's tables as typed DuckDB, Parquet or CSV.

JSON Lines carry no types, so every reader guesses: DuckDB's
``read_json_auto`` takes the code ``1-1-1`` for a DATE, pandas reads
``page_id`` as a float and ``issues.code`` as an integer.  The export takes
the types from the JSON Schema each table already has in ``schemas/`` instead:
ids and codes are text, dates DATE, yen BIGINT, lists LIST (of STRUCTs for
nested records), maps MAP; a field the schema leaves open (a change's old and
new values) is its JSON text.  Tables are read line by line and written in
batches, so an export's memory does not grow with the dataset.

- ``duckdb``: one database file with every table and the views
  ``v_budgets``, ``v_initiatives`` and ``v_indicators``, which add the
  policy's ward, organization, fiscal year and status to each row.
- ``parquet``: one file per table.
- ``csv``: one file per table, UTF-8 with a byte-order mark (so Excel opens
  the Japanese text as it is), nested values as JSON text.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._exceptions import UsageError

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["ExportFormat", "Table", "arrow_type", "export_dataset", "tables_of"]

_BATCH = 5000


class ExportFormat(StrEnum):
    DUCKDB = "duckdb"
    PARQUET = "parquet"
    CSV = "csv"


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    path: Path
    schema: dict[str, Any]


_VIEWS = {
    "v_budgets": "SELECT b.*, p.ward, p.ward_slug, p.organization, p.fiscal_year AS policy_fiscal_year, "
    "p.status FROM budgets b LEFT JOIN policies p ON p.policy_id = b.policy_id",
    "v_initiatives": "SELECT i.*, p.ward, p.ward_slug, p.organization, p.fiscal_year, p.status "
    "FROM initiatives i LEFT JOIN policies p ON p.policy_id = i.policy_id",
    "v_indicators": "SELECT x.*, p.ward, p.ward_slug, p.organization, p.fiscal_year, p.status "
    "FROM indicators x LEFT JOIN policies p ON p.policy_id = x.policy_id",
}
"""Views of the DuckDB file: the policy's ward and fiscal year joined on."""


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    return node


def arrow_type(node: dict[str, Any], defs: dict[str, Any]) -> pa.DataType:
    """The Arrow type of a JSON Schema node (``anyOf`` with null is the other member, nullable).

    >>> arrow_type({"type": "string", "format": "date"}, {})
    DataType(date32[day])
    >>> arrow_type({"anyOf": [{"type": "integer"}, {"type": "null"}]}, {})
    DataType(int64)
    >>> arrow_type({"type": "array", "items": {"type": "string"}}, {})
    ListType(list<item: string>)
    >>> arrow_type({"type": "object", "additionalProperties": {"type": "integer"}}, {})
    MapType(map<string, int64>)
    >>> arrow_type({}, {})
    DataType(string)
    """
    import pyarrow as pa  # imported when used: the command line (and its workers) start without it

    node = _resolve(node, defs)
    if "anyOf" in node:
        members = [m for m in node["anyOf"] if _resolve(m, defs).get("type") != "null"]
        return arrow_type(members[0], defs) if len(members) == 1 else pa.string()
    kind = node.get("type")
    if kind == "string":
        return pa.date32() if node.get("format") == "date" else pa.string()
    if kind == "integer":
        return pa.int64()
    if kind == "number":
        return pa.float64()
    if kind == "boolean":
        return pa.bool_()
    if kind == "array":
        return pa.list_(arrow_type(node.get("items", {}), defs))
    if kind == "object" and "properties" in node:
        props = node["properties"]
        return pa.struct([pa.field(k, arrow_type(v, defs)) for k, v in props.items()])
    if kind == "object":
        extra = node.get("additionalProperties")
        value = arrow_type(extra, defs) if isinstance(extra, dict) else pa.string()
        return pa.map_(pa.string(), value)
    return pa.string()


def columns(table: Table) -> list[str]:
    """The table's columns in the order its lines have them (schemas list them sorted)."""
    names: list[str] = []
    with table.path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                names = [k for k in json.loads(line) if k in table.schema["properties"]]
                break
    return names + sorted(k for k in table.schema["properties"] if k not in names)


def arrow_schema(table: Table) -> pa.Schema:
    import pyarrow as pa

    defs = table.schema.get("$defs", {})
    props = table.schema["properties"]
    return pa.schema([pa.field(k, arrow_type(props[k], defs)) for k in columns(table)])


def _value(value: Any, kind: pa.DataType) -> Any:
    """A JSON value in the form Arrow wants for ``kind``."""
    import pyarrow as pa

    if value is None:
        return None
    if pa.types.is_date32(kind):
        return _dt.date.fromisoformat(value)
    if pa.types.is_list(kind):
        return [_value(v, kind.value_type) for v in value]
    if pa.types.is_struct(kind):
        return {f.name: _value(value.get(f.name), f.type) for f in kind}
    if pa.types.is_map(kind):
        return [(k, _value(v, kind.item_type)) for k, v in value.items()]
    if pa.types.is_string(kind) and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return value


def _batches(table: Table, schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    rows: list[dict[str, Any]] = []
    with table.path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            data = json.loads(line)
            rows.append({f.name: _value(data.get(f.name), f.type) for f in schema})
            if len(rows) >= _BATCH:
                yield pa.RecordBatch.from_pylist(rows, schema=schema)
                rows = []
    if rows:
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def tables_of(dataset: Path) -> list[Table]:
    """Every table the data package lists, with its JSON Schema."""
    try:
        package = json.loads((dataset / "datapackage.json").read_bytes())
    except (OSError, ValueError):
        raise UsageError(
            "not an extract dataset (no readable datapackage.json)", source=str(dataset)
        ) from None
    tables = []
    for res in package.get("resources", []):
        if res.get("jsonschema"):
            schema = json.loads((dataset / res["jsonschema"]).read_bytes())
            tables.append(Table(res["name"], dataset / res["path"], schema))
    return tables


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _write_csv(table: Table, path: Path) -> None:
    names = columns(table)
    with path.open("w", encoding="utf-8-sig", newline="") as out, table.path.open(encoding="utf-8") as fh:
        writer = csv.writer(out)
        writer.writerow(names)
        for line in fh:
            if line.strip():
                data = json.loads(line)
                writer.writerow([_csv_cell(data.get(n)) for n in names])


def _write_parquet(table: Table, path: Path) -> None:
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    with pq.ParquetWriter(path, schema) as writer:
        for batch in _batches(table, schema):
            writer.write_batch(batch)
        writer.write_table(schema.empty_table())


def _write_duckdb(tables: list[Table], path: Path, dataset: Path | None = None) -> None:
    import duckdb
    import pyarrow as pa

    con = duckdb.connect(str(path))
    try:
        for table in tables:
            schema = arrow_schema(table)
            empty = schema.empty_table()
            con.register("empty_batch", empty)
            con.execute(f'CREATE TABLE "{table.name}" AS SELECT * FROM empty_batch')
            con.unregister("empty_batch")
            for batch in _batches(table, schema):
                con.register("batch", pa.Table.from_batches([batch]))
                con.execute(f'INSERT INTO "{table.name}" SELECT * FROM batch')
                con.unregister("batch")
        names = {t.name for t in tables}
        for view, query in _VIEWS.items():
            if {"policies", view[2:]} <= names:
                con.execute(f"CREATE VIEW {view} AS {query}")
        if dataset is not None:
            _write_series(con, dataset)
    finally:
        con.close()


def _write_series(con: Any, dataset: Path) -> None:
    """A ``series`` table (and ``v_series_members``) when the series extra is installed.

    The series are what ``extract series`` prints: each ward's 経営課題, 戦略 and 具体的取組
    linked across fiscal years; computed here from the dataset, so the database always has the
    links of the tables beside them.
    """
    try:
        from ..report.data import load_dataset
        from ..series import link_dataset
        from ..series.model import series_line
    except ImportError:  # the report extra (rapidfuzz) is not installed: no series table
        return
    rows = [json.loads(series_line(s)) for s in link_dataset(load_dataset(dataset))]
    con.execute(
        "CREATE TABLE series (id VARCHAR, city VARCHAR, ward VARCHAR, ward_slug VARCHAR, kind VARCHAR,"
        " title VARCHAR, years INTEGER[], members JSON)"
    )
    con.executemany(
        "INSERT INTO series VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [
                r["id"],
                r["city"],
                r["ward"],
                r["ward_slug"],
                r["kind"],
                r["title"],
                r["years"],
                json.dumps(r["members"], ensure_ascii=False),
            ]
            for r in rows
        ],
    )
    con.execute(
        "CREATE VIEW v_series_members AS SELECT s.id AS series_id, s.ward, s.kind,"
        " m.value->>'record_id' AS record_id, CAST(m.value->>'fiscal_year' AS INTEGER) AS fiscal_year,"
        " m.value->>'title' AS title FROM series s, json_each(s.members) m"
    )


def default_output(dataset: Path, fmt: ExportFormat) -> Path:
    """``output.duckdb``, ``output-parquet/``, ``output-csv/`` beside the dataset folder."""
    folder = Path(os.path.abspath(dataset))
    suffix = ".duckdb" if fmt is ExportFormat.DUCKDB else f"-{fmt.value}"
    return folder.parent / f"{folder.name}{suffix}"


def export_dataset(dataset: Path, fmt: ExportFormat, output: Path | None = None) -> Path:
    """Write the export and return where; it replaces ``output`` only once complete."""
    tables = tables_of(dataset)
    out = output or default_output(dataset, fmt)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True) if tmp.is_dir() else tmp.unlink(missing_ok=True)
    try:
        if fmt is ExportFormat.DUCKDB:
            _write_duckdb(tables, tmp, dataset)
        else:
            tmp.mkdir(parents=True)
            for table in tables:
                if fmt is ExportFormat.PARQUET:
                    _write_parquet(table, tmp / f"{table.name}.parquet")
                else:
                    _write_csv(table, tmp / f"{table.name}.csv")
        if out.is_dir() and not out.is_symlink():
            shutil.rmtree(out)
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True) if tmp.is_dir() else tmp.unlink(missing_ok=True)
        raise
    return out
