"""Crawling the mirror and refreshing a dataset from it: discovery, reuse, accounting, the data package."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.dataset.validate import check_lines
from extract.models import OUTPUT_FILES
from mirror import ASAHI_ATTACHMENTS, TEXTS, WARDS, Site

runner = CliRunner()
NET = ["--delay", "0", "--http-timeout", "0.5", "--deadline", "2"]
DERIVED = ["policies.jsonl", "budgets.jsonl", "changes.jsonl"]
OUTPUTS = [
    *OUTPUT_FILES.values(),
    *DERIVED,
    "sources.jsonl",
    "rejects.jsonl",
    "failures.jsonl",
    "summary.json",
    "datapackage.json",
]


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def write_sources(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(body, encoding="utf-8")
    return path


def page_url(site: Site, slug: str) -> str:
    return f"{site.origin}/{slug}/page/{WARDS[slug][1]}.html"


def basic_sources(site: Site, tmp_path: Path, extra: str = "") -> Path:
    texts = "".join(f'[[source]]\nurl = "{site.origin}/texts/{name}"\n\n' for name in TEXTS)
    return write_sources(
        tmp_path,
        f'[refresh]\noutput = "out"\nstate = "state"\n\n[network]\ndelay = 0\nattempts = 2\nbackoff = 0.01\n\n'
        f'[[source]]\nurl = "{page_url(site, "asahi")}"\nfollow_attachments = true\n\n{texts}{extra}',
    )


def refresh(sources: Path, *args: str) -> Any:
    return runner.invoke(app, ["refresh", str(sources), "--no-isolation", *NET, *args])


# --- crawl ------------------------------------------------------------------------------------


def test_crawl_lists_the_policy_pages_and_their_attachments(mirror: Site) -> None:
    result = runner.invoke(app, ["crawl", *[f"{mirror.origin}/{s}/" for s in WARDS], "--list", *NET])
    assert result.exit_code == 0, result.stderr
    found = [line.split("\t") for line in result.stdout.splitlines()]
    pages = [url for kind, url, _ in found if kind == "page"]
    attachments = [url for kind, url, _ in found if kind == "attachment"]
    assert pages == [page_url(mirror, s) for s in WARDS]
    assert sorted(a.rsplit("/", 1)[1] for a in attachments) == sorted(ASAHI_ATTACHMENTS)
    # noise is not followed: other sections, other events, the robots-disallowed link, the off-site one
    assert not [p for p in mirror.log if p.startswith(("/other/", "/asahi/private/")) or "/2-0" in p]
    assert not any(p.endswith("0000000001.html") for p in mirror.log)


def test_crawl_depth_limits_discovery(mirror: Site) -> None:
    result = runner.invoke(app, ["crawl", f"{mirror.origin}/asahi/", "--list", "--depth", "2", *NET])
    assert result.exit_code == 0 and result.stdout == ""  # the year page is three links away


def test_crawl_to_a_data_package(mirror: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["crawl", f"{mirror.origin}/asahi/", "-o", str(out), "--no-isolation", *NET])
    assert result.exit_code == 0, result.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["sources"] == 6 == summary["parsed"] + summary["rejected"] + summary["failed"]
    assert summary["parsed"] == 6
    sources = lines(out / "sources.jsonl")
    assert [s["kind"] for s in sources] == ["page"] + ["attachment"] * 5
    # the attachments are served as application/pdf but are text: the format comes from the bytes
    assert {s["format"] for s in sources[1:]} == {"text"} and sources[0]["format"] == "html"
    assert all(s["parent"] == page_url(mirror, "asahi") for s in sources[1:])


def test_a_crawl_without_state_keeps_no_http_cache(
    mirror: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_cache(root: Path) -> None:
        raise AssertionError(f"an HTTP cache was opened in {root}, which is deleted after the run")

    monkeypatch.setattr("extract.dataset.refresh.HttpCache", no_cache)
    out = tmp_path / "out"
    result = runner.invoke(app, ["crawl", f"{mirror.origin}/asahi/", "-o", str(out), "--no-isolation", *NET])
    assert result.exit_code == 0, result.stderr
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["parsed"] == 6
    # with --state the cache is kept, and a second crawl revalidates instead of downloading
    monkeypatch.undo()
    state = ["--state", str(tmp_path / "state")]
    for _ in range(2):
        again = runner.invoke(
            app, ["crawl", f"{mirror.origin}/asahi/", "-o", str(out), "--no-isolation", *NET, *state]
        )
        assert again.exit_code == 0, again.stderr
    assert (tmp_path / "state" / "http-cache" / "cache.sqlite").is_file()
    assert "12 requests, 12 not modified, 0 body bytes" in again.stderr


# --- refresh ----------------------------------------------------------------------------------


def test_refresh_then_unchanged_refresh_downloads_nothing_and_parses_nothing(
    mirror: Site, tmp_path: Path
) -> None:
    sources = basic_sources(mirror, tmp_path)
    first = refresh(sources)
    assert first.exit_code == 0, first.stderr
    out = tmp_path / "out"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["sources"] == 9 == summary["parsed"]  # the page, its 5 attachments, 3 texts
    assert "9 parsed now, 0 unchanged" in first.stderr
    before = snapshot(out)
    second = refresh(sources)
    assert second.exit_code == 0, second.stderr
    assert "0 parsed now, 9 unchanged" in second.stderr
    assert "0 body bytes" in second.stderr and "10 not modified" in second.stderr  # 9 sources + robots.txt
    assert snapshot(out) == before
    manifests = list((tmp_path / "state" / "sources").glob("*.json"))
    assert len(manifests) == 9
    m = json.loads(manifests[0].read_bytes())
    assert m["etag"] and m["last_modified"] and len(m["sha256"]) == 64 and m["parser"]["version"]


def test_a_changed_source_is_the_only_one_parsed_again(mirror: Site, tmp_path: Path) -> None:
    sources = basic_sources(mirror, tmp_path)
    assert refresh(sources).exit_code == 0
    path = f"/texts/{TEXTS[1]}"
    ctype, body = mirror.pages[path]
    mirror.pages[path] = (ctype, body.replace("西区".encode(), "西区 ".encode(), 1))
    result = refresh(sources)
    assert result.exit_code == 0, result.stderr
    assert "1 parsed now, 8 unchanged" in result.stderr


def test_a_new_parser_version_reparses_from_the_cache(
    mirror: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = basic_sources(mirror, tmp_path)
    assert refresh(sources).exit_code == 0
    before = snapshot(tmp_path / "out")
    from extract.dataset import refresh as engine

    real = engine._layout_versions
    monkeypatch.setattr(engine, "_layout_versions", lambda: {**real(), "osaka-ward": "99.0.0"})
    result = refresh(sources)
    assert result.exit_code == 0, result.stderr
    assert "9 parsed now, 0 unchanged" in result.stderr and "0 body bytes" in result.stderr
    after = snapshot(tmp_path / "out")
    assert {k: v for k, v in after.items() if k != "datapackage.json"} == {
        k: v for k, v in before.items() if k != "datapackage.json"
    }
    # the package names the layouts that made its records: the same records, the same package
    assert after["datapackage.json"] == before["datapackage.json"]


def test_offline_refresh_makes_no_request(mirror: Site, tmp_path: Path) -> None:
    sources = basic_sources(mirror, tmp_path)
    assert refresh(sources).exit_code == 0
    before = snapshot(tmp_path / "out")
    requests = len(mirror.log)
    result = refresh(sources, "--offline")
    assert result.exit_code == 0, result.stderr
    assert len(mirror.log) == requests and "0 requests" in result.stderr
    assert snapshot(tmp_path / "out") == before


def test_faults_are_recorded_and_every_source_is_accounted_for(mirror: Site, tmp_path: Path) -> None:
    from rawserver import RawServer

    raw = RawServer(hold=1.5)
    try:
        mirror.pages["/texts/copy.txt"] = mirror.pages[f"/texts/{TEXTS[0]}"]
        extra = "".join(
            f'[[source]]\nurl = "{u}"\n\n'
            for u in [
                f"{mirror.origin}/texts/missing.txt",
                f"{mirror.origin}/asahi/private/secret.txt",
                f"{mirror.origin}/texts/copy.txt",
                raw.url("/silent"),
                raw.url("/short"),
            ]
        )
        sources = basic_sources(mirror, tmp_path, extra)
        result = refresh(sources, "--allow-host", "127.0.0.1")
    finally:
        raw.stop()
    assert result.exit_code == 1
    out = tmp_path / "out"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["sources"] == 14 and summary["parsed"] == 9
    assert summary["sources"] == summary["parsed"] + summary["rejected"] + summary["failed"]
    failures = {f["source"].rsplit("/", 1)[1]: f for f in lines(out / "failures.jsonl")}
    assert failures["missing.txt"]["message"] == "HTTP 404" and failures["missing.txt"]["stage"] == "fetch"
    assert failures["secret.txt"]["error"] == "RobotsDisallowed"
    assert (
        "timed out" in failures["silent"]["message"] and failures["silent"]["locator"] == "after 2 attempts"
    )
    assert "broken response" in failures["short"]["message"]
    rejects = lines(out / "rejects.jsonl")
    assert [r["source"] for r in rejects] == [f"{mirror.origin}/texts/copy.txt"]
    assert rejects[0]["reason"] == f"same content as {mirror.origin}/texts/{TEXTS[0]}"
    statuses = {s["url"].rsplit("/", 1)[1]: s["status"] for s in lines(out / "sources.jsonl")}
    assert statuses["copy.txt"] == "rejected" and statuses["missing.txt"] == "failed"
    assert len(statuses) == 14
    assert "error: " in result.stderr and "rejected: " in result.stderr


def test_a_failed_fetch_keeps_the_earlier_copy(mirror: Site, tmp_path: Path) -> None:
    sources = basic_sources(mirror, tmp_path)
    assert refresh(sources).exit_code == 0
    before = snapshot(tmp_path / "out")
    path = f"/texts/{TEXTS[2]}"
    mirror.faults[path] = 500
    result = refresh(sources)
    assert result.exit_code == 1, result.stderr
    assert f"stale: {mirror.origin}{path}: fetch failed (HTTP 500" in result.stderr
    after = snapshot(tmp_path / "out")
    summary = json.loads(after["summary.json"])
    assert summary["parsed"] == 9 and summary["failed"] == 0
    assert any("the copy fetched earlier is used" in w["message"] for w in summary["warnings"])
    for name in OUTPUT_FILES.values():
        assert after[name] == before[name]


def test_a_published_source_the_site_removed_leaves_the_dataset(mirror: Site, tmp_path: Path) -> None:
    sources = basic_sources(mirror, tmp_path)
    assert refresh(sources).exit_code == 0
    before = lines(tmp_path / "out" / "documents.jsonl")
    path = f"/texts/{TEXTS[2]}"
    del mirror.pages[path]  # the site now answers 404: it says the source is gone
    result = refresh(sources)
    assert result.exit_code == 0, result.stderr
    assert f"removed: {mirror.origin}{path}: the site answers HTTP 404" in result.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["removed"] == 1 and summary["parsed"] == 8
    after = lines(tmp_path / "out" / "documents.jsonl")
    assert [d for d in before if not d["source"]["uri"].endswith(path)] == after


def test_a_bad_sources_file_is_a_usage_error(tmp_path: Path) -> None:
    sources = write_sources(tmp_path, '[[source]]\nurl = "https://x.invalid/"\nfolow_attachments = true\n')
    result = runner.invoke(app, ["refresh", str(sources), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "source.0.folow_attachments" in result.stderr and "Extra inputs" in result.stderr
    result = runner.invoke(app, ["refresh", str(tmp_path / "none.toml"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "no such sources file" in result.stderr


def test_the_output_folder_is_a_valid_data_package(mirror: Site, tmp_path: Path) -> None:
    import frictionless

    assert refresh(basic_sources(mirror, tmp_path)).exit_code == 0
    out = tmp_path / "out"
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and "Osaka" in package["sources"][0]["title"]
    assert package["generator"]["name"] == "extract" and package["generator"]["version"]
    names = [r["path"] for r in package["resources"]]
    assert names == [*OUTPUT_FILES.values(), *DERIVED, "sources.jsonl", "rejects.jsonl", "failures.jsonl"]
    import jsonschema

    checked = 0
    for res in package["resources"]:
        schema = json.loads((out / res["jsonschema"]).read_text(encoding="utf-8"))
        for row in lines(out / res["path"]):
            jsonschema.validate(row, schema)
            checked += 1
    assert checked > 50
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    # a changed byte is caught by the package's hash
    (out / "issues.jsonl").write_bytes((out / "issues.jsonl").read_bytes().replace(b"1", b"2", 1))
    assert not frictionless.validate(str(out / "datapackage.json")).valid


def test_follow_attachments_on_a_url(mirror: Site) -> None:
    result = runner.invoke(app, [page_url(mirror, "asahi"), "--follow-attachments", "--no-isolation", *NET])
    assert result.exit_code == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines() if '"type":"document"' in line]
    uris = [d["source"]["uri"] for d in docs]
    assert uris[0] == page_url(mirror, "asahi")
    assert sorted(u.rsplit("/", 1)[1] for u in uris[1:]) == sorted(ASAHI_ATTACHMENTS)


def test_invalid_lines_are_rejected() -> None:
    doc = '{"type":"document","id":"d","doc_id":"d"}'
    assert check_lines({"document": [doc]}) is not None  # fails the model
    nan = '{"type":"indicator","target_value":NaN}'
    problem = check_lines({"indicator": [nan]})
    assert problem is not None and "not strict JSON" in problem.reason
