"""Word clusters for the NER tagger (issue 17): ``word_vectors`` + ``write_clusters`` and
``scripts/build_news_clusters.py``'s test-sentence filter, on tiny corpora written in the test (no
../shared data needed)."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from newsmine.models.crf import read_clusters
from newsmine.train.ner import word_vectors, write_clusters

REPO = Path(__file__).resolve().parents[1]

TEXT = [
    "علی به تهران رفت و در دانشگاه تهران سخنرانی کرد .",
    "حسن به مشهد رفت و در دانشگاه مشهد سخنرانی کرد .",
    "رضا به شیراز رفت و در دانشگاه شیراز سخنرانی کرد .",
    "مریم به تبریز رفت و در دانشگاه تبریز سخنرانی کرد .",
]


def _script():
    pytest.importorskip("gensim")
    spec = importlib.util.spec_from_file_location(
        "build_news_clusters", REPO / "scripts" / "build_news_clusters.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_clusters_at_two_sizes(tmp_path: Path) -> None:
    pytest.importorskip("gensim")
    pytest.importorskip("sklearn")
    sents = [s.split() for s in TEXT] * 5
    words, vecs = word_vectors(sents, dim=8, min_count=1, epochs=2)
    assert words[0] in {"به", "رفت", "و", "در", "دانشگاه", "سخنرانی", "کرد", "."}  # most frequent first
    assert vecs.shape == (len(words), 8)
    assert abs(float((vecs[0] ** 2).sum()) - 1) < 1e-6  # unit length
    out = write_clusters(words, vecs, tmp_path / "c.tsv", sizes=(2, 4), note="over 20 sentences")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# word clusters: word2vec (dim 8) + k-means [2, 4] over 20 sentences"
    assert len(lines) == len(words) + 1
    for line in lines[1:]:
        _word, ids = line.split("\t")
        a, b = map(int, ids.split("."))
        assert 0 <= a < 2 and 0 <= b < 4
    clusters = read_clusters(out)
    assert set(clusters) == set(words)


def _tiny_corpora(root: Path) -> Path:
    """The layout the script reads: one Fars News file, one unlabeled file, PEYMA splits, one Arman fold."""
    test_sentence = "مریم به تبریز رفت و در دانشگاه تبریز سخنرانی کرد ."
    (root / "farsnews").mkdir(parents=True)
    items = [
        {"title": "خبر", "abstract": TEXT[0], "paragraphs": [TEXT[1], TEXT[1]]},  # a duplicate
        {"title": None, "paragraphs": ["مريم به تبريز رفت و در دانشگاه تبريز سخنراني کرد."]},  # Arabic ي
    ]
    (root / "farsnews" / "fars-news-1.json").write_text(json.dumps(items), encoding="utf-8")
    (root / "unlabeled").mkdir()
    with gzip.open(root / "unlabeled" / "u.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(TEXT[2] + "\n\n" + test_sentence.replace("دانشگاه", "دانش\u200cگاه") + "\n")
    splits = root / "peyma" / "splits"
    splits.mkdir(parents=True)
    (splits / "peyma_train.txt").write_text("رضا|B_PER\nآمد|O\n\n", encoding="utf-8")
    (splits / "peyma_dev.txt").write_text("حسن|B_PER\nرفت|O\n\n", encoding="utf-8")
    (splits / "peyma_test.txt").write_text(
        "".join(f"{w}|O\n" for w in test_sentence.split()), encoding="utf-8"
    )
    (root / "arman").mkdir()
    (root / "arman" / "test_fold1.txt").write_text("علی B-pers\nگفت O\n", encoding="utf-8")
    return root


def test_test_sentences_are_dropped(tmp_path: Path) -> None:
    script = _script()
    sents, stats = script.collect(_tiny_corpora(tmp_path / "corpora"))
    joined = {" ".join(s) for s in sents}
    # the PEYMA test sentence is dropped wherever it comes, with Arabic letters or a ZWNJ inside a word
    assert not any("تبریز" in s for s in joined)
    assert stats["farsnews"][2] == 1 and stats["unlabeled/u"][2] == 1
    assert stats["farsnews"][3] == 1  # the duplicate paragraph is kept once
    assert "علی به تهران رفت و در دانشگاه تهران سخنرانی کرد ." in joined
    assert ["رضا", "آمد"] in sents and ["حسن", "رفت"] in sents  # training splits' raw tokens
    assert not any("علی" == s[0] and len(s) == 2 for s in sents)  # no Arman text at all
    assert sum(row[0] for row in stats.values()) == len(sents)
