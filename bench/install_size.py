"""The core install per Python: time of ``pip install .`` into a fresh venv, its size, and that it extracts.

    python bench/install_size.py python3.11 ~/.pyenv/versions/3.13.0/bin/python [--max-mb 500] [--keep]

For each interpreter: a fresh venv under ``build/install-size/`` (pip upgraded first, not timed), then
``pip install --no-cache-dir .`` (no extra) timed, ``du`` of the venv, the number of installed
distributions, whether gensim, fasttext, scipy or matplotlib came in (they must not), and ``newsmine extract``
of the bundled sample run from outside the checkout (so the installed package, with its data files, is what
runs). Prints one Markdown row per Python; exits 1 when a check fails or a venv is over ``--max-mb``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpora" / "samples" / "sample-article.txt"
HEAVY = ("gensim", "fasttext", "fasttext-wheel", "scipy", "matplotlib", "hazm", "scikit-learn")


def _run(*cmd: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=False, cwd=cwd)


def _size_mb(path: Path) -> float:
    out = _run("du", "-sk", path)
    return int(out.stdout.split()[0]) / 1024


def measure(python: str, work: Path, keep: bool) -> dict[str, object]:
    version = _run(python, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])").stdout.strip()
    venv = work / f"venv{version.replace('.', '')}"
    shutil.rmtree(venv, ignore_errors=True)
    row: dict[str, object] = {"python": version, "ok": False}
    made = _run(python, "-m", "venv", venv)
    if made.returncode:
        row["error"] = made.stderr.strip().splitlines()[-1:]
        return row
    py = venv / "bin" / "python"
    _run(py, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    for stale in (REPO / "build" / "lib", *REPO.glob("build/bdist.*")):  # an interrupted build's leftovers
        shutil.rmtree(stale, ignore_errors=True)  # make setuptools' next wheel build fail ("File exists")
    started = time.monotonic()
    inst = _run(py, "-m", "pip", "install", "--quiet", "--no-cache-dir", REPO)
    row["install_s"] = round(time.monotonic() - started, 1)
    if inst.returncode:
        row["error"] = inst.stderr.strip().splitlines()[-3:]
        return row
    row["size_mb"] = round(_size_mb(venv))
    dists = json.loads(_run(py, "-m", "pip", "list", "--format", "json").stdout)
    names = {d["name"].lower(): d["version"] for d in dists}
    row["packages"] = len(dists)
    row["numpy"] = names.get("numpy")
    row["heavy"] = sorted(n for n in HEAVY if n in names)
    with tempfile.TemporaryDirectory() as elsewhere:  # not the checkout: the installed package must run
        ex = _run(venv / "bin" / "newsmine", "extract", SAMPLE, "--format", "jsonl", cwd=Path(elsewhere))
    try:
        rec = json.loads(ex.stdout)
        row["extracts"] = ex.returncode == 0 and rec["dateline"] == "تهران" and bool(rec["claims"])
    except (ValueError, KeyError):
        row["extracts"] = False
        row["error"] = ex.stderr.strip().splitlines()[-3:]
    row["ok"] = bool(row["extracts"]) and not row["heavy"]
    if not keep:
        shutil.rmtree(venv, ignore_errors=True)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pythons", nargs="+", help="interpreters (names on PATH or paths)")
    parser.add_argument("--max-mb", type=float, default=None, help="fail when a venv is larger than this")
    parser.add_argument("--keep", action="store_true", help="keep the venvs (build/install-size/)")
    parser.add_argument("--json", action="store_true", help="one JSON object per Python instead of a table")
    args = parser.parse_args(argv)
    work = REPO / "build" / "install-size"
    work.mkdir(parents=True, exist_ok=True)
    status = 0
    if not args.json:
        print(
            "| Python | pip install . (s) | venv (MB) | distributions | numpy | gensim/fasttext/scipy/... | extracts |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- |")
    for python in args.pythons:
        row = measure(python, work, args.keep)
        too_big = args.max_mb is not None and float(row.get("size_mb") or 0) > args.max_mb
        if not row["ok"] or too_big:
            status = 1
        if args.json:
            print(json.dumps(row, ensure_ascii=False), flush=True)
        else:
            heavy = ", ".join(row.get("heavy") or []) or "none"  # type: ignore[arg-type]
            print(
                f"| {row['python']} | {row.get('install_s', '-')} | {row.get('size_mb', '-')} | "
                f"{row.get('packages', '-')} | {row.get('numpy', '-')} | {heavy} | "
                f"{'yes' if row.get('extracts') else 'NO'} |",
                flush=True,
            )
        if row.get("error"):
            print(f"  {python}: {' / '.join(row['error'])}", file=sys.stderr)  # type: ignore[arg-type]
        if too_big:
            print(f"  {python}: venv is {row['size_mb']} MB, more than {args.max_mb:g} MB", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
