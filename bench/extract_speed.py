"""Throughput of ``newsmine.extract`` with every component, on one core, and where the time goes.

    python bench/extract_speed.py                 # the 900 Fars News articles, one process
    python bench/extract_speed.py --limit 200
    python bench/extract_speed.py --scaling       # also the cost per character at 1x, 4x, 16x, 64x length
    python bench/extract_speed.py --startup       # also `import newsmine` and `newsmine.load()` in new processes

Prints articles/s and characters/s on one core (CPU time) for the whole extract (normalize, tokenize, every
component on each text of the article, the Record), the share of each pipeline component, hazm's normalize
and tokenize on the same texts beside it, the process's peak RSS and the machine's load average. The corpus
is read from ../shared/corpora/farsnews (research-licensed: read there, never copied).

``--scaling`` takes one article of about 3,300 characters, repeats its body 1, 4, 16 and 64 times, and prints
each stage's microseconds per character at each length and the ratio 64x / 1x: a stage that is linear in
the length of its text keeps that ratio near 1.

After its warm-up article the benchmark calls ``gc.freeze()``, as a batch worker does after loading the
pipeline: the pipeline's 200,000 objects (tables, lexicons, the model) live as long as the process, and
without it every full collection walks them again (0.2 s each; a 200 k-character text triggers several).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import newsmine
from newsmine.train.farsnews import read_farsnews

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "farsnews"
STAGES = ("normalize", "make_doc", "assemble")


class _Timed:
    """A pipeline component that adds its CPU time to ``spent[name]``."""

    def __init__(self, proc, name: str, spent: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
        self.proc, self.name, self.spent = proc, name, spent

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.proc, name)  # the rest of the component (EventFinder.group) as it is

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        t = time.process_time()
        try:
            return self.proc(*args, **kwargs)
        finally:
            self.spent[self.name] += time.process_time() - t


def _timed_pipeline(spent: dict[str, float]) -> Any:
    """newsmine.load() with every component, the tokenizer, normalize and the assembly timed."""
    ex = sys.modules["newsmine.extract"]  # the module: `newsmine.extract` is also the function's name

    nlp = newsmine.load()
    nlp._components = [(name, _Timed(proc, name, spent)) for name, proc in nlp._components]
    nlp.tokenizer = _Timed(nlp.tokenizer, "make_doc", spent)
    assembly = importlib.import_module("newsmine.assemble")  # newsmine.extract imports it at every call
    for module, name in ((ex, "normalize"), (assembly, "assemble")):
        setattr(module, name, _Timed(getattr(module, name), name, spent))
    return nlp


def _throughput(items: list[dict[str, Any]]) -> None:
    spent: dict[str, float] = defaultdict(float)
    nlp = _timed_pipeline(spent)
    newsmine.extract(items[0], nlp=nlp)  # warm up: lexicons and the model load once
    gc.freeze()  # as a batch worker does after its warm-up: the pipeline's objects leave the GC's sight
    spent.clear()
    chars = 0
    start = time.process_time()
    for item in items:
        rec = newsmine.extract(item, nlp=nlp)
        chars += len(rec.text)
    cpu = time.process_time() - start
    n = len(items)
    print(
        f"articles: {n}, characters: {chars:,}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    )
    print(f"one core: {n / cpu:.1f} articles/s, {chars / cpu / 1e3:.0f} k chars/s (CPU {cpu:.1f} s)")
    total = sum(spent.values())
    for name, sec in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:22s} {sec:6.1f} s  {100 * sec / cpu:5.1f} %")
    print(f"  {'rest (Article, Record)':22s} {cpu - total:6.1f} s  {100 * (cpu - total) / cpu:5.1f} %")
    _hazm(items)
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def _hazm(items: list[dict[str, Any]]) -> None:
    """hazm's normalize + word tokenize on the same bodies, and newsmine's, side by side (CPU time)."""
    try:
        from hazm import Normalizer, sent_tokenize, word_tokenize
    except ImportError:
        print("hazm: not installed (pip install 'newsmine[bench]')")
        return
    from newsmine.text.normalize import normalize
    from newsmine.text.tokenize import tokenize

    texts = [item["text"] for item in items]
    norm = Normalizer()
    timings: dict[str, list[float]] = {"hazm": [], "newsmine": []}
    for _ in range(3):  # alternating runs
        t = time.process_time()
        for text in texts:
            [word_tokenize(s) for s in sent_tokenize(norm.normalize(text))]
        timings["hazm"].append(time.process_time() - t)
        t = time.process_time()
        for text in texts:
            tokenize(normalize(text))
        timings["newsmine"].append(time.process_time() - t)
    hazm, ours = sorted(timings["hazm"])[1], sorted(timings["newsmine"])[1]
    print(f"normalize + tokenize, median of 3 alternating runs: newsmine {len(texts) / ours:.0f} articles/s,")
    print(f"  hazm {len(texts) / hazm:.0f} articles/s (newsmine {hazm / ours:.2f}x hazm)")


def _scaling(items: list[dict[str, Any]]) -> None:
    """Microseconds per character of each stage at 1x, 4x, 16x and 64x one article's length (median of three
    rounds)."""
    base = min(items, key=lambda it: abs(len(it["text"]) - 3300))
    spent: dict[str, float] = defaultdict(float)
    nlp = _timed_pipeline(spent)
    newsmine.extract(base, nlp=nlp)
    gc.freeze()
    factors = (1, 4, 16, 64)
    cells: dict[tuple[str, int], list[float]] = defaultdict(list)
    for _ in range(3):  # three rounds over the lengths, the median of each: one run is too noisy
        for factor in factors:
            item = {**base, "text": "\n".join([base["text"]] * factor)}
            runs = max(1, 16 // factor)
            spent.clear()
            for _ in range(runs):
                rec = newsmine.extract(item, nlp=nlp)
            chars = len(rec.text) * runs
            for name, sec in spent.items():
                cells[name, factor].append(1e6 * sec / chars)
    rows: dict[str, list[float]] = {}
    for (name, _factor), costs in cells.items():
        rows.setdefault(name, []).append(sorted(costs)[len(costs) // 2])
    print(f"\ncost per character, one article of {len(base['text']):,} characters repeated (us/char):")
    print(f"  {'stage':22s} " + " ".join(f"{f:>6d}x" for f in factors) + "   64x/1x")
    for name, costs in sorted(rows.items(), key=lambda kv: -kv[1][0]):
        ratio = costs[-1] / costs[0] if costs[0] else float("nan")
        print(f"  {name:22s} " + " ".join(f"{c:7.2f}" for c in costs) + f"   {ratio:6.2f}")


def _startup() -> None:
    """`import newsmine` and `newsmine.load()` in new interpreters (wall time, the second of three runs)."""
    code = (
        "import time; t = time.perf_counter(); import newsmine; a = time.perf_counter() - t; "
        "t = time.perf_counter(); newsmine.load(); b = time.perf_counter() - t; print(a, b)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(3)
    ]
    times = sorted((float(a), float(b)) for a, b in (r.stdout.split() for r in runs))
    print(
        f"\nstart-up (new process, median of 3): import newsmine {times[1][0]:.2f} s, newsmine.load() {times[1][1]:.2f} s"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--scaling", action="store_true")
    ap.add_argument("--startup", action="store_true")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    items = [a.as_input() for a in read_farsnews(args.corpus)]
    if args.limit:
        items = items[: args.limit]
    _throughput(items)
    if args.scaling:
        _scaling(items)
    if args.startup:
        _startup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
