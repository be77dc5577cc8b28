"""Every Record of a fixed set of real articles is what it was when ``corpora/snapshots/records.json`` was
written: a refactor or a speed-up changes no output. A change of output that is meant (a new rule, a
fixed error) rewrites the digests, after a look at what changed:

    python bench/records_snapshot.py write ../after.jsonl     # (and ../before.jsonl from the old code)
    python bench/records_snapshot.py compare ../before.jsonl ../after.jsonl
    python bench/records_snapshot.py digests
"""

from __future__ import annotations

from pathlib import Path

import newsmine
from newsmine.train.snapshot import DIGESTS, Snapshot, snapshot_items


def test_records_are_unchanged(corpora: Path) -> None:
    nlp = newsmine.load()
    snap = Snapshot()
    for key, item in snapshot_items(corpora):
        snap.add(key, newsmine.extract(item, nlp=nlp).to_dict())
    fields, records = Snapshot.changes(Snapshot.read(DIGESTS), snap.to_dict())
    assert not records, (
        f"{len(records)} Records changed (fields: {', '.join(fields)}), e.g. {records[:5]}; if that is "
        "meant, see this module's docstring"
    )


def test_a_change_is_named() -> None:
    """The check can fail: one field of one Record changed is named, with the Record."""
    a, b = Snapshot(), Snapshot()
    rec = {"people": [{"name": "حسن روحانی"}], "claims": []}
    for key in ("x", "y"):
        a.add(key, rec)
        b.add(key, rec if key == "x" else {**rec, "claims": [{"value": 3}]})
    assert Snapshot.changes(a.to_dict(), b.to_dict()) == (["claims"], ["y"])
    assert Snapshot.changes(a.to_dict(), a.to_dict()) == ([], [])
