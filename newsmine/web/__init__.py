"""The web stage: ``fetch`` (polite HTTP client), ``discover`` (RSS/Atom, sitemaps), ``warc`` (WARC in and
out), ``crawl`` (feeds or sitemap -> WARC + records.jsonl), ``article`` (HTML -> Article), ``sites``,
``decode`` (bytes -> text, one way for every entry point) and ``guard`` (the input limits every entry point
shares: size, line and token length, nesting depth, attributes)."""
