"""The quality gate: no dev-set figure falls under its floor in ``eval_baseline.json``, and no set changes
without its floors being pinned again (``newsmine.train.gate``; ``python scripts/pin_eval_baseline.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

import newsmine
from newsmine.schema import Person, Record
from newsmine.train.gate import SETS, DevSet, below_floors, floors_of, measure, read_baseline
from newsmine.train.gold import Report, score

BASE = read_baseline()


@pytest.fixture(scope="module")
def nlp() -> Language:
    return newsmine.load()


@pytest.mark.parametrize("dev", SETS, ids=[s.name for s in SETS])
def test_figures_hold_their_floors(dev: DevSet, corpora: Path, nlp: Language) -> None:
    pinned = BASE["sets"].get(dev.name)
    if not dev.files():
        pytest.skip(f"{dev.name}: no annotation files yet")
    assert pinned is not None, f"{dev.name} has annotations but no floors: run scripts/pin_eval_baseline.py"
    assert dev.digest() == pinned["sha256"], (
        f"{dev.name} changed since its floors were pinned: run scripts/pin_eval_baseline.py --set {dev.name}"
    )
    report = measure(dev, corpora, nlp=nlp)
    if report.skipped and not report.articles:
        pytest.skip(
            f"{dev.name}: the texts of its {sum(report.skipped.values())} articles are not in this copy"
        )
    assert report.articles == pinned["articles"]
    under = below_floors(report, pinned["floors"])
    assert not under, f"{dev.name}: " + "; ".join(under)


def test_a_fall_is_caught() -> None:
    """The gate can fail: a report one person short is under the floors pinned from the full one."""
    gold = {"1": {"people": [{"name": "علی رضایی"}, {"name": "حسن روحانی"}]}}
    full = score(gold, {"1": Record(people=[Person("p1", "علی رضایی"), Person("p2", "حسن روحانی")])})
    short = score(gold, {"1": Record(people=[Person("p1", "علی رضایی")])})
    assert below_floors(full, floors_of(full)) == []
    assert below_floors(short, floors_of(full)) == [
        "people recall: 0.500 < floor 1.000",
        "people f1: 0.666 < floor 1.000",
    ]
    assert isinstance(short, Report)
