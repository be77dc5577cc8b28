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

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsmine.errors import Errors, NewsmineError
from newsmine.lang.lexicon import read_organizations
from newsmine.resources import read_rows
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
    """word -> "band:POS" by hazm's word list (frequency band on a log scale, POS classes)."""
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
        """IOB2 labels for ``tokens``; they are normalized first unless ``normalized`` says they are."""
        if not tokens:
            return []
        words = list(tokens) if normalized else [normalize_token(t) for t in tokens]
        return self._tagger.tag(self.features.sentence(words, domain=self.domain))


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
