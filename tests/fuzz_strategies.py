"""Hypothesis strategies for fuzzing the readers: mutated samples and generated documents.

Mutations damage real files the way storage and transfer do (flipped bits,
overwritten or dropped runs, cuts, spliced chunks).  Generated documents are
well-formed containers with arbitrary contents, which reach deeper than
damaged bytes: text built from the grammar's own tokens, HTML trees, PDFs
whose content streams draw text, lines and boxes anywhere (ruled tables the
reader must make sense of), and workbooks with arbitrary cells and merges.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from conftest import SAMPLES
from pdfbytes import Run, build_pdf, pdf_from_objects

__all__ = ["documents", "mutated"]

SAMPLE_FILES: dict[str, list[Path]] = {
    fmt: sorted(SAMPLES.glob(f"*.{suffix}"))
    for fmt, suffix in (("text", "txt"), ("html", "html"), ("pdf", "pdf"), ("xlsx", "xlsx"))
}
_BYTES = {path: path.read_bytes() for paths in SAMPLE_FILES.values() for path in paths}


# --------------------------------------------------------------------------- mutations


@st.composite
def mutated(draw: st.DrawFn, fmt: str) -> bytes:
    """A sample of ``fmt`` with a few random mutations."""
    data = bytearray(_BYTES[draw(st.sampled_from(SAMPLE_FILES[fmt]))])
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "set", "delete", "insert", "cut", "splice"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "set":
            data[pos : pos + 1] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 256))]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        elif op == "cut":
            del data[pos:]
        elif op == "splice" and data:
            start = draw(st.integers(0, len(data) - 1))
            data[pos:pos] = data[start : start + draw(st.integers(1, 512))]
    return bytes(data)


# --------------------------------------------------------------------------- generated documents

# the grammar's vocabulary, so that generated text exercises it rather than only the readers
_TOKENS = [
    "【経営課題1】", "【経営課題2 安全】", "経営課題", "【戦略1-1】", "【1-1 子育て】", "【具体的取組1-1-1】",
    "【1-1-1 取組】", "主な戦略", "主な具体的取組(令和3年度予算額)", "(9,339千円)", "《5,237千円》",
    "[28年度予算額 66,753千円]", "(29年度予算額 -)", "6千9百万円", "区の目標(何をめざすのか)",
    "区の使命(どのような役割を担うのか)", "区長の方針", "令和3年度 旭区運営方針", "平成29年度 西区運営方針(案)",
    "課題認識", "アウトカム指標", "<令和5年度実績と達成状況>", "目標達成", "目標未達成", ":A", "80%以上",
    "(趣旨・目的)", "(目標)", "(取組実績)", "課題と改善策", "「市政改革プラン2.0」に基づく取組等", "取組項目 1",
    "・", "◆", "。", "、", " ", "\t", "\n", "\n\n", "<p>", "</p>", "&lt;", "R3", "元年度", "2019年度",
    "１２３", "４５%", "〜", "‐", "⽅", "\u3000", "\ufffd", "\x00", "(cid:12)",
]  # fmt: skip
_TEXT = st.lists(st.one_of(st.sampled_from(_TOKENS), st.text(max_size=8)), max_size=60).map("".join)


@st.composite
def _text_document(draw: st.DrawFn) -> bytes:
    text = draw(_TEXT)
    encoding = draw(st.sampled_from(["utf-8", "cp932", "euc_jp", "utf-16"]))
    return text.encode(encoding, errors="replace")


_TAGS = ["div", "p", "span", "b", "strong", "ul", "ol", "li", "table", "tr", "td", "th", "h1", "h2", "h3",
         "a", "br", "pre", "script", "style", "main", "article", "nav", "img", "ruby", "rt"]  # fmt: skip
_ATTRIBUTES = st.sampled_from(
    ['', ' id="mol_contents"', ' class="mol_textblock"', ' href="./a.pdf"', ' style="font-weight:bold"',
     ' id="sub_h1_box"', ' rowspan="2"', ' colspan="3"', ' hidden', ' role="main"', ' href="javascript:x"']
)  # fmt: skip


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attrs, inner, closed: f"<{tag}{attrs}>{''.join(inner)}" + (f"</{tag}>" if closed else ""),
        st.sampled_from(_TAGS),
        _ATTRIBUTES,
        st.lists(children, max_size=5),
        st.booleans(),
    )


_HTML = st.recursive(_TEXT.map(lambda t: t.replace("<", "&lt;")), _element, max_leaves=40)


@st.composite
def _html_document(draw: st.DrawFn) -> bytes:
    head = draw(
        st.sampled_from(["", '<meta charset="utf-8">', '<meta charset="shift_jis">', "<title>t</title>"])
    )
    body = draw(st.lists(_HTML, max_size=6))
    closing = draw(st.sampled_from(["</body></html>", ""]))
    return f"<!DOCTYPE html><html><head>{head}</head><body>{''.join(body)}{closing}".encode()


_COORD = st.floats(min_value=-100, max_value=900, allow_nan=False)
_SIZE = st.floats(min_value=0.1, max_value=60, allow_nan=False)


@st.composite
def _pdf_runs(draw: st.DrawFn) -> bytes:
    """Text runs drawn anywhere, in any size, some unmapped, some letter-spaced, on any page size."""
    runs = draw(
        st.lists(
            st.builds(
                Run,
                text=st.text(
                    alphabet=st.sampled_from(list("運営方針【】1-。・ 区経営課題ABC⽅\uf09e")),
                    min_size=1,
                    max_size=20,
                ),
                x=_COORD,
                y=_COORD,
                size=_SIZE,
                unmapped=st.booleans(),
                char_space=st.floats(min_value=-5, max_value=30, allow_nan=False),
            ),
            min_size=1,
            max_size=12,
        )
    )
    width = draw(st.floats(min_value=1, max_value=2000, allow_nan=False))
    return build_pdf(runs, width=width, height=draw(st.floats(min_value=1, max_value=2000, allow_nan=False)))


def _number() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(-50, 900).map(str),
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda f: f"{f:.2f}"),
        st.sampled_from(["0", "1e30", "-0", ".5", "99999999999"]),
    )


def _operator() -> st.SearchStrategy[str]:
    n = _number()
    return st.one_of(
        st.builds(lambda a, b, c, d: f"{a} {b} {c} {d} re S", n, n, n, n),
        st.builds(lambda a, b, c, d: f"{a} {b} m {c} {d} l S", n, n, n, n),
        st.builds(
            lambda a, b, t: f"BT /F1 {a} Tf {b} {b} Td ({t}) Tj ET",
            n,
            n,
            st.sampled_from(["Policy 1-1", "(1)", "A"]),
        ),
        st.builds(lambda a, b, c, d, e, f: f"{a} {b} {c} {d} {e} {f} cm", n, n, n, n, n, n),
        st.sampled_from(
            ["q", "Q", "0.5 w", "[3] 0 d", "BT", "ET", "/F1 12 Tf", "(x) Tj", "[(a) -200 (b)] TJ", "T*"]
        ),
    )


@st.composite
def _pdf_drawing(draw: st.DrawFn) -> bytes:
    """A page whose content stream is random text, lines and rectangles (ruled tables, or nonsense)."""
    content = "\n".join(draw(st.lists(_operator(), min_size=1, max_size=40))).encode()
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            font,
        ]
    )


_CELL = st.one_of(
    _TEXT.map(lambda t: f'<is><t xml:space="preserve">{_xml(t)}</t></is>'),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: f"<v>{f}</v>"),
    st.integers().map(lambda i: f"<v>{i}</v>"),
    st.sampled_from(["<v></v>", "<v>abc</v>", "", "<f>SUM(A1)</f>"]),
)


def _xml(text: str) -> str:
    cleaned = "".join(
        c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd")
    )
    return cleaned.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _ref() -> st.SearchStrategy[str]:
    return st.builds(
        lambda c, r: f"{c}{r}", st.sampled_from(["A", "B", "C", "Z", "AA", "XFD"]), st.integers(1, 40)
    )


@st.composite
def _xlsx_document(draw: st.DrawFn) -> bytes:
    """The sample workbook with its first sheet replaced by arbitrary cells, types, styles and merges."""
    from test_format_xlsx import WORKBOOK, replace_part

    rows = []
    for r in range(1, draw(st.integers(1, 12)) + 1):
        cells = "".join(
            f'<c r="{col}{r}" t="{kind}" s="{style}">{value}</c>'
            for col, kind, style, value in draw(
                st.lists(
                    st.tuples(
                        st.sampled_from(["A", "B", "C", "D"]),
                        st.sampled_from(["inlineStr", "n", "s", "b", "str", "e", "d"]),
                        st.integers(0, 3),
                        _CELL,
                    ),
                    max_size=4,
                )
            )
        )
        rows.append(f'<row r="{r}">{cells}</row>')
    merges = draw(st.lists(st.builds(lambda a, b: f"{a}:{b}", _ref(), _ref()), max_size=4))
    merged = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(rows)}</sheetData>"
        + (f'<mergeCells count="{len(merges)}">{merged}</mergeCells>' if merges else "")
        + "</worksheet>"
    ).encode()
    return replace_part(WORKBOOK.read_bytes(), "xl/worksheets/sheet1.xml", sheet)


def documents(fmt: str) -> st.SearchStrategy[bytes]:
    """Generated, well-formed documents of ``fmt`` with arbitrary contents."""
    if fmt == "text":
        return _text_document()
    if fmt == "html":
        return _html_document()
    if fmt == "pdf":
        return st.one_of(_pdf_runs(), _pdf_drawing())
    return _xlsx_document()
