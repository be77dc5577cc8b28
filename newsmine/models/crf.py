"""The runtime of newsmine's statistical NER: a linear-chain CRF (python-crfsuite) over hand-made features.

A model is a folder (``newsmine/models/ner-crf/``, ``ner-crf-aug/``): ``model.crfsuite``, ``meta.json`` (its
feature settings), ``clusters.tsv`` (word clusters) and ``lexicons/`` (the feature lists it was trained
with: given names, surnames, places, organization heads, titles, ... and, for a model with known-entity
features, ``known_entities.tsv``). A model reads its own lists, so editing the extractors' lexicons in
``newsmine/resources`` never changes what a trained model sees.

Features of a token (``FeatureExtractor``): the normalized word, its stem before a ZWNJ, prefixes and
suffixes of 1-4 letters, a word shape (three digit scripts, Latin case, punctuation), ZWNJ presence, the
word's frequency band and POS classes in hazm's lexicon, the feature lists and, where the model has them,
word clusters learned from unlabeled news. A token also sees the words, stems, gazetteer flags and clusters
of its neighbours (+-2) and the word bigrams around it. Training lives in :mod:`newsmine.train.ner`.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from newsmine.errors import Errors, NewsmineError
from newsmine.lang.lexicon import read_organizations
from newsmine.resources import cached, read_rows
from newsmine.resources import word_rows as hazm_word_rows
from newsmine.text.normalize import normalize

__all__ = [
    "DEFAULT_MODEL",
    "GAZETTEERS",
    "FeatureExtractor",
    "NerTagger",
    "build_known_entities",
    "entities",
    "gazetteers",
    "normalize_token",
    "read_clusters",
    "shape",
    "write_lexicons",
]

MODEL_FILE = "model.crfsuite"
CLUSTERS_FILE = "clusters.tsv"
ENTITIES_FILE = "entities.tsv"
META_FILE = "meta.json"
#: the model's weights as arrays (``CompiledCRF``), written beside ``model.crfsuite`` with its digest
WEIGHTS_FILE = "weights.npz"
ZWNJ = "\u200c"

# -- lexicons ---------------------------------------------------------------------------------------

#: the feature lists a model carries in its ``lexicons/`` folder -> the feature each fires
GAZETTEERS: dict[str, str] = {
    "given_names.txt": "fn",
    "surnames.txt": "ln",
    "places.txt": "loc",
    "org_heads.txt": "orgh",
    "titles.txt": "title",
    "fac_heads.txt": "fach",
    "event_words.txt": "evw",
    "time_words.txt": "time",
    "money_words.txt": "money",
    "percent_words.txt": "pct",
    "number_words.txt": "num",
}
#: the known-entity names a model learned its ``gk=`` features from ("w1 w2<TAB>ORG|LOC")
KNOWN_FILE = "known_entities.tsv"
LEXICONS_DIR = "lexicons"
#: the model ``NerTagger.load()`` loads, and whose feature lists a new model is trained with by default
DEFAULT_MODEL = Path(str(resources.files("newsmine") / "models" / "ner-crf"))


def _entries(path: Path) -> list[str]:
    """The entries of a feature list, normalized as the pipeline normalizes text (none if it is missing)."""
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [normalize(line.strip()) for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=8)
def gazetteers(lexicons: Path) -> dict[str, str]:
    """word -> feature tags from the lists in ``lexicons``; the first word of a multi-word entry gets ``X_b``,
    the others ``X_i``."""
    table: dict[str, set[str]] = {}
    for name, tag in GAZETTEERS.items():
        for entry in _entries(lexicons / name):
            words = entry.split()
            if len(words) == 1:
                table.setdefault(words[0], set()).add(tag)
            else:
                table.setdefault(words[0], set()).add(tag + "_b")
                for w in words[1:]:
                    table.setdefault(w, set()).add(tag + "_i")
    return {w: "|".join(sorted(t)) for w, t in table.items()}


def build_known_entities() -> dict[str, str]:
    """Whole names from newsmine's own hand-written lists, as "w1 w2" (normalized, lowercased) -> types:
    every alias in ``organizations.txt`` (ORG) and every place in ``places.txt`` (LOC).

    A token inside such a name gets a ``gk=B-ORG`` / ``gk=I-LOC`` feature. Unlike a lexicon of training
    entities, these lists ship with newsmine, so a shipped model may learn from them; training writes them
    into the model (``lexicons/known_entities.tsv``), so later edits of the lists do not change its features.

    >>> names = build_known_entities()
    >>> names["سازمان ملل متحد"], names["تهران"]
    ('ORG', 'LOC')
    """
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


@lru_cache(maxsize=8)
def known_entities(lexicons: Path) -> dict[str, str]:
    """The known-entity names a model was trained with (``lexicons/known_entities.tsv``), or none."""
    return read_clusters(lexicons / KNOWN_FILE)


def write_lexicons(out: Path, source: Path, known: bool) -> None:
    """Give a new model its feature lists: copies of ``source``'s (a model's ``lexicons/``) and, if it
    learns ``gk=`` features, the known entities of today's organization and place lists."""
    out.mkdir(parents=True, exist_ok=True)
    for name in GAZETTEERS:
        if (source / name).is_file():
            (out / name).write_text((source / name).read_text(encoding="utf-8"), encoding="utf-8")
    if known:
        lines = ["# known entities (normalized, lowercased words) and their types, from organizations.txt"]
        lines[0] += " and places.txt when this model was trained"
        lines += [f"{k}\t{v}" for k, v in sorted(build_known_entities().items())]
        (out / KNOWN_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def hazm_lexicon() -> dict[str, str]:
    """word -> "band:POS" by hazm's word list (frequency band on a log scale, POS classes); kept on disk
    between processes (``newsmine.resources.cached``)."""
    return cached("hazm-pos", ("hazm_words.txt",), _hazm_lexicon)


def _hazm_lexicon() -> dict[str, str]:
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
        known: dict[str, str] | None = None,
        lexicons: Path = DEFAULT_MODEL / LEXICONS_DIR,
    ) -> None:
        """``known``: the known-entity names whose ``gk=`` features fire (none: no such features; a model
        learns them or not, and ``NerTagger`` gives it those it was trained with); ``lexicons``: the folder
        of feature lists (``GAZETTEERS``) the model was trained with."""
        self.clusters = clusters or {}
        self.entities = entity_lexicon or {}
        self.entity_firsts = _firsts(self.entities)
        self.known = known or {}
        self.known_firsts = _firsts(self.known)
        self.gaz = gazetteers(Path(lexicons))
        self.hazm = hazm_lexicon()
        self._cache: dict[str, tuple[tuple[str, ...], ...]] = {}

    def _word(self, word: str, cache: bool = True) -> tuple[tuple[str, ...], ...]:
        """(own features, features seen from -2, -1, +1, +2); ``cache=False``: computed, not kept (the tagger
        keeps the weights they sum to instead)."""
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
        if cache and len(self._cache) < 500_000:
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


# -- the compiled model ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CompiledCRF:
    """A linear-chain CRF as arrays: the weight of each attribute for each label (``state``, one row per
    attribute of ``index``) and of each label pair (``trans``). Tagging sums the rows of a token's attributes
    and runs Viterbi in numpy; python-crfsuite is then needed only to train.

    Written by hand: the model is python-crfsuite's, and no maintained library tags a crfsuite model from
    precomputed per-word weight sums (which is what makes tagging fast: a word's features are summed once per
    process, not loaded into crfsuite again in every sentence).
    """

    labels: tuple[str, ...]
    index: dict[str, int]
    state: np.ndarray
    trans: np.ndarray
    digest: str

    def __post_init__(self) -> None:
        # next label x previous label, for Viterbi (a frozen dataclass sets its own attributes this way)
        object.__setattr__(self, "_trans_t", np.ascontiguousarray(self.trans.T))

    @staticmethod
    def digest_of(model_path: Path) -> str:
        return hashlib.sha256(Path(model_path).read_bytes()).hexdigest()

    @classmethod
    def from_crfsuite(cls, model_path: Path) -> CompiledCRF:
        """Read a ``.crfsuite`` model's weights (python-crfsuite; about a second for the shipped models)."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_path))
        info = tagger.info()
        labels = tuple(tagger.labels())
        row = {label: k for k, label in enumerate(labels)}
        attrs = sorted({a for a, _ in info.state_features})
        index = {a: i for i, a in enumerate(attrs)}
        state = np.zeros((len(attrs), len(labels)), dtype=np.float64)
        for (attr, label), weight in info.state_features.items():
            state[index[attr], row[label]] = weight
        trans = np.zeros((len(labels), len(labels)), dtype=np.float64)
        for (a, b), weight in info.transitions.items():
            trans[row[a], row[b]] = weight
        return cls(labels, index, state, trans, cls.digest_of(model_path))

    def save(self, path: Path) -> None:
        """Write the arrays (``weights.npz``), with the model digest they were read from."""
        names = "\n".join(self.index).encode("utf-8")
        with open(path, "wb") as fh:
            np.savez_compressed(
                fh,
                state=self.state,
                trans=self.trans,
                attrs=np.frombuffer(names, dtype=np.uint8),
                labels=np.frombuffer("\n".join(self.labels).encode("utf-8"), dtype=np.uint8),
                digest=np.frombuffer(self.digest.encode("ascii"), dtype=np.uint8),
            )

    @classmethod
    def load(cls, model_path: Path) -> CompiledCRF:
        """The weights of ``model_path``: from ``weights.npz`` beside it when that was written from this very
        model file (same digest), else read from the model itself."""
        cached = Path(model_path).with_name(WEIGHTS_FILE)
        digest = cls.digest_of(model_path)
        if cached.is_file():
            with np.load(cached) as data:
                if bytes(data["digest"]).decode("ascii") == digest:
                    attrs = bytes(data["attrs"]).decode("utf-8").split("\n")
                    labels = tuple(bytes(data["labels"]).decode("utf-8").split("\n"))
                    index = {a: i for i, a in enumerate(attrs)}
                    return cls(labels, index, data["state"], data["trans"], digest)
        return cls.from_crfsuite(Path(model_path))

    def vectors(self, groups: Sequence[Iterable[str]]) -> np.ndarray:
        """:meth:`vector` of each group of attributes, as rows of one array, with one gather and one sum."""
        rows: list[int] = []
        bounds: list[int] = []
        index = self.index
        for attrs in groups:
            bounds.append(len(rows))
            rows.extend(i for a in attrs if (i := index.get(a)) is not None)
        out = np.zeros((len(bounds), len(self.labels)))
        if rows:
            starts = np.array(bounds)
            ends = np.append(starts[1:], len(rows))
            sums = np.add.reduceat(self.state[rows], np.minimum(starts, len(rows) - 1), axis=0)
            filled = ends > starts  # reduceat gives an empty group the row at its start: those stay zero
            out[filled] = sums[filled]
        return out

    def vector(self, attrs: Iterable[str]) -> np.ndarray:
        """The summed weights of ``attrs`` per label (attributes the model does not know weigh nothing)."""
        rows = [i for a in attrs if (i := self.index.get(a)) is not None]
        if not rows:
            return np.zeros(len(self.labels))
        return self.state[rows].sum(axis=0)

    def viterbi(self, scores: np.ndarray) -> list[int]:
        """The best label sequence for per-token label ``scores`` (tokens x labels) and the transitions."""
        return self.viterbi_many([scores])[0]

    def viterbi_many(self, scores: Sequence[np.ndarray], batch: int = 64) -> list[list[int]]:
        """:meth:`viterbi` of many sentences at once: sentences of similar length go through the steps
        side by side (``batch`` at a time), so one array operation serves them all."""
        order = sorted(range(len(scores)), key=lambda k: -len(scores[k]))
        out: list[list[int]] = [[] for _ in scores]
        for a in range(0, len(order), batch):
            group = order[a : a + batch]
            for k, path in zip(group, self._viterbi_batch([scores[k] for k in group]), strict=True):
                out[k] = path
        return out

    def _viterbi_batch(self, scores: list[np.ndarray]) -> list[list[int]]:
        """Viterbi over sentences given longest first: at step ``t`` the sentences still running are the
        first ``k``, so each step works on them alone, and the best score of a sentence that has ended
        stays as it was at its last token. The arrays are laid out (sentence, next label, previous label),
        so that the max over the previous labels runs along contiguous memory."""
        lens = [len(s) for s in scores]
        b, t_max, labels = len(scores), lens[0], len(self.labels)
        emit = np.zeros((t_max, b, labels))
        for k, s in enumerate(scores):
            emit[: len(s), k] = s
        running = (np.array(lens)[None, :] > np.arange(t_max)[:, None]).sum(axis=1).tolist()
        trans = self._trans_t
        best = emit[0].copy()
        back = np.zeros((t_max, b, labels), dtype=np.intp)
        for t in range(1, t_max):
            k = running[t]
            step = best[:k, None, :] + trans  # sentence x next label x previous label
            step.argmax(axis=2, out=back[t, :k])
            step.max(axis=2, out=best[:k])
            best[:k] += emit[t, :k]
        cur = best.argmax(axis=1)
        path = np.zeros((b, t_max), dtype=np.intp)
        for t in range(t_max - 1, -1, -1):
            k = running[t]
            path[:k, t] = cur[:k]
            if t > 0:
                cur[:k] = back[t, np.arange(k), cur[:k]]
        return [path[k, :n].tolist() for k, n in enumerate(lens)]


class NerTagger:
    """A trained model directory (or a ``.crfsuite`` file) ready to tag token lists.

    The summed weights of each word seen are kept in a table (5 x labels floats a word: 0.8 kB with the 21
    labels of the shipped models), up to :attr:`max_words` words (about 80 MB); a long batch refills it from
    empty when it is full, so a worker's memory stays flat however many articles it tags.

    >>> tagger = NerTagger.load()  # the shipped model
    >>> tagger.tag(["حسن", "روحانی", "در", "تهران", "گفت"])
    ['B-PER', 'I-PER', 'O', 'B-LOC', 'O']
    """

    #: the most words whose weights are kept (a word repeats most within an article and a day's news)
    max_words = 100_000

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
        self.model_path = Path(model_path)
        self.compiled = CompiledCRF.load(self.model_path)
        self._reset_words()
        self._pairs: dict[tuple[str, str], tuple[np.ndarray | None, np.ndarray | None]] = {}
        if entity_lexicon is None:
            entity_lexicon = read_clusters(self.model_path.with_name(ENTITIES_FILE))
        meta_file = self.model_path.with_name(META_FILE)
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
        if known is None:
            known = bool(meta.get("features", {}).get("known_entities", True))
        lexicons = self.model_path.with_name(LEXICONS_DIR)
        if not lexicons.is_dir():
            raise NewsmineError(Errors.E040, path=str(lexicons))
        names = known_entities(lexicons) if known else {}
        self.features = FeatureExtractor(clusters, entity_lexicon, names, lexicons)
        #: the corpora a model with feature augmentation was trained on (empty: no augmentation)
        self.domains: tuple[str, ...] = tuple(meta.get("domains") or ())
        if domain is not None and domain not in self.domains:
            raise NewsmineError(Errors.E041, domain=repr(domain), known=list(self.domains) or "none")
        #: the corpus whose guidelines the tags follow (the model's default when not given)
        self.domain: str | None = domain or meta.get("domain") or None
        c = self.compiled
        self._edges = {name: c.vector([name]) for name in ("bias", "BOS", "EOS")}
        # the first words of the model's bigram features ("b+=a|b", "b-=a|b"; a word may hold "|" itself)
        self._pair_firsts = frozenset(
            attr[3:k]
            for attr in c.index
            if attr.startswith(("b+=", "b-="))
            for k in range(3, len(attr))
            if attr[k] == "|"
        )
        if self.domain:
            self._edges["bias"] = self._edges["bias"] + c.vector([f"{self.domain}:bias"])

    @property
    def domain(self) -> str | None:
        return self._domain

    @domain.setter
    def domain(self, value: str | None) -> None:
        """Tag as another training corpus annotates: the word weights cached so far were for the old one."""
        self._domain = value
        self._reset_words()
        if hasattr(self, "_edges"):
            c = self.compiled
            self._edges["bias"] = c.vector(["bias"]) + (c.vector([f"{value}:bias"]) if value else 0)

    @classmethod
    def load(cls, path: str | Path | None = None, domain: str | None = None) -> NerTagger:
        """Load a model directory (``model.crfsuite``, optional ``clusters.tsv`` and ``meta.json``); default:
        the shipped one. ``domain``: for a model trained with feature augmentation, tag as that training corpus
        annotates (``models/ner-crf-aug`` knows "arman" and "peyma", its default; the default ``ner-crf`` has
        no domains)."""
        path = DEFAULT_MODEL if path is None else Path(path)
        model = path / MODEL_FILE if path.is_dir() else path
        return cls(model, read_clusters(model.with_name(CLUSTERS_FILE)), domain=domain)

    def tag(self, tokens: Sequence[str], *, normalized: bool = False) -> list[str]:
        """IOB2 labels for ``tokens``; they are normalized first unless ``normalized`` says they are.

        The same labels python-crfsuite gives for ``self.features.sentence(words, domain=self.domain)``,
        from the compiled weights: each word's summed feature weights are cached per word type."""
        return self.tag_many([tokens], normalized=normalized)[0]

    def tag_many(self, sentences: Sequence[Sequence[str]], *, normalized: bool = False) -> list[list[str]]:
        """:meth:`tag` of many sentences (of one document, say): their scores are summed in one pass over
        all their words and their Viterbi runs side by side."""
        labels = self.compiled.labels
        words = [list(s) if normalized else [normalize_token(t) for t in s] for s in sentences]
        todo = [k for k, w in enumerate(words) if w]
        paths = self.compiled.viterbi_many(self._scores([words[k] for k in todo]))
        out: list[list[str]] = [[] for _ in sentences]
        for k, path in zip(todo, paths, strict=True):
            out[k] = [labels[i] for i in path]
        return out

    def scores(self, words: Sequence[str]) -> np.ndarray:
        """Per-token label scores (tokens x labels) of a normalized sentence."""
        return self._scores([words])[0] if words else np.zeros((0, len(self.compiled.labels)))

    def _scores(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """:meth:`scores` of non-empty sentences. Their words' weight rows are gathered into one array,
        each sentence followed by two rows of zeros, so that the shifted sums of the neighbours' rows never
        reach into the next sentence (adding zeros leaves a sum as it was, bit for bit)."""
        c, fx, domain = self.compiled, self.features, self.domain
        self._learn({w for s in sentences for w in s})
        ids, lows, starts = self._ids, self._lows, []
        flat: list[int] = []
        for s in sentences:
            starts.append(len(flat))
            flat.extend(ids[w] for w in s)
            flat += (0, 0)  # row 0 of the table is zeros
        rows = self._table[flat]  # words (and pads) x 5 x labels
        scores = rows[:, 0] + self._edges["bias"]
        scores[1:] += rows[:-1, 2]  # the word before, as seen from here
        scores[:-1] += rows[1:, 3]
        scores[2:] += rows[:-2, 1]
        scores[:-2] += rows[2:, 4]
        out: list[np.ndarray] = []
        firsts = self._pair_firsts
        for s, start in zip(sentences, starts, strict=True):
            n = len(s)
            sc = scores[start : start + n]
            sc[0] += self._edges["BOS"]
            sc[n - 1] += self._edges["EOS"]
            low = [lows[ids[w]] for w in s]
            for i in range(n - 1):
                if low[i] not in firsts:
                    continue  # no bigram feature of the model starts with this word
                plus, minus = self._pair(low[i], low[i + 1])
                if plus is not None:
                    sc[i] += plus
                if minus is not None:
                    sc[i + 1] += minus
            if fx.known:
                for i, marks in enumerate(fx._entity_marks(low, fx.known, fx.known_firsts, "gk")):
                    if marks:
                        sc[i] += c.vector(marks)
                        if domain:
                            sc[i] += c.vector(f"{domain}:{m}" for m in marks)
            if fx.entities:
                for i, marks in enumerate(fx._entity_marks(low, fx.entities, fx.entity_firsts)):
                    if marks:
                        sc[i] += c.vector(marks)
            out.append(sc)
        return out

    def _reset_words(self) -> None:
        """Forget the words' weights (the table's row 0 stays: zeros, for the gaps between sentences)."""
        self._ids: dict[str, int] = {}
        self._lows: list[str] = [""]
        self._table = np.zeros((1024, 5, len(self.compiled.labels)))
        self._free = 1

    def _learn(self, words: Iterable[str]) -> None:
        """Add the words the table lacks: each word's features are summed, as seen from each position (own,
        as the word two before, one before, one after, two after), with one gather for all of them. A
        table full (:attr:`max_words`) starts again from empty."""
        words = set(words)
        new = sorted(w for w in words if w not in self._ids)
        if not new:
            return
        if self._free + len(new) > self.max_words:
            self._reset_words()
            new = sorted(words)
        groups: list[Sequence[str]] = []
        lows: list[str] = []
        for w in new:
            own, m2, m1, p1, p2 = self.features._word(w, cache=False)
            lows.append(own[0][2:])  # own[0] is "w=" and the lowercased word
            groups += (own, m2, m1, p1, p2)
            if self.domain:
                groups.append([f"{self.domain}:{x}" for x in own])
        width = 6 if self.domain else 5
        rows = self.compiled.vectors(groups).reshape(len(new), width, -1)
        if self.domain:
            rows[:, 0] += rows[:, 5]
            rows = rows[:, :5]
        need = self._free + len(new)
        if need > len(self._table):
            grown = np.zeros((max(need, 2 * len(self._table)), *self._table.shape[1:]))
            grown[: self._free] = self._table[: self._free]
            self._table = grown
        self._table[self._free : need] = rows
        for k, w in enumerate(new):
            self._ids[w] = self._free + k
        self._lows += lows
        self._free = need

    def _pair(self, a: str, b: str) -> tuple[np.ndarray | None, np.ndarray | None]:
        """The weights of the bigram features of two neighbours: for the first ("b+="), for the second
        ("b-="); None for a bigram the model does not know."""
        hit = self._pairs.get((a, b))
        if hit is None:
            idx = self.compiled.index
            plus, minus = idx.get(f"b+={a}|{b}"), idx.get(f"b-={a}|{b}")
            state = self.compiled.state
            hit = (state[plus] if plus is not None else None, state[minus] if minus is not None else None)
            if len(self._pairs) < 500_000:
                self._pairs[(a, b)] = hit
        return hit


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
