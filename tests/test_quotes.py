"""The quotes component (``newsmine_quotes``): one (text, expected) row per rule, grouped by rule, then every
verb of ``resources/speech_verbs.txt`` in its forms, a Mehr-style article, and the dev gold set.

Texts run through the tokenizer-only pipeline and the component alone, with ``doc._.people`` (and
``doc.spans["organizations"]``) set by hand as the officials and gazetteer components would set them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from spacy.language import Language

import newsmine
import newsmine.extractors.quotes  # registers the factory
from newsmine.extractors.quotes import QuoteExtractor
from newsmine.lang.verbs import present_stem
from newsmine.resources import read_rows
from newsmine.schema import Mention, Person, Quote, Title

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = newsmine.load(components=[])
    nlp.add_pipe("newsmine_quotes")
    return nlp


def spans(text: str, *surfaces: str) -> list[tuple[int, int]]:
    """Every occurrence of each surface (longest first; a shorter one inside a longer one is skipped)."""
    found: list[tuple[int, int]] = []
    for surface in sorted(surfaces, key=len, reverse=True):
        for m in re.finditer(re.escape(surface), text):
            if not any(s <= m.start() < e for s, e in found):
                found.append((m.start(), m.end()))
    return sorted(found)


def person(pid: str, name: str | None, text: str, *surfaces: str, title: str | None = None) -> Person:
    titles = [Title(title)] if title else []
    return Person(pid, name, titles=titles, mentions=[Mention(a, b) for a, b in spans(text, *surfaces)])


def run(
    nlp: Language, text: str, people: list[Person] | None = None, orgs: tuple[str, ...] = ()
) -> list[Quote]:
    doc = nlp.make_doc(newsmine.normalize(text))
    doc._.people = people
    if orgs:
        group = []
        for s, e in spans(doc.text, *orgs):
            span = doc.char_span(s, e, label="ORG", alignment_mode="expand")
            span._.char_span = (s, e)
            group.append(span)
        doc.spans["organizations"] = group
    quotes = nlp.get_pipe("newsmine_quotes")(doc)._.quotes
    for q in quotes:  # the span is the text, always
        assert doc.text[q.span[0] : q.span[1]] == q.text
    return quotes


def verbs_texts(quotes: list[Quote]) -> list[tuple[str, str]]:
    return [(q.verb, q.text) for q in quotes]


# --------------------------------------------------------------------------------------------------
# verbs: word boundaries, compound spacings, plural, perfect, present, chained forms

VERBS = [
    ("وی گفت: این طرح آغاز شد.", ["گفت"]),
    ("وی اظهار داشت: این طرح آغاز شد.", ["اظهار داشت"]),
    ("وی اظهارداشت: این طرح آغاز شد.", ["اظهارداشت"]),
    ("وی اظهار\u200cداشت: این طرح آغاز شد.", ["اظهار\u200cداشت"]),
    ("آنان گفتند: این طرح آغاز شد.", ["گفتند"]),
    ("آنان اظهار کردند: این طرح آغاز شد.", ["اظهار کردند"]),
    ("وی گفته است: این طرح آغاز شد.", ["گفته است"]),
    ("آنان افزوده\u200cاند: این طرح آغاز شد.", ["افزوده\u200cاند"]),
    ("وزارت اعلام کرده است که این طرح آغاز شد.", ["اعلام کرده است"]),
    ("وزارت اعلام کرده که این طرح آغاز شد.", ["اعلام کرده"]),
    ("وزارت پیش از این از آغاز طرح خبر داده بود.", ["خبر داده بود"]),
    ("وزیر می\u200cگوید: این طرح آغاز شد.", ["می\u200cگوید"]),
    ("وزیر تأکید می\u200cکند: این طرح آغاز شد.", ["تأکید می\u200cکند"]),
    ("وزارت اعلام می\u200cکند که این طرح آغاز شد.", ["اعلام می\u200cکند"]),
    ("وزیر یادآور می\u200cشود: این طرح آغاز شد.", ["یادآور می\u200cشود"]),
    ("وزیر خبرداد: این طرح آغاز شد.", ["خبرداد"]),
    ("وی گفته و افزود: این طرح آغاز شد.", ["افزود"]),
    # the first part of a compound chained to the next verb when it has an object (را)
    ("وی میانگین بارش را ۳۷۸ میلی\u200cمتر اعلام و خاطرنشان کرد: این کم است.", ["اعلام", "خاطرنشان کرد"]),
]

NOT_VERBS = [
    "وی در گفت\u200cوگو با خبرنگار ما از این طرح سخن به میان آورد.",
    "وی در گفتگو با خبرنگار ما حاضر شد.",
    "وی در گفت و گو با خبرنگار ما حاضر شد.",
    "این گفت و گوها ادامه دارد.",
    "گفتنی است این طرح آغاز شد.",
    "گفته\u200cهای وی نادرست بود.",
    "گفته می\u200cشود که این طرح آغاز شد.",
    "وی کار خود را ادامه داد.",
    "او یک بند به قرارداد اضافه کرد و رفت.",
    "وی راه را به ما توضیح داد.",
    "او عید را به مردم تبریک گفت.",
    "مالیات بر ارزش افزوده است.",
    "نتایج اعلام شد که خوب بود.",
    "ما گفته\u200cایم که این طرح آغاز شد.",
]


@pytest.mark.parametrize(("text", "expected"), VERBS)
def test_verb_forms(nlp: Language, text: str, expected: list[str]) -> None:
    assert [q.verb for q in run(nlp, text)] == expected


@pytest.mark.parametrize("text", NOT_VERBS)
def test_not_speech(nlp: Language, text: str) -> None:
    assert run(nlp, text) == []


def test_weak_verbs_before_colon_or_ke(nlp: Language) -> None:
    assert verbs_texts(run(nlp, "وی ادامه داد: کار تمام است.")) == [("ادامه داد", "کار تمام است")]
    assert verbs_texts(run(nlp, "وی اضافه کرد که کار تمام است.")) == [("اضافه کرد", "کار تمام است")]
    assert verbs_texts(run(nlp, "وی توضیح داد: کار تمام است.")) == [("توضیح داد", "کار تمام است")]


def _row_forms() -> list[tuple[str, str]]:
    """Each verb of speech_verbs.txt: past, plural, perfect and present, as (sentence, verb)."""
    rows: list[tuple[str, str]] = []
    for row in read_rows("speech_verbs.txt"):
        if len(row) > 2 and "object" in row[2].split():
            continue  # a judgement, only with its را clause: test_judgement_verbs
        verb = row[0].strip()
        *head, last = verb.split()
        present = present_stem(last)  # every last word has a present stem in the stem list
        assert present, last
        glide = "ی" if present.endswith(("ا", "آ")) else ""
        prefix = " ".join(head) + " " if head else ""
        for form in (verb, verb + "ند", verb + "ه است", f"{prefix}می\u200c{present}{glide}د"):
            rows.append((f"وی {form}: این یک آزمایش است.", form))
    return rows


@pytest.mark.parametrize(("text", "verb"), _row_forms())
def test_every_listed_verb(nlp: Language, text: str, verb: str) -> None:
    assert verbs_texts(run(nlp, text)) == [(verb, "این یک آزمایش است")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X را Y دانست/خواند": the judgement is the statement
        ("وی این طرح را گامی مهم دانست.", [("دانست", "این طرح را گامی مهم")]),
        (
            "وی تحریم‌ها را ظالمانه خواند و گفت: مقاومت می‌کنیم.",
            [("خواند", "تحریم‌ها را ظالمانه"), ("گفت", "مقاومت می‌کنیم")],
        ),
        # no object, no predicate, a place after را, or inside "با بیان اینکه": no judgement
        ("وی نماز خواند.", []),
        ("وی نماز ظهر را در مسجد خواند.", []),
        ("او پاسخ را می‌دانست.", []),
        ("وی با بیان اینکه دولت خود را مسئول می‌داند، گفت: کار ادامه دارد.", [("گفت", "کار ادامه دارد")]),
    ],
)
def test_judgement_verbs(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert verbs_texts(run(nlp, text)) == expected


def test_verb_list_read_from_resource() -> None:
    listed = [r[0] for r in read_rows("speech_verbs.txt")]
    assert len(listed) > 30 and not any(v.startswith("#") for v in listed)


# --------------------------------------------------------------------------------------------------
# the statement: after ":" to the paragraph end, "که" to the sentence end, the clause before the verb

STATEMENTS = [
    ("وی گفت: الف آمد. ب رفت.\nخبر دیگر.", [("گفت", "الف آمد. ب رفت")]),
    ("وی گفت: الف آمد. وی افزود: ب رفت.", [("گفت", "الف آمد"), ("افزود", "ب رفت")]),
    ("وی گفت: الف آمد، وی افزود: ب رفت.", [("گفت", "الف آمد"), ("افزود", "ب رفت")]),
    ("وی گفت که الف آمد. ب نیز رفت.", [("گفت", "الف آمد")]),
    ("وی گفت این طرح آغاز شد. خبر دیگر.", [("گفت", "این طرح آغاز شد")]),
    ("کفیل از برگزاری ۵۰۰۰ نشست خبر داد.", [("خبر داد", "کفیل از برگزاری ۵۰۰۰ نشست")]),
    ("وی از برگزاری ۵۰۰۰ نشست خبر داد.", [("خبر داد", "از برگزاری ۵۰۰۰ نشست")]),
    ("وی با بیان اینکه طرح آغاز شد، گفت: کار ادامه دارد.", [("گفت", "کار ادامه دارد")]),
    (
        "وی از آغاز طرح خبر داد و گفت: کار ادامه دارد.",
        [("خبر داد", "از آغاز طرح"), ("گفت", "کار ادامه دارد")],
    ),
    ("وی با اشاره به اهمیت طرح تأکید کرد و گفت: کار ادامه دارد.", [("گفت", "کار ادامه دارد")]),
    ("وی با اشاره به سفر وزیر، از آغاز طرح خبر داد.", [("خبر داد", "از آغاز طرح")]),
    ("وی بر لزوم اجرای طرح تأکید کرد.", [("تأکید کرد", "بر لزوم اجرای طرح")]),
    ("وی گفت: «الف آمد». این خبر دیگری است.", [("گفت", "الف آمد")]),
    ("وی افزود: «جیمز» یکی از عکاسان است.", [("افزود", "«جیمز» یکی از عکاسان است")]),
    # a verb inside the statement: part of it, unless ":" follows it or its clause has a speaker
    ("وی گفت: «وزیر گفت که کار تمام است.»", [("گفت", "وزیر گفت که کار تمام است")]),
    ("وی گفت: مردم می\u200cگویند که کار تمام است.", [("گفت", "مردم می\u200cگویند که کار تمام است")]),
    (
        "وی گفت: الف آمد. سازمان نرخ را اعلام می\u200cکند.",
        [("گفت", "الف آمد. سازمان نرخ را اعلام می\u200cکند")],
    ),
    ("وی گفت: «الف آمد. وزیر افزود: ب رفت»", [("گفت", "الف آمد"), ("افزود", "ب رفت")]),
    (
        "وی گفت: الف آمد. وی این طرح را مثبت ارزیابی کرد.",
        [("گفت", "الف آمد. وی این طرح را مثبت ارزیابی کرد")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), STATEMENTS)
def test_statement(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert verbs_texts(run(nlp, text)) == expected


def test_span_covers_the_numbers(nlp: Language) -> None:
    text = "وی گفت: بیش از ۵۰۰۰ نشست برگزار شد."
    (q,) = run(nlp, text)
    assert q.span[0] <= text.index("۵۰۰۰") < q.span[1]


def test_pipe_and_empty(nlp: Language) -> None:
    assert run(nlp, "") == []
    assert run(nlp, "هیچ فعل گفتاری در این متن نیست.") == []
    docs = list(nlp.pipe(["وی گفت: الف.", "متن دیگر."]))
    assert [len(d._.quotes) for d in docs] == [1, 0]


# --------------------------------------------------------------------------------------------------
# the speaker


def test_speakers_and_pronouns_mehr_style(nlp: Language) -> None:
    text = (
        "رئیس سازمان بسیج ادارات کشور گفت: بیش از ۵۰۰۰ نشست روشنگری برگزار شد.\n"
        "به گزارش خبرنگار مهر، فضل‌الله کفیل ظهر امروز در جمع خبرنگاران اظهار کرد: این نشست‌ها ادامه دارد.\n"
        "کفیل افزود: ۲۰ هزار میز خدمت برپا شد.\n"
        "وی بیان کرد: مردم استقبال کردند.\n"
        "کفیل بیان کرد که کار تمام نشده است.\n"
        "وی در ادامه با اشاره به دهه فجر گفت: برنامه‌ها ادامه دارد.\n"
        "افزود: همه دستگاه‌ها همکاری کردند."
    )
    text = newsmine.normalize(text)
    p1 = person("p1", "فضل‌الله کفیل", text, "رئیس سازمان بسیج ادارات کشور", "فضل‌الله کفیل", "کفیل")
    before = list(p1.mentions)
    quotes = run(nlp, text, [p1])
    assert [(q.speaker, q.verb) for q in quotes] == [
        ("p1", "گفت"),
        ("p1", "اظهار کرد"),
        ("p1", "افزود"),
        ("p1", "بیان کرد"),
        ("p1", "بیان کرد"),
        ("p1", "گفت"),
        ("p1", "افزود"),
    ]
    assert quotes[0].text == "بیش از ۵۰۰۰ نشست روشنگری برگزار شد"
    assert quotes[4].text == "کار تمام نشده است"
    # each وی is a link to p1 in doc._.links; p1 itself is not edited
    pronouns = [m.span() for m in re.finditer("وی", text)]
    doc = nlp.make_doc(text)
    doc._.people = [p1]
    doc = nlp.get_pipe("newsmine_quotes")(doc)
    assert [(link.start, link.end) for link in doc._.links if link.kind == "pronoun"] == pronouns
    assert all(link.person == "p1" for link in doc._.links)
    assert p1.mentions == before


def test_title_line_then_body(nlp: Language) -> None:
    text = "مدیرکل هواشناسی استان گفت: بارش کم شد.\n\nصادق ضیائیان امروز اظهار داشت: بارش ۴۴ درصد کم شد."
    p1 = person("p1", "صادق ضیائیان", text, "مدیرکل هواشناسی استان", "صادق ضیائیان")
    assert [(q.speaker, q.verb) for q in run(nlp, text, [p1])] == [("p1", "گفت"), ("p1", "اظهار داشت")]


SPEAKERS = [
    # (text, people as (id, name, surfaces...), organizations, expected speakers)
    ("وزارت دفاع ارمنستان اعلام کرد که حمله شد.", [], ("وزارت دفاع ارمنستان",), ["وزارت دفاع ارمنستان"]),
    (
        "به گزارش فارس، وزارت کشور اعلام کرد: انتخابات برگزار می\u200cشود.",
        [],
        ("فارس", "وزارت کشور"),
        ["وزارت کشور"],
    ),
    ("امروز در گفت\u200cوگو با خبرنگار فارس گفت: کار تمام است.", [], ("فارس",), [None]),
    (
        "معاون پژوهشی وزارت علوم اعلام کرد: ثبت نام آغاز شد.\nوی افزود: مهلت یک هفته است.",
        [("p1", None, "معاون پژوهشی وزارت علوم")],
        ("وزارت علوم",),
        ["p1", "p1"],
    ),
    (
        "منابع بیمارستانی اعلام کردند: ۱۴ نفر کشته شدند.\nاین منابع افزودند: ۴ نفر زخمی شدند.",
        [],
        (),
        [None, None],
    ),
    ("وی گفت: کار تمام است.", [], (), [None]),
    (
        "احمدی گفت: الف آمد.\nوی در دیدار با کفیل گفت: ب رفت.",
        [("p1", "فضل‌الله کفیل", "کفیل"), ("p2", "احمدی", "احمدی")],
        (),
        ["p2", "p2"],
    ),
    (
        "کفیل گفت: الف آمد.\nاحمدی افزود: ب رفت.\nوی تصریح کرد: ج آمد.",
        [("p1", "فضل‌الله کفیل", "کفیل"), ("p2", "علی احمدی", "احمدی")],
        (),
        ["p1", "p2", "p2"],
    ),
    # a surname the officials missed; a pronoun with no quote before it
    (
        "محمدعلی جنانی گفت: الف آمد.\nجنانی افزود: ب رفت.",
        [("p1", "محمدعلی جنانی", "محمدعلی جنانی")],
        (),
        ["p1", "p1"],
    ),
    (
        "«پائولو اتوری» ۳۰ بازیکن را برگزید.\nوی در این باره گفت: الف آمد.",
        [("p1", "پائولو اتوری", "پائولو اتوری")],
        (),
        ["p1"],
    ),
    # no subject: the last speaker of the previous three sentences, else nobody
    ("کفیل گفت: الف آمد.\nافزود: ب رفت.", [("p1", "کفیل", "کفیل")], (), ["p1", "p1"]),
    (
        "کفیل گفت: الف آمد.\nج. د. ه. و.\nافزود: ب رفت.",
        [("p1", "کفیل", "کفیل")],
        (),
        ["p1", None],
    ),
    # an unknown subject is nobody; a pronoun after it is the last person named in the three sentences
    # before it, outside statements (the title is often that person's: "امام جمعه قم اظهار داشت ... وی گفت")
    (
        "کفیل گفت: الف آمد.\nسخنگوی دولت افزود: ب رفت.\nوی تصریح کرد: ج.",
        [("p1", "کفیل", "کفیل")],
        (),
        ["p1", None, "p1"],
    ),
    # ... and nobody when that person was named further back
    (
        "کفیل گفت: الف آمد.\nد. ه. و.\nسخنگوی دولت افزود: ب رفت.\nوی تصریح کرد: ج.",
        [("p1", "کفیل", "کفیل")],
        (),
        ["p1", None, None],
    ),
]


@pytest.mark.parametrize(("text", "people", "orgs", "expected"), SPEAKERS)
def test_speaker(
    nlp: Language,
    text: str,
    people: list[tuple[str, str | None, str]],
    orgs: tuple[str, ...],
    expected: list[str | None],
) -> None:
    text = newsmine.normalize(text)
    persons = [person(pid, name, text, *surfaces) for pid, name, *surfaces in people]
    assert [q.speaker for q in run(nlp, text, persons, orgs)] == expected


def test_config() -> None:
    nlp = newsmine.load(components=[])
    pipe = nlp.add_pipe("newsmine_quotes", config={"weak_verbs": [], "window": 1})
    assert isinstance(pipe, QuoteExtractor)
    doc = pipe(nlp.make_doc("وی کار را ادامه داد."))
    assert [q.verb for q in doc._.quotes] == ["ادامه داد"]


# --------------------------------------------------------------------------------------------------
# the dev gold set: same verb and half the gold text's words inside the quote (``newsmine eval gold``)


def test_dev_gold(corpora: Path, nlp: Language) -> None:
    from newsmine.train.gold import evaluate_gold

    report = evaluate_gold(REPO / "corpora" / "dev-gold", corpora / "farsnews", nlp=nlp)
    quotes = report.counts["quotes"]
    assert quotes.recall >= 0.93 and quotes.precision >= 0.97, quotes.to_dict()


@pytest.fixture(scope="module")
def full() -> Language:
    return newsmine.load()


@pytest.mark.parametrize(
    "text",
    [
        "عصر قم - رئیس مرکز بازرسی وزارت کار گفت: کار ادامه دارد.",
        "بوشهر- ایرنا- مدیرکل بنادر استان گفت: ۲۰ کشتی پهلو گرفت.",
        "تهران ـ معاون وزیر نیرو گفت: آب هست.",
    ],
)
def test_a_dateline_is_no_speaker(full: Language, text: str) -> None:
    """The place or agency of a dateline stands before the clause; the official after it speaks."""
    doc = full(text)
    (quote,) = doc._.quotes
    (person,) = doc._.people
    assert quote.speaker == person.id and person.name is None
