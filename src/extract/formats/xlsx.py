"""XLSX: the workbook of 様式 sheets, read into the same blocks as the text and PDF readers.

Ward pages link one workbook holding every 様式, one sheet each.  A sheet is
read row by row, top to bottom, sheets in workbook order (hidden sheets are
skipped).  A row with a ruled (bordered) cell is a ``table_row`` whose cells
are the row's cells left to right; a row without borders is text, one
paragraph per filled cell.  Line breaks inside a cell separate its paragraphs
(joined by ``\\n`` as in the other readers).

Merged cells: a merged range is one cell, its value standing for every cell
it covers.  In the row where it starts it is one cell (never repeated across
the columns it spans); rows further down that it covers get an empty cell in
its place, as a rowspan does in the text renderings.  Furigana (phonetic
runs, ``<rPh>``) are never part of a cell's text.

Locators: ``様式2!B4`` for a paragraph, ``様式2!A5:D5`` for a table row (from
its first cell to the end of its last, merged cells included); the grammar
appends `` cell N`` when the row has several cells.

The package is checked (:mod:`._zipguard`) before openpyxl opens it: zip
bombs, DTDs and entities in any XML part, and absurd merged areas are refused.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .._exceptions import CorruptDocument, one_line
from ..blocks import Block, PageMeta, ReadResult
from ..japanese import clean_text
from ._zipguard import check_package

__all__ = ["read_xlsx"]


@dataclass(frozen=True, slots=True)
class _Merge:
    min_row: int
    min_col: int
    max_row: int
    max_col: int


def read_xlsx(data: bytes, source: str, declared_charset: str | None = None) -> ReadResult:
    """Blocks of every visible sheet, in workbook order."""
    started = time.perf_counter()
    check_package(data, source)
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions (data validation, …) are not content
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=False, data_only=True, keep_links=False, rich_text=False
            )
    except (CorruptDocument, MemoryError):
        raise  # a MemoryError is the pipeline's to report (over the memory limit), not a damaged file
    except (InvalidFileException, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise CorruptDocument(
            f"damaged XLSX ({type(exc).__name__}: {one_line(str(exc))})", source=source
        ) from None
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged parts
        raise CorruptDocument(
            f"damaged XLSX ({type(exc).__name__}: {one_line(str(exc))})", source=source
        ) from None
    decoded = time.perf_counter() - started
    blocks: list[Block] = []
    try:
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                continue
            blocks.extend(_sheet_blocks(sheet))
    finally:
        book.close()
    # a workbook is read whole or not at all
    return ReadResult(blocks=blocks, meta=PageMeta(complete=True), decode_seconds=decoded)


def _sheet_ref(title: str) -> str:
    return title if re.fullmatch(r"\w+", title) else "'" + title.replace("'", "''") + "'"


def _coordinate(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{row}"


def _sheet_blocks(sheet: Any) -> Iterator[Block]:
    name = _sheet_ref(sheet.title)
    merges = [_Merge(m.min_row, m.min_col, m.max_row, m.max_col) for m in sheet.merged_cells.ranges]
    covering: dict[tuple[int, int], _Merge] = {}
    for m in merges:
        for r in range(m.min_row, m.max_row + 1):
            for c in range(m.min_col, m.max_col + 1):
                covering[(r, c)] = m
    # the sheet's own cells (a private mapping, but iterating rows × columns
    # would create every empty cell of the used range)
    cells: dict[tuple[int, int], Any] = sheet._cells
    by_row: dict[int, list[int]] = {}
    for row, col in cells:
        by_row.setdefault(row, []).append(col)
    for m in merges:  # rows a merged range reaches even where openpyxl kept no cell
        for r in range(m.min_row, m.max_row + 1):
            by_row.setdefault(r, []).append(m.min_col)
    for row in sorted(by_row):
        yield from _row_blocks(name, row, sorted(set(by_row[row])), cells, covering)


def _row_blocks(
    name: str,
    row: int,
    columns: list[int],
    cells: dict[tuple[int, int], Any],
    covering: dict[tuple[int, int], _Merge],
) -> Iterator[Block]:
    out: list[tuple[int, str]] = []
    last_col = 0
    ruled = False
    seen: set[_Merge] = set()
    for col in columns:
        merge = covering.get((row, col))
        if merge is not None:
            if merge in seen:
                continue  # a column the merged cell spans
            seen.add(merge)
            anchor = cells.get((merge.min_row, merge.min_col))
            ruled = ruled or _bordered(anchor) or _bordered(cells.get((row, col)))
            out.append((merge.min_col, _text(anchor) if merge.min_row == row else ""))
            last_col = merge.max_col
            continue
        cell = cells.get((row, col))
        text = _text(cell)
        bordered = _bordered(cell)
        ruled = ruled or bordered
        if text or bordered:
            out.append((col, text))
            last_col = col
    if not any(text for _, text in out):
        return
    if ruled:
        texts = tuple(text for _, text in out)
        first, last = _coordinate(row, out[0][0]), _coordinate(row, last_col)
        locator = f"{name}!{first}" if first == last else f"{name}!{first}:{last}"
        shown = " | ".join(t.replace("\n", " ") for t in texts if t)
        yield Block("table_row", shown, locator, cells=texts)
        return
    for col, text in out:
        for paragraph in text.split("\n"):
            yield Block("paragraph", paragraph, f"{name}!{_coordinate(row, col)}")


def _bordered(cell: Any) -> bool:
    if cell is None:
        return False
    border = cell.border
    return any(
        getattr(side, "style", None) for side in (border.left, border.right, border.top, border.bottom)
    )


def _text(cell: Any) -> str:
    """A cell's text as shown: paragraphs cleaned and joined by ``\\n``; numbers as formatted."""
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, bool):
        raw = "TRUE" if value else "FALSE"
    elif isinstance(value, int | float):
        raw = _number(value, cell.number_format or "General")
    elif isinstance(value, _dt.datetime):
        raw = value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    elif isinstance(value, _dt.date | _dt.time):
        raw = value.isoformat()
    else:
        raw = str(value)
    lines = (clean_text(part) for part in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _number(value: float, fmt: str) -> str:
    """The number as the cell shows it, for the formats forms use (grouping, percent)."""
    if "%" in fmt:
        decimals = len(fmt.split(".")[1].split("%")[0]) if "." in fmt else 0
        return f"{value * 100:.{decimals}f}%"
    if float(value).is_integer():
        integer = int(value)
        return f"{integer:,}" if "#,##" in fmt else str(integer)
    return f"{value:,}" if "#,##" in fmt else repr(value)
