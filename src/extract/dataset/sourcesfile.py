"""The sources file: what a refresh fetches, and how (TOML, read with :mod:`tomllib`).

::

    [refresh]                       # paths are relative to this file; command-line options win
    output = "dataset"
    state = ".extract-state"
    max_shrink = 0.25               # publish nothing that would lose more of the dataset (--allow-shrink)

    [network]                       # every key optional; see NetConfig for the defaults
    contact = "mailto:opendata@example.org"
    delay = 1.0

    [defaults]                      # for every [[source]] and [[crawl]] that does not say otherwise
    follow_attachments = true

    [[source]]
    url = "https://www.city.osaka.lg.jp/kita/page/0000350991.html"

    [[crawl]]
    osaka = true                    # the 24 wards' top pages; or start = ["https://…/kita/"]
    depth = 4

Unknown keys are errors (a typo must not silently change a nightly job).
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .._exceptions import UsageError
from ..formats.detect import Format
from ..net import NetConfig
from ..net.crawl import DEFAULT_DEPTH, DOCUMENT_PATTERN, NAVIGATION_PATTERN, CrawlSpec, osaka_start_urls

__all__ = ["PackageInfo", "SourcesFile", "load_sources_file"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _http_url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError("must be an http:// or https:// URL")
    return value


class RefreshSection(_Strict):
    output: str | None = None
    state: str | None = None
    max_shrink: Annotated[float, Field(ge=0, le=1)] | None = None
    """Largest share of the published sources or records a run may lose and still publish."""


class NetworkSection(_Strict):
    contact: str | None = None
    delay: Annotated[float, Field(ge=0)] | None = None
    timeout: Annotated[float, Field(gt=0)] | None = None
    deadline: Annotated[float, Field(gt=0)] | None = None
    attempts: Annotated[int, Field(ge=1, le=10)] | None = None
    backoff: Annotated[float, Field(ge=0)] | None = None
    max_retry_after: Annotated[float, Field(ge=0)] | None = None
    max_size_mb: Annotated[float, Field(gt=0)] | None = None
    allow_hosts: list[str] = Field(default_factory=list)


class DefaultsSection(_Strict):
    follow_attachments: bool = True
    format: Format | None = None
    layout: str | None = None


class PackageInfo(_Strict):
    """How the output folder describes itself in ``datapackage.json``."""

    name: Annotated[str, Field(pattern=r"^[a-z0-9._-]+$")] = "osaka-ward-management-policies"
    title: str = "大阪市 区運営方針 / Osaka City ward management policies"
    description: str = (
        "Osaka City ward 運営方針 (goals, issues, strategies, initiatives, budgets, indicators and "
        "reform items) extracted from the city's pages and their PDF/XLSX attachments."
    )
    publisher: str = "City of Osaka (大阪市)"
    publisher_url: str = "https://www.city.osaka.lg.jp/"
    license: str = "CC-BY-4.0"
    license_title: str = "Creative Commons Attribution 4.0 International"
    license_url: str = "https://creativecommons.org/licenses/by/4.0/"


class SourceEntry(_Strict):
    url: str
    follow_attachments: bool | None = None

    _check_url = field_validator("url")(_http_url)


class CrawlEntry(_Strict):
    start: list[str] = Field(default_factory=list)
    osaka: bool = False
    depth: Annotated[int, Field(ge=0, le=10)] = DEFAULT_DEPTH
    follow_attachments: bool | None = None
    documents: str = DOCUMENT_PATTERN
    navigation: str = NAVIGATION_PATTERN

    @field_validator("start")
    @classmethod
    def _check_start(cls, value: list[str]) -> list[str]:
        return [_http_url(v) for v in value]

    @model_validator(mode="after")
    def _somewhere_to_start(self) -> CrawlEntry:
        if not self.start and not self.osaka:
            raise ValueError("a crawl needs start = [URL, …] or osaka = true")
        return self


class SourcesFile(_Strict):
    """A parsed sources file."""

    refresh: RefreshSection = RefreshSection()
    network: NetworkSection = NetworkSection()
    defaults: DefaultsSection = DefaultsSection()
    package: PackageInfo = PackageInfo()
    source: list[SourceEntry] = Field(default_factory=list)
    crawl: list[CrawlEntry] = Field(default_factory=list)

    def crawl_specs(self) -> list[CrawlSpec]:
        """The ``[[crawl]]`` entries as crawl specifications, the defaults filled in."""
        specs = []
        for entry in self.crawl:
            start = [*(osaka_start_urls() if entry.osaka else []), *entry.start]
            follow = (
                self.defaults.follow_attachments
                if entry.follow_attachments is None
                else entry.follow_attachments
            )
            specs.append(
                CrawlSpec(
                    start=tuple(dict.fromkeys(start)),
                    depth=entry.depth,
                    follow_attachments=follow,
                    documents=entry.documents,
                    navigation=entry.navigation,
                )
            )
        return specs

    def net_config(self, base: NetConfig) -> NetConfig:
        """``base`` with this file's [network] values applied."""
        n = self.network
        changes: dict[str, object] = {}
        if n.contact is not None:
            changes["contact"] = n.contact
        if n.delay is not None:
            changes["delay"] = n.delay
        if n.timeout is not None:
            changes["read_timeout"] = n.timeout
            changes["connect_timeout"] = min(base.connect_timeout, n.timeout)
        if n.deadline is not None:
            changes["deadline"] = n.deadline
        if n.attempts is not None:
            changes["attempts"] = n.attempts
        if n.backoff is not None:
            changes["backoff"] = n.backoff
        if n.max_retry_after is not None:
            changes["max_retry_after"] = n.max_retry_after
        if n.max_size_mb is not None:
            changes["max_bytes"] = int(n.max_size_mb * 1024 * 1024)
        if n.allow_hosts:
            changes["allowed_hosts"] = base.allowed_hosts | {h.lower() for h in n.allow_hosts}
        return replace(base, **changes)  # type: ignore[arg-type]


def load_sources_file(path: Path) -> SourcesFile:
    """Read and check ``path``; every problem is a :class:`UsageError` naming the file and the key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError("no such sources file", source=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read: {exc}", source=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"not valid TOML: {exc}", source=str(path)) from None
    try:
        parsed = SourcesFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise UsageError(first.get("msg", "invalid"), source=str(path), locator=where or None) from None
    if not parsed.source and not parsed.crawl:
        raise UsageError("no [[source]] or [[crawl]] entries", source=str(path))
    return parsed
