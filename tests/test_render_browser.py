"""The rendered view in a real browser: headless Chromium takes a screenshot and dumps the DOM.

Skipped, with the reason, where /usr/bin/chromium is absent (.ci/run installs it with apt).
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import newsmine
from newsmine.render import render

CHROMIUM = Path("/usr/bin/chromium")
SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "samples" / "sample-article.txt"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,1600",
]
# Runs in the page: for consecutive marks on the same line, the later one must lie to the LEFT (RTL).
_LAYOUT_CHECK = """<script>
const marks = [...document.querySelectorAll("mark.nm-mark")].filter(m => !m.parentElement.closest("mark"));
let pairs = 0, bad = 0;
for (let i = 1; i < marks.length; i++) {
  const a = marks[i - 1].getClientRects(), b = marks[i].getClientRects();
  if (a.length !== 1 || b.length !== 1 || Math.abs(a[0].top - b[0].top) > 2) continue;
  pairs++; if (b[0].right > a[0].left + 1) bad++;
}
document.body.setAttribute("data-rtl-pairs", pairs); document.body.setAttribute("data-rtl-bad", bad);
</script>"""


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.html_attrs: dict[str, str | None] = {}
        self.body_attrs: dict[str, str | None] = {}
        self.doc_attrs: dict[str, str | None] = {}
        self.marks: list[tuple[str, int, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        elif tag == "body":
            self.body_attrs = a
        elif tag == "div" and "nm-doc" in (a.get("class") or ""):
            self.doc_attrs = a
        elif tag == "mark":
            start, end = int(a["data-start"] or 0), int(a["data-end"] or 0)
            self.marks.append((str(a["data-label"]), start, end, str(a["data-field"])))


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def _article(which: str, request: pytest.FixtureRequest) -> str:
    if which == "sample":
        return SAMPLE.read_text(encoding="utf-8")
    corpora: Path = request.getfixturevalue("corpora")  # skips, with the reason, without ../shared
    seeds = sorted((corpora / "seeds").glob("mehr-*.txt"))
    if not seeds:
        pytest.skip(f"no mehr-*.txt seed in {corpora / 'seeds'}")
    return seeds[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("which", ["sample", "mehr"])
def test_rendered_view_in_chromium(which: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent (apt-get install -y chromium)")
    rec = newsmine.extract(_article(which, request))
    page = render(rec, page=True).replace("</body>", _LAYOUT_CHECK + "</body>")
    html_path = tmp_path / "view.html"
    html_path.write_text(page, encoding="utf-8")
    png = tmp_path / "view.png"

    shot = _chromium(tmp_path, f"--screenshot={png}", html_path.as_uri())
    assert png.is_file(), f"no screenshot: {shot.stderr[-2000:]}"
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 1600)
    assert len(data) > 20_000  # a blank 1200x1600 page compresses to a few kB

    dump = _chromium(tmp_path, "--dump-dom", html_path.as_uri())
    assert dump.returncode == 0, dump.stderr[-2000:]
    dom = _Dom()
    dom.feed(dump.stdout)
    assert dom.html_attrs.get("dir") == "rtl" and dom.doc_attrs.get("dir") == "rtl"
    assert dom.doc_attrs.get("lang") == "fa"
    expected = len(rec.numbers) + len(rec.dates)
    expected += sum(len(e.mentions) for e in (*rec.people, *rec.organizations, *rec.locations, *rec.events))
    dropped = re.search(r"(\d+) mention\(s\) not shown", dump.stdout)
    assert len(dom.marks) + (int(dropped.group(1)) if dropped else 0) == expected > 0
    for field in ("kicker", "title", "body"):
        starts = [start for _, start, _, where in dom.marks if where == field]
        assert starts == sorted(starts), f"marks of the {field} are not in text order"
    assert {label for label, _, _, _ in dom.marks} >= {"NUM", "DATE", "LOC"}
    # laid out right to left: on one line, each later mark sits left of the one before
    assert int(dom.body_attrs.get("data-rtl-pairs") or 0) > 0
    assert dom.body_attrs.get("data-rtl-bad") == "0"
