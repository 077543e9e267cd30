"""Make PDF fixtures with real producers: LibreOffice Calc and Writer, and Chromium's print to PDF.

Every other PDF fixture is drawn by reportlab, which places exactly the
glyphs it is given.  The city's 様式 PDFs are exported by office suites from
the workbook, and ward pages reach PDF through a browser's print; both bring
their own habits (font subsets with their own ToUnicode maps, look-alike
code points, repeated print-title rows, running headers and footers, a
page's menus and footer).  This script makes one PDF per producer from the
samples, into ``tests/fixtures/real_producers/``:

- ``<seed>.calc.pdf``: the sample workbook exported by LibreOffice Calc, after
  a print setup like the city's forms is set in a copy with openpyxl (A4
  landscape, fit to one page wide, wider text columns, wrapped top-aligned
  cells in ＭＳ Ｐゴシック with row heights that show the whole text, the first
  table header row repeated at the top of every page);
- ``<seed>.writer.pdf``: a DOCX rendering of the sample's text (LibreOffice
  Writer imports an HTML rendering, saves it as DOCX, and the DOCX is exported
  to PDF);
- ``<seed>.chromium.pdf``: the sample HTML page printed by headless Chromium
  with its default header and footer (date, title, URL, page N/M).  The
  page's stylesheets are on the city's server and not reachable offline, so
  the page prints unstyled, every menu and the footer included; a one-rule
  stylesheet turns synthetic bold off (Chromium draws it as Type 3 glyph
  procedures, about 2 KB a glyph), and the fonts are limited to Droid Sans
  Fallback and DejaVu, whose TrueType subsets stay small (Debian's default CJK
  font, Noto Sans CJK, is CFF, which Chromium also draws as Type 3: 770 KB a page).
  Printed with Noto Sans CJK, a page's ToUnicode map names the lowest code
  point of each shared glyph: ``‧`` (U+2027) for ``・``, Kangxi radicals for
  ideographs (``⽂`` for ``文``), ``ﬁ`` in Latin text; the reader repairs those
  (``src/extract/formats/_glyphs.py``), and the tests cover them without
  a 770 KB fixture.

CI does not run this script; the tests read the committed PDFs.  Output is
not byte-for-byte reproducible (the producers stamp dates and the print
header carries the time of printing).

Needs the Debian packages ``libreoffice-calc libreoffice-writer chromium
fonts-noto-cjk fonts-ipafont fonts-droid-fallback`` (``apt-get install -y
--no-install-recommends ...``) and openpyxl (a dependency of the project).

    python scripts/make_real_producer_fixtures.py
"""

from __future__ import annotations

import html
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from extract.blocks import Block  # noqa: E402
from extract.formats.text import read_text  # noqa: E402

SAMPLES = ROOT / "samples"
OUT = ROOT / "tests" / "fixtures" / "real_producers"
CALC_SEEDS = ["003_4529f3860fd45dd0"]
WRITER_SEEDS = ["001_6f05623d10d2c3a2"]
CHROMIUM_SEEDS = ["000_d74a2718fe52b5dd", "002_e3f0c9fdb4967de5"]
HEADER_CELLS = {"経営課題の概要", "取組の方針・目標内容", "主な取組項目"}
"""First cells of the rows a form repeats at the top of every page (print titles)."""
FORM_FONT = "ＭＳ Ｐゴシック"
FONT_SIZE = 10.0
LINE_HEIGHT = 13.5
COLUMN_SCALE = 1.5
MAX_ROW_HEIGHT = 409.0
"""Excel's (and Calc's xlsx) limit for one row, in points."""
CHROMIUM_FONTS = ["/usr/share/fonts/truetype/droid", "/usr/share/fonts/truetype/dejavu"]
PRINT_STYLE = "<style>*{font-synthesis:none}</style>"
TIMEOUT = 180


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()[-500:]}")


def _tool(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit(f"{names[0]} not found: apt-get install -y the packages named at the top of this script")


class Office:
    """LibreOffice in headless mode with a profile of its own (a desktop instance is not disturbed)."""

    def __init__(self, work: Path) -> None:
        self.binary = _tool("soffice", "libreoffice")
        self.profile = (work / "lo-profile").as_uri()

    def convert(self, source: Path, target_format: str, outdir: Path, infilter: str | None = None) -> Path:
        command = [self.binary, "--headless", "--norestore", f"-env:UserInstallation={self.profile}"]
        if infilter:
            command.append(f"--infilter={infilter}")
        _run([*command, "--convert-to", target_format, "--outdir", str(outdir), str(source)])
        produced = outdir / f"{source.stem}.{target_format.split(':')[0]}"
        if not produced.exists():
            raise SystemExit(f"LibreOffice wrote no {produced.name}")
        return produced


# --------------------------------------------------------------------------- Calc


def _units(text: str) -> int:
    """Width of ``text`` in half-width character cells (a kanji takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _cell_width(sheet: Worksheet, first: int, last: int) -> float:
    from openpyxl.utils import get_column_letter

    total = 0.0
    for col in range(first, last + 1):
        width = sheet.column_dimensions[get_column_letter(col)].width
        total += width if width else 8.43
    return total


def print_setup(sheet: Worksheet) -> None:
    """The city forms' print setup: landscape A4 one page wide, wrapped cells, print titles."""
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as the text needs
    for letter, dimension in list(sheet.column_dimensions.items()):
        if dimension.width:  # the forms' text columns are wide: long cells stay under the row limit
            sheet.column_dimensions[letter].width = dimension.width * COLUMN_SCALE
    spans = {
        (r.min_row, r.min_col): (r.max_col, r.max_row - r.min_row + 1) for r in sheet.merged_cells.ranges
    }
    titles = None
    heights: dict[int, float] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.font = Font(name=FORM_FONT, size=FONT_SIZE)
            text = str(cell.value)
            if titles is None and text in HEADER_CELLS:
                titles = cell.row
            last_col, rows = spans.get((cell.row, cell.column), (cell.column, 1))
            # a column width is in widths of "0" in the default font, about one half-width
            # character of 10 pt; wrapping at word and kinsoku boundaries loses some of each line
            capacity = max(1, int(_cell_width(sheet, cell.column, last_col) * 0.9) - 2)
            lines = sum(max(1, math.ceil(_units(p) / capacity)) for p in text.split("\n"))
            need = (lines * LINE_HEIGHT + 6) / rows
            heights[cell.row] = max(heights.get(cell.row, LINE_HEIGHT + 4), need)
    for number, height in heights.items():
        sheet.row_dimensions[number].height = min(MAX_ROW_HEIGHT, round(height, 1))
    if titles is not None:
        sheet.print_title_rows = f"{titles}:{titles}"


def calc_pdf(office: Office, seed: str, work: Path) -> Path:
    book = load_workbook(SAMPLES / f"{seed}.xlsx")
    for sheet in book.worksheets:
        print_setup(sheet)
    copy = work / f"{seed}.xlsx"
    book.save(copy)
    return office.convert(copy, "pdf", work / "calc")


# --------------------------------------------------------------------------- Writer


def _table_groups(blocks: list[Block]) -> list[Block | list[Block]]:
    """Blocks, with runs of table rows on consecutive lines grouped into tables."""
    out: list[Block | list[Block]] = []
    last = -2
    for block in blocks:
        line = int(block.locator.split()[-1])
        if block.kind == "table_row" and out and isinstance(out[-1], list) and line == last + 1:
            out[-1].append(block)
        else:
            out.append([block] if block.kind == "table_row" else block)
        last = line
    return out


def _html_document(seed: str) -> str:
    """The sample's text as a word-processor document: paragraphs, bullet lists and ruled tables."""
    blocks = read_text((SAMPLES / f"{seed}.txt").read_bytes(), seed).blocks
    body: list[str] = []
    in_list = False
    for group in _table_groups(blocks):
        if isinstance(group, Block) and group.kind == "list_item":
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"<li>{html.escape(group.text)}</li>")
            continue
        if in_list:
            body.append("</ul>")
            in_list = False
        if isinstance(group, Block):
            body.append(f"<p>{html.escape(group.text)}</p>")
            continue
        rows = [r.cells for r in group if not all(set(c) <= {"-"} for c in r.cells)]
        width = max((len(r) for r in rows), default=0)
        body.append('<table border="1" cellspacing="0" cellpadding="4" width="100%">')
        for cells in rows:
            filled = [c for c in cells if c]
            if width > 1 and len(filled) == 1 and cells[0]:
                body.append(f'<tr><td colspan="{width}">{html.escape(cells[0])}</td></tr>')
                continue
            padded = [*cells, *[""] * (width - len(cells))]
            body.append("<tr>" + "".join(f'<td valign="top">{html.escape(c)}</td>' for c in padded) + "</tr>")
        body.append("</table><p></p>")
    if in_list:
        body.append("</ul>")
    style = f"body {{ font-family: '{FORM_FONT}'; font-size: 10.5pt }}"
    return (
        '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">'
        f"<style>{style}</style></head><body>{''.join(body)}</body></html>"
    )


def writer_pdf(office: Office, seed: str, work: Path) -> Path:
    source = work / f"{seed}.html"
    source.write_text(_html_document(seed), encoding="utf-8")
    docx = office.convert(source, "docx:MS Word 2007 XML", work / "docx", infilter="HTML (StarWriter)")
    return office.convert(docx, "pdf", work / "writer")


# --------------------------------------------------------------------------- Chromium


def _page_path(page: str) -> str:
    """The page's own path on the city's site (``kita/page/0000350991.html``), for the print footer."""
    m = re.search(r'og:url" content="https?://[^/]+/([^"]+)"', page)
    return m.group(1) if m else "page.html"


def chromium_pdf(seed: str, work: Path) -> Path:
    binary = _tool("chromium", "chromium-browser", "google-chrome")
    page = (SAMPLES / f"{seed}.html").read_text(encoding="utf-8")
    site = Path(tempfile.gettempdir()) / "www.city.osaka.lg.jp"  # a stable path for the print footer
    target = site / _page_path(page)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page.replace("</head>", f"{PRINT_STYLE}</head>", 1), encoding="utf-8")
    fonts = work / "fonts.conf"
    dirs = "".join(f"<dir>{d}</dir>" for d in CHROMIUM_FONTS)
    fonts.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig>{dirs}<cachedir>{work / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    out = work / "chromium" / f"{seed}.pdf"
    out.parent.mkdir(exist_ok=True)
    profile = tempfile.mkdtemp(dir=work)
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        f"--print-to-pdf={out}",
    ]
    try:
        _run([binary, *flags, target.as_uri()], env={**os.environ, "FONTCONFIG_FILE": str(fonts)})
    finally:
        shutil.rmtree(site, ignore_errors=True)
    return out


# --------------------------------------------------------------------------- main


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="real-producers-") as tmp:
        work = Path(tmp)
        office = Office(work)
        made: list[tuple[Path, str]] = []
        made += [(calc_pdf(office, seed, work), f"{seed}.calc.pdf") for seed in CALC_SEEDS]
        made += [(writer_pdf(office, seed, work), f"{seed}.writer.pdf") for seed in WRITER_SEEDS]
        made += [(chromium_pdf(seed, work), f"{seed}.chromium.pdf") for seed in CHROMIUM_SEEDS]
        for produced, name in made:
            target = OUT / name
            shutil.copyfile(produced, target)
            print(f"{target.relative_to(ROOT)} ({target.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
