"""Word clusters for the NER tagger from all the unlabeled Persian news at hand (issue 17).

Reads, under ``--corpora`` (the shared research corpora; nothing of them is copied into the repository):

- ``farsnews/*.json`` (title, abstract, paragraphs);
- ``news-diverse/*.jsonl.gz`` (title, lead, text; Hamshahri's hard line wraps are joined first);
- ``unlabeled/*.txt.gz`` (one paragraph a line);
- the raw tokens of training splits: PEYMA ``peyma_train.txt`` and ``peyma_dev.txt``, ParsNER
  ``train_news.col`` (labels ignored).

Never a test split, and no ArmanPersoNER text at all: each Arman train fold holds the test sentences of the
other two folds, so Arman text in the clusters would leak into ``bench/ner_cv.py``'s 3-fold figures. For the
same reason, an unlabeled sentence whose letters (spaces and ZWNJ ignored) equal those of a sentence of
PEYMA test or of any ArmanPersoNER fold is dropped, and the number dropped is reported. Exact duplicate
sentences are kept once.

Text is normalized and tokenized as the tagger sees it (``newsmine.normalize`` + ``newsmine.text.tokenize``,
lowercased; corpus tokens through ``normalize_token``). One word2vec model (``newsmine.train.ner.word_vectors``,
skip-gram, 100 dims, ``--window`` words each side) is trained, then k-means at each ``--sizes`` setting writes
one clusters file (``clusters-64-256-1024.tsv`` ...) into ``--out-dir``. The defaults (window 2, sizes
64/256/1024) build the clusters of ``models/ner-crf-aug``; they were chosen with ``bench/ner_dev_clusters.py``
on the dev splits (see that model's card):

    python scripts/build_news_clusters.py --out-dir OUT [--window 2] [--sizes 64,256,1024 --sizes 32,128,512]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from newsmine.models.crf import normalize_token
from newsmine.text.normalize import normalize
from newsmine.text.tokenize import tokenize
from newsmine.train.corpus import read_corpus
from newsmine.train.ner import word_vectors, write_clusters

REPO = Path(__file__).resolve().parents[1]
ZWNJ = "\u200c"


def text_sentences(text: str) -> Iterator[list[str]]:
    for sent in tokenize(normalize(text)):
        yield [w.lower() for w in sent]


def farsnews(corpora: Path) -> Iterator[tuple[str, str]]:
    for f in sorted((corpora / "farsnews").glob("*.json")):
        for item in json.loads(f.read_text(encoding="utf-8")):
            for text in [item.get("title"), item.get("abstract"), *(item.get("paragraphs") or [])]:
                if text:
                    yield "farsnews", text


def news_diverse(corpora: Path) -> Iterator[tuple[str, str]]:
    for f in sorted((corpora / "news-diverse").glob("*.jsonl.gz")):
        name = "news-diverse/" + f.name.split(".")[0]
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                item = json.loads(line)
                for key in ("title", "lead", "text"):
                    text = item.get(key)
                    if not text:
                        continue
                    if name.endswith("/hamshahri") and key == "text":
                        text = text.replace("\n", " ")  # hard line wraps, not sentence ends
                    yield name, text


def unlabeled(corpora: Path) -> Iterator[tuple[str, str]]:
    for f in sorted((corpora / "unlabeled").glob("*.txt.gz")):
        name = "unlabeled/" + f.name.split(".")[0]
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield name, line


def parsner_train(path: Path) -> Iterator[list[str]]:
    """The tokens of ParsNER's ``token<TAB>POS<TAB>tag`` file, a blank line between sentences."""
    sent: list[str] = []
    with path.open(encoding="utf-8-sig") as fh:
        for line in fh:
            tok = line.rstrip("\n").split("\t", 1)[0].strip()
            if tok:
                sent.append(tok)
            elif sent:
                yield sent
                sent = []
    if sent:
        yield sent


def labelled_sentences(corpora: Path) -> Iterator[tuple[str, list[str]]]:
    """The raw tokens of training splits (never a test split), normalized token by token."""
    splits = corpora / "peyma" / "splits"
    for name in ("peyma_train.txt", "peyma_dev.txt"):
        for sent in read_corpus(splits / name, "peyma").sentences:
            yield f"peyma/{name}", [normalize_token(t).lower() for t, _ in sent]
    path = corpora / "parsner" / "train_news.col"
    if path.is_file():
        for toks in parsner_train(path):
            yield "parsner/train_news.col", [normalize_token(t).lower() for t in toks]


def key(tokens: list[str]) -> str:
    return "".join(tokens).replace(ZWNJ, "").replace(" ", "")


def test_keys(corpora: Path) -> set[str]:
    """Letters of every sentence of PEYMA test and of ArmanPersoNER (6 tokens or more)."""
    files = [(corpora / "peyma" / "splits" / "peyma_test.txt", "peyma")]
    files += [(f, "arman") for f in sorted((corpora / "arman").glob("*_fold*.txt"))]
    keys: set[str] = set()
    for f, fmt in files:
        for sent in read_corpus(f, fmt).sentences:
            if len(sent) >= 6:
                keys.add(key([normalize_token(t).lower() for t, _ in sent]))
    return keys


def collect(corpora: Path) -> tuple[list[list[str]], dict[str, list[int]]]:
    """Deduplicated sentences, and per source [sentences kept, tokens kept, dropped as test-like,
    duplicates]."""
    banned = test_keys(corpora)
    seen: set[int] = set()
    sents: list[list[str]] = []
    stats: dict[str, list[int]] = {}

    def add(source: str, sent: list[str]) -> None:
        row = stats.setdefault(source, [0, 0, 0, 0])
        if not sent:
            return
        k = key(sent)
        if len(sent) >= 6 and k in banned:
            row[2] += 1
            return
        h = hash(k)
        if h in seen:
            row[3] += 1
            return
        seen.add(h)
        sents.append([sys.intern(w) for w in sent])
        row[0] += 1
        row[1] += len(sent)

    for stream in (farsnews(corpora), news_diverse(corpora), unlabeled(corpora)):
        for source, text in stream:
            for sent in text_sentences(text):
                add(source, sent)
    for source, sent in labelled_sentences(corpora):
        add(source, sent)
    return sents, stats


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", default=str(REPO.parent / "shared" / "corpora"))
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--sizes", action="append", help="k-means sizes, comma-separated; repeat for several")
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--window", type=int, default=2, help="word2vec context words each side")
    ap.add_argument("--workers", type=int, default=1, help="word2vec threads (more: not reproducible)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    settings = [tuple(int(x) for x in s.split(",")) for s in (args.sizes or ["64,256,1024"])]
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    t0 = time.time()
    sents, stats = collect(Path(args.corpora))
    print(f"{'source':<40} {'sentences':>10} {'tokens':>10} {'test-like':>9} {'dupes':>7}")
    for source, (ns, nt, nb, nd) in stats.items():
        print(f"{source:<40} {ns:>10,} {nt:>10,} {nb:>9,} {nd:>7,}")
    total = sum(len(s) for s in sents)
    print(f"{'total':<40} {len(sents):>10,} {total:>10,}   ({time.time() - t0:.0f}s to read)", flush=True)

    t0 = time.time()
    words, vecs = word_vectors(
        sents,
        dim=args.dim,
        min_count=args.min_count,
        epochs=args.epochs,
        seed=args.seed,
        workers=args.workers,
        window=args.window,
    )
    print(
        f"word2vec: {len(words):,} words (min count {args.min_count}) in {time.time() - t0:.0f}s", flush=True
    )
    note = (
        f"window {args.window}, over {len(sents)} sentences, {total} tokens of unlabeled news"
        " (scripts/build_news_clusters.py)"
    )
    for sizes in settings:
        t0 = time.time()
        out = out_dir / f"clusters-{'-'.join(map(str, sizes))}.tsv"
        write_clusters(words, vecs, out, sizes=sizes, seed=args.seed, note=note)
        print(f"k-means {list(sizes)}: {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
