"""Choose word clusters on the dev splits only (never a test split): micro F1 of a CRF trained with each
clusters file.

- Arman dev: ``split_dev`` of ArmanPersoNER train_fold1 (a fixed 10%), training on the other 90%;
- PEYMA dev: training on ``peyma_train.txt``, scoring ``peyma_dev.txt``.

One corpus at a time (no augmentation), c1 0.05, c2 0.01, ``--iterations`` (100), the known-entity features
on or off (``--no-known``: the feature set of ``ner-crf``; on: that of ``ner-crf-aug``).

    python bench/ner_dev_clusters.py CLUSTERS.tsv [CLUSTERS.tsv ...] [--corpora DIR] [--only arman|peyma]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsmine.models.crf import read_clusters
from newsmine.train.corpus import LABEL_MAPS, read_corpus
from newsmine.train.ner import holdout_score, split_dev

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("clusters", nargs="+", help="clusters files ('none': no clusters)")
    ap.add_argument("--corpora", default=str(REPO.parent / "shared" / "corpora"))
    ap.add_argument("--iterations", type=int, default=100)
    ap.add_argument("--no-known", action="store_true")
    ap.add_argument("--only", choices=("arman", "peyma"))
    args = ap.parse_args()
    corpora = Path(args.corpora)
    known = not args.no_known
    splits = {}
    if args.only in (None, "arman"):
        train, dev = split_dev(read_corpus(corpora / "arman" / "train_fold1.txt", "arman").sentences)
        splits["arman"] = (train, dev)
    if args.only in (None, "peyma"):
        base = corpora / "peyma" / "splits"
        splits["peyma"] = (
            read_corpus(base / "peyma_train.txt", "peyma").sentences,
            read_corpus(base / "peyma_dev.txt", "peyma").sentences,
        )
    for path in args.clusters:
        clusters = {} if path == "none" else read_clusters(path)
        for name, (train, dev) in splits.items():
            t0 = time.time()
            types = sorted(LABEL_MAPS[name].values())
            r = holdout_score(
                train,
                dev,
                clusters=clusters,
                known=known,
                types=types,
                c1=0.05,
                c2=0.01,
                max_iterations=args.iterations,
            )
            p, rc, f, n = r.micro
            print(
                f"{path}\t{name} dev\tP {100 * p:.2f}\tR {100 * rc:.2f}\tF1 {100 * f:.2f}\t"
                f"gold {n}\tknown {known}\t{time.time() - t0:.0f}s",
                flush=True,
            )


if __name__ == "__main__":
    main()
