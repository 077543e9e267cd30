"""Build the XLSX versions of seeds 001 and 003: one sheet per 様式, as the ward pages' workbooks are.

Each seed's text (through the text reader, so the workbook holds exactly the
seed's text) is laid out as the forms are: lines outside tables in column A
without borders, 様式 tables as bordered cells, a new sheet where the text
names the next 様式 (``(様式2)``).  Like the real forms the sheets use merged
cells: a row with one label (主な具体的取組(29年度予算額)) spans the table,
and a side label (中間振り返り, 自己評価) spans the rows under it.  Some
strings carry furigana (phonetic runs), which openpyxl cannot write, so they
are added to the shared strings afterwards.  The ZIP is rewritten with fixed
timestamps so the output is byte-for-byte reproducible.

    python scripts/make_xlsx_fixture.py
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side
from openpyxl.worksheet.worksheet import Worksheet

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from extract.blocks import Block  # noqa: E402
from extract.formats.text import read_text  # noqa: E402

SEEDS = {"001_6f05623d10d2c3a2": "様式1", "003_4529f3860fd45dd0": "様式3"}
# strings given furigana: (text, reading of its first characters)
FURIGANA = {"平成29年度 西区運営方針(案)": ("ヘイセイ", 0, 2), "取組項目 1": ("トリクミ", 0, 2)}
_FORM_RE = re.compile(r"[(（]様式([0-9])[)）]")
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_FIXED = dt.datetime(2020, 1, 1)


def _table_groups(blocks: list[Block]) -> list[Block | list[Block]]:
    """Blocks, with runs of table rows on consecutive lines grouped into tables."""
    out: list[Block | list[Block]] = []
    last = -2
    for block in blocks:
        line = int(block.locator.split()[-1])
        if block.kind == "table_row":
            if out and isinstance(out[-1], list) and line == last + 1:
                out[-1].append(block)
            else:
                out.append([block])
            last = line
        else:
            out.append(block)
    return out


class SheetWriter:
    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.row = 1
        sheet.column_dimensions["A"].width = 40
        for letter in "BCD":
            sheet.column_dimensions[letter].width = 40

    def text(self, value: str) -> None:
        self.sheet.cell(self.row, 1, value)
        self.row += 1

    def table(self, rows: list[tuple[str, ...]]) -> None:
        width = max(len(r) for r in rows)
        first_row = self.row
        for cells in rows:
            padded = (*cells, *[""] * (width - len(cells)))
            for col, value in enumerate(padded, start=1):
                cell = self.sheet.cell(self.row, col, value or None)
                cell.border = _BOX
                cell.alignment = _WRAP
            filled = [i for i, v in enumerate(padded) if v]
            if width > 1 and filled == [0]:
                # a label alone on its row: one cell across the table
                self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=width)
            elif self.row > first_row and not padded[0] and self.sheet.cell(self.row - 1, 1).value:
                above = str(self.sheet.cell(self.row - 1, 1).value)
                if len(above) <= 8:
                    # a side label (中間振り返り) spans the rows under it
                    self.sheet.merge_cells(
                        start_row=self.row - 1, start_column=1, end_row=self.row, end_column=1
                    )
            self.row += 1
        self.row += 1


def build(name: str, first_sheet: str) -> bytes:
    blocks = read_text((ROOT / "samples" / f"{name}.txt").read_bytes(), name).blocks
    book = Workbook()
    book.properties.created = _FIXED
    book.properties.modified = _FIXED
    book.properties.creator = "extract"
    writer = SheetWriter(book.active)
    book.active.title = first_sheet
    for group in _table_groups(blocks):
        texts = [group.text] if isinstance(group, Block) else []
        rows = [] if isinstance(group, Block) else [b.cells for b in group]
        rows = [r for r in rows if not all(set(c) <= {"-"} for c in r)]
        # the 様式3 title sits in a table row of the text rendering; the form has it above the table
        while rows and sum(1 for c in rows[0] if c) == 1 and "に基づく取組" in rows[0][0]:
            texts.append(rows.pop(0)[0])
        for text in texts:
            form = _FORM_RE.search(text)
            if form and f"様式{form.group(1)}" != writer.sheet.title:
                writer = SheetWriter(book.create_sheet(f"様式{form.group(1)}"))
            writer.text(text)
        if rows:
            writer.table(rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return _finish(buffer.getvalue())


_SST_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _finish(data: bytes) -> bytes:
    """Move the furigana strings into a shared-strings part with phonetic runs; fix the timestamps.

    openpyxl writes every string inline and knows nothing of furigana; Excel
    keeps strings in ``xl/sharedStrings.xml`` with their ``<rPh>`` runs, so the
    fixture does too.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    shared: list[str] = []
    for name in sorted(parts):
        if name.startswith("xl/worksheets/"):
            parts[name] = _share_strings(parts[name].decode("utf-8"), shared).encode("utf-8")
        elif name == "docProps/core.xml":  # openpyxl stamps the save time
            parts[name] = re.sub(
                rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2020-01-01T00:00:00Z", parts[name]
            )
    assert shared, "no furigana added: the fixture would not test that"
    items = "".join(
        f'<si><t>{text}</t><rPh sb="{FURIGANA[text][1]}" eb="{FURIGANA[text][2]}"><t>{FURIGANA[text][0]}</t></rPh>'
        '<phoneticPr fontId="0" type="Hiragana"/></si>'
        for text in shared
    )
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{_SST_NS}" count="{len(shared)}" uniqueCount="{len(shared)}">{items}</sst>'
    ).encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST_TYPE}" /></Types>'.encode(),
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        f'<Relationship Type="{_SST_REL}" Target="sharedStrings.xml" Id="rIdStrings" /></Relationships>'.encode(),
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(parts):
            fixed = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, parts[name])
    return out.getvalue()


def _share_strings(xml: str, shared: list[str]) -> str:
    for text in FURIGANA:
        inline = re.compile(
            rf'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr"><is><t>{re.escape(text)}</t></is></c>'
        )
        if inline.search(xml):
            if text not in shared:
                shared.append(text)
            index = shared.index(text)
            xml = inline.sub(lambda m, i=index: f'<c r="{m.group(1)}"{m.group(2)} t="s"><v>{i}</v></c>', xml)
    return xml


def main() -> int:
    for name, first_sheet in SEEDS.items():
        target = ROOT / "samples" / f"{name}.xlsx"
        target.write_bytes(build(name, first_sheet))
        print(f"{target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
