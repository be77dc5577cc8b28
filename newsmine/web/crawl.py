"""Crawl: feeds or a sitemap -> article URLs -> polite fetches -> a WARC, Records and an error log.

``crawl`` writes three things into ``out_dir``:

- ``crawl-<UTC timestamp>.warc.gz``: every response fetched (feeds, sitemaps, articles, redirects);
- ``records.jsonl``: one Record a line, from the ``extract`` callable it was given (the CLI gives it
  ``newsmine.extract``; the web stage itself never extracts), appended;
- ``errors.jsonl``: one ``{url, stage, error, crawl}`` a line for what failed (discover, fetch, extract),
  appended; nothing is dropped silently.

Because both files are appended, ``records.jsonl`` is always the records of the crawl WARCs in the
folder, in order: ``newsmine.extract.records_from_warc`` re-extracts a WARC without the network and gives
the same Records (it is what to run when the extractor improves); :func:`warc_articles` gives the WARC's
article pages.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from newsmine.schema import Record
from newsmine.web.discover import Discovery, discover_feeds, discover_sitemap
from newsmine.web.fetch import Fetcher, FetchResult, is_html
from newsmine.web.warc import WarcItem, WarcWriter, read_warc

__all__ = ["CrawlSummary", "Extract", "crawl", "read_feed_list", "warc_articles"]

#: what turns an article page (its decoded HTML and URL) into a Record
Extract = Callable[[str, "str | None"], Record]

ARTICLE = "article"


@dataclass
class CrawlSummary:
    """What a crawl did: counts, and where its files are."""

    out_dir: str
    warc: str
    records_path: str
    errors_path: str
    discovered: int = 0
    fetched: int = 0
    records: int = 0
    errors: int = 0
    seconds: float = 0.0
    error_stages: dict[str, int] = field(default_factory=dict)


def read_feed_list(path: str | Path) -> list[str]:
    """Feed URLs from a file, one a line; blank lines and ``#`` comments are skipped."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _is_article(status: int | None, content_type: str | None, body: bytes) -> bool:
    return status is not None and 200 <= status < 300 and is_html(content_type, body)


class _Log:
    """The crawl's output files, written as results arrive."""

    def __init__(self, out: Path, stamp: str, summary: CrawlSummary) -> None:
        self.crawl = f"crawl-{stamp}"
        self.summary = summary
        self.warc = WarcWriter(out / f"{self.crawl}.warc.gz")
        self._records: IO[str] = open(out / "records.jsonl", "a", encoding="utf-8")
        self._errors: IO[str] = open(out / "errors.jsonl", "a", encoding="utf-8")

    def error(self, url: str | None, stage: str, error: str) -> None:
        line = {"url": url, "stage": stage, "error": error, "crawl": self.crawl}
        self._errors.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._errors.flush()
        self.summary.errors += 1
        self.summary.error_stages[stage] = self.summary.error_stages.get(stage, 0) + 1

    def record(self, record: Record) -> None:
        self._records.write(record.to_json() + "\n")
        self._records.flush()
        self.summary.records += 1

    def archive(self, result: FetchResult, role: str) -> None:
        if result.error and result.status is not None and 200 <= result.status < 300:
            result = replace(result, status=None)  # the body was not read in full: archive only redirects
        self.warc.write(result, role=role)

    def close(self) -> None:
        self.warc.close()
        self._records.close()
        self._errors.close()


def crawl(
    feeds: list[str] | None,
    sitemap: str | None,
    out_dir: str | Path,
    max_items: int | None = None,
    fetcher: Fetcher | None = None,
    progress: bool = True,
    *,
    workers: int = 4,
    extract: Extract | None = None,
) -> CrawlSummary:
    """Discover article URLs from ``feeds`` and/or ``sitemap``, fetch at most ``max_items`` of them
    politely, archive every response and, given ``extract``, turn each HTML article into a Record.

    The default fetcher keeps its conditional-GET cache in ``out_dir/.cache`` (a second crawl costs
    unchanged pages a 304). Never raises for a bad URL, page or feed: each becomes a line in errors.jsonl.
    """
    from tqdm import tqdm

    start = time.monotonic()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    fetcher = fetcher or Fetcher(cache_dir=out / ".cache")
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    summary = CrawlSummary(
        out_dir=str(out),
        warc=str(out / f"crawl-{stamp}.warc.gz"),
        records_path=str(out / "records.jsonl"),
        errors_path=str(out / "errors.jsonl"),
    )
    log = _Log(out, stamp, summary)
    try:
        found = Discovery()
        if feeds:
            part = discover_feeds(feeds, fetcher, on_fetch=lambda r: log.archive(r, "feed"))
            found.entries += part.entries
            found.errors += part.errors
        if sitemap:
            part = discover_sitemap(sitemap, fetcher, on_fetch=lambda r: log.archive(r, "sitemap"))
            found.entries += part.entries
            found.errors += part.errors
        for problem in found.errors:
            log.error(problem["url"], problem["stage"], problem["error"])
        urls = list(dict.fromkeys(entry.url for entry in found.entries))
        summary.discovered = len(urls)
        if max_items is not None:
            urls = urls[: max(0, max_items)]
        bar = tqdm(total=len(urls), unit="page", desc="crawl", disable=not progress)
        try:
            for result in fetcher.fetch_many(urls, workers=workers):
                bar.update(1)
                _handle(result, log, summary, extract)
        finally:
            bar.close()
    finally:
        log.close()
        summary.seconds = round(time.monotonic() - start, 3)
    return summary


def _handle(result: FetchResult, log: _Log, summary: CrawlSummary, extract: Extract | None) -> None:
    log.archive(result, ARTICLE)
    if result.error:
        log.error(result.url, "fetch", result.error)
        return
    summary.fetched += 1
    if not _is_article(result.status, result.content_type, result.body):
        log.error(result.url, "fetch", f"skipped: not an HTML page (Content-Type: {result.content_type})")
        return
    if extract is None:
        return
    try:
        record = extract(result.text, result.final_url)
    except Exception as exc:  # the extractor must not end a crawl; the reason is kept
        log.error(result.final_url, "extract", f"{type(exc).__name__}: {exc}")
        return
    log.record(record)


def warc_articles(path: str | Path) -> Iterator[WarcItem]:
    """The article pages of a WARC (.warc or .warc.gz), and the records that could not be read (their
    ``error`` says why); feeds, sitemaps, redirects and non-2xx responses are archived, but no articles."""
    for item in read_warc(path):
        if item.error or (
            item.role in (None, ARTICLE) and _is_article(item.status, item.content_type, item.body)
        ):
            yield item


def summary_to_dict(summary: CrawlSummary) -> dict[str, Any]:
    """The summary as JSON-ready data (the CLI prints it)."""
    return dict(summary.__dict__)
