"""Every error and warning newsmine gives, with its code, in one table; each says what to do (spaCy's habit).

An error is raised as a :class:`NewsmineError` (a ``ValueError``), or one of its ``TypeError`` and
``RuntimeError`` kinds, with the code first in its message; a warning is a line of ``Record.warnings``.
Each code is raised at one place in the package (``tests/test_errors.py`` checks it), so a code in a report
names its cause.

>>> str(NewsmineError(Errors.E001, name="x", available="a, b"))
"[E001] No newsmine component 'x'. Available: a, b"
>>> NewsmineError(Errors.E001, name="x", available="a").code
'E001'
"""

from __future__ import annotations

import re

__all__ = ["Errors", "NewsmineError", "NewsmineRuntimeError", "NewsmineTypeError", "Warnings"]


class Errors:
    # the pipeline and the one-call API
    E001 = "[E001] No newsmine component '{name}'. Available: {available}"
    E002 = "[E002] Can't read input of type {type}: pass a str (text or HTML), bytes, an Article or a dict with 'text' or 'html'"
    E004 = "[E004] A dict to extract needs 'text' or 'html'; this one has {keys}"
    # the Record and its stores
    E010 = "[E010] No JSON Schema for type {type}: add it to newsmine.schema._type_schema"
    E011 = "[E011] No Parquet type for {type}: {why}"
    E012 = "[E012] Unknown part format {format!r}: use one of {available}"
    E013 = "[E013] Another newsmine batch is writing to {out}; wait for it to end"
    E014 = "[E014] --scheduler needs Dask distributed: pip install 'newsmine[distributed]'"
    E015 = "[E015] Unknown mention kind {kind!r}: use one of {available}"
    E016 = "[E016] Worker processes die before they are ready ({n} in a row, last exit code {code}); run in one process (one worker, article_timeout=None, article_memory_mb=None) to see why"
    E017 = "[E017] Could not write {what} in {out}: {cause}. Everything committed before is kept; free space (or fix the cause) and run again"
    E018 = "[E018] Part {name} is listed in {out}'s state store but missing; its records are not read. Run the batch again on the same inputs to redo them"
    E019 = "[E019] {path} is no state store newsmine can read ({error}); it is kept as {moved} and the state is rebuilt from the parts"
    # lexicons
    E020 = "[E020] {name}: unknown kind {kind!r} for {word!r}; see the file's header"
    # the researcher's desk
    E030 = "[E030] render() takes a Record, a record dict or a spaCy Doc, not {type}"
    E031 = "[E031] Unknown render style {style!r}: use one of {available}"
    E032 = "[E032] records_to_frame() takes Records or record dicts, not {type}"
    E033 = "[E033] Unknown frame kind {kind!r}: use one of {available}"
    E034 = "[E034] {what} needs {module}, which the tables extra brings: pip install 'newsmine[tables]'"
    # the NER model and its training
    E040 = "[E040] NER model without its feature lists: no folder {path}. Train it with `newsmine train ner`"
    E041 = "[E041] Unknown NER domain {domain}: this model knows {known}"
    E042 = "[E042] {domains} domains for {sentences} training sentences: give one corpus name per sentence"
    E043 = "[E043] No training data: give an ArmanPersoNER directory, a PEYMA directory, or both"
    E044 = "[E044] Unknown corpus format {format!r}: use one of {available}"
    E045 = "[E045] {problem}"
    # the dev gold sets
    E050 = "[E050] No *.jsonl gold files in {path}"
    E051 = "[E051] {path}:{line}: not valid JSON ({why})"
    E052 = "[E052] {path}:{line}: a gold line must be a JSON object with a string 'id'"
    E053 = "[E053] {path}:{line}: id {id} annotated twice"
    E054 = "[E054] No Fars News corpus (fars-news-*.json) found; looked in {tried}; pass --farsnews DIR"
    E055 = "[E055] {count} gold article(s) not in the Fars News corpus: {ids}"
    # the web stage
    E070 = "[E070] Unknown error_handling {value!r}: use one of {available}"


class Warnings:
    W001 = "[W001] empty input: nothing to extract"
    W002 = "[W002] input looks binary ({detail}); no text extracted"
    W003 = "[W003] input is not valid UTF-8; decoded as {encoding}"
    W004 = "[W004] input of {size} characters cut to the first {limit}"
    W006 = "[W006] publication date '{value}' could not be read; dates without a year are left without one"
    W007 = "[W007] {stage} failed: {error}"
    W008 = "[W008] HTML nested deeper than {limit} elements: {count} element(s) below that depth unwrapped, their text kept"
    W009 = "[W009] no title line found: the whole text is taken as the body"
    W010 = "[W010] extract failed: {error}; this item gives a Record with no text"
    W011 = "[W011] {error}: {message}; this item gives a Record with no text"
    # the input guard (newsmine.web.guard)
    W020 = "[W020] {count} line(s) longer than {limit} characters broken at a space"
    W021 = "[W021] {count} run(s) of more than {limit} characters without a space cut to {limit}"
    W022 = "[W022] {count} element(s) with more than {limit} attributes: the attributes past the {limit}th dropped"
    W023 = "[W023] HTML of {size} characters cut to the first {limit} before parsing"
    W024 = "[W024] {count} script, style or comment block(s) longer than {limit} characters emptied before parsing"
    W025 = "[W025] {count} invalid byte sequence(s) in the {encoding} input replaced with U+FFFD"
    # the HTML stage
    W200 = "[W200] empty HTML: nothing to extract"
    W201 = "[W201] the HTML could not be parsed: {error}"
    W202 = "[W202] the {profile} profile found no body on this page; the generic extractor read it instead"
    W203 = "[W203] no article body found by {where}the generic extractor: text is empty"
    W204 = "[W204] {count} byte sequence(s) of the page not valid in {encoding} replaced with U+FFFD"
    W205 = "[W205] no publication date in the page's metadata or text: published is empty"
    W206 = "[W206] the page looks binary ({detail}); nothing parsed"
    W210 = "[W210] {name} could not be extracted: {error}"

    #: the warnings that already say why an article's text is empty (no W001 is added after them)
    EMPTY = ("W001", "W002", "W011", "W200", "W201", "W203", "W206")


_CODE = re.compile(r"\[([EW]\d{3})\]")


class NewsmineError(ValueError):
    """An error whose message carries a code (``code``) and what to do about it."""

    def __init__(self, template: str, **kwargs: object) -> None:
        super().__init__(template.format(**kwargs))
        found = _CODE.match(template)
        self.code = found.group(1) if found else None


class NewsmineTypeError(NewsmineError, TypeError):
    """A value of the wrong type handed to newsmine."""


class NewsmineRuntimeError(NewsmineError, RuntimeError):
    """Something in the surroundings (another process, a missing extra) stops the work."""
