"""A fixed set of real articles and a digest of each field of their Records: the check that a change meant
to keep behaviour (a refactor, a speed-up) keeps every Record as it was.

The articles are read from ``../shared/corpora`` (research-licensed: read there, never copied): the Fars
News articles, the seed articles, the bundled sample and the first articles of each news-diverse outlet.
What the repository keeps (``corpora/snapshots/records.json``, no text) is a digest of each Record field over
all the articles, and a digest of each article's whole Record. ``tests/test_snapshot.py`` extracts the
articles again and names the fields and the articles whose digest changed; ``bench/records_snapshot.py`` writes the digests anew once a
change of output is intended, and compares two full snapshots to show what changed.

>>> snap = Snapshot()
>>> snap.add("a1", {"people": [], "claims": [{"value": 3}]})
>>> snap.add("a2", {"people": [], "claims": []})
>>> snap.records
{'a1': '20bdd9ae8cea', 'a2': '89fb33d58973'}
>>> Snapshot.changes(snap.to_dict(), {**snap.to_dict(), "records": {"a1": "0", "a2": "89fb33d58973"}})
(['(none)'], ['a1'])
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["DIGESTS", "PER_OUTLET", "Snapshot", "snapshot_items"]

#: the digests kept in the repository
DIGESTS = Path(__file__).resolve().parents[2] / "corpora" / "snapshots" / "records.json"
SAMPLE = Path(__file__).resolve().parents[2] / "corpora" / "samples" / "sample-article.txt"
#: how many articles of each news-diverse outlet
PER_OUTLET = 60


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")


class Snapshot:
    """Digests of Records, added in a fixed order: one per field over all of them, one per Record."""

    def __init__(self) -> None:
        self._fields: dict[str, Any] = {}
        self.records: dict[str, str] = {}

    def add(self, key: str, record: dict[str, Any]) -> None:
        """Add one Record (its ``to_dict()``) under ``key``."""
        for name, value in record.items():
            self._fields.setdefault(name, hashlib.sha256()).update(_json([key, value]))
        self.records[key] = hashlib.sha256(_json(record)).hexdigest()[:12]

    @property
    def fields(self) -> dict[str, str]:
        return {name: h.hexdigest()[:12] for name, h in self._fields.items()}

    def to_dict(self) -> dict[str, Any]:
        return {"fields": self.fields, "records": self.records}

    def write(self, path: Path = DIGESTS) -> None:
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    @staticmethod
    def read(path: Path = DIGESTS) -> dict[str, Any]:
        return json.loads(path.read_text(encoding="utf-8"))

    @staticmethod
    def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[list[str], list[str]]:
        """(the fields, the articles) whose digests differ (a field or article in one only counts too);
        no field but some article: ``["(none)"]``."""
        fa, fb = before["fields"], after["fields"]
        ra, rb = before["records"], after["records"]
        fields = sorted(n for n in set(fa) | set(fb) if fa.get(n) != fb.get(n))
        records = [k for k in dict.fromkeys([*ra, *rb]) if ra.get(k) != rb.get(k)]
        return (fields or (["(none)"] if records else [])), records


def snapshot_items(corpora: Path, per_outlet: int = PER_OUTLET) -> Iterator[tuple[str, Any]]:
    """(key, input for ``newsmine.extract``) pairs in a fixed order."""
    from newsmine.train.farsnews import read_farsnews

    for a in read_farsnews(corpora / "farsnews"):
        yield f"fars:{a.id}", a.as_input()
    for path in sorted((corpora / "seeds").glob("*.txt")):
        yield f"seed:{path.stem}", path.read_bytes()
    yield "sample", SAMPLE.read_text(encoding="utf-8")
    for path in sorted((corpora / "news-diverse").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n >= per_outlet:
                    break
                row = json.loads(line)
                item = {k: row.get(k) for k in ("text", "title", "lead", "url", "published") if row.get(k)}
                yield f"{row['id']}", item
