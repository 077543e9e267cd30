"""One document through the stages: bytes → format → blocks → layout → records.

Each stage is its own module; this one only sequences them and turns any
failure into an outcome that names the source, so one bad document never
stops the others.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from ._exceptions import ExtractError, LayoutError, RecordInvalid, one_line
from ._logging import logger
from .blocks import Block
from .diagnostics import Diagnostic
from .formats import get_reader, sniff_format
from .formats.detect import Format
from .integrity import check_records
from .layouts.base import LayoutContext
from .layouts.registry import Candidate, choose_layout
from .models import Record
from .policy_identity import annotate

__all__ = ["DEFAULT_MIN_COVERAGE", "Outcome", "ParseOptions", "extract_bytes"]

DEFAULT_MIN_COVERAGE = 0.5
"""Below this share of claimed text a document gets a low-coverage warning."""


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """How to parse a document, besides its bytes: one typed value for every caller and worker.

    Frozen and picklable, so the same object travels to worker processes and
    into the refresh fingerprint; a misspelt option is an error at the call,
    not a key nobody reads.
    """

    fmt: Format | None = None
    """Skip content sniffing and read the bytes as this format."""
    layout: str | None = None
    """Use this layout instead of the best-scoring one."""
    min_coverage: float | None = DEFAULT_MIN_COVERAGE
    """Warn below this share of claimed text (None: never)."""
    keep_blocks: bool = False
    """Keep the block stream on the outcome (``extract inspect``)."""
    pdf_engine: str | None = None
    """The PDF reader's engine: ``pdfium`` (None: the default) or ``pdfplumber``."""


@dataclass(slots=True)
class Outcome:
    """Everything known about one source after extraction."""

    uri: str
    identity: str
    records: list[Record] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    error: ExtractError | None = None
    format: str | None = None
    sha256: str | None = None
    layout: str | None = None
    layout_version: str | None = None
    candidates: list[Candidate] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    claimed_chars: int = 0
    total_chars: int = 0
    unclaimed: list[tuple[str, str]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per stage of a document that got that far: ``decode`` (bytes to characters: text
    decoding, the HTML parse, pdfminer, unzipping), ``blocks`` (the reader's own work on them),
    ``detect`` (layout scores), ``layout`` (the grammar) and ``validate`` (building the typed
    records and the integrity checks)."""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def coverage(self) -> float | None:
        """Share of non-boilerplate characters that records claimed."""
        if not self.ok or self.total_chars == 0:
            return None
        return round(self.claimed_chars / self.total_chars, 4)


def extract_bytes(
    data: bytes,
    uri: str,
    identity: str | None = None,
    *,
    fmt: Format | None = None,
    layout: str | None = None,
    url: str | None = None,
    charset: str | None = None,
    keep_blocks: bool = False,
    min_coverage: float | None = DEFAULT_MIN_COVERAGE,
    pdf_engine: str | None = None,
    options: ParseOptions | None = None,
) -> Outcome:
    """Extract records from one document's bytes; never raises for bad input.

    ``pdf_engine`` picks the PDF reader's engine (``pdfium``, the default, or ``pdfplumber``).
    ``options`` (when given) wins over the separate keyword arguments, which
    stay for callers that set one or two of them.
    """
    if options is not None:
        fmt, layout, keep_blocks, min_coverage, pdf_engine = (
            options.fmt,
            options.layout,
            options.keep_blocks,
            options.min_coverage,
            options.pdf_engine,
        )
    outcome = Outcome(uri=uri, identity=identity or uri)
    outcome.sha256 = hashlib.sha256(data).hexdigest()
    try:
        _run(outcome, data, fmt, layout, url, charset, keep_blocks, pdf_engine)
        coverage = outcome.coverage
        if min_coverage is not None and coverage is not None and coverage < min_coverage:
            outcome.warnings.append(
                Diagnostic(
                    None, f"low coverage: records claim {coverage:.0%} of the text (see `extract inspect`)"
                )
            )
    except ExtractError as exc:
        if exc.source is None:
            exc.source = uri
        outcome.error = exc
        outcome.records = []
    except MemoryError:
        outcome.records = []  # free what the parse held before reporting
        outcome.error = ExtractError("ran out of memory while parsing (over the memory limit)", source=uri)
    except RecursionError:
        outcome.error = ExtractError("document is nested too deeply to parse", source=uri)
        outcome.records = []
    except ValidationError as exc:
        outcome.records = []
        outcome.error = RecordInvalid(f"a record fails validation: {_first_error(exc)}", source=uri)
    except Exception as exc:  # a parser bug must cost one document, not the run
        logger.debug("internal error on %s", uri, exc_info=True)
        outcome.error = ExtractError(
            f"internal error: {type(exc).__name__}: {one_line(str(exc))}", source=uri
        )
        outcome.records = []
    return outcome


def _run(
    outcome: Outcome,
    data: bytes,
    fmt: Format | None,
    layout_name: str | None,
    url: str | None,
    charset: str | None,
    keep_blocks: bool,
    pdf_engine: str | None = None,
) -> None:
    t0 = time.perf_counter()
    fmt = fmt or sniff_format(data, outcome.uri)
    outcome.format = fmt
    reader = get_reader(fmt, pdf_engine=pdf_engine)
    read = reader(data, outcome.uri, charset)
    t1 = time.perf_counter()
    decode = min(t1 - t0, read.decode_seconds) if read.decode_seconds is not None else t1 - t0
    outcome.timings["decode"] = decode
    outcome.timings["blocks"] = t1 - t0 - decode
    meta = read.meta
    if url and not meta.url:
        meta.url = url
    outcome.warnings.extend(read.warnings)
    if keep_blocks:
        outcome.blocks = list(read.blocks)
    context = LayoutContext(
        uri=outcome.uri, sha256=outcome.sha256 or "", format=fmt, identity=outcome.identity, meta=meta
    )
    layout, candidates = choose_layout(read.blocks, context, layout_name)
    outcome.candidates = candidates
    outcome.layout = layout.name
    outcome.layout_version = layout.version
    _note_ambiguity(outcome, candidates, layout_name)
    t2 = time.perf_counter()
    outcome.timings["detect"] = t2 - t1
    result = layout.parse(read.blocks, context)
    t3 = time.perf_counter()
    building = min(t3 - t2, result.records_seconds or 0.0)
    outcome.timings["layout"] = t3 - t2 - building
    if not result.records:
        raise LayoutError(f"layout {layout.name} produced no records", source=outcome.uri)
    outcome.records = annotate(result.records, read.blocks, fmt)
    outcome.warnings.extend(result.warnings)
    outcome.warnings.extend(check_records(result.records))
    outcome.timings["validate"] = building + time.perf_counter() - t3
    outcome.claimed_chars = result.claimed_chars
    outcome.total_chars = result.total_chars
    outcome.unclaimed = result.unclaimed


def _first_error(exc: ValidationError) -> str:
    """``Model.field: message`` for the first problem pydantic found."""
    errors = exc.errors()
    if not errors:
        return str(exc)
    where = ".".join(str(p) for p in errors[0].get("loc", ()))
    return (
        f"{exc.title}.{where}: {errors[0].get('msg', '')}"
        if where
        else f"{exc.title}: {errors[0].get('msg', '')}"
    )


def _note_ambiguity(outcome: Outcome, candidates: Sequence[Candidate], forced: str | None) -> None:
    if forced or not candidates:
        return
    best = candidates[0]
    if best.score < 0.1:
        outcome.warnings.append(Diagnostic(None, f"low layout score: {best.name} {best.score:.2f}"))
    if len(candidates) > 1 and candidates[1].score == best.score and best.score > 0:
        outcome.warnings.append(
            Diagnostic(None, f"layout tie: {best.name} and {candidates[1].name} both scored {best.score:.2f}")
        )
