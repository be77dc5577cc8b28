"""Crash safety for real: a batch is killed with SIGKILL at five points, rerun, and every input ends in the
output (or in errors.jsonl) exactly once: no duplicates, no losses, no temporary or orphan parts left."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from test_batch import STUB, articles, errors, write_jsonl

from newsmine.batch import read_records
from newsmine.batch.inputs import unit_key
from newsmine.batch.state import State

TESTS = Path(__file__).resolve().parent
N = 300


def start(src: Path, out: Path, workers: int) -> subprocess.Popen:
    code = (
        f"import sys; sys.path.insert(0, {str(TESTS)!r}); from newsmine.batch import run_batch; "
        f"run_batch([{str(src)!r}], {str(out)!r}, workers={workers}, part_size=5, chunk_size=2, "
        f"progress=False, extractor={STUB!r})"
    )
    env = {**os.environ, "NEWSMINE_TEST_STUB_DELAY": "0.005"}
    return subprocess.Popen([sys.executable, "-c", code], env=env, start_new_session=True)


def parts(out: Path) -> int:
    folder = out / "records"
    return len([p for p in folder.iterdir() if p.name.startswith("part-")]) if folder.exists() else 0


def test_sigkill_at_five_points_then_rerun_gives_every_input_once(tmp_path):
    items = articles(N)
    items.insert(17, {"url": "https://khabar.example/odd", "text": "RAISE"})
    src = write_jsonl(tmp_path / "in.jsonl", items)
    with open(src, "a", encoding="utf-8") as fh:
        fh.write('{"text": broken\n')
    out = tmp_path / "out"
    rng = random.Random(7)
    killed = 0
    for round_, workers in enumerate([1, 2, 1, 2, 1]):
        before = parts(out)
        proc = start(src, out, workers)
        deadline = time.monotonic() + 60
        target = before + 1 + rng.randrange(4)  # some parts into this run, then a random moment
        while parts(out) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.03))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            killed += 1
        proc.wait(timeout=30)
        assert round_ == 0 or parts(out) >= before - 1  # a rerun removes at most the orphan part
    assert killed >= 4, "the runs ended before they could be killed; make them slower"

    final = start(src, out, 2)
    assert final.wait(timeout=120) == 0
    records = read_records(out)
    keys = [unit_key(i) for i in items if i["text"] != "RAISE"]
    assert records["content_hash"].is_unique
    assert sorted(records["content_hash"]) == sorted(keys)
    assert sorted(e["error"] for e in errors(out)) == ["JSONDecodeError", "ValueError"]
    leftovers = [p.name for p in (out / "records").iterdir() if not p.name.startswith("part-")]
    assert leftovers == []
    state = State(out)
    try:
        assert sorted(p.name for p in (out / "records").iterdir()) == sorted(state.parts())
        assert state.count() == {"record": N, "error": 2}
    finally:
        state.close()
    runs = sorted(out.glob("run-*.json"))
    assert json.loads(runs[-1].read_text())["skipped_done"] > 0
