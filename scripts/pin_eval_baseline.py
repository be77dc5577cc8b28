"""Measure the dev sets and pin the quality gate's floors (``eval_baseline.json``) at what was measured.

    python scripts/pin_eval_baseline.py                      # every set this copy can score
    python scripts/pin_eval_baseline.py --set dev-cross-iran
    python scripts/pin_eval_baseline.py --lower "why"        # allowed to lower floors; the reason is kept

A floor is never lowered silently: when a figure measured now is under its floor, the script stops and lists
them, unless ``--lower`` gives the reason, which is added to the file's ``lowered`` list with the figures
(name it in the note of the change). A set whose texts this copy lacks (the Dari pages) keeps its floors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from newsmine.train.gate import BASELINE, SETS, below_floors, floors_of, measure, read_baseline


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", choices=[s.name for s in SETS])
    ap.add_argument("--lower", metavar="WHY", help="allow floors to go down, for this reason")
    ap.add_argument("--corpora", type=Path, default=None, help="the shared corpora folder")
    args = ap.parse_args()
    base = read_baseline()
    sets = [s for s in SETS if not args.set or s.name in args.set]
    refused: list[str] = []
    for dev in sets:
        if not dev.files():
            print(f"{dev.name}: no annotation files, left as it is")
            continue
        report = measure(dev, args.corpora)
        if report.skipped and not report.articles:
            print(f"{dev.name}: texts not in this copy, floors left as they are")
            continue
        old = base["sets"].get(dev.name, {})
        lower = below_floors(report, old.get("floors", {}))
        if lower and not args.lower:
            refused += [f"{dev.name}: {line}" for line in lower]
            continue
        if lower:
            base.setdefault("lowered", []).extend(
                {"set": dev.name, "figure": line, "why": args.lower, "date": dt.date.today().isoformat()}
                for line in lower
            )
        base["sets"][dev.name] = {
            "folder": str(dev.folder.relative_to(BASELINE.parent)),
            "files": dev.pattern,
            "sha256": dev.digest(),
            "articles": report.articles,
            "floors": floors_of(report),
        }
        print(f"{dev.name}: {report.articles} articles pinned")
    if refused:
        print("figures under their floors (pass --lower WHY to pin them anyway):", file=sys.stderr)
        print("\n".join(refused), file=sys.stderr)
        return 1
    BASELINE.write_text(json.dumps(base, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
