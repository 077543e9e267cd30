"""Checks an XLSX package must pass before any XML parser or spreadsheet library sees it.

An XLSX is a ZIP of XML parts, so a hostile one can be a zip bomb (a few
kilobytes that inflate to gigabytes), carry XML entity tricks (billion laughs,
external entities), or declare merged areas of billions of cells that a
library would materialise cell by cell.  Each is refused here with a clear
error, from the archive's directory and a streaming scan of the XML, before
openpyxl loads anything.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from .._exceptions import CorruptDocument, one_line

__all__ = ["Limits", "check_package"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Generous for any 様式 workbook; the point is to stop hostile files early."""

    max_members: int = 1000
    max_total_bytes: int = 100 * 1024 * 1024
    max_member_bytes: int = 50 * 1024 * 1024
    max_ratio: int = 100
    """Compression ratio above which a member larger than 1 MiB is taken for a zip bomb."""
    max_cells: int = 1_000_000
    max_merged_cells: int = 200_000


_REF_RE = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Z]{1,3})\$?([0-9]{1,7}))?$")
_MAX_ROW = 1_048_576
_MAX_COL = 16_384


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _area(ref: str) -> int:
    m = _REF_RE.match(ref.upper())
    if not m:
        raise ValueError(ref)
    c0, r0 = _column(m.group(1)), int(m.group(2))
    c1, r1 = (_column(m.group(3)), int(m.group(4))) if m.group(3) else (c0, r0)
    if not (0 < r0 <= _MAX_ROW and 0 < r1 <= _MAX_ROW and 0 < c0 <= _MAX_COL and 0 < c1 <= _MAX_COL):
        raise ValueError(ref)
    return (abs(r1 - r0) + 1) * (abs(c1 - c0) + 1)


def check_package(data: bytes, source: str, limits: Limits = Limits()) -> None:
    """Raise :class:`CorruptDocument` unless ``data`` is a ZIP an XLSX reader may safely open."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptDocument(
            f"damaged XLSX (not a readable ZIP archive: {one_line(str(exc))})", source=source
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_members:
            raise CorruptDocument(f"XLSX has {len(infos)} parts (limit {limits.max_members})", source=source)
        total = sum(i.file_size for i in infos)
        if total > limits.max_total_bytes:
            raise CorruptDocument(
                f"XLSX inflates to {total} bytes (limit {limits.max_total_bytes}): refused as a zip bomb",
                source=source,
            )
        for info in infos:
            ratio = info.file_size / max(1, info.compress_size)
            if info.file_size > limits.max_member_bytes or (
                info.file_size > 1 << 20 and ratio > limits.max_ratio
            ):
                raise CorruptDocument(
                    f"XLSX part {info.filename} inflates to {info.file_size} bytes"
                    f" ({ratio:.0f}x its compressed size): refused as a zip bomb",
                    source=source,
                )
        xml_parts = _xml_parts(archive, infos, source, limits)
        for info in infos:
            if info.filename in xml_parts:
                _scan_xml(archive, info.filename, source, limits)


_BINARY_RELATIONS = ("image", "printerSettings", "vbaProject", "oleObject", "package", "thumbnail", "font")


def _xml_parts(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], source: str, limits: Limits
) -> set[str]:
    """Every part an XLSX reader may parse as XML, whatever its name.

    Named ``.xml``/``.rels`` (any case), typed as XML in ``[Content_Types].xml``
    (by override or by extension), or the target of a relationship that is not
    a picture, printer settings or an embedded object: the workbook's
    relationships decide what openpyxl parses, so ``sheet1.XML`` or
    ``sheet1.dat`` meets the same limits as ``sheet1.xml``.  The manifests
    themselves are scanned before they are read.
    """
    names = {i.filename for i in infos if not i.is_dir()}
    parts = {n for n in names if n.lower().endswith((".xml", ".rels"))}
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    manifest = next((n for n in names if n.lower() == "[content_types].xml"), None)
    for name in sorted(parts):
        if name != manifest and not name.lower().endswith(".rels"):
            continue
        _scan_xml(archive, name, source, limits)
        for element in _elements(archive, name):
            tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
            if tag == "Default":
                defaults[element.get("Extension", "").lower()] = element.get("ContentType", "")
            elif tag == "Override":
                overrides[element.get("PartName", "").lstrip("/")] = element.get("ContentType", "")
            elif tag == "Relationship" and element.get("TargetMode") != "External":
                kind = element.get("Type", "").rsplit("/", 1)[-1]
                target = posixpath.normpath(
                    posixpath.join(posixpath.dirname(posixpath.dirname(name)), element.get("Target", ""))
                ).lstrip("/")
                if not kind.startswith(_BINARY_RELATIONS):
                    parts.add(target)
    for name in names:
        kind = overrides.get(name) or defaults.get(name.rsplit(".", 1)[-1].lower(), "")
        if "xml" in kind.lower():
            parts.add(name)
    return parts & names


def _elements(archive: zipfile.ZipFile, name: str) -> list[Any]:
    """The elements of a manifest part already scanned by :func:`_scan_xml`."""
    with archive.open(name) as fh:
        return [
            el for _event, el in iterparse(fh, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        ]


def _scan_xml(archive: zipfile.ZipFile, name: str, source: str, limits: Limits) -> None:
    """Stream one XML part: no DTD or entities, and bounded cell and merged-cell counts."""
    cells = 0
    merged = 0
    try:
        with archive.open(name) as fh:
            for _event, element in iterparse(fh, forbid_dtd=True, forbid_entities=True, forbid_external=True):
                tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
                if tag == "c":
                    cells += 1
                    ref = element.get("r")
                    if ref is not None:
                        _area(ref)  # a cell beyond Excel's grid is not a real workbook
                    element.clear()
                elif tag == "mergeCell":
                    merged += _area(element.get("ref", ""))
                elif tag == "row":
                    element.clear()
                if cells > limits.max_cells:
                    raise CorruptDocument(
                        f"XLSX sheet {name} has more than {limits.max_cells} cells: refused", source=source
                    )
                if merged > limits.max_merged_cells:
                    raise CorruptDocument(
                        f"XLSX sheet {name} merges more than {limits.max_merged_cells} cells: refused",
                        source=source,
                    )
    except (CorruptDocument, MemoryError):
        raise
    except DefusedXmlException as exc:
        raise CorruptDocument(
            f"XLSX part {name} uses forbidden XML ({type(exc).__name__}: DTDs and entities are not read)",
            source=source,
        ) from None
    except ValueError as exc:
        raise CorruptDocument(
            f"XLSX part {name} has an impossible cell reference ({one_line(str(exc))})", source=source
        ) from None
    except Exception as exc:  # ParseError, zlib errors, truncated members
        raise CorruptDocument(f"damaged XLSX (part {name}: {one_line(str(exc))})", source=source) from None
