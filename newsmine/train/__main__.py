"""``python -m newsmine.train ...`` is ``newsmine train ...``: one command-line definition, in newsmine.cli.

python -m newsmine.train ner --arman DIR --peyma DIR --out DIR
python -m newsmine.train clusters --out clusters.tsv FILE...
"""

from __future__ import annotations

import sys

from newsmine.cli import main

if __name__ == "__main__":
    sys.exit(main(["train", *sys.argv[1:]]))
