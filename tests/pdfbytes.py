"""A few hundred bytes of hand-built PDF, for glyph problems no PDF generator makes on purpose.

Each text run is drawn with a Type0 font whose ToUnicode map the test
chooses: a code can map to a CJK radical (as some producers' fonts do), to
nothing at all (pdfminer then reports ``(cid:N)``), or a run can be drawn
twice a fraction of a point apart (fake bold).  :func:`pdf_from_objects` writes any
object graph the test spells out, with a correct cross-reference table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    text: str
    x: float
    y: float
    size: float = 10.0
    unmapped: bool = False
    """Draw with a font that has no ToUnicode map (its glyphs cannot be read back)."""
    char_space: float = 0.0


def build_pdf(runs: list[Run], width: float = 595, height: float = 842) -> bytes:
    chars = sorted({ch for run in runs for ch in run.text})
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    bfchar = "\n".join(f"<{code[ch]:04X}> <{ord(ch):04X}>" for ch in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{bfchar}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    content = []
    for run in runs:
        hexed = "".join(f"{code[ch]:04X}" for ch in run.text)
        font = "/F2" if run.unmapped else "/F1"
        content.append(f"BT {font} {run.size} Tf {run.char_space} Tc {run.x} {run.y} Td <{hexed}> Tj ET")
    stream = "\n".join(content).encode()
    descendant = (
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test"
        " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000"
        " /FontDescriptor 9 0 R >>"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H"
        b" /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [7 0 R] >>",
        descendant.encode(),
        b"<< /Length %d >>\nstream\n" % len(cmap.encode()) + cmap.encode() + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /Test /Flags 4 /FontBBox [0 -120 1000 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_from_objects(objects: list[bytes], *, trailer: bytes = b"", prev: int | None = None) -> bytes:
    """A PDF of ``objects`` (numbered from 1, the catalog first) with a correct xref table.

    ``trailer`` adds entries to the trailer dictionary; ``prev`` sets ``/Prev`` (-1: this
    very xref section).
    """
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    previous = b"" if prev is None else b" /Prev %d" % (xref if prev == -1 else prev)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s%s >>\n" % (len(objects) + 1, previous, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
