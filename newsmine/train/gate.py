"""The quality gate: floors under every dev-set figure, and the sets they were measured on.

``eval_baseline.json`` (at the repository root) holds, for each dev set, the SHA-256 of its annotation
files, its article count and a floor for the precision, recall and F1 of every field and for each extra
accuracy. ``tests/test_quality_gate.py`` fails when a figure falls below its floor, or when a set changed
without its floors being pinned again. ``python scripts/pin_eval_baseline.py`` measures the sets and pins
the floors at the figures measured (rounded down to 0.1 point); it refuses to lower a floor unless given
``--lower "why"``, and then keeps the reason in the file's ``lowered`` list, to be named in the note of the
change.

The sets: the Fars News dev gold (``corpora/dev-gold``), the Iranian part of the cross-outlet set
(``corpora/dev-cross/iran-*.jsonl``) and its Dari part (``corpora/dev-cross/dari.jsonl``, scored only where
this copy has the Dari page texts).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsmine.train.gold import EXTRAS, FIELDS, Report, evaluate_gold

__all__ = ["BASELINE", "SETS", "DevSet", "below_floors", "floors_of", "measure"]

ROOT = Path(__file__).resolve().parents[2]
#: the pinned floors
BASELINE = ROOT / "eval_baseline.json"
METRICS = ("precision", "recall", "f1")


@dataclass(frozen=True)
class DevSet:
    """One dev set: its annotation files (``pattern`` in ``folder``)."""

    name: str
    folder: Path
    pattern: str = "*.jsonl"

    def files(self) -> list[Path]:
        from newsmine.train.crossnews import DARI_TEXTS

        return sorted(p for p in self.folder.glob(self.pattern) if p.name != DARI_TEXTS)

    def digest(self) -> str:
        """SHA-256 over the annotation files' names and bytes."""
        h = hashlib.sha256()
        for p in self.files():
            h.update(p.name.encode("utf-8") + b"\0" + p.read_bytes() + b"\0")
        return h.hexdigest()


SETS = (
    DevSet("dev-gold", ROOT / "corpora" / "dev-gold"),
    DevSet("dev-cross-iran", ROOT / "corpora" / "dev-cross", "iran-*.jsonl"),
    DevSet("dev-cross-dari", ROOT / "corpora" / "dev-cross", "dari.jsonl"),
)


def measure(dev: DevSet, corpora: Path | None = None, nlp: Any = None) -> Report:
    """The set's report (``corpora``: the shared corpora folder; default ``../shared/corpora``)."""
    return evaluate_gold(
        dev.folder,
        corpora / "farsnews" if corpora is not None else None,
        nlp=nlp,
        corpora_dir=corpora,
        pattern=dev.pattern,
    )


def floors_of(report: Report) -> dict[str, Any]:
    """The figures of a report as floors: every field's P, R and F1 and every extra, rounded down to 0.1
    point (so that a figure measured again equals or passes its floor)."""

    def down(x: float) -> float:
        return math.floor(x * 1000 + 1e-9) / 1000

    out: dict[str, Any] = {f: {m: down(getattr(report.counts[f], m)) for m in METRICS} for f in FIELDS}
    out.update({e: down(report.extra(e)) for e in EXTRAS})
    return out


def below_floors(report: Report, floors: dict[str, Any]) -> list[str]:
    """The figures of ``report`` under their floors, as readable lines."""
    now = floors_of(report)
    out: list[str] = []
    for name, floor in floors.items():
        pairs = floor.items() if isinstance(floor, dict) else [("value", floor)]
        for metric, value in pairs:
            got = now[name][metric] if isinstance(floor, dict) else now[name]
            if got < value:
                out.append(f"{name} {metric}: {got:.3f} < floor {value:.3f}")
    return out


def read_baseline(path: Path = BASELINE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"sets": {}, "lowered": []}
