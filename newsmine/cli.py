"""The ``newsmine`` command.

    newsmine extract FILE|-  [--format json|jsonl|table]

Arguments are mapped to the library in one place per command (trafilatura's habit): ``_extract``.
"""

from __future__ import annotations

import argparse
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
    ex.set_defaults(func=_extract)
    return parser


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

    status = 0
    for source in args.inputs:
        record = extract(_read(source), url=args.url, published=args.published)
        if not record.text:
            status = 1
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
