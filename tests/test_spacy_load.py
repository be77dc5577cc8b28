"""spaCy finds newsmine's components and tokenizer by entry points: a pipeline saved with ``nlp.to_disk()``
loads with ``spacy.load()`` in an interpreter that never imports newsmine, and gives the same Doc spans."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import newsmine

TEXT = (
    "تهران ـ علی ربیعی وزیر کار گفت: بیش از ۲۰ هزار نفر در ۲۲ بهمن ۱۴۰۲ در مصلای امام خمینی(ره) حاضر شدند.\n"
    "وی افزود: نمایشگاه کتاب تهران هم برگزار شد."
)

#: run in a fresh interpreter: no import of newsmine, only spaCy and the saved folder
SCRIPT = """
import dataclasses, json, sys
import spacy
assert "newsmine" not in sys.modules
nlp = spacy.load(sys.argv[1])
doc = nlp(sys.argv[2])
def plain(x):
    return dataclasses.asdict(x) if dataclasses.is_dataclass(x) else x
out = {
    "pipe_names": nlp.pipe_names,
    "tokens": [t.text for t in doc],
    "ents": [(e.start_char, e.end_char, e.label_) for e in doc.ents],
    "spans": {k: [(s.start_char, s.end_char, s.label_) for s in g] for k, g in sorted(doc.spans.items())},
    "people": [plain(p) for p in doc._.people],
    "claims": [plain(c) for c in doc._.claims],
    "quotes": [plain(q) for q in doc._.quotes],
    "events": [plain(e) for e in doc._.events],
}
print(json.dumps(out, ensure_ascii=False))
"""


def _summary(nlp: Any, text: str) -> dict[str, Any]:
    doc = nlp(text)

    def plain(x: Any) -> Any:
        return dataclasses.asdict(x) if dataclasses.is_dataclass(x) else x

    out = {
        "pipe_names": nlp.pipe_names,
        "tokens": [t.text for t in doc],
        "ents": [(e.start_char, e.end_char, e.label_) for e in doc.ents],
        "spans": {k: [(s.start_char, s.end_char, s.label_) for s in g] for k, g in sorted(doc.spans.items())},
        "people": [plain(p) for p in doc._.people],
        "claims": [plain(c) for c in doc._.claims],
        "quotes": [plain(q) for q in doc._.quotes],
        "events": [plain(e) for e in doc._.events],
    }
    return json.loads(json.dumps(out, ensure_ascii=False))


def test_saved_pipeline_loads_without_importing_newsmine(tmp_path: Path) -> None:
    nlp = newsmine.load()
    nlp.to_disk(tmp_path / "pipeline")
    text = newsmine.normalize(TEXT)
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "pipeline"), text],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    loaded = json.loads(run.stdout)
    here = _summary(nlp, text)
    assert loaded == here
    assert here["people"] and here["claims"] and here["spans"]["numbers"]


def test_a_component_by_name_in_a_blank_pipeline() -> None:
    """``spacy.blank("fa").add_pipe("newsmine_claims")`` finds the factory by its entry point."""
    script = (
        "import spacy, sys\n"
        "nlp = spacy.blank('fa')\n"
        "nlp.add_pipe('newsmine_numbers'); nlp.add_pipe('newsmine_claims')\n"
        "doc = nlp('بیش از ۲۰ هزار نفر آمدند.')\n"
        "print([(c.value, c.unit, c.qualifier) for c in doc._.claims])\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip() == "[(20000, 'نفر', 'more_than')]"
