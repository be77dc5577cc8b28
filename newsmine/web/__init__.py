"""The web stage: ``fetch`` (polite HTTP client), ``discover`` (RSS/Atom, sitemaps), ``warc`` (WARC in and
out), ``crawl`` (feeds or sitemap -> WARC + records.jsonl), ``article`` (HTML -> Article), ``sites``."""
