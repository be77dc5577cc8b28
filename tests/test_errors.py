"""One table of error and warning codes: each code is used at one place, and no message carries a code
the table does not have."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from newsmine.errors import Errors, NewsmineError, NewsmineRuntimeError, NewsmineTypeError, Warnings

PACKAGE = Path(__file__).resolve().parents[1] / "newsmine"
SOURCES = {p: p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py") if p.name != "errors.py"}


def _codes(table: type) -> dict[str, str]:
    return {name: value for name, value in vars(table).items() if re.fullmatch(r"[EW]\d{3}", name)}


@pytest.mark.parametrize("table", [Errors, Warnings])
def test_each_code_is_named_by_its_message_and_used_at_one_place(table: type) -> None:
    uses = Counter(
        m.group(1)
        for text in SOURCES.values()
        for m in re.finditer(rf"{table.__name__}\.([EW]\d{{3}})\b", text)
    )
    for name, message in _codes(table).items():
        assert message.startswith(f"[{name}] "), name
        assert uses[name] == 1, f"{table.__name__}.{name} is used {uses[name]} times"
    assert set(uses) <= set(_codes(table)), set(uses) - set(_codes(table))


def test_no_code_written_outside_the_table() -> None:
    """A code is never typed into a message by hand: it comes from the table."""
    stray = [(p.name, m.group()) for p, text in SOURCES.items() for m in re.finditer(r"\[[EW]\d{3}\]", text)]
    assert stray == []


def test_errors_are_value_type_or_runtime_errors_with_their_code() -> None:
    err = NewsmineTypeError(Errors.E030, type="int")
    assert isinstance(err, TypeError) and isinstance(err, ValueError) and err.code == "E030"
    assert isinstance(NewsmineRuntimeError(Errors.E014), RuntimeError)
    assert str(NewsmineError(Errors.E012, format="csv", available="parquet, jsonl")).startswith("[E012] ")
