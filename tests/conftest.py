"""Shared fixtures. Data under ../shared/corpora is research-licensed: read there, never copied here."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"


@pytest.fixture(scope="session")
def corpora() -> Path:
    """Path of ../shared/corpora; the test is skipped, with the reason, when it is absent."""
    if not CORPORA.is_dir():
        pytest.skip(
            f"../shared/corpora is not beside this checkout (looked for {CORPORA.name} next to the repo)"
        )
    return CORPORA
