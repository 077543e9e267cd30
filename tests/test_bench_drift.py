"""The drift option of the benchmark's corpus generator: deterministic, and its truth matches its plans."""

from __future__ import annotations

import pytest

from conftest import ROOT


def test_drift_plans_are_deterministic_and_carry_their_true_series(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    from corpusgen.bank import load_bank
    from corpusgen.drift import drift_plans
    from corpusgen.plan import make_plan

    bank = load_bank(ROOT)
    years = list(range(2012, 2018))
    plans, truth = drift_plans("北区", "kita", years, 1, bank)
    again, truth_again = drift_plans("北区", "kita", years, 1, bank)
    assert truth == truth_again and [p.year for p in plans] == years
    assert [i.title for i in plans[-1].issues] == [i.title for i in again[-1].issues]
    # the first year is the plain generator's plan: drift changes only what follows it
    assert [i.title for i in plans[0].issues] == [
        i.title for i in make_plan("北区", "kita", 2012, 1, bank).issues
    ]
    for plan in plans:
        codes = [i.code for issue in plan.issues for s in issue.strategies for i in s.initiatives]
        assert len(codes) == len(set(codes))
        assert all((plan.year, "initiative", code) in truth for code in codes)
    keys = {key for (_, kind, _), key in truth.items() if kind == "initiative"}
    continuing = {key for key in keys if sum(1 for k in truth.values() if k == key) > 1}
    assert continuing and len(continuing) < len(keys)  # items continue, and some come and go
