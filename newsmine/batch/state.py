"""The batch state store: one SQLite file (``DIR/state.sqlite``) of every unit already processed.

Keyed by the unit's content hash (see :func:`newsmine.batch.inputs.unit_key`), so a rerun over the same or
grown inputs skips what is done, and a changed article (same URL, new content) has a new key and is
processed again as a new version. Errors are stored here too: ``errors.jsonl`` is a view of this table,
rewritten from it at the start and end of every run.

One SQLite transaction records a whole part: its name in ``parts`` and every key it holds (and the errors
met while making it) in ``units``. See :mod:`newsmine.batch.runner` for the protocol this serves.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

__all__ = ["STATE_FILE", "State", "UnitRow"]

STATE_FILE = "state.sqlite"

#: (key, status "record"|"error", record id, url, input reference, error as JSON or None)
UnitRow = tuple[str, str, str | None, str | None, str, str | None]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS parts (
    name TEXT PRIMARY KEY, n INTEGER NOT NULL, run TEXT NOT NULL, created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS units (
    key TEXT PRIMARY KEY, status TEXT NOT NULL, record_id TEXT, url TEXT, ref TEXT NOT NULL,
    part TEXT, error TEXT, run TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS units_url ON units(url);
CREATE TABLE IF NOT EXISTS runs (run TEXT PRIMARY KEY, started REAL, finished REAL, summary TEXT);
"""


class State:
    """The processed-unit store of one output directory."""

    def __init__(self, out_dir: str | Path) -> None:
        self.path = Path(out_dir) / STATE_FILE
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")  # a commit is on disk when commit() returns
        self.db.executescript(_SCHEMA)
        self._seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM units").fetchone()[0]

    def known(self, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` are already processed (as a record or as an error)."""
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            chunk = list(keys[i : i + 500])
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0] for r in self.db.execute(f"SELECT key FROM units WHERE key IN ({marks})", chunk)
            )
        return found

    def commit(self, part: str | None, rows: Iterable[UnitRow], run: str) -> None:
        """Record a part (None: errors only) and its units in one transaction."""
        rows = list(rows)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            if part is not None:
                n = sum(1 for r in rows if r[1] == "record")
                self.db.execute("INSERT INTO parts VALUES (?, ?, ?, ?)", (part, n, run, time.time()))
            for row in rows:
                self._seq += 1
                self.db.execute(
                    "INSERT OR IGNORE INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*row[:5], part if row[1] == "record" else None, row[5], run, self._seq),
                )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def parts(self) -> list[str]:
        """Names of the committed parts, oldest first."""
        return [r[0] for r in self.db.execute("SELECT name FROM parts ORDER BY created, name")]

    def errors(self) -> Iterator[dict[str, Any]]:
        """The stored errors, in the order they were met."""
        for (text,) in self.db.execute("SELECT error FROM units WHERE status = 'error' ORDER BY seq"):
            yield json.loads(text)

    def count(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT status, COUNT(*) FROM units GROUP BY status").fetchall())

    def start_run(self, run: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, NULL, NULL)", (run, time.time()))

    def finish_run(self, run: str, summary: dict[str, Any]) -> None:
        self.db.execute(
            "UPDATE runs SET finished = ?, summary = ? WHERE run = ?",
            (time.time(), json.dumps(summary, ensure_ascii=False), run),
        )

    def close(self) -> None:
        self.db.close()
