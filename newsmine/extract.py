"""The one-call API: ``extract`` (one article -> Record) and ``extract_many`` (a stream of them).

Data flow, one direction: input -> Article (plain-text header rules, or ``newsmine.web.parse_html``) ->
normalize -> one Doc per text (kicker, title, body), each through every component -> ``newsmine.assemble``
-> Record. Bad input never raises out of ``extract_many``: it becomes a
Record whose ``warnings`` say what went wrong. Bytes are decoded one way for every entry point
(:mod:`newsmine.web.decode`: BOMs, the page's charset, UTF-8 with a few bad bytes replaced in place), and
every input passes the input guard (:mod:`newsmine.web.guard`) before the text stage: beyond a limit it is
cut, with a warning, never left to hang.

>>> rec = extract("عنوان\\nتهران ـ وزیر گفت: از ابتدای امسال ۲۰ هزار میز برگزار شد.", published="2024-02-10")
>>> rec.title, rec.dateline, rec.published_jalali
('عنوان', 'تهران', '1402-11-21')
>>> [(n.surface, n.value) for n in rec.numbers]
[('۲۰ هزار', 20000)]
"""

from __future__ import annotations

import gc
import hashlib
import os
import threading
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from newsmine.errors import Errors, NewsmineError, NewsmineTypeError, Warnings
from newsmine.schema import Article, Record
from newsmine.text.dates import find_dates, parse_date
from newsmine.text.normalize import normalize
from newsmine.text.plain import DATELINE, parse_text
from newsmine.web.decode import decode_bytes, sniff_binary
from newsmine.web.guard import LIMITS, guard_text, looks_binary_text, looks_like_html

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["extract", "extract_many", "records_from_warc", "to_article"]

#: longer texts are cut (with a warning): no news article is this long, a crawl accident may be; the
#: limit is on the text, after HTML parsing (newsmine.web.guard has this and the other input limits)
MAX_CHARS = LIMITS.max_chars
#: how far into the body the first full date may stand to count as the publication date
PUBLISHED_WINDOW = 400
TEHRAN = timezone(timedelta(hours=3, minutes=30))

_NLP: Language | None = None
_NLP_LOCK = threading.Lock()


def _default_nlp() -> Language:
    """The default pipeline, loaded once per process on the first extraction (not at import), also when
    several threads extract at once."""
    global _NLP
    if _NLP is None:
        with _NLP_LOCK:
            if _NLP is None:
                from newsmine.pipeline import load

                _NLP = load()
    return _NLP


def extract(
    item: str | bytes | Article | dict[str, Any],
    url: str | None = None,
    published: str | date | datetime | None = None,
    *,
    nlp: Language | None = None,
) -> Record:
    """Extract one article into a Record.

    ``item`` is plain text (the seed form: title, kicker, date line, then the body), HTML, bytes in
    UTF-8 or windows-1256, an :class:`Article`, or a dict with ``text`` or ``html`` (plus optional url,
    title, published). ``published`` overrides any date found in the article.
    """
    article = to_article(item, url)
    if published is None and isinstance(item, dict):
        published = item.get("published")
    return _extract_article(article, published, nlp or _default_nlp())


def to_article(item: str | bytes | Article | dict[str, Any], url: str | None = None) -> Article:
    """The Article stage: turn any accepted input into an Article, with warnings for what was odd."""
    return _to_article(item, url)


def _to_article(item: Any, url: str | None, header: bool = True) -> Article:
    """``to_article``; with ``header=False`` plain text is all body (its title was given apart)."""
    if isinstance(item, Article):
        return item if url is None else Article(**{**item.__dict__, "url": url})
    if isinstance(item, dict):
        return _article_from_dict(item, url)
    warnings: list[str] = []
    text = ""
    if isinstance(item, (bytes, bytearray)):
        binary = sniff_binary(bytes(item))  # before decoding: one warning, not "binary" and "not UTF-8"
        if not binary:
            text, warnings = _decode(bytes(item))
    elif isinstance(item, str):
        text, binary = item, None
    else:
        raise NewsmineTypeError(Errors.E002, type=type(item).__name__)
    if binary or looks_binary_text(text):
        detail = binary or "control characters"
        return Article(text="", url=url, warnings=[Warnings.W002.format(detail=detail)])
    if looks_like_html(text):
        from newsmine.web.article import parse_html

        article = parse_html(text, url=url)
    else:
        text, cut = guard_text(text)
        warnings.extend(cut)
        if header:
            article = parse_text(text, url=url)
        else:
            body = text.strip()
            dateline = DATELINE.match(body)
            article = Article(text=body, url=url, dateline=dateline.group("place") if dateline else None)
    article.warnings[:0] = warnings
    return article


def _article_from_dict(item: dict[str, Any], url: str | None) -> Article:
    body = item.get("html") if item.get("html") is not None else item.get("text")
    if body is None:
        raise NewsmineError(Errors.E004, keys=", ".join(map(str, item)) or "no keys")
    # with a title given apart, plain text is the body: its first short line is no title to take
    article = _to_article(body, url or item.get("url"), header=not item.get("title"))
    for key in ("title", "kicker", "lead", "source"):
        if item.get(key):
            setattr(article, key, item[key])
    lead = (item.get("lead") or "").strip()
    if lead and not _squash(article.text[: 2 * len(lead) + 100]).startswith(_squash(lead)):
        # a lead given apart (a feed's summary) is the text's first paragraph, as parse_html makes it
        article.text = f"{lead}\n\n{article.text}" if article.text.strip() else lead
    if item.get("published") and not article.published:
        article.published = str(item["published"])
    return article


def _squash(text: str) -> str:
    return " ".join(normalize(text).split())


def _decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes of text or HTML to str: a BOM, the page's declared charset, UTF-8 (a few invalid bytes replaced
    where they are), windows-1256 where it reads as Persian, detection (:func:`decode_bytes`)."""
    decoded = decode_bytes(data, html=looks_like_html(data[:4096].decode("latin-1")))
    warnings = []
    if decoded.how in ("persian", "detected", "fallback"):
        name = {"cp1256": "windows-1256"}.get(decoded.codec, decoded.codec)
        warnings.append(Warnings.W003.format(encoding=name))
    if decoded.replaced:
        warnings.append(Warnings.W025.format(count=decoded.replaced, encoding=decoded.codec))
    return decoded.text, warnings


def _resolve_published(value: str | date | datetime | None, warnings: list[str]) -> datetime | date | None:
    """The publication date as a datetime (with time) or date, from a datetime, ISO text or a Persian date."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed.date() if len(text) <= 10 else parsed
    except ValueError:
        pass
    found = parse_date(text)
    if found is not None and found.precision == "day" and found.gregorian:
        return found.to_datetime() if found.hour is not None else date.fromisoformat(found.gregorian)
    warnings.append(Warnings.W006.format(value=text))
    return None


def _published_from_text(text: str) -> date | None:
    for found in find_dates(text[:PUBLISHED_WINDOW]):
        if found.date.precision == "day" and found.date.year is not None and found.date.gregorian:
            return date.fromisoformat(found.date.gregorian)
    return None


def _iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=TEHRAN)).isoformat()
    return value.isoformat()


def _jalali(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    import jdatetime

    day = value.astimezone(TEHRAN).date() if isinstance(value, datetime) and value.tzinfo else value
    if isinstance(day, datetime):
        day = day.date()
    return jdatetime.date.fromgregorian(date=day).strftime("%Y-%m-%d")


def _record_id(url: str | None, title: str | None, text: str) -> str:
    h = hashlib.sha1()
    for part in (url or "", title or "", text):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]


def _extract_article(article: Article, published: str | date | datetime | None, nlp: Language) -> Record:
    warnings = list(article.warnings)
    norm = {
        k: normalize(v) if v else None
        for k, v in (
            ("title", article.title),
            ("kicker", article.kicker),
            ("lead", article.lead),
            ("dateline", article.dateline),
            ("source", article.source),
        )
    }
    text = normalize(article.text)
    ref = _resolve_published(published if published is not None else article.published, warnings)
    if ref is None:
        ref = _published_from_text(text)
    ref_day = ref.date() if isinstance(ref, datetime) else ref

    from newsmine.assemble import assemble  # spaCy and the extractors load on the first extraction

    # one Doc per text of the article, each through the whole pipeline; the lead is the body's first paragraph
    texts = {"kicker": norm["kicker"], "title": norm["title"], "body": text}
    docs = {field: _run(nlp, value, field, ref_day, warnings) for field, value in texts.items() if value}
    if "body" not in docs:
        docs["body"] = _run(nlp, "", "body", ref_day, warnings)
    if not text.strip() and not any(w.startswith(tuple(f"[{c}]" for c in Warnings.EMPTY)) for w in warnings):
        warnings.append(Warnings.W001)  # unless a warning says already why the text is empty
    return Record(
        text=text,
        id=_record_id(article.url, norm["title"], text),
        url=article.url,
        source=norm["source"],
        title=norm["title"],
        kicker=norm["kicker"],
        lead=norm["lead"],
        dateline=norm["dateline"],
        published=_iso(ref),
        published_jalali=_jalali(ref),
        **assemble(docs, nlp),
        warnings=warnings,
    )


def _run(nlp: Language, text: str, field: str, published: date | None, warnings: list[str]) -> Doc:
    """One text of an article through the pipeline; a failing component is a warning, the rest still run."""
    doc = nlp.make_doc(text)
    doc._.field = field
    doc._.published = published
    for name, proc in nlp.pipeline:
        try:
            doc = proc(doc)
        except Exception as err:  # one failing component must not lose the rest of the record
            where = "" if field == "body" else f" ({field})"
            warnings.append(Warnings.W007.format(stage=name + where, error=f"{type(err).__name__}: {err}"))
    return doc


def warm_worker() -> None:
    """Start-up of a process that will extract many articles: load the default pipeline, then move every
    object alive (the pipeline's tables, lexicons and model: about 200,000 objects that live as long as the
    process) out of the cyclic garbage collector's sight with :func:`gc.freeze`. Without it each full
    collection walks them again (0.2 s each), and a long text, which triggers several, costs up to 1.6x
    more per character. Not done for ``extract()`` in a notebook, whose own objects would be frozen too."""
    _default_nlp()
    gc.freeze()


def _safe_extract(item: Any) -> Record:
    try:
        return extract(item)
    except Exception as err:
        ref = item.get("url") if isinstance(item, dict) else None
        return Record(url=ref, warnings=[Warnings.W010.format(error=f"{type(err).__name__}: {err}")])


def extract_many(
    items: Iterable[Any],
    n_process: int = 1,
    chunksize: int = 16,
    *,
    timeout: float | None = None,
    max_memory_mb: float | None = None,
) -> Iterator[Record]:
    """Extract a stream of items, in order. A bad item yields a Record with the reason in ``warnings``.

    With ``n_process > 1`` the items are spread over worker processes (each loads the pipeline once; at
    most ``chunksize`` items per process are in flight). A worker that dies, or that runs past ``timeout``
    seconds or ``max_memory_mb`` on one item, is replaced and that item yields a Record with the reason;
    the stream goes on. The workers end with the calling process.
    """
    if n_process <= 1:
        for item in items:
            yield _safe_extract(item)
        return
    from newsmine.workers import Failure, WorkerPool

    max_rss = int(max_memory_mb * 2**20) if max_memory_mb else None
    window = max(1, chunksize) * n_process
    pool = WorkerPool(n_process, _safe_extract, warm_worker, timeout=timeout, max_rss=max_rss)
    try:
        numbered = enumerate(items)
        urls: dict[int, str | None] = {}
        done: dict[int, Record] = {}
        following = 0
        exhausted = False
        while True:
            while not exhausted and pool.pending() + len(done) < window:
                try:
                    i, item = next(numbered)
                except StopIteration:
                    exhausted = True
                    break
                urls[i] = item.get("url") if isinstance(item, dict) else None
                pool.submit(i, item)
            if following in done:
                yield done.pop(following)
                following += 1
                continue
            if not pool.pending():
                return
            for tag, result in pool.wait():
                if isinstance(result, Failure):
                    warning = Warnings.W011.format(error=result.error, message=result.message)
                    result = Record(url=urls.get(tag), warnings=[warning])
                urls.pop(tag, None)
                done[tag] = result
    finally:
        pool.close()


def records_from_warc(path: str | os.PathLike[str], nlp: Language | None = None) -> Iterator[Record]:
    """Re-extract the HTML articles of a WARC (.warc or .warc.gz) into Records, without the network.

    For a crawl's WARC the Records equal those the crawl wrote. A record that cannot be read gives a
    Record with only ``url`` and a warning saying why; feeds, sitemaps, redirects and non-2xx responses
    are not articles and give nothing.
    """
    from newsmine.web.crawl import warc_articles

    for item in warc_articles(path):
        if item.error:
            yield Record(url=item.url, warnings=[f"WARC record could not be read: {item.error}"])
            continue
        try:
            yield extract(item.text, url=item.url, nlp=nlp)
        except Exception as exc:
            yield Record(url=item.url, warnings=[f"extract failed: {type(exc).__name__}: {exc}"])
