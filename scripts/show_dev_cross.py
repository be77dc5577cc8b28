"""Print articles of the cross-outlet dev set as newsmine is given them, for annotating (no extraction).

python scripts/show_dev_cross.py tabnak:953251 farexstance:12:0a1b2c3d
python scripts/show_dev_cross.py --batch 2 --of 5      # rows 2, 7, 12, ... of corpora/dev-cross/ids.tsv
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsmine.train.crossnews import find_items

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ids", nargs="*")
    ap.add_argument("--batch", type=int, help="1-based batch number")
    ap.add_argument("--of", type=int, default=5, help="how many batches the ids are dealt into")
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = ap.parse_args()
    ids = list(args.ids)
    if args.batch:
        rows = (ROOT / "corpora" / "dev-cross" / "ids.tsv").read_text(encoding="utf-8").splitlines()[1:]
        ids += [r.split("\t")[0] for k, r in enumerate(rows) if k % args.of == args.batch - 1]
    items = find_items(ids, args.corpora, ROOT / "corpora" / "dev-cross")
    for i in ids:
        item = items.get(i)
        print(f"===== {i}")
        if item is None:
            print("(not found)")
            continue
        for field in ("url", "published", "title", "lead", "text"):
            if item.get(field):
                print(f"--- {field}\n{item[field]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
