"""HTML extraction quality per fixture page: word F1 of the body, title exact, date right.

    python bench/html_quality.py

Reads every ``tests/fixtures/sites/<site>/<name>.html`` (site profiles and the generic extractor's pages) with
:func:`newsmine.web.article.parse_html` and compares it with the hand-written ``<name>.truth.json``. Word F1
is bag-of-words precision/recall over whitespace tokens of ``text`` against the true body.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsmine.web.article import parse_html, word_f1  # noqa: E402
from newsmine.web.sites import profile_for  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "sites"


def main() -> int:
    rows = []
    for page in sorted(FIXTURES.glob("*/*.html")):
        truth = json.loads(page.with_suffix(".truth.json").read_text(encoding="utf-8"))
        art = parse_html(page.read_text(encoding="utf-8"), url=truth.get("url"))
        profile = profile_for(truth.get("url"))
        rows.append(
            (
                f"{page.parent.name}/{page.stem}",
                profile.__name__ if profile else "generic",
                word_f1(art.text, truth["text"]),
                art.title == truth["title"],
                art.published == truth["published"],
            )
        )
    width = max(len(r[0]) for r in rows)
    print(f"{'fixture':<{width}}  {'extractor':<12} {'word F1':>7}  title  date")
    for name, extractor, f1, title, date in rows:
        print(
            f"{name:<{width}}  {extractor:<12} {f1:7.3f}  {'ok' if title else 'MISS':<5}  {'ok' if date else 'MISS'}"
        )
    n = len(rows)
    print(
        f"{'mean / all':<{width}}  {'':<12} {sum(r[2] for r in rows) / n:7.3f}  "
        f"{sum(r[3] for r in rows)}/{n}  {sum(r[4] for r in rows)}/{n}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
