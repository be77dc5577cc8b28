"""The batch state store: one SQLite file (``DIR/state.sqlite``) of every unit already processed.

Keyed by the unit's content hash (see :func:`newsmine.batch.inputs.unit_key`), so a rerun over the same or
grown inputs skips what is done, and a changed article (same URL, new content) has a new key and is
processed again as a new version. Errors are stored here too: ``errors.jsonl`` is a view of this table,
rewritten from it at the start and end of every run.

One SQLite transaction records a whole part: its name, size and SHA-256 in ``parts`` (the manifest) and
every key it holds (and the errors met while making it) in ``units``. See :mod:`newsmine.batch.runner` for
the protocol this serves.

The state is an index, not the truth: every part carries its keys (``content_hash``, ``id``, ``url``,
``input`` columns), so a lost, emptied or damaged state file is rebuilt from the parts (and the errors
from ``errors.jsonl``) by the runner; it never leads to a committed part being deleted.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["STATE_FILE", "PartRow", "State", "UnitRow"]

STATE_FILE = "state.sqlite"

#: (key, status "record"|"error", record id, url, input reference, error as JSON or None)
UnitRow = tuple[str, str, str | None, str | None, str, str | None]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS parts (
    name TEXT PRIMARY KEY, n INTEGER NOT NULL, run TEXT NOT NULL, created REAL NOT NULL,
    size INTEGER, sha256 TEXT
);
CREATE TABLE IF NOT EXISTS units (
    key TEXT PRIMARY KEY, status TEXT NOT NULL, record_id TEXT, url TEXT, ref TEXT NOT NULL,
    part TEXT, error TEXT, run TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS units_url ON units(url);
CREATE TABLE IF NOT EXISTS runs (run TEXT PRIMARY KEY, started REAL, finished REAL, summary TEXT);
"""


#: a unit row replaces an existing one only where that one is an error (a retried error that now gives a
#: record, or the same error again); a committed record is never replaced
_UPSERT = """
INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(key) DO UPDATE SET
    status = excluded.status, record_id = excluded.record_id, url = excluded.url, ref = excluded.ref,
    part = excluded.part, error = excluded.error, run = excluded.run, seq = excluded.seq
WHERE units.status = 'error'
"""


@dataclass
class PartRow:
    """A committed part as the manifest has it: name, records, size in bytes and SHA-256 (None for parts
    committed before the manifest had them)."""

    name: str
    n: int
    run: str
    size: int | None
    sha256: str | None


class State:
    """The processed-unit store of one output directory.

    Opening a file that is not a SQLite database (or a damaged one) raises ``sqlite3.DatabaseError``; the
    runner keeps such a file aside and rebuilds the state from the parts.
    """

    def __init__(self, out_dir: str | Path) -> None:
        self.path = Path(out_dir) / STATE_FILE
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")  # a commit is on disk when commit() returns
            self.db.executescript(_SCHEMA)
            columns = {r[1] for r in self.db.execute("PRAGMA table_info(parts)")}
            for name, kind in (("size", "INTEGER"), ("sha256", "TEXT")):
                if name not in columns:  # a state written before the manifest had them
                    self.db.execute(f"ALTER TABLE parts ADD COLUMN {name} {kind}")
            self._seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM units").fetchone()[0]
            self.db.execute("SELECT COUNT(*) FROM parts").fetchone()
        except BaseException:
            self.db.close()
            raise

    def known(self, keys: Sequence[str], errors: bool = True) -> set[str]:
        """Which of ``keys`` are already processed: as a record, or (``errors=True``) as an error."""
        found: set[str] = set()
        status = "" if errors else " AND status = 'record'"
        for i in range(0, len(keys), 500):
            chunk = list(keys[i : i + 500])
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0] for r in self.db.execute(f"SELECT key FROM units WHERE key IN ({marks}){status}", chunk)
            )
        return found

    def commit(
        self,
        part: str | None,
        rows: Iterable[UnitRow],
        run: str,
        size: int | None = None,
        sha256: str | None = None,
    ) -> None:
        """Record a part (None: errors only), its size and digest, and its units in one transaction.

        A failure (a full disk: "database or disk is full") is raised as SQLite reported it; SQLite may
        have rolled the transaction back already, and then no second error hides the first.
        """
        rows = list(rows)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            if part is not None:
                n = sum(1 for r in rows if r[1] == "record")
                self.db.execute(
                    "INSERT INTO parts VALUES (?, ?, ?, ?, ?, ?)", (part, n, run, time.time(), size, sha256)
                )
            for row in rows:
                self._seq += 1
                self.db.execute(
                    _UPSERT, (*row[:5], part if row[1] == "record" else None, row[5], run, self._seq)
                )
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                try:
                    self.db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # the error being raised is the one to report
            raise

    def forget_part(self, name: str) -> int:
        """Drop a part from the manifest with the keys it held (they are processed again); returns how many."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            n = self.db.execute("DELETE FROM units WHERE part = ?", (name,)).rowcount
            self.db.execute("DELETE FROM parts WHERE name = ?", (name,))
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        return n

    def parts(self) -> list[str]:
        """Names of the committed parts, oldest first."""
        return [r[0] for r in self.db.execute("SELECT name FROM parts ORDER BY created, name")]

    def manifest(self) -> list[PartRow]:
        """The committed parts with their record count, run, size and SHA-256, oldest first."""
        rows = self.db.execute("SELECT name, n, run, size, sha256 FROM parts ORDER BY created, name")
        return [PartRow(*row) for row in rows]

    def errors(self) -> Iterator[dict[str, Any]]:
        """The stored errors, in the order they were met."""
        for (text,) in self.db.execute("SELECT error FROM units WHERE status = 'error' ORDER BY seq"):
            yield json.loads(text)

    def is_empty(self) -> bool:
        """True when the store holds no part and no unit (new, or emptied)."""
        return (
            self.db.execute("SELECT EXISTS(SELECT 1 FROM units) OR EXISTS(SELECT 1 FROM parts)").fetchone()[0]
            == 0
        )

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
