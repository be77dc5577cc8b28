"""newsmine: Persian news to structured records.

Most public names are imported on first use, so ``import newsmine.text.numbers`` does not load spaCy.
``extract`` and ``extract_many`` are imported at once: the submodule ``newsmine.extract`` shares the
function's name, and importing it later would otherwise put the module where the function should be.

>>> import newsmine
>>> rec = newsmine.extract("عنوان\\nتهران ـ وزیر گفت: ۳ هزار و ۴۲۰ میلیارد تومان در ۲۲ بهمن ۱۴۰۲ پرداخت شد.")
>>> rec.numbers[0].value, rec.dates[0].gregorian
(3420000000000, '2024-02-11')
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from newsmine.extract import extract, extract_many
from newsmine.version import __version__

_PUBLIC = {
    "load": "newsmine.pipeline",
    "Record": "newsmine.schema",
    "Article": "newsmine.schema",
    "normalize": "newsmine.text.normalize",
    "parse_html": "newsmine.web.article",
    "read_records": "newsmine.batch.read",
    "read_mentions": "newsmine.batch.read",
    "render": "newsmine.render",
    "records_to_frame": "newsmine.frames",
    "parse_number": "newsmine.text.numbers",
    "parse_date": "newsmine.text.dates",
}

__all__ = [
    "Article",
    "Record",
    "__version__",
    "extract",
    "extract_many",
    "load",
    "normalize",
    "parse_date",
    "parse_html",
    "parse_number",
    "read_mentions",
    "read_records",
    "records_to_frame",
    "render",
]

if TYPE_CHECKING:
    from newsmine.batch.read import read_mentions, read_records
    from newsmine.frames import records_to_frame
    from newsmine.pipeline import load
    from newsmine.render import render
    from newsmine.schema import Article, Record
    from newsmine.text.dates import parse_date
    from newsmine.text.normalize import normalize
    from newsmine.text.numbers import parse_number
    from newsmine.web.article import parse_html


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        value = getattr(import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newsmine' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))
