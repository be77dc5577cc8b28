"""NER tagging speed on one core, feature extraction included: tokens per second.

Tags the Fars News articles (../shared/corpora/farsnews, normalized and tokenized by newsmine first; that
part is not timed) with the shipped model (or ``--model``), pinned to one CPU with os.sched_setaffinity. Two
figures: the CRF tagger on token lists (``NerTagger.tag``), and the spaCy component on Docs (tokenizer not
timed).

    python bench/ner_speed.py [--corpora ../shared/corpora] [--repeat 2] [--model DIR [--domain NAME]]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", default=str(REPO.parent / "shared" / "corpora"))
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--model", help="model directory (default: the shipped ner-crf)")
    ap.add_argument("--domain", help="the model's domain to tag in (default: its own default)")
    args = ap.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    import spacy

    from newsmine.extractors.ner import TokenNer
    from newsmine.models.crf import NerTagger
    from newsmine.text.normalize import normalize
    from newsmine.text.tokenize import HazmTokenizer

    texts: list[str] = []
    for f in sorted((Path(args.corpora) / "farsnews").glob("*.json")):
        for item in json.loads(f.read_text(encoding="utf-8")):
            texts.append(normalize("\n".join([item.get("title") or "", *(item.get("paragraphs") or [])])))
    nlp = spacy.blank("fa")
    nlp.tokenizer = HazmTokenizer(nlp.vocab)
    docs = [nlp.make_doc(t) for t in texts]
    sents = [[t.text for t in s if not t.is_space] for d in docs for s in d.sents]
    sents = [s for s in sents if s]
    n = sum(map(len, sents))
    tagger = NerTagger.load(args.model, domain=args.domain)
    print(
        f"{len(texts)} articles, {len(sents)} sentences, {n} tokens; pinned to CPU {os.sched_getaffinity(0)}"
    )
    for run in range(args.repeat):  # the first run fills the per-word caches, later ones are warm
        t0 = time.perf_counter()
        for s in sents:
            tagger.tag(s, normalized=True)
        dt = time.perf_counter() - t0
        print(f"NerTagger.tag run {run + 1}: {n / dt:,.0f} tokens/s")
    component = TokenNer(model=args.model or "", domain=args.domain or "", normalize=True)
    ntok = sum(len(d) for d in docs)
    for run in range(args.repeat):
        t0 = time.perf_counter()
        for d in docs:
            component(d)
        dt = time.perf_counter() - t0
        print(f"newsmine_ner component (normalize=True) run {run + 1}: {ntok / dt:,.0f} tokens/s")


if __name__ == "__main__":
    main()
