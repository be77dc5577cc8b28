"""HTML -> Article: golden pages per site profile, the generic extractor's quality gate, the seed articles.

Fixture layout: ``tests/fixtures/sites/<site>/<name>.html`` is an invented page in the markup the site uses,
``<name>.truth.json`` the hand-written truth (title, kicker, published, text, news code, URL) and
``<name>.json`` the golden Article. After an intended change of output, regenerate the golden files with

    python tests/fixtures/sites/update_golden.py --update

and read the diff; the truth files are never regenerated. ``bench/html_quality.py`` prints word F1 / title /
date for every fixture.
"""

from __future__ import annotations

import dataclasses
import html as html_lib
import json
import re
from pathlib import Path

import pytest

from newsmine.schema import Article
from newsmine.web.article import clean_body, parse_html, word_f1
from newsmine.web.sites import PROFILES, profile_for
from newsmine.web.sites.util import iso_date, news_code

FIXTURES = Path(__file__).parent / "fixtures" / "sites"
PAGES = sorted(FIXTURES.glob("*/*.html"))
GENERIC = [p for p in PAGES if p.parent.name == "generic"]
PROFILED = [p for p in PAGES if p.parent.name != "generic"]
#: the generic extractor's minimum word F1 per page; raise it when the extractor gets better, never lower it
MIN_WORD_F1 = 0.95


def _truth(page: Path) -> dict:
    return json.loads(page.with_suffix(".truth.json").read_text(encoding="utf-8"))


def _parse(page: Path) -> Article:
    return parse_html(page.read_text(encoding="utf-8"), url=_truth(page).get("url"))


# --------------------------------------------------------------------------------------------------
# golden pages


def test_every_profile_has_a_fixture() -> None:
    sites = {p.parent.name for p in PROFILED}
    for profile in PROFILES:
        assert profile.HOSTS[0].split(".")[0] in sites, f"no fixture page for {profile.__name__}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden(page: Path) -> None:
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    assert dataclasses.asdict(_parse(page)) == expected


@pytest.mark.parametrize("page", PROFILED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_profiled_page_matches_truth(page: Path) -> None:
    art, truth = _parse(page), _truth(page)
    for key in ("title", "kicker", "published", "news_code", "text"):
        assert getattr(art, key) == truth[key], key
    assert art.warnings == []
    assert art.source == profile_for(truth["url"]).NAME


@pytest.mark.parametrize("page", GENERIC, ids=lambda p: p.stem)
def test_generic_quality(page: Path) -> None:
    art, truth = _parse(page), _truth(page)
    assert profile_for(truth["url"]) is None
    assert word_f1(art.text, truth["text"]) >= MIN_WORD_F1
    assert art.title == truth["title"]
    assert art.published == truth["published"]
    if "kicker" in truth:
        assert art.kicker == truth["kicker"]


def test_profile_chosen_by_page_signals_without_url() -> None:
    page = next(p for p in PROFILED if p.parent.name == "mehrnews")
    art = parse_html(page.read_text(encoding="utf-8"))
    assert art.source == "خبرگزاری مهر" and art.text == _truth(page)["text"]


def test_layout_version_by_date() -> None:
    from newsmine.web.sites.farsnews import V1, V2, Fars

    assert Fars.layouts_for("2021-06-03T15:58:00+04:30")[0] is V1
    assert Fars.layouts_for("2024-02-15T12:30:00+03:30")[0] is V2
    assert Fars.layouts_for(None)[0] is V2


def test_profile_without_body_falls_back_to_generic() -> None:
    page = (FIXTURES / "generic" / "agency_share_bars.html").read_text(encoding="utf-8")
    art = parse_html(page, url="https://www.mehrnews.com/news/1/x")
    assert art.source == "خبرگزاری مهر"
    assert any("[W202]" in w for w in art.warnings)
    assert word_f1(art.text, _truth(FIXTURES / "generic" / "agency_share_bars.html")["text"]) >= MIN_WORD_F1


# --------------------------------------------------------------------------------------------------
# failures are reported, never silent


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("", "[W200]"),
        ("   ", "[W200]"),
        ("<html><body><nav><a>خانه</a></nav></body></html>", "[W203]"),
    ],
)
def test_no_body_gives_a_reason(html: str, reason: str) -> None:
    art = parse_html(html)
    assert art.text == "" and any(reason in w for w in art.warnings)


def test_error_handling(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsmine.web.sites.families import NasimLayout

    page = next(p for p in PROFILED if p.parent.name == "mehrnews")
    html, url = page.read_text(encoding="utf-8"), _truth(page)["url"]

    def broken(self: object) -> str:
        raise RuntimeError("selector exploded")

    monkeypatch.setattr(NasimLayout, "author", broken)
    caught = parse_html(html, url)
    assert any("author" in w and "selector exploded" in w for w in caught.warnings)
    assert caught.title == _truth(page)["title"]
    assert parse_html(html, url, error_handling="suppress").warnings == []
    with pytest.raises(RuntimeError, match="selector exploded"):
        parse_html(html, url, error_handling="raise")
    with pytest.raises(ValueError, match="E070"):
        parse_html(html, url, error_handling="ignore")  # type: ignore[arg-type]


def test_bytes_in_declared_charset() -> None:
    page = FIXTURES / "generic" / "windows1256_str.html"
    data = page.read_text(encoding="utf-8").encode("cp1256")
    art = parse_html(data, url=_truth(page)["url"])
    assert art.text == _truth(page)["text"]


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-02-10T06:42:05Z", "2024-02-10T06:42:05+00:00"),
        ("2024-02-10T10:12:05+0330", "2024-02-10T10:12:05+03:30"),
        ("شنبه 21 بهمن 1402 - 10:12:05", "2024-02-10T10:12:05+03:30"),
        ("۱۳ خرداد ۱۴۰۰ - ۱۵:۵۸", "2021-06-03T15:58:00+04:30"),
        ("۱۴۰۲/۱۱/۲۵ - ۰۸:۱۵", "2024-02-14T08:15:00+03:30"),
        ("۲۱ بهمن ۱۴۰۲", "2024-02-10"),
        ("دیروز", None),
        ("بودجه ۱۴۰۲", None),
    ],
)
def test_iso_date(value: str, iso: str | None) -> None:
    assert iso_date(value) == iso


@pytest.mark.parametrize(
    ("text", "code"),
    [("کد خبر : 335,032", "335032"), ("کد خبر: ۶۰۱۲۳۴۵", "6012345"), ("شناسه خبر ۱۲", "12"), ("خبر", None)],
)
def test_news_code(text: str, code: str | None) -> None:
    assert news_code(text) == code


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        (["متن.", "دکمه بازگشت به بالا"], ["متن."]),
        (["متن.", "نوشته های مشابه", "خبر دیگر"], ["متن."]),
        (["متن.", "نظرات بینندگان", "نظر"], ["متن."]),
        (["متن.", "بستن   چاپ"], ["متن."]),
        (["متن.", "کد خبر : 335,032"], ["متن."]),
        (["متن.", "http://www.Qom-Online.ir/fa/News/589814/x"], ["متن."]),
        (["متن.", "21 بهمن 1402 09:20"], ["متن."]),
        (["متن.", "© کلیه حقوق محفوظ است"], ["متن."]),
        (["متن.", "تلگرام واتساپ ایتا"], ["متن."]),
        (["وی گفت: بله، در ۲۱ بهمن ۱۴۰۲ جلسه برگزار شد."], ["وی گفت: بله، در ۲۱ بهمن ۱۴۰۲ جلسه برگزار شد."]),
    ],
)
def test_clean_body(lines: list[str], kept: list[str]) -> None:
    assert clean_body(lines) == kept


# --------------------------------------------------------------------------------------------------
# the seed articles, wrapped into a page at test time (their text stays in ../shared/corpora)

SEEDS = {
    # seed file: (first body line starts with, line that ends the body (exclusive), URL given)
    "mehr-bases-service-desks.txt": ("مشهد ـ", "نوشته های مشابه"),
    "asreqom-labour-ministry-desk.txt": ("عصر قم - رئیس مرکز", "21 بهمن 1402 09:20"),
}


def _seed_page(lines: list[str], start: int, end: int) -> tuple[str, dict]:
    """A news page around a seed: header menu, روتیتر, <h1>, date line, body, and the seed's tail as chrome."""
    header = [x for x in lines[:start] if x]
    kicker = next(x for x in header if x.endswith(":"))
    dates = [x for x in header if re.fullmatch(r"[^\n]*\d{4} - [\d:]+", x)]
    title = next(x for x in header if x != kicker and x not in dates and len(x.split()) > 3)
    others = [x for x in header if x not in (kicker, title, *dates)]
    body = [x.strip() for x in lines[start:end] if x.strip()]
    tail = [x.strip() for x in lines[end:] if x.strip()]
    url = next((x for x in tail if x.startswith("http")), None)
    e = html_lib.escape
    tail_html = []
    for line in tail:
        if line == "نوشته های مشابه":
            tail_html.append(
                f'<section class="related"><h3>{e(line)}</h3><ul><li><a href="/n/1">برگزاری اردوی جهادی '
                'در ۱۲ روستای استان</a></li><li><a href="/n/2">افتتاح میز خدمت در ادارات شهرستان</a></li></ul></section>'
            )
        elif line == "دکمه بازگشت به بالا":
            tail_html.append(
                f'<a id="go-to-top" href="#top"><span class="screen-reader-text">{e(line)}</span></a>'
            )
        elif line.startswith("http"):
            tail_html.append(f'<div class="short-link"><a href="{e(line)}">{e(line)}</a></div>')
        elif line.startswith("کد خبر"):
            tail_html.append(f'<div class="news-code">{e(line)}</div>')
        elif line == "نظرات بینندگان":
            tail_html.append(
                f'<div class="comments"><h3>{e(line)}</h3><form><textarea></textarea></form></div>'
            )
        else:
            tail_html.append(f'<div class="tools">{e(line)}</div>')
    page = f"""<!DOCTYPE html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>{e(title)}</title></head>
<body>
<header><div class="logo">{e(others[0]) if others else "خبرگزاری"}</div>
<ul class="menu"><li><a href="/">صفحه اصلی</a></li><li><a href="/p">سیاسی</a></li><li><a href="/e">اقتصادی</a></li>
<li><a href="/s">اجتماعی</a></li><li><a href="/c">فرهنگی</a></li></ul></header>
<div class="breadcrumb">{" » ".join(e(x) for x in others[1:])}</div>
<main><article>
<div class="rutitr">{e(kicker)}</div>
<h1>{e(title)}</h1>
{"".join(f'<div class="news-date">{e(d)}</div>' for d in dates)}
<div class="article-body">
{"".join(f"<p>{e(p)}</p>" for p in body)}
</div>
{"".join(tail_html)}
</article></main>
<footer><p>کلیه حقوق محفوظ است.</p></footer>
</body></html>"""
    return page, {"title": title, "kicker": kicker, "body": body, "url": url, "dates": dates}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_article_as_html(corpora: Path, name: str) -> None:
    path = corpora / "seeds" / name
    if not path.exists():
        pytest.skip(f"seed {name} is not in {corpora / 'seeds'}")
    lines = path.read_text(encoding="utf-8").splitlines()
    first, stop = SEEDS[name]
    start = next(i for i, x in enumerate(lines) if x.startswith(first))
    end = next(i for i, x in enumerate(lines) if x.strip() == stop and i > start)
    page, want = _seed_page(lines, start, end)
    art = parse_html(page, url=want["url"])
    assert [p.strip() for p in art.text.split("\n\n")] == want["body"]
    assert art.title == want["title"]
    assert art.kicker == want["kicker"]
    assert art.lead == want["body"][0]
    assert art.dateline == want["body"][0].split(" ")[0] or art.dateline in want["body"][0]
    if want["dates"]:
        assert art.published == iso_date(want["dates"][0])
