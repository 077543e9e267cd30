"""Which policy a document belongs to, and what it is within it; applied after any layout.

One ward's policy for one year is published several times over: the CMS page,
a PDF per 様式 form, a workbook with every form, sometimes a draft first.  The
*policy id* names the policy those copies share (city, ward or bureau, fiscal
year, draft or final: ``osaka-kita-2016-final``) and the *role* says what each
copy is, so a dataset can hold them all and still count each item once (see
:mod:`extract.dataset.policies`).  Both are decided from the document record
and the records beside it, never from a file name, so every layout (plugins
included) gets them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .blocks import Block
from .japanese import fold
from .models import DocumentRecord, Record
from .revisions import find_revisions
from .sites import city_slug
from .vocab import Role

__all__ = ["annotate", "policy_id_of", "role_of"]

_FORM_RE = re.compile(r"様式\s*([1-3])(?![0-9])")
_FORMS = {"1": Role.FORM1, "2": Role.FORM2, "3": Role.FORM3}


def policy_id_of(doc: DocumentRecord) -> str:
    """``city-issuer-year-status``: what every copy of one policy has in common.

    >>> from extract.models import DocumentRecord as D
    >>> base = dict(id="x", doc_id="x", source={"uri": "x", "sha256": "0" * 64, "format": "text"},
    ...             parser={"name": "p", "version": "1"}, city="大阪市", ward="北区", ward_slug="kita",
    ...             fiscal_year=2016, fiscal_year_label=None, status="final", title=None, updated_on=None,
    ...             page_id=None, goals=[], missions=[], policies=[], ward_chief=None, attachments=[])
    >>> policy_id_of(D(**base))
    'osaka-kita-2016-final'
    >>> policy_id_of(D(**{**base, "ward": None, "ward_slug": None, "organization": "ICT戦略室", "status": "draft"}))
    'osaka-ICT戦略室-2016-draft'
    >>> policy_id_of(D(**{**base, "city": None, "ward_slug": None, "ward": None, "fiscal_year": None}))
    'unknown-unknown-unknown-final'
    """
    city = city_slug(doc.city) or doc.city or "unknown"
    issuer = doc.ward_slug or doc.organization or doc.ward or "unknown"
    year = str(doc.fiscal_year) if doc.fiscal_year else "unknown"
    return f"{city}-{issuer}-{year}-{doc.status}".replace(" ", "")


def _forms_named(blocks: Sequence[Block]) -> set[Role]:
    """The 様式 forms the document's headings name (``重点的に取り組む主な経営課題(様式2)``, ``【様式1】``)."""
    named: set[Role] = set()
    for block in blocks:
        if block.kind == "table_row" or len(block.text) > 60:
            continue
        for m in _FORM_RE.finditer(fold(block.text)):
            named.add(_FORMS[m.group(1)])
    return named


def role_of(fmt: str | None, doc: DocumentRecord, records: Sequence[Record], blocks: Sequence[Block]) -> Role:
    """The document's role: the workbook, the page, one 様式 form, or other.

    A workbook is an XLSX; a page is HTML, or any copy of a page (it has the
    CMS page number or update date); a form is a document whose records are
    those of one form (様式3: reform items only; 様式1: issues without
    strategies; 様式2: strategies and initiatives) and whose headings name no
    other form.  A file with several forms is ``other``.
    """
    if fmt == "xlsx":
        return Role.WORKBOOK
    if fmt == "html" or doc.page_id or doc.updated_on:
        return Role.PAGE
    types = {r.type for r in records}
    forms: set[Role] = set()
    if "reform_item" in types:
        forms.add(Role.FORM3)
    if types & {"strategy", "initiative"}:
        forms.add(Role.FORM2)
    elif "issue" in types:
        forms.add(Role.FORM1)
    forms |= _forms_named(blocks) if len(forms) == 1 else set()
    if len(forms) == 1:
        return next(iter(forms))
    return Role.OTHER


def annotate(records: list[Record], blocks: Sequence[Block], fmt: str | None) -> list[Record]:
    """``records`` with their policy id, and the document with its role and revisions."""
    doc = next((r for r in records if isinstance(r, DocumentRecord)), None)
    if doc is None:
        return records
    policy_id = policy_id_of(doc)
    out: list[Record] = []
    for record in records:
        if record is doc:
            update = {
                "policy_id": policy_id,
                "role": role_of(fmt, doc, records, blocks),
                "revisions": find_revisions(blocks),
            }
            out.append(doc.model_copy(update=update))
        else:
            out.append(record.model_copy(update={"policy_id": policy_id}))
    return out
