"""Crash safety for real: a batch is killed with SIGKILL at five points, rerun, and every input ends in the
output (or in errors.jsonl) exactly once: no duplicates, no losses, no temporary or orphan parts left.
One worker killed from outside: the batch finishes. The parent killed: its workers die with it, and the
rerun completes the output."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_batch import STUB, articles, errors, write_jsonl

from newsmine.batch import read_records
from newsmine.batch.inputs import unit_key
from newsmine.batch.state import State

TESTS = Path(__file__).resolve().parent
N = 300


def start(src: Path, out: Path, workers: int, delay: float = 0.005) -> subprocess.Popen:
    code = (
        f"import sys; sys.path.insert(0, {str(TESTS)!r}); from newsmine.batch import run_batch; "
        f"run_batch([{str(src)!r}], {str(out)!r}, workers={workers}, part_size=5, chunk_size=2, "
        f"progress=False, extractor={STUB!r})"
    )
    env = {**os.environ, "NEWSMINE_TEST_STUB_DELAY": str(delay)}
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


def exactly_once(out: Path, items: list[dict]) -> list[dict]:
    """Every input's key once in the records or in errors.jsonl, none twice; returns the errors."""
    found = list(read_records(out)["content_hash"]) + [e["key"] for e in errors(out)]
    assert sorted(found) == sorted(unit_key(i) for i in items)
    return errors(out)


def workers_of(pid: int) -> list:
    psutil = pytest.importorskip("psutil")
    kids = psutil.Process(pid).children()
    return [
        k
        for k in kids
        if "spawn_main" in " ".join(k.cmdline()) and "resource_tracker" not in " ".join(k.cmdline())
    ]


def wait_for_parts(proc: subprocess.Popen, out: Path, n: int) -> None:
    deadline = time.monotonic() + 120  # a hang guard
    while parts(out) < n and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, "the batch ended before the fault could be injected; make it slower"


def test_one_worker_killed_from_outside_the_batch_finishes(tmp_path):
    items = articles(160)
    src = write_jsonl(tmp_path / "in.jsonl", items)
    out = tmp_path / "out"
    proc = start(src, out, workers=2, delay=0.03)
    wait_for_parts(proc, out, 2)
    victim = workers_of(proc.pid)[0]
    os.kill(victim.pid, signal.SIGKILL)
    assert proc.wait(timeout=300) == 0
    found = exactly_once(out, items)
    assert {e["error"] for e in found} <= {"WorkerDied"}  # the article it held, if it held one
    summary = json.loads(sorted(out.glob("run-*.json"))[-1].read_text())
    assert summary["workers_replaced"] == 1 and summary["processed"] + summary["errors"] == len(items)


def test_killing_the_parent_kills_its_workers_and_the_rerun_completes(tmp_path):
    psutil = pytest.importorskip("psutil")
    items = articles(160)
    src = write_jsonl(tmp_path / "in.jsonl", items)
    out = tmp_path / "out"
    proc = start(src, out, workers=2, delay=0.03)
    wait_for_parts(proc, out, 2)
    family = psutil.Process(proc.pid).children(recursive=True)
    assert len(workers_of(proc.pid)) == 2
    os.kill(proc.pid, signal.SIGKILL)  # the parent only, not its process group
    proc.wait(timeout=30)
    _, alive = psutil.wait_procs(family, timeout=60)  # a hang guard: they go at once
    assert alive == []
    final = start(src, out, 2, delay=0.0)
    assert final.wait(timeout=300) == 0
    assert exactly_once(out, items) == []
