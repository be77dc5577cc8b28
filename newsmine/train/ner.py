"""newsmine's statistical NER: a linear-chain CRF (python-crfsuite) over hand-made token features.

Features of a token (``word_features``): the normalized word, its stem before a ZWNJ, prefixes and suffixes
of 1-4 letters, a word shape (three digit scripts, Latin case, punctuation), ZWNJ presence, the word's
frequency band and POS classes in hazm's lexicon, newsmine's gazetteers (given names, surnames, places,
organization heads, titles, months, currencies, ...) and, where the model has them, word clusters learned
from unlabeled news. A token also sees the words, stems, gazetteer flags and clusters of its neighbours
(+-2) and the word bigrams around it.

Labels are one scheme for every corpus (``newsmine.train.corpus.LABELS``), IOB2.

Scoring is CoNLL's: an entity counts when its span and type are both exact; micro P/R/F1 over all types.
When a corpus annotates only some types (PEYMA has no FAC/PRO/EVENT, ArmanPersoNER no DATE/TIME/...),
predicted entities of the types it does not annotate are left out of the score (``evaluate(types=...)``).
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsmine.resources import hazm_word_rows, read_rows
from newsmine.text.normalize import normalize
from newsmine.train.corpus import LABEL_MAPS, LABELS, Corpus, Sentence, read_corpus

__all__ = [
    "MODEL_FILE",
    "FeatureExtractor",
    "NerTagger",
    "Report",
    "entities",
    "eval_ner",
    "evaluate",
    "train_crf",
    "train_ner",
]

MODEL_FILE = "model.crfsuite"
CLUSTERS_FILE = "clusters.tsv"
ENTITIES_FILE = "entities.tsv"
META_FILE = "meta.json"
ZWNJ = "\u200c"

# -- lexicons ---------------------------------------------------------------------------------------

#: gazetteer file in newsmine/resources -> the feature it fires
GAZETTEERS: dict[str, str] = {
    "ner_given_names.txt": "fn",
    "ner_surnames.txt": "ln",
    "ner_places.txt": "loc",
    "ner_org_heads.txt": "orgh",
    "ner_titles.txt": "title",
    "ner_fac_heads.txt": "fach",
    "ner_event_words.txt": "evw",
    "ner_time_words.txt": "time",
    "ner_money_words.txt": "money",
    "ner_percent_words.txt": "pct",
    "ner_number_words.txt": "num",
}


def _resource_lines(name: str) -> list[str]:
    """The entries of a gazetteer file, normalized as the pipeline normalizes text (none if it is missing)."""
    try:
        rows = read_rows(name)
    except FileNotFoundError:
        return []
    return [normalize("\t".join(row).strip()) for row in rows]


@lru_cache(maxsize=1)
def gazetteers() -> dict[str, dict[str, str]]:
    """word -> feature tags; the first word of a multi-word entry gets ``X_b``, the others ``X_i``."""
    table: dict[str, set[str]] = {}
    for name, tag in GAZETTEERS.items():
        for entry in _resource_lines(name):
            words = entry.split()
            if len(words) == 1:
                table.setdefault(words[0], set()).add(tag)
            else:
                table.setdefault(words[0], set()).add(tag + "_b")
                for w in words[1:]:
                    table.setdefault(w, set()).add(tag + "_i")
    return {"tags": {w: "|".join(sorted(t)) for w, t in table.items()}}


@lru_cache(maxsize=1)
def known_entities() -> dict[str, str]:
    """Whole names from newsmine's own hand-written lists, as "w1 w2" (normalized, lowercased) -> types:
    every alias in ``organizations.txt`` (ORG) and every place in ``places.txt`` (LOC).

    A token inside such a name gets a ``gk=B-ORG`` / ``gk=I-LOC`` feature. Unlike a lexicon of training
    entities, these lists ship with newsmine, so the shipped model may learn from them.

    >>> known_entities()["سازمان ملل متحد"], known_entities()["تهران"]
    ('ORG', 'LOC')
    """
    from newsmine.extractors.gazetteer import read_organizations

    table: dict[str, set[str]] = {}

    def add(name: str, typ: str) -> None:
        words = [normalize_token(w).lower() for w in normalize(name).split()]
        if words:
            table.setdefault(" ".join(words), set()).add(typ)

    for canonical, aliases, sources in read_organizations():
        for alias in (canonical, *aliases, *sources):
            add(alias, "ORG")
    for row in read_rows("places.txt"):
        add(row[0], "LOC")
    return {k: "|".join(sorted(v)) for k, v in table.items()}


@lru_cache(maxsize=1)
def hazm_lexicon() -> dict[str, str]:
    """word -> "band:POS" from hazm's word list (frequency band on a log scale, POS classes)."""
    try:
        rows = hazm_word_rows()
    except (ImportError, OSError):
        return {}
    out: dict[str, str] = {}
    for word, n, pos in rows:
        if pos is None:
            continue
        band = 0 if not n else min(9, int(math.log10(n)))
        out[word] = f"{band}:{pos}"
    return out


# -- features --------------------------------------------------------------------------------------

_PERSIAN_DIGITS = set("۰۱۲۳۴۵۶۷۸۹")
_ARABIC_DIGITS = set("٠١٢٣٤٥٦٧٨٩")


def _shape_char(c: str) -> str:
    if c in _PERSIAN_DIGITS:
        return "۹"
    if c in _ARABIC_DIGITS:
        return "٩"
    if c.isdigit():
        return "9"
    if "a" <= c <= "z":
        return "a"
    if "A" <= c <= "Z":
        return "A"
    if c == ZWNJ:
        return "_"
    if c.isalpha():
        return "x"
    return c


def shape(word: str) -> str:
    """Word shape with runs collapsed: "۱۴۰۲" -> "۹", "COVID-19" -> "A-9", "می‌رود" -> "x_x".

    >>> shape("۱۴۰۲"), shape("COVID-19"), shape("می‌رود")
    ('۹', 'A-9', 'x_x')
    """
    out: list[str] = []
    for c in word:
        s = _shape_char(c)
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)


class FeatureExtractor:
    """Token features for the CRF; per-word parts are cached, so a repeated word costs a dict lookup."""

    def __init__(
        self,
        clusters: dict[str, str] | None = None,
        entity_lexicon: dict[str, str] | None = None,
        known: bool = True,
    ) -> None:
        """``known``: fire the ``gk=`` features of ``known_entities()`` (a model learns them or not: tag with
        the setting it was trained with, which ``NerTagger`` reads from the model's ``meta.json``)."""
        self.clusters = clusters or {}
        self.entities = entity_lexicon or {}
        self.entity_firsts = _firsts(self.entities)
        self.known = known_entities() if known else {}
        self.known_firsts = _firsts(self.known)
        self.gaz = gazetteers()["tags"]
        self.hazm = hazm_lexicon()
        self._cache: dict[str, tuple[tuple[str, ...], ...]] = {}

    def _word(self, word: str) -> tuple[tuple[str, ...], ...]:
        """(own features, features seen from -2, -1, +1, +2)."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        low = word.lower()
        stem = low.split(ZWNJ, 1)[0]
        sh = shape(word)
        ctx = [f"w={low}", f"sh={sh}"]
        if stem != low:
            ctx.append(f"st={stem}")
        g = self.gaz.get(low)
        if g is None and stem != low:
            g = self.gaz.get(stem)
        if g:
            ctx.extend(f"g={t}" for t in g.split("|"))
        hz = self.hazm.get(low) or self.hazm.get(stem)
        if hz:
            band, pos = hz.split(":")
            ctx.append(f"hf={band}")
            ctx.append(f"hp={pos}")
        else:
            ctx.append("hz=oov")
        c = self.clusters.get(low)
        if c is not None:
            ctx.extend(f"c{k}={part}" for k, part in enumerate(c.split(".")))
        own = list(ctx)
        n = len(low)
        for k in range(1, 5):
            if n > k:
                own.append(f"p{k}={low[:k]}")
                own.append(f"s{k}={low[-k:]}")
        if ZWNJ in word:
            own.append("zwnj")
            own.append(f"tail={low.rsplit(ZWNJ, 1)[1]}")
        own.append(f"len={min(n, 8)}")
        if low.startswith(("ال", "ابو", "عبد", "سید", "میر")):
            own.append("arabic_name_prefix")
        parts = (tuple(own), *(tuple(f"{d}{f}" for f in ctx) for d in ("-2", "-1", "+1", "+2")))
        if len(self._cache) < 500_000:
            self._cache[word] = parts
        return parts

    @staticmethod
    def _entity_marks(
        lows: Sequence[str], lexicon: dict[str, str], firsts: set[str], name: str = "ge"
    ) -> list[list[str]]:
        """Lexicon features: the longest span (up to 6 words) found in ``lexicon`` at a word marks its words
        ``name=B-TYPE`` / ``name=I-TYPE``; ``firsts`` holds the first words of the lexicon's entries."""
        n = len(lows)
        marks: list[list[str]] = [[] for _ in range(n)]
        for i in range(n):
            if lows[i] not in firsts:
                continue
            for j in range(min(n, i + 6), i, -1):
                types = lexicon.get(" ".join(lows[i:j]))
                if types:
                    for t in types.split("|"):
                        marks[i].append(f"{name}=B-{t}")
                        for k in range(i + 1, j):
                            marks[k].append(f"{name}=I-{t}")
                    break
        return marks

    def sentence(
        self, words: Sequence[str], lexicon: dict[str, str] | None = None, domain: str | None = None
    ) -> list[list[str]]:
        """Feature lists for each word of a sentence (words already normalized).

        ``lexicon`` (known entities, "w1 w2" -> "ORG|LOC") replaces the extractor's own for this call.
        ``domain`` (a corpus name, "arman" or "peyma" in ``train_ner``): the word's own features are repeated
        under that name
        (Daume's feature augmentation), so a model trained on several corpora learns what they share and,
        apart, what each corpus's guidelines add; tag with the domain whose guidelines you want.
        """
        parts = [self._word(w) for w in words]
        lows = [p[0][0][2:] for p in parts]  # "w=..." is always first
        n = len(words)
        lex = self.entities if lexicon is None else lexicon
        marks = None
        if lex:
            marks = self._entity_marks(
                lows, lex, self.entity_firsts if lex is self.entities else _firsts(lex)
            )
        known = self._entity_marks(lows, self.known, self.known_firsts, "gk")
        out: list[list[str]] = []
        for i in range(n):
            f = ["bias", *parts[i][0], *known[i]]
            if domain:
                f.extend([f"{domain}:{x}" for x in f])
            if marks and marks[i]:
                f.extend(marks[i])
            if i == 0:
                f.append("BOS")
            else:
                f.extend(parts[i - 1][2])
                f.append(f"b-={lows[i - 1]}|{lows[i]}")
                if i > 1:
                    f.extend(parts[i - 2][1])
            if i == n - 1:
                f.append("EOS")
            else:
                f.extend(parts[i + 1][3])
                f.append(f"b+={lows[i]}|{lows[i + 1]}")
                if i < n - 2:
                    f.extend(parts[i + 2][4])
            out.append(f)
        return out


def _firsts(lexicon: dict[str, str]) -> set[str]:
    return {k.split(" ", 1)[0] for k in lexicon}


@lru_cache(maxsize=200_000)
def normalize_token(token: str) -> str:
    """A corpus or run-time token as newsmine's normalizer writes it (cached; never empty)."""
    t = normalize(token).strip()
    return t.replace(" ", "") if t else token


# -- clusters --------------------------------------------------------------------------------------


def read_clusters(path: str | Path) -> dict[str, str]:
    """``word<TAB>cluster ids`` lines (ids of several granularities joined by "."; ``#`` comments allowed)."""
    out: dict[str, str] = {}
    p = Path(path)
    if not p.is_file():
        return out
    for line in p.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            w, _, c = line.partition("\t")
            if c:
                out[w] = c
    return out


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
    import numpy as np
    from gensim.models import Word2Vec
    from sklearn.cluster import KMeans

    sents = list(unlabeled_sentences(paths))
    w2v = Word2Vec(
        sents, vector_size=dim, window=5, min_count=min_count, sg=1, epochs=epochs, workers=1, seed=seed
    )
    words = list(w2v.wv.index_to_key)
    vecs = np.asarray([w2v.wv[w] for w in words], dtype=np.float64)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    ids = [KMeans(n_clusters=k, n_init=1, random_state=seed).fit_predict(vecs) for k in sizes]
    out = Path(out_path)
    lines = [f"# word clusters: word2vec (dim {dim}) + k-means {list(sizes)} over {len(sents)} sentences"]
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
    verbose: bool = False,
) -> Path:
    """Train a CRF on ``(token, label)`` sentences (tokens are normalized here) and write it to ``model_path``.

    ``domains``: each sentence's corpus name, for feature augmentation (``FeatureExtractor.sentence``).
    ``known``: learn from the ``known_entities()`` features (see ``FeatureExtractor``).

    ``entity_lexicon``: also learn from a lexicon of the training entities, written beside the model as
    ``entities.tsv``. Each half of the training data sees the lexicon built from the other half only, so
    the model learns how far a lexicon hit can be trusted on unseen text (jackknifing).
    """
    import pycrfsuite

    fx = FeatureExtractor(clusters, known=known)
    trainer = pycrfsuite.Trainer(verbose=verbose)
    normed = [[(normalize_token(t), lab) for t, lab in sent] for sent in sentences]
    halves: list[dict[str, str]] = []
    if entity_lexicon:
        halves = [build_entity_lexicon(normed[1::2]), build_entity_lexicon(normed[0::2])]
    if domains is not None and len(domains) != len(normed):
        raise ValueError(f"{len(domains)} domains for {len(normed)} sentences")
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
    model_path = Path(model_path)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    if entity_lexicon:
        write_entity_lexicon(build_entity_lexicon(normed), model_path.with_name(ENTITIES_FILE))
    return model_path


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


class NerTagger:
    """A trained model directory (or a ``.crfsuite`` file) ready to tag token lists.

    >>> tagger = NerTagger.load()  # the shipped model
    >>> tagger.tag(["حسن", "روحانی", "در", "تهران", "گفت"])
    ['B-PER', 'I-PER', 'O', 'B-LOC', 'O']
    """

    def __init__(
        self,
        model_path: str | Path,
        clusters: dict[str, str] | None = None,
        entity_lexicon: dict[str, str] | None = None,
        domain: str | None = None,
        known: bool | None = None,
    ) -> None:
        """The model's settings (domains, known-entity features) come from ``meta.json`` beside it; without
        one, those of ``train_crf``'s defaults. ``known`` overrides the model's known-entity setting (for a
        bare ``.crfsuite`` file trained with ``train_crf(known=False)``)."""
        import pycrfsuite

        self.model_path = Path(model_path)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.model_path))
        if entity_lexicon is None:
            entity_lexicon = read_clusters(self.model_path.with_name(ENTITIES_FILE))
        meta_file = self.model_path.with_name(META_FILE)
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
        if known is None:
            known = bool(meta.get("features", {}).get("known_entities", True))
        self.features = FeatureExtractor(clusters, entity_lexicon, known=known)
        #: the corpora a model with feature augmentation was trained on (empty: no augmentation)
        self.domains: tuple[str, ...] = tuple(meta.get("domains") or ())
        if domain is not None and domain not in self.domains:
            raise ValueError(f"[E030] domain {domain!r}: this model knows {list(self.domains) or 'none'}")
        #: the corpus whose guidelines the tags follow (the model's default when not given)
        self.domain: str | None = domain or meta.get("domain") or None

    @classmethod
    def load(cls, path: str | Path | None = None, domain: str | None = None) -> NerTagger:
        """Load a model directory (``model.crfsuite``, optional ``clusters.tsv`` and ``meta.json``); default:
        the shipped one. ``domain``: for a model trained with feature augmentation, tag as that training corpus
        annotates (``models/ner-crf-aug`` knows "arman" and "peyma", its default; the default ``ner-crf`` has
        no domains)."""
        if path is None:
            path = Path(str(resources.files("newsmine") / "models" / "ner-crf"))
        path = Path(path)
        model = path / MODEL_FILE if path.is_dir() else path
        return cls(model, read_clusters(model.with_name(CLUSTERS_FILE)), domain=domain)

    def tag(self, tokens: Sequence[str], *, normalized: bool = False) -> list[str]:
        """IOB2 labels for ``tokens``; they are normalized first unless ``normalized`` says they are."""
        if not tokens:
            return []
        words = list(tokens) if normalized else [normalize_token(t) for t in tokens]
        return self._tagger.tag(self.features.sentence(words, domain=self.domain))


# -- evaluation ------------------------------------------------------------------------------------


def entities(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(start, end, type)`` spans from IOB labels, CoNLL style (an I- after O or another type starts one).

    >>> entities(["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"])
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'LOC'), (5, 6, 'ORG')]
    """
    out: list[tuple[int, int, str]] = []
    start, typ = -1, ""
    for i, lab in enumerate([*labels, "O"]):
        tag, _, t = lab.partition("-")
        if start >= 0 and (tag != "I" or t != typ):
            out.append((start, i, typ))
            start = -1
        if tag == "B" or (tag == "I" and start < 0):
            start, typ = i, t
    return out


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
    return [tagger.tag([t for t, _ in s]) for s in sentences]


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
    verbose: bool = False,
) -> Path:
    """Train the default model: ArmanPersoNER ``train_fold{arman_fold}`` + PEYMA train + dev.

    Never reads a test split. ``clusters`` (a ``word<TAB>ids`` file) is copied into the model directory.
    ``harmonize``: before the final training, a model of each corpus labels the types only it annotates in
    the other one (``fill_missing_types``), so Arman's dates are not taught as O, nor PEYMA's facilities.
    ``augment``: with both corpora, train with feature augmentation (each sentence's own features also
    under its corpus's name, ``FeatureExtractor.sentence``); the model then tags as PEYMA annotates by
    default (``meta.json`` "domain"), or as ArmanPersoNER with ``NerTagger.load(domain="arman")``.
    Returns the model directory (``model.crfsuite``, ``meta.json``, ``entities.tsv``, ``clusters.tsv``).
    """
    import tempfile

    arman: list[Sentence] = []
    peyma: list[Sentence] = []
    sources: list[str] = []
    if arman_dir is not None:
        f = Path(arman_dir) / f"train_fold{arman_fold}.txt"
        arman = _read(f, "arman").sentences
        sources.append(f.name)
    if peyma_dir is not None:
        base = Path(peyma_dir)
        split_dir = base / "splits" if (base / "splits").is_dir() else base
        for name in ("peyma_train.txt", "peyma_dev.txt"):
            peyma += _read(split_dir / name, "peyma").sentences
            sources.append(name)
    if not arman and not peyma:
        raise ValueError("no training data: give an ArmanPersoNER directory, a PEYMA directory, or both")
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
            kw = {"clusters": cl, "c1": c1, "c2": c2, "max_iterations": max_iterations}
            p_model = train_crf(peyma, Path(tmp) / "peyma" / MODEL_FILE, **kw)
            a_model = train_crf(arman, Path(tmp) / "arman" / MODEL_FILE, **kw)
            arman, added["arman"] = fill_missing_types(arman, NerTagger(p_model, cl, {}), only_peyma)
            peyma, added["peyma"] = fill_missing_types(peyma, NerTagger(a_model, cl, {}), only_arman)
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
        verbose=verbose,
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
        "features": {"known_entities": True},
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
