"""Training and evaluation of newsmine's statistical NER (the runtime, features and tagger, is
:mod:`newsmine.models.crf`): word clusters from unlabeled text, CRF training on ArmanPersoNER and PEYMA,
harmonization of their label sets, feature augmentation across corpora, entity-level scoring.

Labels are one scheme for every corpus (``newsmine.train.corpus.LABELS``), IOB2.

Scoring is CoNLL's: an entity counts when its span and type are both exact; micro P/R/F1 over all types.
When a corpus annotates only some types (PEYMA has no FAC/PRO/EVENT, ArmanPersoNER no DATE/TIME/...),
predicted entities of the types it does not annotate are left out of the score (``evaluate(types=...)``).
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsmine.errors import Errors, NewsmineError
from newsmine.models.crf import (
    CLUSTERS_FILE,
    DEFAULT_MODEL,
    ENTITIES_FILE,
    KNOWN_FILE,
    LEXICONS_DIR,
    META_FILE,
    MODEL_FILE,
    WEIGHTS_FILE,
    CompiledCRF,
    FeatureExtractor,
    NerTagger,
    entities,
    normalize_token,
    read_clusters,
    write_lexicons,
)
from newsmine.text.normalize import normalize
from newsmine.train.corpus import LABEL_MAPS, LABELS, Corpus, Sentence, read_corpus

#: what training reports to, a line at a time ("training the final model: iteration 20 of 100")
Progress = Callable[[str], None]

__all__ = [
    "Progress",
    "Report",
    "eval_ner",
    "evaluate",
    "train_crf",
    "train_ner",
]


def unlabeled_sentences(paths: Iterable[str | Path]) -> Iterable[list[str]]:
    """Normalized, tokenized sentences from news JSON files (lists of objects with title, abstract,
    summary, paragraphs) or from corpus files (their tokens, labels ignored)."""
    from newsmine.text.tokenize import tokenize

    for p in map(Path, paths):
        if p.suffix == ".json":
            for item in json.loads(p.read_text(encoding="utf-8")):
                parts = [item.get(k) or "" for k in ("title", "abstract", "summary")]
                parts += item.get("paragraphs") or []
                for text in parts:
                    if text:
                        yield from ([w.lower() for w in s] for s in tokenize(normalize(text)))
        else:
            for sent in read_corpus(p).sentences:
                yield [normalize_token(t).lower() for t, _ in sent]


def build_clusters(
    paths: Iterable[str | Path],
    out_path: str | Path,
    *,
    sizes: Sequence[int] = (32, 128, 512),
    dim: int = 100,
    min_count: int = 3,
    epochs: int = 10,
    seed: int = 1,
) -> Path:
    """Word clusters from unlabeled text: word2vec (gensim, a dependency of hazm) then k-means at each of
    ``sizes``; writes ``word<TAB>id.id.id``. Never give it the text of a test split."""
    sents = list(unlabeled_sentences(paths))
    words, vecs = word_vectors(sents, dim=dim, min_count=min_count, epochs=epochs, seed=seed)
    return write_clusters(words, vecs, out_path, sizes=sizes, seed=seed, note=f"over {len(sents)} sentences")


def word_vectors(
    sentences: Sequence[list[str]],
    *,
    dim: int = 100,
    min_count: int = 3,
    epochs: int = 10,
    seed: int = 1,
    workers: int = 1,
    window: int = 5,
) -> tuple[list[str], Any]:
    """Skip-gram word2vec (``window`` words each side) over tokenized sentences: the words, most frequent first, and their
    vectors scaled to unit length (a float64 array, one row a word)."""
    import numpy as np
    from gensim.models import Word2Vec

    w2v = Word2Vec(
        sentences,
        vector_size=dim,
        window=window,
        min_count=min_count,
        sg=1,
        epochs=epochs,
        workers=workers,
        seed=seed,
    )
    words = list(w2v.wv.index_to_key)
    vecs = np.asarray([w2v.wv[w] for w in words], dtype=np.float64)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    return words, vecs


def write_clusters(
    words: Sequence[str],
    vecs: Any,
    out_path: str | Path,
    *,
    sizes: Sequence[int] = (32, 128, 512),
    seed: int = 1,
    note: str = "",
) -> Path:
    """k-means of ``word_vectors``' vectors at each of ``sizes``; writes ``word<TAB>id.id.id``."""
    from sklearn.cluster import KMeans

    ids = [KMeans(n_clusters=k, n_init=1, random_state=seed).fit_predict(vecs) for k in sizes]
    out = Path(out_path)
    lines = [f"# word clusters: word2vec (dim {vecs.shape[1]}) + k-means {list(sizes)} {note}".rstrip()]
    lines += [f"{w}\t{'.'.join(str(c[i]) for c in ids)}" for i, w in enumerate(words)]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


# -- training and tagging --------------------------------------------------------------------------


def train_crf(
    sentences: Sequence[Sentence],
    model_path: str | Path,
    *,
    clusters: dict[str, str] | None = None,
    c1: float = 0.05,
    c2: float = 0.01,
    max_iterations: int = 150,
    min_freq: int = 1,
    entity_lexicon: bool = False,
    domains: Sequence[str] | None = None,
    known: bool = True,
    lexicons: str | Path = DEFAULT_MODEL / LEXICONS_DIR,
    verbose: bool = False,
    progress: Progress | None = None,
    stage: str = "training",
) -> Path:
    """Train a CRF on ``(token, label)`` sentences (tokens are normalized here) and write it to ``model_path``.

    ``domains``: each sentence's corpus name, for feature augmentation (``FeatureExtractor.sentence``).
    ``known``: learn from known-entity features (the names of today's organization and place lists, see
    ``build_known_entities``). ``lexicons``: the feature lists to train with (default: the shipped model's);
    they are copied beside the model, into ``lexicons/``, with the known entities.

    ``entity_lexicon``: also learn from a lexicon of the training entities, written beside the model as
    ``entities.tsv``. Each half of the training data sees the lexicon built from the other half only, so
    the model learns how far a lexicon hit can be trusted on unseen text (jackknifing).

    ``progress``: called with a line when features are ready and about every tenth iteration, each line
    opened by ``stage`` (CRFsuite's own log goes to standard output only with ``verbose``).
    """
    model_path = Path(model_path)
    model_lexicons = model_path.with_name(LEXICONS_DIR)
    write_lexicons(model_lexicons, Path(lexicons), known)
    names = read_clusters(model_lexicons / KNOWN_FILE) if known else {}
    fx = FeatureExtractor(clusters, known=names, lexicons=model_lexicons)
    trainer = _trainer(verbose, progress, stage, max_iterations)
    normed = [[(normalize_token(t), lab) for t, lab in sent] for sent in sentences]
    halves: list[dict[str, str]] = []
    if entity_lexicon:
        halves = [build_entity_lexicon(normed[1::2]), build_entity_lexicon(normed[0::2])]
    if domains is not None and len(domains) != len(normed):
        raise NewsmineError(Errors.E042, domains=len(domains), sentences=len(normed))
    for i, sent in enumerate(normed):
        lex = halves[i % 2] if halves else {}
        dom = domains[i] if domains is not None else None
        trainer.append(fx.sentence([t for t, _ in sent], lex, dom), [lab for _, lab in sent])
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.minfreq": min_freq,
            "feature.possible_transitions": True,
        }
    )
    if progress is not None:
        progress(f"{stage}: {len(normed)} sentences, {sum(len(s) for s in normed)} tokens")
    trainer.train(str(model_path))
    CompiledCRF.from_crfsuite(model_path).save(model_path.with_name(WEIGHTS_FILE))
    if entity_lexicon:
        write_entity_lexicon(build_entity_lexicon(normed), model_path.with_name(ENTITIES_FILE))
    return model_path


def _trainer(verbose: bool, progress: Progress | None, stage: str, max_iterations: int) -> Any:
    """A CRFsuite trainer that prints its log (``verbose``) and reports to ``progress`` (or neither)."""
    import pycrfsuite

    if progress is None:
        return pycrfsuite.Trainer(verbose=verbose)
    step = max(1, max_iterations // 10)
    report: Progress = progress

    class Reporting(pycrfsuite.Trainer):
        """CRFsuite parses its log only when ``verbose`` is on: on, then our handlers decide what to print."""

        def _echo(self, log: str, *_: Any) -> None:
            if verbose:
                print(log, end="")

        on_start = on_featgen_progress = on_prepared = on_prepare_error = _echo
        on_optimization_end = on_end = _echo

        def on_featgen_end(self, log: str) -> None:
            self._echo(log)
            report(f"{stage}: features ready, iterating (at most {max_iterations} iterations)")

        def on_iteration(self, log: str, info: dict[str, Any]) -> None:
            self._echo(log)
            num = info.get("num", 0)
            if num == 1 or num % step == 0:
                report(
                    f"{stage}: iteration {num} of at most {max_iterations}, loss {info.get('loss', 0):.1f}"
                )

    return Reporting(verbose=True)


def build_entity_lexicon(sentences: Sequence[Sentence], min_count: int = 1) -> dict[str, str]:
    """Entity strings of labelled sentences (lowercased, words joined by a space) -> their types."""
    counts: dict[tuple[str, str], int] = {}
    for sent in sentences:
        words = [t.lower() for t, _ in sent]
        for a, b, typ in entities([lab for _, lab in sent]):
            if b - a <= 6:
                key = (" ".join(words[a:b]), typ)
                counts[key] = counts.get(key, 0) + 1
    table: dict[str, set[str]] = {}
    for (text, typ), c in counts.items():
        if c >= min_count:
            table.setdefault(text, set()).add(typ)
    return {k: "|".join(sorted(v)) for k, v in table.items()}


def write_entity_lexicon(lexicon: dict[str, str], path: str | Path) -> None:
    lines = ["# entity strings of the training data and their types (learned, not hand-written)"]
    lines += [f"{k}\t{v}" for k, v in sorted(lexicon.items())]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- evaluation ------------------------------------------------------------------------------------


@dataclass
class Report:
    """Entity-level scores: per type ``(precision, recall, f1, support)`` and micro over all types."""

    per_type: dict[str, tuple[float, float, float, int]] = field(default_factory=dict)
    micro: tuple[float, float, float, int] = (0.0, 0.0, 0.0, 0)
    sentences: int = 0
    tokens: int = 0
    types: tuple[str, ...] = ()

    @property
    def f1(self) -> float:
        return self.micro[2]

    def to_dict(self) -> dict[str, object]:
        return {
            "micro": dict(zip(("precision", "recall", "f1", "support"), self.micro, strict=True)),
            "per_type": {
                t: dict(zip(("precision", "recall", "f1", "support"), v, strict=True))
                for t, v in self.per_type.items()
            },
            "sentences": self.sentences,
            "tokens": self.tokens,
            "types": list(self.types),
        }

    def __str__(self) -> str:
        rows = [f"{'type':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
        for t, (p, r, f, n) in self.per_type.items():
            rows.append(f"{t:<8} {100 * p:6.2f} {100 * r:6.2f} {100 * f:6.2f} {n:6d}")
        p, r, f, n = self.micro
        rows.append(f"{'micro':<8} {100 * p:6.2f} {100 * r:6.2f} {100 * f:6.2f} {n:6d}")
        return "\n".join(rows)


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float, int]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return (p, r, f, ngold)


def evaluate(
    gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], types: Iterable[str] | None = None
) -> Report:
    """Score predicted label sequences against gold ones; ``types`` limits scoring to those entity types.

    >>> r = evaluate([["B-PER", "I-PER", "O"]], [["B-PER", "O", "O"]])
    >>> r.micro
    (0.0, 0.0, 0.0, 1)
    """
    keep = set(types) if types is not None else None
    tp: dict[str, int] = {}
    npred: dict[str, int] = {}
    ngold: dict[str, int] = {}
    tokens = 0
    for g, p in zip(gold, pred, strict=True):
        tokens += len(g)
        ge = {e for e in entities(g) if keep is None or e[2] in keep}
        pe = {e for e in entities(p) if keep is None or e[2] in keep}
        for e in ge:
            ngold[e[2]] = ngold.get(e[2], 0) + 1
        for e in pe:
            npred[e[2]] = npred.get(e[2], 0) + 1
        for e in ge & pe:
            tp[e[2]] = tp.get(e[2], 0) + 1
    seen = [t for t in LABELS if t in ngold or t in npred]
    per_type = {t: _prf(tp.get(t, 0), npred.get(t, 0), ngold.get(t, 0)) for t in seen}
    micro = _prf(sum(tp.values()), sum(npred.values()), sum(ngold.values()))
    return Report(per_type, micro, len(gold), tokens, tuple(sorted(keep)) if keep else tuple(seen))


def tag_corpus(tagger: NerTagger, sentences: Sequence[Sentence]) -> list[list[str]]:
    return tagger.tag_many([[t for t, _ in s] for s in sentences])


def holdout_score(
    train: Sequence[Sentence],
    test: Sequence[Sentence],
    *,
    clusters: dict[str, str],
    known: bool = True,
    types: Iterable[str] | None = None,
    **settings: Any,
) -> Report:
    """Train a CRF on ``train`` in a temporary folder (``settings``: :func:`train_crf`'s c1, c2,
    max_iterations...), tag ``test`` with it and score it (``types``: the entity types scored)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = train_crf(train, Path(tmp) / "holdout.crfsuite", clusters=clusters, known=known, **settings)
        pred = tag_corpus(NerTagger(path, clusters, known=known), test)
    return evaluate([[lab for _, lab in s] for s in test], pred, types)


def fill_missing_types(
    sentences: Sequence[Sentence], tagger: NerTagger, types: Iterable[str]
) -> tuple[list[Sentence], int]:
    """Add the entities of ``types`` that ``tagger`` finds where a sentence's gold labels are all O.

    For merging corpora that annotate different types: ArmanPersoNER has no DATE, TIME, MONEY or PERCENT
    (its dates are O), PEYMA no FAC, PRO or EVENT; a model trained on one labels those types in the
    other, and gold entities are never changed. Returns the new sentences and the number of entities added.
    """
    keep = set(types)
    out: list[Sentence] = []
    added = 0
    for sent in sentences:
        labels = [lab for _, lab in sent]
        pred = tagger.tag([t for t, _ in sent])
        for a, b, typ in entities(pred):
            if typ in keep and all(lab == "O" for lab in labels[a:b]):
                if b < len(labels) and labels[b].startswith("I-"):
                    continue  # would cut into a gold entity that follows
                labels[a] = f"B-{typ}"
                for k in range(a + 1, b):
                    labels[k] = f"I-{typ}"
                added += 1
        out.append([(t, lab) for (t, _), lab in zip(sent, labels, strict=True)])
    return out, added


def write_conll(path: str | Path, sentences: Sequence[Sentence], pred: Sequence[Sequence[str]]) -> None:
    """ "token gold predicted" a line, a blank line between sentences."""
    with Path(path).open("w", encoding="utf-8") as f:
        for sent, labels in zip(sentences, pred, strict=True):
            for (tok, gold), p in zip(sent, labels, strict=True):
                f.write(f"{tok} {gold} {p}\n")
            f.write("\n")


# -- the two entry points the CLI calls ------------------------------------------------------------


def _read(path: Path, fmt: str) -> Corpus:
    c = read_corpus(path, fmt)
    for problem in c.problems:
        print(f"warning: {problem}")
    return c


def train_ner(
    arman_dir: str | Path | None,
    peyma_dir: str | Path | None,
    out_dir: str | Path,
    *,
    arman_fold: int = 1,
    clusters: str | Path | None = None,
    c1: float = 0.05,
    c2: float = 0.01,
    max_iterations: int = 100,
    entity_lexicon: bool = False,
    harmonize: bool = True,
    augment: bool = True,
    known: bool = True,
    verbose: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Train the default model: ArmanPersoNER ``train_fold{arman_fold}`` + PEYMA train + dev.

    Never reads a test split. ``clusters`` (a ``word<TAB>ids`` file) is copied into the model directory.
    ``harmonize``: before the final training, a model of each corpus labels the types only it annotates in
    the other one (``fill_missing_types``), so Arman's dates are not taught as O, nor PEYMA's facilities.
    ``augment``: with both corpora, train with feature augmentation (each sentence's own features also
    under its corpus's name, ``FeatureExtractor.sentence``); the model then tags as PEYMA annotates by
    default (``meta.json`` "domain"), or as ArmanPersoNER with ``NerTagger.load(domain="arman")``.
    ``known``: learn from the known-entity features (off: the feature set of ``models/ner-crf``).
    Returns the model directory (``model.crfsuite``, ``meta.json``, ``entities.tsv``, ``clusters.tsv``).
    ``progress`` gets a line at each stage and about every tenth CRF iteration (``newsmine train ner``
    prints them with the time since the start).
    """
    import tempfile

    def say(line: str) -> None:
        if progress is not None:
            progress(line)

    arman: list[Sentence] = []
    peyma: list[Sentence] = []
    sources: list[str] = []
    if arman_dir is not None:
        f = Path(arman_dir) / f"train_fold{arman_fold}.txt"
        arman = _read(f, "arman").sentences
        sources.append(f.name)
        say(f"read {f.name}: {len(arman)} sentences")
    if peyma_dir is not None:
        base = Path(peyma_dir)
        split_dir = base / "splits" if (base / "splits").is_dir() else base
        for name in ("peyma_train.txt", "peyma_dev.txt"):
            peyma += _read(split_dir / name, "peyma").sentences
            sources.append(name)
            say(f"read {name}: {len(peyma)} PEYMA sentences so far")
    if not arman and not peyma:
        raise NewsmineError(Errors.E043)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cl = read_clusters(clusters) if clusters else {}
    if clusters:
        (out / CLUSTERS_FILE).write_text(Path(clusters).read_text(encoding="utf-8"), encoding="utf-8")
    t0 = time.time()
    added = {}
    if harmonize and arman and peyma:
        only_peyma = sorted(set(LABEL_MAPS["peyma"].values()) - set(LABEL_MAPS["arman"].values()))
        only_arman = sorted(set(LABEL_MAPS["arman"].values()) - set(LABEL_MAPS["peyma"].values()))
        with tempfile.TemporaryDirectory() as tmp:
            kw = {
                "clusters": cl,
                "c1": c1,
                "c2": c2,
                "max_iterations": max_iterations,
                "known": known,
                "progress": progress,
            }
            stage = "harmonizing 1/2, a PEYMA model for ArmanPersoNER's missing types"
            p_model = train_crf(peyma, Path(tmp) / "peyma" / MODEL_FILE, stage=stage, **kw)
            stage = "harmonizing 2/2, an ArmanPersoNER model for PEYMA's missing types"
            a_model = train_crf(arman, Path(tmp) / "arman" / MODEL_FILE, stage=stage, **kw)
            say("harmonizing: labelling the types each corpus lacks")
            arman, added["arman"] = fill_missing_types(
                arman, NerTagger(p_model, cl, {}, known=known), only_peyma
            )
            peyma, added["peyma"] = fill_missing_types(
                peyma, NerTagger(a_model, cl, {}, known=known), only_arman
            )
            say(f"harmonizing: {added['arman']} entities added to ArmanPersoNER, {added['peyma']} to PEYMA")
    sentences = arman + peyma
    domains = ["arman"] * len(arman) + ["peyma"] * len(peyma) if augment and arman and peyma else None
    train_crf(
        sentences,
        out / MODEL_FILE,
        clusters=cl,
        c1=c1,
        c2=c2,
        max_iterations=max_iterations,
        entity_lexicon=entity_lexicon,
        domains=domains,
        known=known,
        verbose=verbose,
        progress=progress,
        stage="the final model",
    )
    meta = {
        "labels": list(LABELS),
        "trained_on": sources,
        "sentences": len(sentences),
        "tokens": sum(len(s) for s in sentences),
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iterations,
        "entity_lexicon": entity_lexicon,
        "harmonized_entities_added": added,
        "features": {"known_entities": known},
        "domains": ["arman", "peyma"] if domains else [],
        "domain": "peyma" if domains else None,
        "train_seconds": round(time.time() - t0, 1),
    }
    (out / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


def eval_ner(
    model_path: str | Path | None,
    data_file: str | Path,
    fmt: str | None = None,
    out_conll: str | Path | None = None,
    *,
    limit: int | None = None,
) -> Report:
    """Tag ``data_file`` with the model (default: the shipped one) and score it against its gold labels.

    Only the entity types the corpus format annotates are scored. ``out_conll`` gets
    "token gold predicted" lines.
    """
    corpus = read_corpus(data_file, fmt)
    for problem in corpus.problems:
        print(f"warning: {problem}")
    sentences = corpus.sentences[:limit] if limit else corpus.sentences
    fmt = fmt or _guess_format(data_file)
    tagger = NerTagger.load(model_path)
    if fmt in tagger.domains:  # a model trained with feature augmentation tags as this corpus annotates
        tagger.domain = fmt
    pred = tag_corpus(tagger, sentences)
    if out_conll:
        write_conll(out_conll, sentences, pred)
    types = _corpus_types(data_file, fmt)
    return evaluate([[lab for _, lab in s] for s in sentences], pred, types)


def _guess_format(data_file: str | Path) -> str:
    from newsmine.train.corpus import guess_format

    with Path(data_file).open(encoding="utf-8") as f:
        return guess_format(f.readline() for _ in range(5))


def _corpus_types(data_file: str | Path, fmt: str | None) -> list[str]:
    return sorted(LABEL_MAPS[fmt or _guess_format(data_file)].values())


def split_dev(sentences: Sequence[Sentence], fraction: float = 0.1, seed: int = 13) -> tuple[list, list]:
    """A reproducible (train, dev) split of training sentences, for model selection."""
    idx = list(range(len(sentences)))
    random.Random(seed).shuffle(idx)
    n = int(len(idx) * fraction)
    dev = set(idx[:n])
    return [s for i, s in enumerate(sentences) if i not in dev], [sentences[i] for i in sorted(dev)]
