"""Hostile inputs end to end: ``newsmine.extract`` on each class at growing sizes, per-character cost and
how it grows, and the peak memory of one extract on 1 MB of text.

    python bench/hostile.py                               # 10 k, 100 k and 1 M characters, every class
    python bench/hostile.py --sizes 10000 100000 --classes attrs nest
    python bench/hostile.py --json hostile.json

Each case runs in a worker process of its own kind (``newsmine.workers.WorkerPool``, the pipeline loaded
before the clock starts) under a time limit (``--timeout``, default 600 s): a case that does not finish is
reported as such, the rest go on. Times are wall-clock, the median of ``--repeat`` runs (one run at 1 M).

For each class the last column is the growth of the per-character cost from one size to the next (1.0:
linear). The issue's bar is 1.3 for the classes the input guard does not cut; the guard cuts ``attrs``
(attributes past the 64th of an element), ``nest`` (depth past 250), ``script`` (script text past 64 KB)
and ``token`` (runs without a space past 2,000 characters), so their cost stops growing with the input.
The classes that reach the text stage whole (``lines``, ``line``, ``prose``, ``paragraphs``, ``elements``)
measure the text stage as much as the guard: a growth above 1.3 there is the text stage's to fix.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time

from newsmine.workers import Failure, WorkerPool

SENTENCE = "تهران ـ وزیر کار گفت: امسال ۲۰ هزار شغل تازه در استان ایجاد شد و این روند ادامه دارد. "
P = f"<p>{SENTENCE}</p>"


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def make(kind: str, n: int) -> str:
    """An input of class ``kind`` with about ``n`` characters."""
    if kind == "attrs":  # one element with as many attributes as fit
        attrs = _repeat(" a=x", n)
        return f"<html><body><div{attrs}>{P * 3}</div></body></html>"
    if kind == "elements":  # many elements of 10 attributes each: not cut
        element = '<span a="1" b="2" c="3" d="4" e="5" f="6" g="7" h="8" i="9" j="10">خبر</span> '
        return f"<html><body>{P * 3}<div>{_repeat(element, n)}</div></body></html>"
    if kind == "nest":
        depth = n // 11
        return "<html><body>" + "<div>" * depth + P * 3 + "</div>" * depth + "</body></html>"
    if kind == "script":
        return f"<html><head><script>var x='{'x' * n}';</script></head><body>{P * 3}</body></html>"
    if kind == "paragraphs":  # an ordinary page, long; numbered, so that no paragraph repeats another
        paragraphs, size, i = [], 0, 0
        while size < n:
            i += 1
            paragraphs.append(f"<p>{SENTENCE}{i}</p>")
            size += len(paragraphs[-1])
        return f"<html><body><article>{''.join(paragraphs)}</article></body></html>"
    if kind == "token":
        return "عنوان\n" + SENTENCE + "ا" * n
    if kind == "line":  # one line, no newline: sentences only
        return "عنوان\n" + _repeat(SENTENCE, n)
    if kind == "lines":  # many short lines
        return "عنوان\n" + _repeat("وزیر کار گفت.\n", n)
    if kind == "prose":  # paragraphs of sentences, as an article has them
        return "عنوان\n" + _repeat(SENTENCE * 4 + "\n\n", n)
    raise ValueError(kind)


CLASSES = ("attrs", "elements", "nest", "script", "paragraphs", "token", "line", "lines", "prose")
CUT = {"attrs", "nest", "script", "token"}


def _warm() -> None:
    import newsmine

    newsmine.extract("گرم کردن")


def _case(task: tuple[str, int]) -> dict:
    import newsmine

    kind, n = task
    item = make(kind, n)
    start = time.perf_counter()
    rec = newsmine.extract(item)
    took = time.perf_counter() - start
    return {"seconds": took, "chars_in": len(item), "chars_out": len(rec.text), "warnings": rec.warnings}


def _peak(task: int) -> dict:
    import newsmine

    text = "عنوان\n" + _repeat(SENTENCE * 4 + "\n\n", task)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    rec = newsmine.extract(text.encode("utf-8")[:task].decode("utf-8", "ignore"))
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": took,
        "peak_rss_mb": peak / 1024,
        "rss_before_mb": before / 1024,
        "chars": len(rec.text),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--classes", nargs="+", default=list(CLASSES), choices=CLASSES)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=600.0)
    ap.add_argument("--no-memory", action="store_true", help="skip the 1 MB peak-memory run")
    ap.add_argument("--json", help="write the results here too")
    args = ap.parse_args(argv)

    results: dict[str, dict] = {}
    pool = WorkerPool(1, _case, _warm, timeout=args.timeout)
    try:
        for kind in args.classes:
            rows = []
            for n in args.sizes:
                times, last = [], None
                for _ in range(1 if n >= 1_000_000 else args.repeat):
                    pool.submit(0, (kind, n))
                    ((_, out),) = pool.wait()
                    if isinstance(out, Failure):
                        last = {"failed": out.error, "message": out.message}
                        break
                    times.append(out["seconds"])
                    last = out
                row = {"size": n, **(last or {})}
                if times:
                    row["seconds"] = statistics.median(times)
                    row["us_per_char"] = 1e6 * row["seconds"] / n
                rows.append(row)
                print(_line(kind, row, rows), flush=True)
                if "failed" in row:
                    break  # a larger size would fail too
            results[kind] = {"cut_by_guard": kind in CUT, "rows": rows}
    finally:
        pool.close()
    if not args.no_memory:
        with WorkerPool(1, _peak, _warm, timeout=args.timeout) as mem:
            mem.submit(0, 1_000_000)
            ((_, out),) = mem.wait()
        results["peak_memory_1mb"] = out if not isinstance(out, Failure) else {"failed": out.error}
        if isinstance(out, dict):
            print(
                f"peak RSS of extract on 1 MB of text: {out['peak_rss_mb']:.0f} MB "
                f"(pipeline loaded: {out['rss_before_mb']:.0f} MB; {out['seconds']:.1f} s)"
            )
        else:
            print(f"peak memory run failed: {out.error}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, ensure_ascii=False, indent=2)
    return 0


def _line(kind: str, row: dict, rows: list[dict]) -> str:
    if "failed" in row:
        return f"{kind:11s} {row['size']:>9,} chars  {row['failed']}: {row['message']}"
    growth = ""
    if len(rows) >= 2 and "us_per_char" in rows[-2]:
        growth = f"  growth x{row['us_per_char'] / rows[-2]['us_per_char']:.2f}"
    codes = sorted({w[1:5] for w in row.get("warnings", [])})
    cut = " (cut by the guard)" if kind in CUT else ""
    return (
        f"{kind:11s} {row['size']:>9,} chars  {row['seconds']:8.2f} s  {row['us_per_char']:8.2f} us/char"
        f"{growth}  warnings {','.join(codes) or '-'}{cut}"
    )


if __name__ == "__main__":
    sys.exit(main())
