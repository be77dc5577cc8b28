"""Error and warning messages with codes, each saying what to do (spaCy's habit).

>>> str(NewsmineError(Errors.E001, name="x", available="a, b"))
"[E001] No newsmine component 'x'. Available: a, b"
"""

from __future__ import annotations


class Errors:
    E001 = "[E001] No newsmine component '{name}'. Available: {available}"
    E002 = "[E002] Can't read input of type {type}: pass a str (text or HTML), bytes, an Article or a dict with 'text' or 'html'"
    E003 = "[E003] Unknown output format '{format}'. Use one of: {available}"
    E010 = "[E010] No JSON Schema for type {type}: add it to newsmine.schema._type_schema"
    E040 = "[E040] NER model without its feature lists: no folder {path}. Train it with `newsmine train ner`"
    E041 = "[E041] Unknown NER domain {domain}: this model knows {known}"


class Warnings:
    W001 = "empty input: nothing to extract"
    W002 = "input looks binary ({detail}); no text extracted"
    W003 = "input is not valid UTF-8; decoded as {encoding}"
    W004 = "input of {size} characters cut to the first {limit}"
    W006 = "publication date '{value}' could not be read; dates without a year are left without one"
    W007 = "{stage} failed: {error}"
    W008 = "HTML not parsed: {problem}; the parsers recurse and would take minutes or fail"


class NewsmineError(ValueError):
    """An error whose message carries a code and what to do about it."""

    def __init__(self, template: str, **kwargs: object) -> None:
        super().__init__(template.format(**kwargs))
