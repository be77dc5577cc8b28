"""Choose the Fars News articles of the dev gold set, reproducibly (prints one news id a line).

An article qualifies when its body is 400 to 2,500 characters, holds a speech verb (an official speaks) and
at least one digit (a figure to claim). The qualifying articles are ordered by the SHA-1 of their id, which
mixes years and sections without our choosing, and the first N are taken.

    python scripts/select_dev_gold.py --corpora ../shared/corpora -n 48 > corpora/dev-gold/ids.txt
"""

from __future__ import annotations

import argparse
import hashlib
import re
from pathlib import Path

from newsmine.train.farsnews import read_farsnews

SPEECH = re.compile(r"گفت|افزود|اظهار|تصريح|تصریح|تاكيد|تأکید|تاکید|بيان|بیان|خبر داد|اعلام")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--corpora", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpora"
    )
    ap.add_argument("-n", type=int, default=48)
    args = ap.parse_args()
    ok = [
        a
        for a in read_farsnews(args.corpora / "farsnews")
        if 400 <= len(a.text) <= 2500 and SPEECH.search(a.text) and re.search(r"[0-9۰-۹]", a.text)
    ]
    ok.sort(key=lambda a: hashlib.sha1(a.id.encode()).hexdigest())
    for a in ok[: args.n]:
        print(a.id)


if __name__ == "__main__":
    main()
