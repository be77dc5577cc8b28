"""The disk cache of built tables (``newsmine.resources.cached``): built once, read back after, passed over
when it cannot be used, and keyed by the resource files' bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmine.resources import cached


def _counting() -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> dict[str, object]:
        calls.append(1)
        return {"words": ["تومان", "دلار"], "sizes": (1, 2.5), "seen": {"a", "b"}}

    return calls, build


def test_built_once_then_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSMINE_CACHE_DIR", str(tmp_path))
    calls, build = _counting()
    first = cached("t", ("units.txt",), build)  # type: ignore[arg-type]
    again = cached("t", ("units.txt",), build)  # type: ignore[arg-type]
    assert first == again and len(calls) == 1
    assert again["seen"] == {"a", "b"} and again["sizes"] == (1, 2.5)
    assert [p.name.startswith("t-") for p in tmp_path.iterdir()] == [True]


def test_other_sources_other_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSMINE_CACHE_DIR", str(tmp_path))
    calls, build = _counting()
    cached("t", ("units.txt",), build)  # type: ignore[arg-type]
    cached("t", ("units.txt", "titles.txt"), build)  # type: ignore[arg-type]
    assert len(calls) == 2 and len(list(tmp_path.iterdir())) == 2


def test_a_broken_file_is_built_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSMINE_CACHE_DIR", str(tmp_path))
    calls, build = _counting()
    cached("t", ("units.txt",), build)  # type: ignore[arg-type]
    (path,) = tmp_path.iterdir()
    path.write_bytes(b"\x00not marshal")
    assert cached("t", ("units.txt",), build)["words"] == ["تومان", "دلار"]  # type: ignore[arg-type,index]
    assert len(calls) == 2


@pytest.mark.parametrize("where", ["", "file"])
def test_no_usable_folder_builds_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """Disabled (empty setting), or a path that is a file: no error, the table built each time."""
    target = ""
    if where == "file":
        (tmp_path / "f").write_text("x")
        target = str(tmp_path / "f")
    monkeypatch.setenv("NEWSMINE_CACHE_DIR", target)
    calls, build = _counting()
    cached("t", ("units.txt",), build)  # type: ignore[arg-type]
    cached("t", ("units.txt",), build)  # type: ignore[arg-type]
    assert len(calls) == 2
