"""Snapshot the full Records of a fixed set of real articles, and compare two snapshots field by field.

    python bench/records_snapshot.py write ../before.jsonl      # before a change
    python bench/records_snapshot.py write ../after.jsonl       # after it
    python bench/records_snapshot.py compare ../before.jsonl ../after.jsonl [--show 5]
    python bench/records_snapshot.py digests      # rewrite corpora/snapshots/records.json (tests check it)

The set (``newsmine.train.snapshot``): the 900 Fars News articles, the two seed articles, the bundled sample,
and the first 60 articles of each news-diverse outlet (``--per-outlet``), read from ``../shared/corpora``
(research-licensed: read there; a snapshot holds their text, so write it outside the repository; the
digests hold none and live in ``corpora/snapshots``). ``compare`` prints, per Record
field, how many articles differ, and a few examples; a refactor that must keep behaviour prints no field.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def write(out: Path, per_outlet: int) -> int:
    import newsmine
    from newsmine.train.snapshot import snapshot_items

    nlp = newsmine.load()
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for key, item in snapshot_items(SHARED, per_outlet):
            rec = newsmine.extract(item, nlp=nlp)
            fh.write(json.dumps({"key": key, "record": rec.to_dict()}, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} records written to {out}")
    return 0


def digests(out: Path) -> int:
    """The digests tests/test_snapshot.py checks (newsmine.train.snapshot.Snapshot)."""
    import newsmine
    from newsmine.train.snapshot import Snapshot, snapshot_items

    nlp = newsmine.load()
    snap = Snapshot()
    for key, item in snapshot_items(SHARED):
        snap.add(key, newsmine.extract(item, nlp=nlp).to_dict())
    snap.write(out)
    print(f"digests of {len(snap.records)} records written to {out}")
    return 0


def _read(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return {row["key"]: _v1(row["record"]) for row in map(json.loads, fh)}


def _v1(value: Any) -> Any:
    """A record in the shape of schema 1, for comparing across the change to 2: body mentions as
    ``[start, end]``, no ``field`` where it is "body" (title and kicker mentions keep theirs)."""
    if isinstance(value, dict):
        if set(value) == {"start", "end", "field"} and value["field"] == "body":
            return [value["start"], value["end"]]
        return {k: _v1(v) for k, v in value.items() if not (k == "field" and v == "body") and k != "schema"}
    if isinstance(value, list):
        return [_v1(v) for v in value]
    return value


def compare(a: Path, b: Path, show: int, ignore: list[str]) -> int:
    before, after = _read(a), _read(b)
    missing = sorted(set(before) ^ set(after))
    if missing:
        print(f"{len(missing)} keys in one snapshot only, e.g. {missing[:3]}")
    diff: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for key in sorted(set(before) & set(after)):
        x, y = before[key], after[key]
        for name in sorted(set(x) | set(y)):
            if name in ignore or x.get(name) == y.get(name):
                continue
            diff[name] += 1
            if len(examples.setdefault(name, [])) < show:
                examples[name].append(
                    f"  {key}:\n    before {_short(x.get(name))}\n    after  {_short(y.get(name))}"
                )
    print(f"{len(set(before) & set(after))} records compared")
    for name, count in diff.most_common():
        print(f"{name}: {count} records differ")
        print("\n".join(examples[name]))
    return 1 if diff or missing else 0


def _short(value: Any, limit: int = 400) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "..."


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    w.add_argument("--per-outlet", type=int, default=60)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--show", type=int, default=3)
    c.add_argument("--ignore", nargs="*", default=[])
    d = sub.add_parser("digests")
    d.add_argument("out", type=Path, nargs="?")
    args = ap.parse_args(argv)
    if args.cmd in ("write", "digests") and not SHARED.is_dir():
        print(f"no corpora at {SHARED}", file=sys.stderr)
        return 2
    if args.cmd == "write":
        return write(args.out, args.per_outlet)
    if args.cmd == "digests":
        from newsmine.train.snapshot import DIGESTS

        return digests(args.out or DIGESTS)
    return compare(args.before, args.after, args.show, args.ignore)


if __name__ == "__main__":
    sys.exit(main())
