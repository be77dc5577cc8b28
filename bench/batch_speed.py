"""Batch throughput, scaling, memory and no-op rerun time on the 900 Fars News articles.

    python bench/batch_speed.py                 # 1x: 1 and 2 workers, no-op rerun
    python bench/batch_speed.py --scale 10      # also 10x (9,000 articles, a varied url so hashes differ)

Targets: >= 30 articles/s per core; no-op rerun of 9,000 articles < 10 s; peak RSS < 1 GB per worker and
flat from 1x to 10x. Peak RSS is the sum over the parent and its worker processes, sampled every 0.1 s.
The corpus is read from ../shared/corpora/farsnews (research-licensed: read there, never copied).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from newsmine.batch import run_batch

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "farsnews"


def write_input(path: Path, scale: int) -> int:
    arts = [a for f in sorted(CORPUS.glob("fars-news-*.json")) for a in json.loads(f.read_text("utf-8"))]
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for copy in range(scale):
            for a in arts:
                text = "\n".join([a["title"], a.get("abstract") or "", *a["paragraphs"]])
                url = a["link"] if copy == 0 else f"{a['link']}?copy={copy}"
                fh.write(
                    json.dumps({"url": url, "title": a["title"], "text": text}, ensure_ascii=False) + "\n"
                )
                n += 1
    return n


class PeakRSS:
    """Peak of the summed RSS of this process and its children, sampled in a thread."""

    def __init__(self) -> None:
        self.peak = 0
        self.peak_worker = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = me.memory_info().rss
            for child in me.children(recursive=True):
                try:
                    rss = child.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                self.peak_worker = max(self.peak_worker, rss)
            self.peak = max(self.peak, total)
            time.sleep(0.1)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def measure(src: Path, out: Path, workers: int) -> dict:
    with PeakRSS() as rss:
        summary = run_batch([src], out, workers=workers, progress=False)
    mb = 1024 * 1024
    return {
        "workers": workers,
        "processed": summary["processed"],
        "errors": summary["errors"],
        "elapsed_s": summary["elapsed_s"],
        "articles_per_s": summary["articles_per_s"],
        "per_core": round(summary["articles_per_s"] / workers, 1),
        "peak_rss_total_mb": round(rss.peak / mb),
        "peak_rss_worker_mb": round(rss.peak_worker / mb),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=1, help="also run at this multiple of the corpus")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    results: dict = {"cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        src = tmp_path / "fars-1x.jsonl"
        results["articles_1x"] = write_input(src, 1)
        runs = [measure(src, tmp_path / f"out-1x-{k}-{w}", w) for k, w in enumerate(args.workers)]
        results["runs_1x"] = runs
        if len(runs) > 1:
            results["scaling"] = round(runs[-1]["articles_per_s"] / runs[0]["articles_per_s"], 2)
        started = time.perf_counter()
        again = run_batch(
            [src], tmp_path / f"out-1x-{len(args.workers) - 1}-{args.workers[-1]}", progress=False
        )
        results["noop_rerun_1x_s"] = round(time.perf_counter() - started, 2)
        assert again["processed"] == 0, again
        if args.scale > 1:
            big = tmp_path / f"fars-{args.scale}x.jsonl"
            results[f"articles_{args.scale}x"] = write_input(big, args.scale)
            out = tmp_path / f"out-{args.scale}x"
            results[f"run_{args.scale}x"] = measure(big, out, args.workers[-1])
            started = time.perf_counter()
            again = run_batch([big], out, progress=False)
            results[f"noop_rerun_{args.scale}x_s"] = round(time.perf_counter() - started, 2)
            results[f"noop_rerun_{args.scale}x_skipped"] = again["skipped_done"]
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
