"""``python -m newsmine.train``: train or evaluate the NER model without the ``newsmine`` command.

python -m newsmine.train ner --arman ../shared/corpora/arman --peyma ../shared/corpora/peyma --out DIR
python -m newsmine.train eval --data FILE [--format arman|peyma] [--model PATH] [--out PRED.conll]
"""

from __future__ import annotations

import argparse
import json
import sys

from newsmine.train.ner import build_clusters, eval_ner, train_ner


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsmine.train")
    sub = ap.add_subparsers(dest="command", required=True)
    tr = sub.add_parser("ner", help="train the CRF NER model (never reads a test split)")
    tr.add_argument("--arman", help="ArmanPersoNER directory (train_fold1.txt is used)")
    tr.add_argument("--peyma", help="PEYMA directory (splits/peyma_train.txt and peyma_dev.txt are used)")
    tr.add_argument("--out", required=True, help="model directory to write")
    tr.add_argument("--clusters", help="word clusters file (word<TAB>ids) to train with and ship")
    tr.add_argument("--c1", type=float, default=0.05)
    tr.add_argument("--c2", type=float, default=0.01)
    tr.add_argument("--iterations", type=int, default=100)
    tr.add_argument("--no-harmonize", action="store_true", help="do not cross-label the corpora's types")
    tr.add_argument(
        "--entity-lexicon", action="store_true", help="also learn from a lexicon of training entities"
    )
    ev = sub.add_parser("eval", help="score a model on a corpus file: per-type P, R, F1")
    ev.add_argument("--data", required=True)
    ev.add_argument("--format", choices=["arman", "peyma"], default=None)
    ev.add_argument("--model", default=None, help="model directory or .crfsuite file (default: shipped)")
    ev.add_argument("--out", default=None, help="write 'token gold predicted' lines here")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    cl = sub.add_parser("clusters", help="word clusters (word2vec + k-means) from unlabeled text")
    cl.add_argument("--out", required=True)
    cl.add_argument("files", nargs="+", help="news JSON files or training corpus files; never a test split")
    args = ap.parse_args(argv)
    if args.command == "clusters":
        print(f"clusters written to {build_clusters(args.files, args.out)}")
        return 0
    if args.command == "ner":
        if not args.arman and not args.peyma:
            ap.error("give --arman, --peyma or both")
        out = train_ner(
            args.arman,
            args.peyma,
            args.out,
            clusters=args.clusters,
            c1=args.c1,
            c2=args.c2,
            max_iterations=args.iterations,
            harmonize=not args.no_harmonize,
            entity_lexicon=args.entity_lexicon,
        )
        print(f"model written to {out}")
        return 0
    report = eval_ner(args.model, args.data, args.format, args.out)
    print(json.dumps(report.to_dict(), indent=2) if args.json else report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
