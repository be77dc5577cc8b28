"""A batch's output as pandas DataFrames: ``read_records`` (one row per article) and ``read_mentions``.

Only committed parts are read (those the state store lists), so a directory left by a killed run reads
correctly even before the rerun cleans it up.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from newsmine.batch.sinks import LIST_FIELDS, PARTS_DIR
from newsmine.batch.state import STATE_FILE, State

__all__ = ["MENTION_KINDS", "read_mentions", "read_records"]

MENTION_KINDS = ("people", "organizations", "locations", "events", "claims", "quotes", "dates", "numbers")


def _part_paths(out: Path) -> list[Path]:
    if (out / STATE_FILE).exists():
        state = State(out)
        try:
            names = state.parts()
        finally:
            state.close()
        return [out / PARTS_DIR / name for name in names]
    return sorted((out / PARTS_DIR).glob("part-*"))


def read_records(out_dir: str | os.PathLike[str], latest: bool = False) -> Any:
    """One row per article, with the mention lists as Python lists of dicts.

    ``latest=True`` keeps only the newest version of each URL (a changed article is stored as a new
    version; both are kept otherwise).

    >>> import tempfile
    >>> len(read_records(tempfile.mkdtemp()))
    0
    """
    import pandas as pd

    frames = []
    for path in _part_paths(Path(out_dir)):
        if path.suffix == ".parquet":
            frame = pd.read_parquet(path)
            for name in LIST_FIELDS:
                if name in frame:
                    frame[name] = [json.loads(v) if v else [] for v in frame[name]]
        else:
            with open(path, encoding="utf-8") as fh:
                frame = pd.DataFrame([json.loads(line) for line in fh if line.strip()])
        frames.append(frame)
    if not frames:
        from newsmine.batch.sinks import EXTRA_FIELDS, SCALAR_FIELDS

        return pd.DataFrame(columns=[*SCALAR_FIELDS, *LIST_FIELDS, *EXTRA_FIELDS])
    records = pd.concat(frames, ignore_index=True)
    if latest:
        with_url = records["url"].notna()
        newest = records[with_url].drop_duplicates("url", keep="last")
        records = pd.concat([newest, records[~with_url]]).sort_index().reset_index(drop=True)
    return records


def read_mentions(out_dir: str | os.PathLike[str], kind: str) -> Any:
    """One row per mention of ``kind`` (people, organizations, locations, events, claims, quotes, dates,
    numbers), with ``record_id``, ``url`` and the mention's fields as columns."""
    import pandas as pd

    if kind not in MENTION_KINDS:
        raise ValueError(f"unknown mention kind {kind!r}; use one of {', '.join(MENTION_KINDS)}")
    rows: list[dict[str, Any]] = []
    records = read_records(out_dir)
    for rid, url, mentions in zip(records["id"], records["url"], records[kind], strict=True):
        for mention in mentions:
            rows.append({"record_id": rid, "url": url, **mention})
    return pd.DataFrame(rows, columns=None if rows else ["record_id", "url"])
