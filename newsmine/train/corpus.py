"""Readers for the NER corpora newsmine trains on, mapped to one label scheme.

Two formats:

- ``arman``: ArmanPersoNER, one ``token TAG`` pair a line (IOB, classes pers org loc fac pro event),
  a blank line between sentences;
- ``peyma``: PEYMA's splits, one ``word|B_ORG`` pair a line (IOB2 with an underscore, classes PER ORG LOC
  DAT TIM MON PCT), a blank line between sentences. The word may itself contain ``|`` ("||O" is the
  word "|"), so the tag is what follows the last ``|``.

Both become sentences of ``(token, label)`` with labels ``O``, ``B-X``, ``I-X`` and X one of ``LABELS``.
A line that cannot be read is never skipped silently: it is reported, with its file and line number, in
``Corpus.problems`` (or raised, with ``strict=True``).

>>> c = read_string("علی B-pers\\nدر O\\nتهران B-loc\\n", "arman")
>>> c.sentences
[[('علی', 'B-PER'), ('در', 'O'), ('تهران', 'B-LOC')]]
>>> read_string("بانک|B_ORG\\nملی|I_ORG\\n", "peyma").sentences
[[('بانک', 'B-ORG'), ('ملی', 'I-ORG')]]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsmine.errors import Errors, NewsmineError

__all__ = [
    "FORMATS",
    "LABELS",
    "Corpus",
    "CorpusError",
    "Sentence",
    "read_corpus",
    "read_lines",
    "read_string",
]

#: the one label scheme of newsmine's NER
LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "FAC", "PRO", "EVENT", "DATE", "TIME", "MONEY", "PERCENT")

#: corpus class -> newsmine label, per format
LABEL_MAPS: dict[str, dict[str, str]] = {
    "arman": {"pers": "PER", "org": "ORG", "loc": "LOC", "fac": "FAC", "pro": "PRO", "event": "EVENT"},
    "peyma": {
        "PER": "PER",
        "ORG": "ORG",
        "LOC": "LOC",
        "DAT": "DATE",
        "TIM": "TIME",
        "MON": "MONEY",
        "PCT": "PERCENT",
    },
}
FORMATS: tuple[str, ...] = tuple(LABEL_MAPS)

Sentence = list[tuple[str, str]]


class CorpusError(NewsmineError):
    """A corpus line that cannot be read, with where it is."""


@dataclass
class Corpus:
    """Sentences of ``(token, label)`` and the problems met while reading them (file:line: why)."""

    sentences: list[Sentence] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.sentences)

    def __add__(self, other: Corpus) -> Corpus:
        return Corpus(self.sentences + other.sentences, self.problems + other.problems)


def _split(line: str, fmt: str) -> tuple[str, str] | None:
    if fmt == "arman":
        parts = line.rsplit(None, 1)
        if len(parts) != 2:
            return None
        return parts[0].strip(), parts[1]
    if "|" not in line:
        return None
    word, tag = line.rsplit("|", 1)
    return word.strip(), tag.strip()


def _label(tag: str, fmt: str) -> str | None:
    if tag == "O":
        return "O"
    sep = "-" if fmt == "arman" else "_"
    prefix, _, cls = tag.partition(sep)
    if prefix not in ("B", "I") or not cls:
        # tolerate the other separator, which the 600K PEYMA release and other IOB files use
        prefix, _, cls = tag.replace("_", "-").partition("-")
        if prefix not in ("B", "I"):
            return None
    mapped = LABEL_MAPS[fmt].get(cls) or LABEL_MAPS[fmt].get(cls.lower() if fmt == "arman" else cls.upper())
    return f"{prefix}-{mapped}" if mapped else None


def read_lines(lines: Iterable[str], fmt: str, source: str = "<string>", *, strict: bool = False) -> Corpus:
    """Read ``lines`` of format ``fmt`` ("arman" or "peyma"); problems name ``source`` and the line number.

    An I- tag after O or after another class starts an entity (as CoNLL's evaluation reads it); the label is
    rewritten to B-.

    >>> c = read_lines(["علی B-pers", "oops", "", "x O"], "arman", "f.txt")
    >>> c.problems
    ["f.txt:2: cannot read 'oops' as 'token TAG'"]
    >>> len(c.sentences)
    2
    """
    if fmt not in LABEL_MAPS:
        raise NewsmineError(Errors.E044, format=fmt, available=", ".join(FORMATS))
    shape = "'token TAG'" if fmt == "arman" else "'word|TAG'"
    corpus = Corpus()
    sent: Sentence = []
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            if sent:
                corpus.sentences.append(sent)
                sent = []
            continue
        pair = _split(line, fmt)
        problem = None
        if pair is None or not pair[0]:
            problem = f"{source}:{n}: cannot read {line!r} as {shape}"
        else:
            label = _label(pair[1], fmt)
            if label is None:
                problem = f"{source}:{n}: unknown tag {pair[1]!r} in {line!r}"
            else:
                if label.startswith("I-"):
                    prev = sent[-1][1] if sent else "O"
                    if prev == "O" or prev[2:] != label[2:]:
                        label = "B-" + label[2:]
                sent.append((pair[0], label))
        if problem:
            if strict:
                raise CorpusError(Errors.E045, problem=problem)
            corpus.problems.append(problem)
    if sent:
        corpus.sentences.append(sent)
    return corpus


def read_string(text: str, fmt: str, *, strict: bool = False) -> Corpus:
    """Read a corpus held in a string."""
    return read_lines(text.splitlines(), fmt, strict=strict)


def read_corpus(path: str | Path, fmt: str | None = None, *, strict: bool = False) -> Corpus:
    """Read one corpus file; ``fmt`` is guessed from the first line when not given."""
    path = Path(path)
    with path.open(encoding="utf-8") as f:
        lines = f.read().splitlines()
    if fmt is None:
        fmt = guess_format(lines)
    return read_lines(lines, fmt, str(path), strict=strict)


def guess_format(lines: Iterable[str]) -> str:
    """``peyma`` when the first non-blank line ends in ``|TAG``, else ``arman``.

    >>> guess_format(["", "ایران|B_LOC"]), guess_format(["ایران B-loc"])
    ('peyma', 'arman')
    """
    for line in lines:
        if line.strip():
            tail = line.rstrip().rsplit("|", 1)
            return "peyma" if len(tail) == 2 and " " not in tail[1] else "arman"
    return "arman"
