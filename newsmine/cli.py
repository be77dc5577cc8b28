"""The ``newsmine`` command.

    newsmine extract FILE|-  [--format json|jsonl|table] [--html OUT.html]
    newsmine crawl --feeds FILE | --sitemap URL --out DIR [--max N] [--rate R]
    newsmine batch INPUT... --out DIR [--workers N] [--scheduler ADDRESS] [--format parquet|jsonl]
    newsmine train ner --arman DIR --peyma DIR --out DIR
    newsmine eval ner --data FILE [--format arman|peyma] [--model DIR] [--out PRED.conll]
    newsmine eval gold --corpus corpora/dev-gold [--farsnews DIR] [--json] [--errors FILE] [--limit N]

Arguments are mapped to the library in one place per command (trafilatura's habit): ``_extract``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from newsmine import __version__
from newsmine.schema import Record

FORMATS = ("json", "jsonl", "table")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsmine", description="Persian news to structured records.")
    parser.add_argument("--version", action="version", version=f"newsmine {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser(
        "extract", help="extract one or more articles (plain text or HTML files, or - for stdin)"
    )
    ex.add_argument("inputs", nargs="+", metavar="FILE|-", help="article file(s); - reads standard input")
    ex.add_argument(
        "--format", choices=FORMATS, default="json", help="json (indented, default), jsonl, table"
    )
    ex.add_argument("--url", help="the article's URL, stored in the record")
    ex.add_argument("--published", help="publication date (ISO 8601 or Persian, e.g. '21 بهمن 1402')")
    ex.add_argument(
        "--html", metavar="OUT.html", help="also write the record as an RTL HTML view (one input)"
    )
    ex.set_defaults(func=_extract)

    ba = sub.add_parser(
        "batch", help="process many articles incrementally into record parts and a state store"
    )
    ba.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="directories (recursive), .html/.htm/.txt, .jsonl/.jsonl.gz, .warc/.warc.gz files, or globs",
    )
    ba.add_argument(
        "--out", required=True, metavar="DIR", help="folder for records/, errors.jsonl, state.sqlite"
    )
    ba.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default 1)")
    ba.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="Dask scheduler, e.g. tcp://host:8786 (needs newsmine[distributed])",
    )
    ba.add_argument(
        "--format", choices=["parquet", "jsonl"], default="parquet", help="record parts (default parquet)"
    )
    ba.add_argument("--part-size", type=int, default=500, metavar="N", help="records per part (default 500)")
    ba.add_argument("--no-progress", action="store_true", help="no progress bar")
    ba.set_defaults(func=_batch)

    cr = sub.add_parser(
        "crawl", help="fetch articles politely from feeds or a sitemap into WARC and records.jsonl"
    )
    src = cr.add_mutually_exclusive_group(required=True)
    src.add_argument(
        "--feeds", metavar="FILE", help="file of RSS/Atom feed URLs, one a line (# comments allowed)"
    )
    src.add_argument("--sitemap", metavar="URL", help="a sitemap, sitemap index or Google News sitemap URL")
    cr.add_argument(
        "--out", required=True, metavar="DIR", help="folder for crawl-*.warc.gz, records.jsonl, errors.jsonl"
    )
    cr.add_argument("--max", type=int, default=None, metavar="N", help="fetch at most N articles")
    cr.add_argument(
        "--rate", type=float, default=1.0, metavar="R", help="requests per second to one host (default 1)"
    )
    cr.add_argument("--workers", type=int, default=4, help="fetch threads (the per-host rate still holds)")
    cr.add_argument("--no-progress", action="store_true", help="no progress bar")
    cr.set_defaults(func=_crawl)

    tr = sub.add_parser("train", help="train a statistical model")
    trs = tr.add_subparsers(dest="model", required=True)
    tn = trs.add_parser(
        "ner", help="CRF NER on ArmanPersoNER train_fold1 + PEYMA train+dev (never a test split)"
    )
    tn.add_argument("--arman", help="ArmanPersoNER directory (train_fold1.txt is read)")
    tn.add_argument("--peyma", help="PEYMA directory (splits/peyma_train.txt and peyma_dev.txt are read)")
    tn.add_argument("--out", required=True, help="model directory to write")
    tn.add_argument(
        "--clusters", help="word clusters file (word<TAB>ids), e.g. the shipped model's clusters.tsv"
    )
    tn.add_argument(
        "--entity-lexicon", action="store_true", help="also learn from a lexicon of training entities"
    )
    tn.add_argument("--c1", type=float, default=0.05, help="L1 regularization (prunes features)")
    tn.add_argument("--c2", type=float, default=0.01, help="L2 regularization")
    tn.add_argument("--iterations", type=int, default=100)
    tn.add_argument(
        "--no-harmonize", action="store_true", help="do not cross-label the types one corpus lacks"
    )
    tn.add_argument(
        "--no-augment",
        action="store_true",
        help="one feature set for both corpora (default: each corpus's features also under its name)",
    )
    tn.set_defaults(func=_train_ner)
    tc = trs.add_parser(
        "clusters", help="word clusters (word2vec + k-means) from unlabeled text, for NER features"
    )
    tc.add_argument("--out", required=True, help="clusters file to write (word<TAB>ids)")
    tc.add_argument("files", nargs="+", help="news JSON files or training corpus files; never a test split")
    tc.set_defaults(func=_train_clusters)

    ev = sub.add_parser("eval", help="evaluate a model")
    evs = ev.add_subparsers(dest="model_kind", required=True)
    en = evs.add_parser("ner", help="entity-level P, R, F1 per type and micro-averaged (CoNLL exact match)")
    en.add_argument("--data", required=True, help="a corpus file in ArmanPersoNER or PEYMA format")
    en.add_argument(
        "--format", choices=["arman", "peyma"], default=None, help="guessed from the file when left out"
    )
    en.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    en.add_argument(
        "--out", default=None, metavar="PRED.conll", help="write 'token gold predicted' lines here"
    )
    en.add_argument("--json", action="store_true", help="print the report as JSON")
    en.set_defaults(func=_eval_ner)
    eg = evs.add_parser(
        "gold", help="P, R, F1 per field against the hand-annotated dev gold set (Fars News articles)"
    )
    eg.add_argument("--corpus", required=True, metavar="DIR", help="gold folder, e.g. corpora/dev-gold")
    eg.add_argument(
        "--farsnews",
        default=None,
        metavar="DIR",
        help="Fars News corpus (default: ../shared/corpora/farsnews from here, then from the repo root)",
    )
    eg.add_argument("--json", action="store_true", help="print the report as JSON")
    eg.add_argument(
        "--errors", default=None, metavar="FILE", help="write each article's FP and FN strings as JSONL"
    )
    eg.add_argument("--limit", type=int, default=None, metavar="N", help="score only the first N articles")
    eg.set_defaults(func=_eval_gold)
    return parser


def _batch(args: argparse.Namespace) -> int:
    from newsmine.batch import run_batch

    if args.workers < 1:
        raise SystemExit("newsmine batch: --workers must be 1 or more")
    summary = run_batch(
        args.inputs,
        args.out,
        workers=args.workers,
        scheduler=args.scheduler,
        fmt=args.format,
        part_size=args.part_size,
        progress=not args.no_progress,
    )
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


def _crawl(args: argparse.Namespace) -> int:
    from newsmine.extract import extract
    from newsmine.web.crawl import crawl, read_feed_list, summary_to_dict
    from newsmine.web.fetch import Fetcher

    if args.rate <= 0:
        raise SystemExit("newsmine crawl: --rate must be more than 0 (requests per second per host)")
    feeds = read_feed_list(args.feeds) if args.feeds else None
    fetcher = Fetcher(delay=1.0 / args.rate, cache_dir=Path(args.out) / ".cache")
    summary = crawl(
        feeds,
        args.sitemap,
        args.out,
        max_items=args.max,
        fetcher=fetcher,
        progress=not args.no_progress,
        workers=args.workers,
        extract=lambda html, url: extract(html, url=url),
    )
    print(json.dumps(summary_to_dict(summary), ensure_ascii=False, indent=2))
    return 0


def _train_ner(args: argparse.Namespace) -> int:
    from newsmine.train.ner import train_ner

    if not args.arman and not args.peyma:
        raise SystemExit("newsmine train ner: give --arman DIR, --peyma DIR or both")
    out = train_ner(
        args.arman,
        args.peyma,
        args.out,
        clusters=args.clusters,
        c1=args.c1,
        c2=args.c2,
        max_iterations=args.iterations,
        harmonize=not args.no_harmonize,
        augment=not args.no_augment,
        entity_lexicon=args.entity_lexicon,
    )
    print(f"model written to {out}")
    return 0


def _train_clusters(args: argparse.Namespace) -> int:
    from newsmine.train.ner import build_clusters

    print(f"clusters written to {build_clusters(args.files, args.out)}")
    return 0


def _eval_ner(args: argparse.Namespace) -> int:
    from newsmine.train.ner import eval_ner

    report = eval_ner(args.model, args.data, args.format, args.out)
    print(json.dumps(report.to_dict(), indent=2) if args.json else report)
    return 0


def _eval_gold(args: argparse.Namespace) -> int:
    from newsmine.train.gold import GoldError, evaluate_gold

    try:
        report = evaluate_gold(args.corpus, args.farsnews, errors_path=args.errors, limit=args.limit)
    except GoldError as err:
        print(f"newsmine eval gold: {err}", file=sys.stderr)
        return 2
    print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if args.json else report.format_report())
    return 0


def _read(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    path = Path(source)
    if not path.is_file():
        hint = (
            " (fetching URLs is not in this version: save the page and pass the file)"
            if "://" in source
            else ""
        )
        raise SystemExit(f"newsmine extract: no such file: {source}{hint}")
    return path.read_bytes()


def _extract(args: argparse.Namespace) -> int:
    from newsmine.extract import extract

    if args.html and len(args.inputs) != 1:
        raise SystemExit("newsmine extract: --html takes exactly one input")
    status = 0
    for source in args.inputs:
        record = extract(_read(source), url=args.url, published=args.published)
        if not record.text:
            status = 1
        if args.html:
            from newsmine.render import render

            Path(args.html).write_text(render(record, page=True), encoding="utf-8")
        sys.stdout.write(format_record(record, args.format) + "\n")
    return status


def format_record(record: Record, fmt: str) -> str:
    """The record as the CLI prints it: indented JSON, one JSON line, or a readable table."""
    if fmt == "json":
        return record.to_json(indent=2)
    if fmt == "jsonl":
        return record.to_json()
    rows = [
        ("title", record.title),
        ("kicker", record.kicker),
        ("dateline", record.dateline),
        ("source", record.source),
        ("published", record.published),
        ("published_jalali", record.published_jalali),
        ("sentences", str(len(record.sentences))),
    ]
    out = [f"{k:17s} {v}" for k, v in rows if v is not None]
    if record.dates:
        out.append("\ndates")
        out += [
            f"  {d.span[0]:>6}-{d.span[1]:<6} {d.jalali or '?':10s} {d.gregorian or '':10s} {d.surface}"
            for d in record.dates
        ]
    if record.numbers:
        out.append("\nnumbers")
        out += [
            f"  {n.span[0]:>6}-{n.span[1]:<6} {n.value!s:>18} {'ordinal' if n.is_ordinal else ('%' if n.is_percent else ''):8s} {n.surface}"
            for n in record.numbers
        ]
    if record.warnings:
        out.append("\nwarnings")
        out += [f"  {w}" for w in record.warnings]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
