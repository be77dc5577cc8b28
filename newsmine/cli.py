"""The ``newsmine`` command.

    newsmine extract FILE|URL|-...  [--format json|jsonl|table] [--html OUT.html [--style ents|claims]]
    newsmine crawl --feeds FILE | --sitemap URL --out DIR [--max N] [--rate R]
    newsmine batch INPUT... --out DIR [--workers N] [--scheduler ADDRESS] [--format parquet|jsonl]
    newsmine train ner --arman DIR --peyma DIR --out DIR
    newsmine eval ner --data FILE [--format arman|peyma] [--model DIR] [--out PRED.conll]
    newsmine eval gold --corpus corpora/dev-gold [--farsnews DIR] [--json] [--errors FILE] [--limit N]

Arguments are mapped to the library in one place per command (trafilatura's habit): ``_extract``.
Inputs are checked before the pipeline loads (it takes seconds): a missing file, a directory, a glob that
matches nothing, an empty input or a URL that cannot be fetched ends the command at once, with one line
saying why and a non-zero exit.
"""

from __future__ import annotations

import argparse
import dataclasses
import glob
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsmine import __version__
from newsmine.schema import RECORD_FIELDS, FieldSpec, Record

FORMATS = ("json", "jsonl", "table")
#: the views ``--html`` can draw (newsmine.view.STYLES; named here so that --help stays fast)
STYLES = ("ents", "claims")
#: the URL schemes ``extract`` fetches
URL_SCHEMES = ("http://", "https://")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsmine", description="Persian news to structured records.")
    parser.add_argument("--version", action="version", version=f"newsmine {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser(
        "extract",
        help="extract one or more articles (plain text or HTML files, http(s) URLs, or - for stdin)",
    )
    ex.add_argument(
        "inputs",
        nargs="+",
        metavar="FILE|URL|-",
        help="article files or globs; http(s) URLs, fetched politely (robots.txt, rate limit, size cap); "
        "- reads standard input",
    )
    ex.add_argument(
        "--format",
        choices=FORMATS,
        default="json",
        help="json (indented; an array when there are several inputs; default), jsonl (one line an "
        "article), table (readable: header, people and titles, organizations, places, events, claims, "
        "quotes, dates, numbers)",
    )
    ex.add_argument("--url", help="the article's URL, stored in the record")
    ex.add_argument("--published", help="publication date (ISO 8601 or Persian, e.g. '21 بهمن 1402')")
    ex.add_argument(
        "--allow-private",
        action="store_true",
        help="fetch URLs on loopback or private addresses too (refused by default)",
    )
    ex.add_argument(
        "--html", metavar="OUT.html", help="also write the record as an RTL HTML view (one input)"
    )
    ex.add_argument(
        "--style",
        choices=STYLES,
        default=None,
        help="what --html highlights: ents (people, organizations, places, events, numbers, dates; "
        "default) or claims (numeric claims, quotes, their speakers, numbers, dates)",
    )
    ex.set_defaults(func=_extract)

    ba = sub.add_parser(
        "batch", help="process many articles incrementally into record parts and a state store"
    )
    ba.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="directories (recursive), .html/.htm/.txt, .jsonl/.jsonl.gz, .warc/.warc.gz files, or globs; "
        "a missing path or a glob that matches nothing stops the command before anything is read",
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
    ba.add_argument(
        "--article-timeout",
        type=float,
        default=None,
        metavar="S",
        help="seconds one article may take before it becomes an error line (default "
        "newsmine.batch.ARTICLE_TIMEOUT; 0: no limit)",
    )
    ba.add_argument(
        "--retry-errors", action="store_true", help="extract again the inputs that failed in earlier runs"
    )
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
    cr.add_argument(
        "--allow-private",
        action="store_true",
        help="fetch from loopback or private addresses too (refused by default)",
    )
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
    tn.add_argument("--quiet", action="store_true", help="no progress lines on standard error")
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
    if args.workers < 1:
        raise SystemExit("newsmine batch: --workers must be 1 or more")
    if args.scheduler and _missing("distributed"):
        print(
            "newsmine batch: --scheduler needs Dask, which the distributed extra brings: "
            "pip install 'newsmine[distributed]'",
            file=sys.stderr,
        )
        return 2
    if args.format == "parquet" and _missing("pyarrow"):
        print(
            "newsmine batch: Parquet parts need pyarrow, which the tables extra brings: "
            "pip install 'newsmine[tables]', or give --format jsonl",
            file=sys.stderr,
        )
        return 2
    problems = [p for p in map(_path_problem, args.inputs) if p]
    if problems:
        for problem in problems:
            print(f"newsmine batch: {problem}", file=sys.stderr)
        return 2
    from newsmine.batch import ARTICLE_TIMEOUT, run_batch

    timeout = ARTICLE_TIMEOUT if args.article_timeout is None else (args.article_timeout or None)
    summary = run_batch(
        args.inputs,
        args.out,
        workers=args.workers,
        scheduler=args.scheduler,
        fmt=args.format,
        part_size=args.part_size,
        progress=not args.no_progress,
        article_timeout=timeout,
        retry_errors=args.retry_errors,
    )
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    read = _units_read(summary)
    counts = (
        _count(summary.get("processed", 0), "new record"),
        _count(summary.get("errors", 0), "error"),
        f"{summary.get('skipped_done', 0)} done before",
        _count(summary.get("skipped_duplicate", 0), "duplicate"),
    )
    paths = _count(len(args.inputs), "path")
    print(f"newsmine batch: read {_count(read, 'input')} ({', '.join(counts)}) from {paths}", file=sys.stderr)
    if read == 0:
        print(
            "newsmine batch: no input found (.html/.htm/.txt, .jsonl(.gz) or .warc(.gz) files)",
            file=sys.stderr,
        )
        return 1
    missing = summary.get("missing_inputs") or []
    if missing:
        print(f"newsmine batch: {_count(len(missing), 'input')} went missing while it ran", file=sys.stderr)
        return 1
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _units_read(summary: dict[str, Any]) -> int:
    """How many inputs (articles, lines, WARC records) the run read: each one is new, failed, done before
    or a duplicate (``run_batch``'s summary counts each in one of these)."""
    if isinstance(summary.get("read"), int):
        return int(summary["read"])
    keys = ("processed", "errors", "skipped_done", "skipped_duplicate")
    return sum(int(summary.get(k) or 0) for k in keys)


def _path_problem(source: str) -> str | None:
    """Why a path or glob given to ``batch`` names nothing to read, or None when it names something."""
    if glob.has_magic(source) and not Path(source).exists():
        return None if glob.glob(source, recursive=True) else f"no file matches {source}"
    if not Path(source).exists():
        return f"no such file or directory: {source}"
    return None


def _crawl(args: argparse.Namespace) -> int:
    from newsmine.extract import extract
    from newsmine.web.crawl import crawl, read_feed_list, summary_to_dict
    from newsmine.web.fetch import Fetcher

    if args.rate <= 0:
        raise SystemExit("newsmine crawl: --rate must be more than 0 (requests per second per host)")
    feeds = read_feed_list(args.feeds) if args.feeds else None
    fetcher = Fetcher(
        delay=1.0 / args.rate, cache_dir=Path(args.out) / ".cache", allow_private=args.allow_private or None
    )
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
    if not args.arman and not args.peyma:
        raise SystemExit("newsmine train ner: give --arman DIR, --peyma DIR or both")
    progress = None if args.quiet else _progress_printer("newsmine train ner")
    from newsmine.train.ner import train_ner

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
        progress=progress,
    )
    if progress is not None:
        progress(f"done: model written to {out}")
    print(f"model written to {out}")
    return 0


def _progress_printer(prefix: str) -> Callable[[str], None]:
    """A progress callback: each line to standard error with the time since the command started."""
    started = time.monotonic()

    def show(line: str) -> None:
        elapsed = int(time.monotonic() - started)
        print(f"{prefix} [{elapsed // 60:d}:{elapsed % 60:02d}] {line}", file=sys.stderr, flush=True)

    show("started")
    return show


def _missing(*modules: str) -> str | None:
    """The first of ``modules`` that cannot be imported, or None."""
    import importlib

    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            return module
    return None


def _train_clusters(args: argparse.Namespace) -> int:
    missing = _missing("gensim", "sklearn")
    if missing:
        print(
            f"newsmine train clusters: needs {missing}, which the train extra brings: "
            "pip install 'newsmine[train]'",
            file=sys.stderr,
        )
        return 2
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


@dataclass
class _Input:
    """One article to extract: its name in messages, its bytes (a file, stdin) or text (a fetched page,
    decoded by the fetcher with the page's charset), and the URL it came from."""

    name: str
    data: bytes | str
    url: str | None = None


class _InputError(Exception):
    """An input that cannot be extracted; the message is the one line the CLI prints. ``status`` is the
    exit status: 2 for a path that names nothing to read (as for a usage error), 1 for an input that
    was read but holds no article (empty, or a URL that could not be fetched)."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def _expand(sources: Sequence[str]) -> list[str]:
    """The inputs with globs expanded (a shell that found no match passes the pattern on as is)."""
    out: list[str] = []
    for source in sources:
        if source == "-" or source.startswith(URL_SCHEMES) or Path(source).exists():
            out.append(source)
        elif glob.has_magic(source):
            matches = sorted(glob.glob(source, recursive=True))
            if not matches:
                raise _InputError(f"no file matches {source}")
            out += matches
        else:
            out.append(source)
    return out


def _check_path(source: str) -> None:
    """One line saying why a path cannot be read, raised before anything is read or loaded."""
    path = Path(source)
    if "://" in source:
        raise _InputError(f"only http:// and https:// URLs can be fetched: {source}")
    if path.is_dir():
        raise _InputError(
            f"{source} is a directory: give its files ({path / '*.txt'}), or run "
            f"'newsmine batch {source} --out DIR' for a whole folder"
        )
    if not path.exists():
        raise _InputError(f"no such file: {source}")
    if not path.is_file():
        raise _InputError(f"not a regular file: {source}")


def _fetch(url: str, fetcher: Any) -> _Input:
    """The page at ``url``, fetched politely (robots.txt, rate limit, size cap); _InputError on failure."""
    result = fetcher.fetch(url)
    if not result.ok:
        reason = " ".join(str(result.error).split())  # one line, whatever the error text holds
        raise _InputError(f"could not fetch {url}: {reason}", status=1)
    if not result.body:
        raise _InputError(f"{url} answered with an empty body (HTTP {result.status})", status=1)
    if not result.text:
        kind = result.content_type or "none"
        raise _InputError(f"{url} is not a text page (Content-Type: {kind})", status=1)
    return _Input(url, result.text, result.final_url or url)


def _read_inputs(sources: Sequence[str], allow_private: bool = False) -> list[_Input]:
    """Every input checked, then read (URLs fetched): all before the pipeline loads."""
    expanded = _expand(sources)
    for source in expanded:
        if source != "-" and not source.startswith(URL_SCHEMES):
            _check_path(source)
    if expanded.count("-") > 1:
        raise _InputError("standard input (-) can be read only once")
    fetcher = None
    inputs = []
    for source in expanded:
        if source == "-":
            item = _Input("standard input", sys.stdin.buffer.read())
        elif source.startswith(URL_SCHEMES):
            if fetcher is None:
                from newsmine.web.fetch import Fetcher

                fetcher = Fetcher(allow_private=allow_private or None)
            item = _fetch(source, fetcher)
        else:
            item = _Input(source, Path(source).read_bytes())
        data = item.data.decode("utf-8", "replace") if isinstance(item.data, bytes) else item.data
        if not data.removeprefix("\ufeff").strip():  # nothing, a BOM or white space
            raise _InputError(f"{item.name} is empty", status=1)
        inputs.append(item)
    return inputs


def _extract(args: argparse.Namespace) -> int:
    if args.style and not args.html:
        print("newsmine extract: --style chooses what --html draws: give --html OUT.html", file=sys.stderr)
        return 2
    try:
        inputs = _read_inputs(args.inputs, allow_private=args.allow_private)
    except _InputError as err:
        print(f"newsmine extract: {err}", file=sys.stderr)
        return err.status
    if args.html and len(inputs) != 1:
        print(f"newsmine extract: --html takes exactly one input ({len(inputs)} given)", file=sys.stderr)
        return 2
    from newsmine.extract import extract

    status = 0
    records = []
    for item in inputs:
        record = extract(item.data, url=args.url or item.url, published=args.published)
        if not record.text:
            status = 1
        if args.html:
            from newsmine.render import render

            view = render(record, style=args.style or "ents", page=True)
            Path(args.html).write_text(view, encoding="utf-8")
        if args.format == "json" and len(inputs) > 1:
            records.append(record)  # printed together, as one JSON array
        else:
            sys.stdout.write(format_record(record, args.format) + "\n")
            sys.stdout.flush()
    if records:
        array = json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2)
        sys.stdout.write(array + "\n")
    return status


def format_record(record: Record, fmt: str, fields: tuple[FieldSpec, ...] = RECORD_FIELDS) -> str:
    """The record as the CLI prints it: indented JSON, one JSON line, or a readable table.

    The table has the record's short fields, then a section for each mention list of the registry
    ``fields`` (people with their titles, organizations, places, events, claims with their speaker,
    quotes, dates, numbers, warnings); a list without a row format of its own shows its items' fields.
    """
    if fmt == "json":
        return record.to_json(indent=2)
    if fmt == "jsonl":
        return record.to_json()
    skip = {"text", "lead", "schema", "sentences"}
    out = []
    for spec in fields:
        value = getattr(record, spec.name, None)
        if spec.is_list or spec.name in skip or value in (None, ""):
            continue
        out.append(f"{spec.name:17s} {value}")
    out.append(f"{'sentences':17s} {len(record.sentences)}")
    names = {p.id: p.name or (p.titles[0].title if p.titles else None) for p in record.people}
    for spec in fields:
        items = getattr(record, spec.name, None)
        if not spec.is_list or not items or spec.name == "sentences":
            continue
        row = _TABLE_ROWS.get(spec.name, _generic_row)
        out.append(f"\n{spec.name} ({len(items)})")
        out += ["  " + row(item, names) for item in items]
    return "\n".join(out)


def _who(speaker: str | None, names: dict[str, str | None]) -> str:
    """A speaker as the table shows it: the person's id and name (or title), or who spoke, or '-'."""
    if not speaker:
        return "-"
    if speaker in names:
        return f"{speaker} {names[speaker] or ''}".rstrip()
    return speaker


def _at(item: Any) -> str:
    """Where a span mention is: ``body 59-85``."""
    return f"{item.field} {item.span[0]}-{item.span[1]}"


def _mentions(mentions: Sequence[Any]) -> str:
    return _count(len(mentions), "mention")


def _person_row(p: Any, names: dict[str, str | None]) -> str:
    titles = "; ".join(
        t.title + (f" (role: {t.role}, organization: {t.organization})" if t.role or t.organization else "")
        for t in p.titles
    )
    honorifics = f" [{', '.join(p.honorifics)}]" if p.honorifics else ""
    parts = [f"{p.id:4s} {p.name or '(no name)'}{honorifics}"]
    if titles:
        parts.append(f"titles: {titles}")
    parts.append(_mentions(p.mentions))
    return " | ".join(parts)


def _organization_row(o: Any, names: dict[str, str | None]) -> str:
    canonical = f" -> {o.canonical}" if o.canonical and o.canonical != o.name else ""
    return f"{o.id:4s} {o.name}{canonical} | {_mentions(o.mentions)}"


def _location_row(loc: Any, names: dict[str, str | None]) -> str:
    return f"{loc.id:4s} {loc.name} | {_mentions(loc.mentions)}"


def _event_row(e: Any, names: dict[str, str | None]) -> str:
    parts = [f"{e.id:4s} {e.name}", f"type: {e.type or '-'}", f"date: {e.date or '-'}"]
    parts.append(f"place: {e.location or '-'}")
    if e.participants:
        parts.append("participants: " + ", ".join(_who(p, names) for p in e.participants))
    return " | ".join(parts)


def _claim_row(c: Any, names: dict[str, str | None]) -> str:
    value = f"{c.value}" if c.value_max is None else f"{c.value}-{c.value_max}"
    parts = [f"{_at(c):16s} {value:>15} {c.unit or ''}".rstrip(), f"qualifier: {c.qualifier}"]
    if c.counted:
        parts.append(f"counted: {c.counted}")
    if c.time_scope:
        parts.append(f"when: {c.time_scope}")
    parts += [f"speaker: {_who(c.speaker, names)}", f"«{c.surface}»"]
    return " | ".join(parts)


def _quote_row(q: Any, names: dict[str, str | None]) -> str:
    return f"{_at(q):16s} {_who(q.speaker, names)} | {q.verb} | «{q.text}»"


def _date_row(d: Any, names: dict[str, str | None]) -> str:
    return f"{_at(d):16s} {d.jalali or '?':10s} {d.gregorian or '':10s} {d.surface}"


def _number_row(n: Any, names: dict[str, str | None]) -> str:
    kind = "ordinal" if n.is_ordinal else ("%" if n.is_percent else "")
    return f"{_at(n):16s} {n.value!s:>18} {kind:8s} {n.surface}"


def _generic_row(item: Any, names: dict[str, str | None]) -> str:
    """An item of a list without a row of its own: its fields, mentions and spans left out."""
    if not dataclasses.is_dataclass(item):
        return str(item)
    shown = [
        f"{f.name}: {getattr(item, f.name)}"
        for f in dataclasses.fields(item)
        if f.name not in ("mentions", "span", "field") and getattr(item, f.name) not in (None, "", [])
    ]
    return " | ".join(shown)


#: the row each mention list of the Record gets in ``--format table``
_TABLE_ROWS: dict[str, Callable[[Any, dict[str, str | None]], str]] = {
    "people": _person_row,
    "organizations": _organization_row,
    "locations": _location_row,
    "events": _event_row,
    "claims": _claim_row,
    "quotes": _quote_row,
    "dates": _date_row,
    "numbers": _number_row,
    "warnings": lambda w, names: str(w),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
