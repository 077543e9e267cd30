"""pdfium's C functions that the page reader calls per character, object or path segment, declared over addresses.

pypdfium2 declares each handle (text page, page object, font, path segment)
as a pointer to its own opaque struct, so every call that returns one builds
a ctypes pointer object, and every call that takes one checks its type.  The
page reader calls these functions millions of times over a corpus (twice per
character, four times per path segment), and the reader only passes handles
back to pdfium or tells them apart.  The same C functions declared with
``c_void_p`` for every pointer take and give plain ``int`` addresses, and a
call costs about half as much.  The declarations are derived from pypdfium2's
own (the same argument and result types, pointers made addresses), so they
follow the bindings of the installed version.  The two calls made for every
character go one step further and are declared without argument types.

Handles given as addresses are only valid while pdfium's object lives: the
reader uses them within the page (or document) that made them.
"""

from __future__ import annotations

import ctypes
import functools
from typing import Any

__all__ = ["Calls", "address", "calls"]

_NAMES = (
    # text page, per character (the two made for every character are declared in Calls.__init__)
    "FPDFText_IsGenerated",
    "FPDFText_HasUnicodeMapError",
    # text page, per text object
    "FPDFText_GetMatrix",
    "FPDFText_GetFontSize",
    "FPDFText_GetCharOrigin",
    "FPDFTextObj_GetFont",
    "FPDFTextObj_GetFontSize",
    "FPDFFont_GetDescent",
    # page objects and paths
    "FPDFPage_CountObjects",
    "FPDFPage_GetObject",
    "FPDFFormObj_CountObjects",
    "FPDFFormObj_GetObject",
    "FPDFPageObj_GetType",
    "FPDFPageObj_GetBounds",
    "FPDFPageObj_GetMatrix",
    "FPDFPath_GetDrawMode",
    "FPDFPath_CountSegments",
    "FPDFPath_GetPathSegment",
    "FPDFPathSegment_GetPoint",
    "FPDFPathSegment_GetType",
    "FPDFPathSegment_GetClose",
)


class Calls:
    """The functions of :data:`_NAMES`, each an attribute of the same name, taking and giving addresses."""

    FPDFText_IsGenerated: Any
    FPDFText_HasUnicodeMapError: Any
    FPDFText_GetMatrix: Any
    FPDFText_GetFontSize: Any
    FPDFText_GetCharOrigin: Any
    FPDFTextObj_GetFont: Any
    FPDFTextObj_GetFontSize: Any
    FPDFFont_GetDescent: Any
    FPDFPage_CountObjects: Any
    FPDFPage_GetObject: Any
    FPDFFormObj_CountObjects: Any
    FPDFFormObj_GetObject: Any
    FPDFPageObj_GetType: Any
    FPDFPageObj_GetBounds: Any
    FPDFPageObj_GetMatrix: Any
    FPDFPath_GetDrawMode: Any
    FPDFPath_CountSegments: Any
    FPDFPath_GetPathSegment: Any
    FPDFPathSegment_GetPoint: Any
    FPDFPathSegment_GetType: Any
    FPDFPathSegment_GetClose: Any

    text_object_unchecked: Any
    """``FPDFText_GetTextObject`` without argument types: call it with a ``c_void_p`` and an ``int``."""
    loose_box_unchecked: Any
    """``FPDFText_GetLooseCharBox`` without argument types: a ``c_void_p``, an ``int``, a ``c_void_p``."""

    def __init__(self, pdfium_c: Any) -> None:
        for name in _NAMES:
            setattr(self, name, _over_addresses(getattr(pdfium_c, name)))
        # The two calls made for every character, without ctypes converting their arguments
        # (a fifth of a microsecond a call here): ctypes passes a c_void_p as the pointer it
        # holds and an int as a C int, which is what these take.  The reader alone calls them.
        self.text_object_unchecked = ctypes.CFUNCTYPE(ctypes.c_void_p)(
            address(pdfium_c.FPDFText_GetTextObject)
        )
        self.loose_box_unchecked = ctypes.CFUNCTYPE(ctypes.c_int)(address(pdfium_c.FPDFText_GetLooseCharBox))


_POINTER_TYPE = type(ctypes.POINTER(ctypes.c_int))
"""The type of ctypes' pointer types (``LP_c_int``, pypdfium2's ``LP_struct_fpdf_page_t__``…)."""


def _plain(kind: Any) -> Any:
    """``c_void_p`` for a pointer type, the type itself otherwise."""
    if isinstance(kind, _POINTER_TYPE) or kind in (ctypes.c_void_p, ctypes.c_char_p):
        return ctypes.c_void_p
    return kind


def _over_addresses(fn: Any) -> Any:
    prototype = ctypes.CFUNCTYPE(_plain(fn.restype), *(_plain(t) for t in fn.argtypes))
    return prototype(address(fn))


def address(handle: Any) -> int:
    """The address a pypdfium2 handle (or ctypes object) points to, ``0`` for a null one."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


@functools.cache
def calls(pdfium_c: Any) -> Calls:
    """The address-taking declarations for the loaded ``pypdfium2.raw``, made once."""
    return Calls(pdfium_c)
