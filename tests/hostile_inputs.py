"""Hostile and malformed inputs, built in the tests: damaged samples, PDF, XLSX and HTML traps.

Every builder is deterministic (seeded) and makes its bytes on the spot, just
large enough to prove its point, so nothing hostile is committed.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from pathlib import Path

from conftest import SAMPLES
from pdfbytes import pdf_from_objects

__all__ = [
    "bit_flips",
    "damaged_samples",
    "hostile_html",
    "hostile_pdfs",
    "hostile_text",
    "hostile_xlsx",
    "reference_cycle",
    "truncations",
    "write_cases",
]

MiB = 1024 * 1024


# --------------------------------------------------------------------------- damaged samples


def truncations(data: bytes) -> dict[str, bytes]:
    """The file cut at a tenth, half and nine tenths of its length."""
    return {f"cut{p}": data[: len(data) * p // 10] for p in (1, 5, 9)}


def bit_flips(data: bytes, seed: str, variants: int = 3, flips: int = 8) -> dict[str, bytes]:
    """``variants`` copies of ``data`` with ``flips`` bits flipped at places drawn from ``seed``."""
    out = {}
    for v in range(variants):
        rng = random.Random(f"{seed}:{v}")
        buf = bytearray(data)
        for _ in range(flips):
            pos = rng.randrange(len(buf))
            buf[pos] ^= 1 << rng.randrange(8)
        out[f"flip{v}"] = bytes(buf)
    return out


def damaged_samples() -> dict[str, bytes]:
    """Truncated and bit-flipped versions of every sample, keyed ``<sample>.<variant>.<suffix>``."""
    cases = {}
    for path in sorted(SAMPLES.iterdir()):
        data = path.read_bytes()
        for variant, damaged in {**truncations(data), **bit_flips(data, path.name)}.items():
            cases[f"{path.stem}.{variant}{path.suffix}"] = damaged
    return cases


# --------------------------------------------------------------------------- PDF


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = b"BT /F1 12 Tf 72 720 Td (Reiwa 3 Asahi Ward Management Policy) Tj ET"


def _page(
    contents: bytes = b"4 0 R", resources: bytes = b"<< /Font << /F1 5 0 R >> >>", extra: bytes = b""
) -> bytes:
    return b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %s /Resources %s%s >>" % (
        contents,
        resources,
        extra,
    )


def _simple(
    content: bytes, *, page: bytes | None = None, stream: bytes | None = None, more: list[bytes] | None = None
) -> list[bytes]:
    """Catalog, page tree, page, content stream (object 4), font (object 5), then ``more``."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page or _page(),
        stream or _stream(content),
        _FONT,
        *(more or []),
    ]


def circular_xref_self() -> bytes:
    """The trailer's ``/Prev`` points at its own xref section."""
    return pdf_from_objects(_simple(_TEXT), prev=-1)


def circular_xref_pair() -> bytes:
    """An incremental update whose xref and the original one name each other as ``/Prev``."""
    placeholder = b"/Prev 0000000000"
    base = pdf_from_objects(_simple(_TEXT), trailer=b" " + placeholder)
    first_xref = int(base.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    update = bytearray(base)
    obj = len(update)
    update += b"4 0 obj\n" + _stream(_TEXT + b" % updated") + b"\nendobj\n"
    second_xref = len(update)
    update += b"xref\n4 1\n%010d 00000 n \n" % obj
    update += b"trailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        first_xref,
        second_xref,
    )
    return bytes(update).replace(placeholder, b"/Prev %010d" % second_xref, 1)


def page_tree_cycle() -> bytes:
    """Two page-tree nodes that list each other as kids."""
    objects = _simple(_TEXT)
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>"
    objects.append(b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>")
    return pdf_from_objects(objects)


def reference_cycle() -> bytes:
    """The page's contents are an indirect reference to an object that refers back to it."""
    objects = _simple(_TEXT, page=_page(contents=b"6 0 R"))
    objects += [b"7 0 R", b"6 0 R"]
    return pdf_from_objects(objects)


def self_drawing_form() -> bytes:
    """A form XObject that draws itself: unbounded recursion for a naive interpreter."""
    form = _stream(
        b"/X1 Do",
        b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources 7 0 R",
    )
    objects = _simple(_TEXT + b"\n/X1 Do", page=_page(resources=b"7 0 R"))
    objects += [form, b"<< /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >>"]
    return pdf_from_objects(objects)


def nested_arrays(depth: int = 100_000) -> bytes:
    """An array nested ``depth`` deep in the page dictionary and in the content stream."""
    nest = b"[" * depth + b"1" + b"]" * depth
    content = _TEXT + b"\nBT /F1 12 Tf " + nest + b" TJ ET"
    return pdf_from_objects(_simple(content, page=_page(extra=b" /Deep " + nest)))


def nested_dictionaries(depth: int = 50_000) -> bytes:
    """Resources whose font dictionary is nested ``depth`` dictionaries deep."""
    nest = b"<< /A " * depth + b"1" + b" >>" * depth
    return pdf_from_objects(
        _simple(_TEXT, page=_page(resources=b"<< /Font << /F1 5 0 R /F2 " + nest + b" >> >>"))
    )


def deflated_zeros(size_mib: int) -> bytes:
    """A zlib stream of ``size_mib`` MiB of zero bytes, made in microseconds.

    One MiB of zeros is deflated once and closed with a full flush (which makes
    it independent of what came before); that segment repeated, an empty final
    block and the Adler-32 of the whole (a = 1, b = length mod 65521 for zeros)
    are a valid stream of any length.
    """
    packer = zlib.compressobj(9)
    first = packer.compress(bytes(MiB)) + packer.flush(zlib.Z_FULL_FLUSH)
    header, segment = first[:2], first[2:]
    adler = ((size_mib * MiB) % 65521) << 16 | 1
    return header + segment * size_mib + b"\x03\x00" + struct.pack(">I", adler)


def decompression_bomb(size_mib: int = 1024) -> bytes:
    """A page whose content stream (1 MiB) inflates to ``size_mib`` MiB."""
    bomb = deflated_zeros(size_mib)
    return pdf_from_objects(_simple(b"", stream=_stream(bomb, b" /Filter /FlateDecode")))


def bad_checksum_stream(size: int = 2 * MiB) -> bytes:
    """A content stream of ``size`` bytes whose deflate checksum is wrong.

    pdfminer falls back to inflating such a stream a byte at a time; the
    stream is comments of random digits, which barely compress, so that
    fallback has as many bytes to feed as the stream has to give.
    """
    rng = random.Random("bad-checksum")
    lines = [b"%% %032x" % rng.getrandbits(128) for _ in range(size // 36)]
    body = _TEXT + b"\n" + b"\n".join(lines)
    packed = bytearray(zlib.compress(body, 9))
    packed[-1] ^= 0xFF  # the Adler-32 checksum
    return pdf_from_objects(_simple(b"", stream=_stream(bytes(packed), b" /Filter /FlateDecode")))


def many_pages(count: int = 2500) -> bytes:
    """More pages than the reader accepts, each tiny."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        _stream(b""),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 3 0 R >>"] * count
    return pdf_from_objects(objects)


def hostile_pdfs() -> dict[str, bytes]:
    """Every PDF trap but the reference cycle (pdfminer loops on it until stopped)."""
    return {
        "circular-xref-self.pdf": circular_xref_self(),
        "circular-xref-pair.pdf": circular_xref_pair(),
        "page-tree-cycle.pdf": page_tree_cycle(),
        "self-drawing-form.pdf": self_drawing_form(),
        "nested-arrays.pdf": nested_arrays(),
        "nested-dictionaries.pdf": nested_dictionaries(),
        "decompression-bomb.pdf": decompression_bomb(),
        "bad-checksum-stream.pdf": bad_checksum_stream(),
        "too-many-pages.pdf": many_pages(),
    }


# --------------------------------------------------------------------------- XLSX


def _patch_sizes(data: bytes, name: str, size: int) -> bytes:
    """The ZIP ``data`` with member ``name`` declared ``size`` bytes long, its CRC that of its first ``size`` bytes.

    zipfile then hands out only ``size`` bytes of it (the checksum agrees), so
    nothing checks how much the member would really inflate to.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
        with archive.open(info) as member:
            crc = zlib.crc32(member.read(size))
    buf = bytearray(data)
    local = info.header_offset
    struct.pack_into("<I", buf, local + 14, crc)
    struct.pack_into("<I", buf, local + 22, size)
    end = bytes(buf).rindex(b"PK\x05\x06")  # the end-of-directory record says where the directory is
    central = struct.unpack_from("<I", buf, end + 16)[0]
    while True:  # the directory entry naming the member
        length, extra, comment = struct.unpack_from("<HHH", buf, central + 28)
        if bytes(buf[central + 46 : central + 46 + length]) == name.encode():
            break
        central += 46 + length + extra + comment
    struct.pack_into("<I", buf, central + 16, crc)
    struct.pack_into("<I", buf, central + 24, size)
    return bytes(buf)


def hostile_xlsx() -> dict[str, bytes]:
    """The workbook traps of ``test_format_xlsx``, plus a member that lies about its size."""
    from test_format_xlsx import (
        EXTERNAL_ENTITY,
        LAUGHS,
        WORKBOOK,
        inline,
        merged_sheet_xml,
        replace_part,
        sheet_xml,
    )

    book = WORKBOOK.read_bytes()
    sheet = "xl/worksheets/sheet1.xml"
    padded = sheet_xml(inline("A1", "最初") + " " * (16 * MiB))
    return {
        "billion-laughs.xlsx": replace_part(book, "xl/sharedStrings.xml", LAUGHS),
        "external-entity.xlsx": replace_part(book, "xl/sharedStrings.xml", EXTERNAL_ENTITY),
        "zip-bomb.xlsx": replace_part(book, "xl/bomb.bin", bytes(12 * MiB)),
        "lying-member-size.xlsx": _patch_sizes(replace_part(book, sheet, padded), sheet, 4096),
        "huge-merge.xlsx": replace_part(book, sheet, merged_sheet_xml(inline("A1", "x"), ["A1:XFD1048576"])),
        "huge-dimension.xlsx": replace_part(
            book,
            sheet,
            sheet_xml(
                f'<row r="1">{inline("A1", "最初")}</row><row r="1048576">{inline("XFD1048576", "最後")}</row>',
                extra='<dimension ref="A1:XFD1048576"/>',
            ),
        ),
        "impossible-reference.xlsx": replace_part(book, sheet, sheet_xml(inline("ZZZZ1", "x"))),
        "deep-xml.xlsx": replace_part(book, sheet, sheet_xml("<x>" * 100_000 + "</x>" * 100_000)),
    }


# --------------------------------------------------------------------------- HTML


def nested_html(size: int, open_tag: bytes = b"<div>", close_tag: bytes = b"</div>") -> bytes:
    """About ``size`` bytes of one element nested in itself, with text at the bottom."""
    depth = size // len(open_tag)
    return (
        b"<html><body>"
        + open_tag * depth
        + "深いところの本文。".encode()
        + close_tag * min(depth, 1000)
        + "<p>その後の段落。</p></body></html>".encode()
    )


def hostile_html() -> dict[str, bytes]:
    return {
        "nested-divs-10mb.html": nested_html(10 * MiB),
        "nested-tables.html": nested_html(MiB, b"<table><tr><td>", b"</td></tr></table>"),
        "unclosed-formatting.html": nested_html(MiB, b"<b><i><u>", b"</u></i></b>"),
        "nested-lists.html": nested_html(MiB, b"<ul><li>", b"</li></ul>"),
        "misnested-formatting.html": b"<html><body>"
        + b"<b><p><i>x</b>y</p></i>" * 40_000
        + b"</body></html>",
        "huge-text-node.html": b"<html><body><p>" + "本文".encode() * MiB + b"</p></body></html>",
        "many-attributes.html": b"<html><body><p "
        + b" ".join(b"a%d=x" % i for i in range(200_000))
        + b">x</p></body></html>",
    }


# --------------------------------------------------------------------------- text


def hostile_text() -> dict[str, bytes]:
    return {
        "one-long-line.txt": "令和3年度 旭区運営方針 ".encode() + "あ".encode() * (2 * MiB),
        "mixed-encodings.txt": "令和3年度 旭区運営方針\n".encode()
        + "経営課題1".encode("cp932")
        + b"\xff\xfe\x80" * 1000,
        "control-characters.txt": b"\x01\x02\x03 text \x00\x00" * 1000,
        "million-empty-lines.txt": b"\n" * MiB,
    }


def write_cases(directory: Path, cases: dict[str, bytes]) -> dict[str, Path]:
    """Write ``cases`` into ``directory``; returns each case's path."""
    paths = {}
    for name, data in cases.items():
        paths[name] = directory / name
        paths[name].write_bytes(data)
    return paths
