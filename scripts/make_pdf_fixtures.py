"""Render seeds 001 and 003 as 様式-like PDFs (ruled tables) for the PDF reader's tests.

The city publishes its 様式 forms as PDFs of ruled tables; the seeds are text
renderings of the same forms.  This script draws each seed the way the form
looks: the lines outside tables as body text (section labels in bold, which
here means drawn twice, a fraction of a point apart, as many producers fake
bold), and every run of TAB-separated rows as a ruled table with the seed's
cells, their paragraphs wrapped to the column width.  Rows too tall for the
rest of a page are cut and go on at the top of the next page, as in the real
forms; short label cells are letter-spaced (均等割付); pages carry a
``- N -`` footer.  The text is taken from the text reader's blocks, so the
PDF holds exactly the seed's text.

It also writes ``tests/fixtures/encrypted.pdf`` (a user password is needed)
and ``tests/fixtures/owner_password_only.pdf`` (encrypted, but readable).

Needs reportlab (``pip install -e '.[fixtures]'``), whose built-in Japanese CID
fonts (HeiseiMin-W3, HeiseiKakuGo-W5) need no font files.  Output is
byte-for-byte reproducible.

    python scripts/make_pdf_fixtures.py
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from extract.blocks import Block  # noqa: E402
from extract.formats.text import read_text  # noqa: E402

SEEDS = ["001_6f05623d10d2c3a2", "003_4529f3860fd45dd0"]
MINCHO = "HeiseiMin-W3"
GOTHIC = "HeiseiKakuGo-W5"
BODY_SIZE = 10.0
CELL_SIZE = 9.0
LEADING = 1.45
PAD = 4.0
PARA_GAP = 6.0
MARGIN_X = 50.0
MARGIN_TOP = 50.0
MARGIN_BOTTOM = 60.0
WIDTH, HEIGHT = A4
# characters a Japanese line may not start with (行頭禁則), and a space: the
# break moves back so that the next line starts with neither
NO_LINE_START = set("、。，．・：；？！）」』】〕〉》ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ)]},.:;!?% ")


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` no wider than ``width``, broken anywhere but before a no-start character."""
    lines: list[str] = []
    start = 0
    while start < len(text):
        end = start
        while end < len(text) and pdfmetrics.stringWidth(text[start : end + 1], font, size) <= width:
            end += 1
        if end < len(text):
            cut = end
            while cut > start + 1 and (text[cut] in NO_LINE_START or _inside_word(text, cut)):
                cut -= 1
            end = cut if cut > start + 1 else max(end, start + 1)
        lines.append(text[start:end])
        start = end
    return lines or [""]


def _inside_word(text: str, i: int) -> bool:
    """Breaking before ``text[i]`` would split a Latin word or a number (never done)."""
    a, b = text[i - 1], text[i]
    return a.isascii() and a.isalnum() and b.isascii() and (b.isalnum() or b in ".,%")


def justified(canvas: Canvas, x: float, y: float, text: str, font: str, size: float, width: float) -> None:
    """A line spread to ``width`` (両端揃え, the usual setting of Japanese documents)."""
    extra = width - pdfmetrics.stringWidth(text, font, size)
    t = canvas.beginText(x, y)
    t.setFont(font, size)
    t.setCharSpace(max(0.0, extra / max(1, len(text) - 1)))
    t.textOut(text)
    t.setCharSpace(0)  # Tc outlives the text object: reset it
    canvas.drawText(t)


def bold(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """Fake bold: the text drawn twice, 0.35 pt apart."""
    canvas.setFont(font, size)
    canvas.drawString(x, y, text)
    canvas.drawString(x + 0.35, y, text)


@dataclass
class CellLines:
    lines: list[tuple[str, float, bool]]  # (text, extra gap before the line, justified)
    spaced: bool  # a short label drawn letter-spaced


class Renderer:
    def __init__(self, path: Path) -> None:
        self.canvas = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
        self.canvas.setTitle(path.stem)
        self.page = 1
        self.y = HEIGHT - MARGIN_TOP
        self.cuts = 0

    # ---------------------------------------------------------------- pages

    def new_page(self) -> None:
        self.footer()
        self.canvas.showPage()
        self.page += 1
        self.y = HEIGHT - MARGIN_TOP

    def footer(self) -> None:
        self.canvas.setFont(MINCHO, 9)
        self.canvas.drawCentredString(WIDTH / 2, 30, f"- {self.page} -")

    def finish(self) -> None:
        self.footer()
        self.canvas.save()

    # ---------------------------------------------------------------- body text

    def paragraph(self, text: str) -> None:
        heading = len(text) <= 40 and "。" not in text
        font = GOTHIC if heading else MINCHO
        lines = wrap(text, font, BODY_SIZE, WIDTH - 2 * MARGIN_X)
        self.y -= 4
        for k, line in enumerate(lines):
            if self.y - BODY_SIZE * LEADING < MARGIN_BOTTOM:
                self.new_page()
            self.y -= BODY_SIZE * LEADING
            if heading:
                bold(self.canvas, MARGIN_X, self.y, line, font, BODY_SIZE)
            elif k < len(lines) - 1:
                justified(self.canvas, MARGIN_X, self.y, line, font, BODY_SIZE, WIDTH - 2 * MARGIN_X)
            else:
                self.canvas.setFont(font, BODY_SIZE)
                self.canvas.drawString(MARGIN_X, self.y, line)

    # ---------------------------------------------------------------- tables

    def table(self, rows: list[tuple[str, ...]]) -> None:
        self.y -= 8
        ncols = max(len(r) for r in rows)
        col = (WIDTH - 2 * MARGIN_X) / ncols
        for row in rows:
            cells = [self.cell_lines(text, col) for text in (*row, *[""] * (ncols - len(row)))]
            self.row(cells, col)
        self.y -= 6

    def cell_lines(self, text: str, width: float) -> CellLines:
        paras = [p for p in text.split("\n") if p]
        if len(paras) == 1 and len(paras[0]) <= 6 and all(ord(c) > 0x3000 for c in paras[0]):
            return CellLines([(paras[0], 0.0, False)], spaced=True)
        lines: list[tuple[str, float, bool]] = []
        for i, para in enumerate(paras):
            wrapped = wrap(para, MINCHO, CELL_SIZE, width - 2 * PAD)
            for j, line in enumerate(wrapped):
                lines.append((line, PARA_GAP if i and not j else 0.0, j < len(wrapped) - 1))
        return CellLines(lines, spaced=False)

    def row(self, cells: list[CellLines], col: float) -> None:
        step = CELL_SIZE * LEADING
        while True:
            room = self.y - MARGIN_BOTTOM - 2 * PAD
            need = max(sum(step + gap for _, gap, _ in c.lines) for c in cells)
            if need <= room:
                self.draw_row(cells, col, need)
                return
            if room < step:
                self.new_page()
                continue
            # cut the row: what fits stays on this page, the rest goes on at the top of the next
            here: list[CellLines] = []
            rest: list[CellLines] = []
            for c in cells:
                used = 0.0
                k = 0
                while k < len(c.lines) and used + step + c.lines[k][1] <= room:
                    used += step + c.lines[k][1]
                    k += 1
                here.append(CellLines(c.lines[:k], c.spaced))
                rest.append(CellLines(c.lines[k:], c.spaced))
            self.draw_row(here, col, room)
            self.cuts += 1
            self.new_page()
            cells = rest

    def draw_row(self, cells: list[CellLines], col: float, height: float) -> None:
        top = self.y
        bottom = top - height - 2 * PAD
        canvas = self.canvas
        canvas.setLineWidth(0.6)
        for i, cell in enumerate(cells):
            x = MARGIN_X + i * col
            canvas.rect(x, bottom, col, top - bottom, stroke=1, fill=0)
            y = top - PAD
            for text, gap, full in cell.lines:
                y -= gap + CELL_SIZE * LEADING
                if cell.spaced:
                    t = canvas.beginText(x + PAD, y + 3)
                    t.setFont(GOTHIC, CELL_SIZE)
                    t.setCharSpace(CELL_SIZE)
                    t.textOut(text)
                    t.setCharSpace(0)  # Tc outlives the text object: reset it
                    canvas.drawText(t)
                elif full:
                    justified(canvas, x + PAD, y + 3, text, MINCHO, CELL_SIZE, col - 2 * PAD)
                else:
                    canvas.setFont(MINCHO, CELL_SIZE)
                    canvas.drawString(x + PAD, y + 3, text)
        self.y = bottom


def _groups(blocks: list[Block]) -> Iterator[Block | list[Block]]:
    """Blocks, with runs of table rows on consecutive lines grouped into tables."""
    table: list[Block] = []
    last_line = -2
    for block in blocks:
        line = int(block.locator.split()[-1])
        if block.kind == "table_row":
            if table and line != last_line + 1:
                yield table
                table = []
            table.append(block)
            last_line = line
            continue
        if table:
            yield table
            table = []
        yield block
    if table:
        yield table


def register_fonts() -> None:
    """The two built-in Japanese CID fonts every drawing here uses."""
    pdfmetrics.registerFont(UnicodeCIDFont(MINCHO))
    pdfmetrics.registerFont(UnicodeCIDFont(GOTHIC))


def render_blocks(blocks: list[Block], target: Path) -> Renderer:
    """Draw a text rendering's blocks as a 様式 PDF at ``target``; the renderer says how many pages and cuts."""
    out = Renderer(target)
    for group in _groups(blocks):
        if isinstance(group, Block):
            out.paragraph(group.text)
            continue
        rows = [r.cells for r in group if not all(set(c) <= {"-"} for c in r.cells)]
        # the 様式3 title sits in a table row of the text rendering; the form has it above the table
        while rows and sum(1 for c in rows[0] if c) == 1 and "に基づく取組" in rows[0][0]:
            out.paragraph(rows.pop(0)[0])
        if rows:
            out.table(rows)
    out.finish()
    return out


def render_seed(name: str) -> int:
    seed = (ROOT / "samples" / f"{name}.txt").read_bytes()
    target = ROOT / "samples" / f"{name}.pdf"
    out = render_blocks(read_text(seed, name).blocks, target)
    print(f"{target.relative_to(ROOT)}: {out.page} pages, {out.cuts} rows cut by a page break")
    return out.cuts


def render_encrypted(name: str, user_password: str) -> Path:
    """An encrypted one-line PDF: with a user password it cannot be opened, with only an owner password it can."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    target = ROOT / "tests" / "fixtures" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    encrypt = StandardEncryption(user_password, ownerPassword="owner", strength=128)
    canvas = Canvas(str(target), pagesize=A4, invariant=1, encrypt=encrypt)
    # a standard font: pdfminer does not decrypt the CID font's /Ordering string, so text in
    # an encrypted PDF's predefined-CMap CID font comes out as (cid:N) (real exports embed fonts
    # with ToUnicode maps)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(MARGIN_X, HEIGHT - 80, "Asahi Ward Management Policy 2021")
    canvas.save()
    print(f"{target.relative_to(ROOT)}: user password {user_password!r}")
    return target


def main() -> int:
    register_fonts()
    cuts = sum(render_seed(name) for name in SEEDS)
    assert cuts, "no table row goes on onto the next page: the fixtures would not test that"
    render_encrypted("encrypted.pdf", "secret")
    render_encrypted("owner_password_only.pdf", "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
