"""The dev-gold scorer: each matching rule on hand-made gold and Records, then ``newsmine eval gold``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsmine.schema import Claim, DateMention, Event, Location, Organization, Person, Quote, Record, Title
from newsmine.train.gold import (
    Counts,
    GoldError,
    _norm,
    _speaker_ok,
    evaluate_gold,
    load_gold,
    score,
    verb_key,
)

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "corpora" / "dev-gold"


def gold(**fields: Any) -> dict[str, Any]:
    """One gold article (id "a") with every list present, empty unless given."""
    keys = ("people", "organizations", "locations", "quotes", "claims", "dates", "events")
    return {"id": "a", **{k: [] for k in keys}, **fields}


def run_score(g: dict[str, Any], rec: Record) -> Any:
    return score({"a": g}, {"a": rec})


def counts(report: Any, field: str) -> tuple[int, int, int]:
    c = report.counts[field]
    return c.tp, c.fp, c.fn


def person(name: str | None, *titles: Title, pid: str = "p1") -> Person:
    return Person(pid, name, titles=list(titles))


def gperson(name: str | None, *titles: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "honorifics": [], "titles": list(titles)}


def gtitle(title: str, role: str | None = None, org: str | None = None) -> dict[str, Any]:
    return {"title": title, "role": role, "organization": org}


# --- folding --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("علي", "علی"),
        ("كرمان", "کرمان"),
        ("مصطفى", "مصطفی"),
        ("حوزة", "حوزه"),
        ("سال ۱۴۰۲", "سال 1402"),
        ("سال ١٤٠٢", "سال1402"),
        ("بین‌المللی", "بین المللی"),
        ("«جامعه‌المصطفی»", "جامعه المصطفی"),
        ("امام خمینی(ره)", "امام خمینی ره"),
        ("مـحـمـد", "محمد"),
        ("مُحَمَّد", "محمد"),
        ("تأکید", "تاکید"),
    ],
)
def test_norm_folds_variants(a: str, b: str) -> None:
    assert _norm(a) == _norm(b)


def test_norm_keeps_different_words_apart() -> None:
    assert _norm("تهران") != _norm("تهرانی") and _norm(None) == _norm("") == ""


# --- counts ---------------------------------------------------------------------------------------------


def test_counts_without_predictions_or_gold_give_zero_not_an_error() -> None:
    assert (Counts(0, 0, 5).precision, Counts(0, 0, 5).recall, Counts(0, 0, 5).f1) == (0.0, 0.0, 0.0)
    assert (Counts(0, 3, 0).precision, Counts(0, 3, 0).recall, Counts().f1) == (0.0, 0.0, 0.0)
    c = Counts(tp=3, fp=1, fn=2)
    assert (c.precision, c.recall) == (0.75, 0.6) and c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_missing_record_scores_as_empty() -> None:
    report = score({"a": gold(locations=["تهران"])}, {})
    assert counts(report, "locations") == (0, 0, 1)


# --- people, locations, organizations -------------------------------------------------------------------


def test_people_exact_after_folding_one_to_one() -> None:
    g = gold(people=[gperson("محمدعلي جناني"), gperson("رضایی"), gperson(None, gtitle("وزیر"))])
    rec = Record(people=[person("محمدعلی‌جنانی"), person("محمدعلی جنانی", pid="p2"), person("رضا", pid="p3")])
    report = run_score(g, rec)
    assert counts(report, "people") == (1, 2, 1)
    assert {"fn": "رضایی"} in report.errors["a"]["people"]


def test_locations_exact_after_folding() -> None:
    g = gold(locations=["كرمانشاه", "تهران"])
    rec = Record(locations=[Location("l1", "کرمانشاه"), Location("l2", "استان تهران")])
    assert counts(run_score(g, rec), "locations") == (1, 1, 1)


def test_organizations_alias_canonical_and_collapsing() -> None:
    g = gold(
        organizations=[
            {"name": "وزارت تعاون، کار و رفاه اجتماعی", "aliases": ["وزارت کار"], "canonical": None},
            {"name": "مجلس", "aliases": [], "canonical": "مجلس شورای اسلامی"},
            {"name": "ناتو", "aliases": [], "canonical": None},
        ]
    )
    rec = Record(
        organizations=[
            Organization("o1", "وزارت کار"),  # an alias
            Organization("o2", "مجلس شورای اسلامی"),  # the canonical
            Organization("o3", "مجلس", canonical="مجلس شورای اسلامی"),  # collapses into o2
            Organization("o4", "سازمان ملل"),
        ]
    )
    report = run_score(g, rec)
    assert counts(report, "organizations") == (2, 1, 1)


# --- titles ---------------------------------------------------------------------------------------------


def test_titles_by_title_string_and_by_role_and_organization() -> None:
    g = gold(
        people=[
            gperson("وارسته", gtitle("رئيس اداره كل پست", "رئيس", "اداره كل پست")),
            gperson("کریمی", gtitle("استاندار فارس", "استاندار", None)),
            gperson("احمدی", gtitle("معاون وزیر", "معاون", "وزارت نیرو")),
        ]
    )
    rec = Record(
        people=[
            person("وارسته", Title("رئیس اداره‌کل پست")),  # same title string
            person("کریمی", Title("استاندار", "استاندار", None), pid="p2"),  # role equal, both orgs None
            person("احمدی", Title("معاون وزیر نیرو", "معاون", "وزارت نیرو"), pid="p3"),  # role + org
        ]
    )
    assert counts(run_score(g, rec), "titles") == (3, 0, 0)


def test_titles_need_the_same_person_and_nameless_match_nameless() -> None:
    g = gold(people=[gperson(None, gtitle("معاون پژوهشی وزارت علوم", "معاون", "وزارت علوم"))])
    nameless = Record(people=[person(None, Title("معاون پژوهشی وزارت علوم"))])
    named = Record(people=[person("رضایی", Title("معاون پژوهشی وزارت علوم"))])
    wrong_role = Record(people=[person(None, Title("رئیس وزارت علوم", "رئیس", "وزارت علوم"))])
    assert counts(run_score(g, nameless), "titles") == (1, 0, 0)
    assert counts(run_score(g, named), "titles") == (0, 1, 1)
    assert counts(run_score(g, wrong_role), "titles") == (0, 1, 1)


# --- quotes ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("گفت", "گفتند", True),
        ("گفت", "گفته است", True),
        ("گفت", "گفته‌اند", True),
        ("افزود", "افزوده است", True),
        ("اظهار داشت", "اظهارداشت", True),
        ("اظهار داشت", "اظهار داشتند", True),
        ("یادآور شد", "يادآور شده است", True),
        ("تأكيد كرد", "تاکید کرده‌اند", True),
        ("اظهار داشت", "اظهار کرد", False),
        ("گفت", "افزود", False),
        ("بیان کرد", "بیان داشت", False),
    ],
)
def test_verb_key(a: str, b: str, same: bool) -> None:
    assert (verb_key(a) == verb_key(b)) is same


def quote(text: str, verb: str = "گفت", speaker: str | None = None, start: int = 0) -> Quote:
    return Quote(speaker, verb, text, (start, start + len(text)))


def gquote(text: str, verb: str = "گفت", speaker: str | None = "جنانی") -> dict[str, Any]:
    return {"speaker": speaker, "verb": verb, "text": text}


def test_quotes_need_verb_and_half_the_gold_words() -> None:
    g = gold(
        quotes=[gquote("افتتاح ۱۰ کارگزاری اقماری در استان تهران"), gquote("این کار ادامه دارد", "افزود")]
    )
    rec = Record(
        people=[person("جنانی")],
        quotes=[
            quote("افتتاح 10 كارگزاري در استان تهران و شهرهای دیگر انجام شد", "گفته است", "p1"),
            quote("این کار ادامه دارد", "اظهار کرد", "p1", start=100),  # wrong verb
        ],
    )
    report = run_score(g, rec)
    assert counts(report, "quotes") == (1, 1, 1) and counts(report, "quotes_speaker") == (1, 1, 1)


def test_quote_text_overlap_below_half_is_no_match() -> None:
    g = gold(quotes=[gquote("یک دو سه چهار پنج شش")])
    rec = Record(quotes=[quote("یک دو هفت هشت نه ده", speaker="جنانی")])
    assert counts(run_score(g, rec), "quotes") == (0, 1, 1)


@pytest.mark.parametrize(
    ("gold_speaker", "pred", "titles", "ok"),
    [
        ("کفیل", "فضل‌الله کفیل", [], True),  # gold a whole-word suffix of pred
        ("فضل‌الله کفیل", "کفیل", [], True),  # and the other way round
        ("کفیل", "الله کفیلی", [], False),  # not a whole word
        ("سخنگوی وزارت خارجه", "رضایی", ["سخنگوی وزارت خارجه"], True),  # in the person's titles
        ("وزارت خارجه", "رضایی", ["سخنگوی وزارت خارجه"], True),
        ("وزارت نیرو", "رضایی", ["سخنگوی وزارت خارجه"], False),
        (None, None, [], True),
        (None, "رضایی", [], False),
        ("رضایی", None, [], False),
    ],
)
def test_speaker_rules(gold_speaker: str | None, pred: str | None, titles: list[str], ok: bool) -> None:
    assert _speaker_ok(gold_speaker, pred, titles) is ok


def test_quote_speaker_from_person_id_title_of_nameless_and_plain_string() -> None:
    g = gold(
        quotes=[
            gquote("متن اول نقل قول", speaker="فضل‌الله کفیل"),
            gquote("متن دوم نقل قول", speaker="سخنگوی وزارت بهداشت"),
            gquote("متن سوم نقل قول", speaker="پلیس عراق"),
            gquote("متن چهارم نقل قول", speaker="کفیل"),
        ]
    )
    rec = Record(
        people=[person("کفیل"), person(None, Title("سخنگوی وزارت بهداشت"), pid="p2")],
        quotes=[
            quote("متن اول نقل قول", speaker="p1", start=0),
            quote("متن دوم نقل قول", speaker="p2", start=20),
            quote("متن سوم نقل قول", speaker="پلیس عراق", start=40),
            quote("متن چهارم نقل قول", speaker="p2", start=60),  # the wrong speaker
        ],
    )
    report = run_score(g, rec)
    assert counts(report, "quotes") == (4, 0, 0) and counts(report, "quotes_speaker") == (3, 1, 1)
    wrong = report.errors["a"]["quotes_speaker"]
    assert wrong == [{"wrong": "speaker: pred سخنگوی وزارت بهداشت gold کفیل", "text": "متن چهارم نقل قول"}]


# --- claims ---------------------------------------------------------------------------------------------


def gclaim(value: float, unit: str | None, counted: str | None = None, qualifier: str = "exact") -> dict:
    surface = f"{value} {unit}"
    return {"surface": surface, "value": value, "value_max": None, "unit": unit, "counted": counted} | {
        "qualifier": qualifier
    }


def claim(value: float | None, unit: str | None, counted: str | None = None, q: str = "exact", at: int = 0):
    return Claim(f"{value} {unit}", value, (at, at + 5), unit=unit, counted=counted, qualifier=q)


def test_claims_value_unit_qualifier_counted() -> None:
    g = gold(
        claims=[
            gclaim(300, "دفتر", "دفتر ICT روستایی", "more_than"),
            gclaim(1.5e9, "دلار"),
            gclaim(20, "درصد"),
            gclaim(50, "نفر", "دانشجو"),
        ]
    )
    rec = Record(
        claims=[
            claim(300, "دفتر", "دفتر روستایی", "more_than", at=0),  # counted F1 = 0.8
            claim(1500000000.0000001, "دلار", None, "about", at=10),  # qualifier wrong, counted both None
            claim(20, None, at=20),  # unit missing: value-only match
            claim(50, "نفر", None, at=30),  # counted one None = 0
        ]
    )
    report = run_score(g, rec)
    assert counts(report, "claims") == (3, 1, 1) and counts(report, "claims_value") == (4, 0, 0)
    assert report.extra("qualifier_accuracy") == pytest.approx(2 / 3)
    assert report.extra("counted_overlap") == pytest.approx((0.8 + 1.0 + 0.0) / 3)
    assert {"wrong": "qualifier: pred about gold exact", "text": "1500000000.0 دلار"} in report.errors["a"][
        "claims"
    ]


def test_claims_one_to_one_in_text_order() -> None:
    g = gold(claims=[gclaim(28, "کارگزاری")] * 2)
    rec = Record(
        claims=[claim(28, "كارگزاري", at=50), claim(28, "کارگزاری", at=0), claim(28, "کارگزاری", at=9)]
    )
    assert counts(run_score(g, rec), "claims") == (2, 1, 0)


# --- dates ----------------------------------------------------------------------------------------------


def date(surface: str, jalali: str | None, gregorian: str | None, at: int = 0) -> DateMention:
    return DateMention(surface, jalali, gregorian, (at, at + len(surface)))


def test_dates_by_jalali_gregorian_or_surface() -> None:
    g = gold(
        dates=[
            {"surface": "۱۹ مهرماه", "jalali": "1399-07-19", "gregorian": None},
            {"surface": "سال 2014", "jalali": None, "gregorian": "2014"},
            {"surface": "دهم محرم ۱۴۴۲", "jalali": None, "gregorian": None},
            {"surface": "سال ۹۸", "jalali": "1398", "gregorian": None},
        ]
    )
    rec = Record(
        dates=[
            date("19 مهر", "1399-07-19", "2020-10-10", 0),
            date("2014", "1393", "2014", 10),
            date("دهم محرم", None, None, 20),
            date("سال ۹۸", "1397", None, 30),  # a wrong value, though the surface agrees
            date("امروز", "1399-07-23", "2020-10-14", 40),
        ]
    )
    report = run_score(g, rec)
    assert counts(report, "dates") == (3, 2, 1) and counts(report, "dates_surface") == (4, 1, 0)


def test_relative_dates_without_a_number_or_a_month_name_are_not_scored() -> None:
    """The guideline leaves out relative words alone (امسال، ماه گذشته): such a prediction is no error, one
    with a month's name (glued to ماه too) or a number is scored."""
    g = gold(dates=[{"surface": "مهرماه سال جاری", "jalali": "1398-07", "gregorian": None}])
    rec = Record(
        dates=[
            DateMention("ماه گذشته", "1398-08", None, (0, 9), precision="month", relative="last_month"),
            DateMention("امسال", "1398", None, (10, 15), precision="year", relative="this_year"),
            DateMention(
                "مهرماه سال جاری", "1398-07", None, (20, 35), precision="month", relative="this_year"
            ),
            DateMention("ژوئن گذشته", None, None, (40, 50), precision="month", relative="last_year"),
            DateMention("پانزدهم حوت سال روان", "--12-15", None, (60, 80), relative="this_year"),
        ]
    )
    # ژوئن گذشته and an Afghan month's day (حوت) are scored: a month's name
    assert counts(run_score(g, rec), "dates") == (1, 2, 0)


# --- events ---------------------------------------------------------------------------------------------


def test_events_name_overlap_and_type() -> None:
    g = gold(
        events=[
            {"name": "همایش ملی سلامت اداری", "type": "conference"},
            {"name": "نمازجمعه تهران", "type": "prayer"},
            {"name": "زلزله بم", "type": "disaster"},
        ]
    )
    rec = Record(
        events=[
            Event("e1", "همایش ملی سلامت", type="meeting"),  # 3/4 shared: a match, wrong type
            Event("e2", "نمازجمعه تهران", type="prayer"),
            Event("e3", "زلزله شدید در کرمان", type="disaster"),  # 1/4
        ]
    )
    report = run_score(g, rec)
    assert counts(report, "events") == (2, 1, 1) and report.extra("event_type_accuracy") == 0.5


# --- report, gold files, errors file --------------------------------------------------------------------


def test_report_table_dict_and_errors_file(tmp_path: Path) -> None:
    report = run_score(gold(locations=["تهران", "قم"]), Record(locations=[Location("l1", "تهران")]))
    d = report.to_dict()
    assert d["articles"] == 1 and d["fields"]["locations"] == {
        "tp": 1,
        "fp": 0,
        "fn": 1,
        "precision": 1.0,
        "recall": 0.5,
        "f1": 0.6667,
    }
    assert "locations" in report.format_report() and "qualifier_accuracy" in str(report)
    path = tmp_path / "errors.jsonl"
    report.write_errors(path)
    assert path.read_text(encoding="utf-8") == '{"id": "a", "locations": [{"fn": "قم"}]}\n'


def test_load_gold_reads_every_file_and_names_a_bad_line(tmp_path: Path) -> None:
    (tmp_path / "b-1.jsonl").write_text(json.dumps(gold()) + "\n\n", encoding="utf-8")
    (tmp_path / "b-2.jsonl").write_text(json.dumps({**gold(), "id": "b"}) + "\n", encoding="utf-8")
    assert list(load_gold(tmp_path)) == ["a", "b"]
    (tmp_path / "b-3.jsonl").write_text('{"id": "c"}\n{"id": "d", "people": [}\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"b-3\.jsonl:2: not valid JSON"):
        load_gold(tmp_path)
    (tmp_path / "b-3.jsonl").write_text('{"id": "a"}\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"b-3\.jsonl:1: id a annotated twice"):
        load_gold(tmp_path)
    (tmp_path / "b-3.jsonl").write_text('["x"]\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"b-3\.jsonl:1: .*string 'id'"):
        load_gold(tmp_path)


def test_shipped_gold_loads() -> None:
    g = load_gold(GOLD)
    assert len(g) == 48 and set(g) == set((GOLD / "ids.txt").read_text().split())


# --- end to end -----------------------------------------------------------------------------------------


def write_fars(folder: Path, news_id: str, title: str, paragraphs: list[str]) -> None:
    """A one-article Fars News file (invented text) in the corpus's JSON form."""
    folder.mkdir(parents=True, exist_ok=True)
    item = {
        "title": title,
        "abstract": "",
        "paragraphs": paragraphs,
        "cat": "اقتصادی",
        "subcat": "",
        "tags": [],
        "link": f"https://www.farsnews.ir/news/{news_id}/x",
    }
    (folder / "fars-news-1.json").write_text(json.dumps([item], ensure_ascii=False), encoding="utf-8")


def test_evaluate_gold_on_an_invented_article(tmp_path: Path) -> None:
    news_id = "13990723000001"
    write_fars(tmp_path / "fars", news_id, "خبر آزمایشی", ["در ۲۲ بهمن ۱۴۰۲ بیش از ۵۰۰۰ نشست برگزار شد."])
    (tmp_path / "gold").mkdir()
    g = {
        **gold(dates=[{"surface": "۲۲ بهمن ۱۴۰۲", "jalali": "1402-11-22", "gregorian": None}]),
        "id": news_id,
    }
    (tmp_path / "gold" / "g.jsonl").write_text(json.dumps(g, ensure_ascii=False) + "\n", encoding="utf-8")
    report = evaluate_gold(tmp_path / "gold", tmp_path / "fars", errors_path=tmp_path / "err.jsonl")
    assert report.articles == 1 and report.counts["dates"].tp == 1
    assert json.loads((tmp_path / "err.jsonl").read_text(encoding="utf-8"))["id"] == news_id

    (tmp_path / "gold" / "h.jsonl").write_text(json.dumps({**gold(), "id": "8707060255"}) + "\n")
    with pytest.raises(GoldError, match=r"1 gold article\(s\) not in the Fars News corpus: 8707060255"):
        evaluate_gold(tmp_path / "gold", tmp_path / "fars")


def cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsmine.cli", "eval", "gold", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=cwd,
    )


def test_cli_missing_farsnews_is_exit_2(tmp_path: Path) -> None:
    out = cli("--corpus", str(GOLD), "--farsnews", str(tmp_path / "none"))
    assert out.returncode == 2 and "E054" in out.stderr and "--farsnews" in out.stderr


def test_cli_on_two_real_articles(corpora: Path, tmp_path: Path) -> None:
    """The real corpus, found by the default path from the repo root, first 2 gold articles."""
    if not (corpora / "farsnews").is_dir():
        pytest.skip("../shared/corpora/farsnews is absent")
    errors = tmp_path / "errors.jsonl"
    out = cli("--corpus", str(GOLD), "--limit", "2", "--json", "--errors", str(errors))
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["articles"] == 2 and set(report["fields"]) >= {"people", "quotes", "claims", "events"}
    assert report["fields"]["claims"]["tp"] + report["fields"]["claims"]["fn"] > 0
    assert len(errors.read_text(encoding="utf-8").splitlines()) == 2
    table = cli("--corpus", str(GOLD), "--limit", "1", "--farsnews", str(corpora / "farsnews"))
    assert table.returncode == 0 and "dev-gold, 1 articles" in table.stdout
