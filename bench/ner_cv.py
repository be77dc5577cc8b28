"""NER quality against published figures.

1. ArmanPersoNER 3-fold: train on train_foldK, score on test_foldK (K = 1..3), with the features and
   settings of the model given (``--model``, default the shipped one; Arman data only, so no domain
   augmentation) and its word clusters (no Arman text in either shipped model's: ner-crf's from Fars News,
   RSS items and PEYMA train+dev, ner-crf-aug's from ``scripts/build_news_clusters.py``); prints per-type
   and micro P/R/F1 per fold and the mean micro F1.
2. That model (trained on Arman train_fold1 + PEYMA train + dev) on PEYMA test and Arman test_fold1.

    python bench/ner_cv.py [--corpora ../shared/corpora] [--model DIR] [--skip-cv] [--folds 1,2,3]

Published 3-fold Arman F1: SVM-HMM 72.59, BiLSTM-CRF 77.45, Deep-CRF 81.50, mBERT 84.03, LSTM-CRF 86.55.
Published PEYMA F1: rule-based + CRF 84.00, mBERT 90.59, ParsBERT 93.40.
"""

from __future__ import annotations

import argparse
import json
import time
from importlib import resources
from pathlib import Path

from newsmine.models.crf import CLUSTERS_FILE, LEXICONS_DIR, META_FILE, read_clusters
from newsmine.train.corpus import read_corpus
from newsmine.train.ner import eval_ner, holdout_score

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", default=str(REPO.parent / "shared" / "corpora"))
    ap.add_argument("--model", default=str(resources.files("newsmine") / "models" / "ner-crf"))
    ap.add_argument("--skip-cv", action="store_true")
    ap.add_argument("--folds", default="1,2,3")
    args = ap.parse_args()
    corpora = Path(args.corpora)
    model = Path(args.model)
    meta = json.loads((model / META_FILE).read_text(encoding="utf-8"))
    clusters = read_clusters(model / CLUSTERS_FILE)
    known = bool(meta.get("features", {}).get("known_entities", True))  # the model's feature set
    if not args.skip_cv:
        scores = []
        for k in map(int, args.folds.split(",")):
            train = read_corpus(corpora / "arman" / f"train_fold{k}.txt").sentences
            test = read_corpus(corpora / "arman" / f"test_fold{k}.txt").sentences
            t0 = time.time()
            report = holdout_score(
                train,
                test,
                clusters=clusters,
                known=known,
                c1=meta["c1"],
                c2=meta["c2"],
                max_iterations=meta["max_iterations"],
                entity_lexicon=meta.get("entity_lexicon", False),
                lexicons=model / LEXICONS_DIR,
            )
            scores.append(report.f1)
            print(f"== ArmanPersoNER fold {k} (train {time.time() - t0:.0f}s)\n{report}\n", flush=True)
        print(f"ArmanPersoNER {len(scores)}-fold mean micro F1: {100 * sum(scores) / len(scores):.2f}")
        print("  per fold:", ", ".join(f"{100 * s:.2f}" for s in scores), "\n", flush=True)
    print(f"== shipped model ({', '.join(meta['trained_on'])})")
    for name, path, fmt in (
        ("PEYMA test", corpora / "peyma" / "splits" / "peyma_test.txt", "peyma"),
        ("ArmanPersoNER test_fold1", corpora / "arman" / "test_fold1.txt", "arman"),
    ):
        report = eval_ner(model, path, fmt)
        print(f"-- {name} (types scored: {' '.join(report.types)})\n{report}\n", flush=True)


if __name__ == "__main__":
    main()
