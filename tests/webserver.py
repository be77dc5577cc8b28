"""A real HTTP server on 127.0.0.1 for the web-stage tests (loopback only, ephemeral port, no mocks).

``WebServer`` serves the pages under tests/fixtures/web plus the awkward cases a crawler meets: robots.txt
with a Disallow (or 600 KB of it, or one whose body stalls), slow answers, answers dripped a byte at a
time (headers or body), 429 and 500 before success, a Retry-After of a day, redirect chains, a redirect
to file: or to any URL, a feed linking anywhere, a 50 MB body, a gzip bomb, windows-1256 pages, a page
that answers 304, a billion-laughs sitemap. Every request is
logged (path, time, headers) so tests can check politeness. Each test module makes its own
``web_server`` fixture from it (a fresh server per test).
"""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).parent / "fixtures" / "web"
HUGE_BYTES = 50 * 1024 * 1024
BOMB_INFLATED = 64 * 1024 * 1024
SLOW_SECONDS = 2.0
ETAG = '"v1-khabar"'
LAST_MODIFIED = "Sat, 10 Feb 2024 05:00:00 GMT"
ROBOTS = "User-agent: *\nDisallow: /private\n"
#: robots.txt past RFC 9309's 500 KiB: it disallows everything in its first line
HUGE_ROBOTS = "User-agent: *\nDisallow: /\n" + "# filler to pass the 500 KiB a parser must read\n" * 13_000
#: seconds between two bytes of a dripped answer
DRIP_SECONDS = 0.1
DRIP_FOR = 60.0


@dataclass
class Request:
    path: str
    time: float  # time.monotonic() when the request line was read
    headers: dict[str, str]


def _bomb() -> bytes:
    """64 MB of zeros gzipped (about 64 KB): small on the wire, huge inflated; built once."""
    if not hasattr(_bomb, "data"):
        comp = zlib.compressobj(9, zlib.DEFLATED, 31)
        block = bytes(1024 * 1024)
        parts = [comp.compress(block) for _ in range(BOMB_INFLATED // len(block))]
        _bomb.data = b"".join(parts) + comp.flush()  # type: ignore[attr-defined]
    return _bomb.data  # type: ignore[attr-defined]


def cp1256_page() -> str:
    """The windows-1256 fixture as text: Persian as such pages write it, with Arabic ي for ی (cp1256 has no
    U+06CC)."""
    return (FIXTURES / "cp1256.html").read_text(encoding="utf-8").replace("ی", "ي")


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(
        self, status: int, body: bytes = b"", ctype: str | None = "text/html; charset=utf-8", **headers: str
    ) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _fixture(self, name: str) -> bytes:
        text = (FIXTURES / name).read_text(encoding="utf-8")
        return text.replace("{base}", self.server.base).encode("utf-8")

    def do_GET(self) -> None:
        srv = self.server
        with srv.lock:
            srv.requests.append(Request(self.path, time.monotonic(), dict(self.headers.items())))
            count = srv.counts[self.path] = srv.counts.get(self.path, 0) + 1
        path = urlsplit(self.path).path
        try:
            self._route(path, count)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client aborted, as it should for the big bodies

    def _route(self, path: str, count: int) -> None:
        srv = self.server
        if path == "/robots.txt":
            if srv.robots_status != 200:
                return self._send(srv.robots_status, b"", ctype=None)
            if srv.robots_mode == "huge":
                return self._send(200, HUGE_ROBOTS.encode(), ctype="text/plain")
            if srv.robots_mode == "stall":
                return self._drip(b"User-agent: *\nAllow: /\n" * 100, headers_too=False)
            return self._send(200, ROBOTS.encode(), ctype="text/plain")
        if path == "/drip-body":
            return self._drip(self._fixture("article1.html"), headers_too=False)
        if path == "/drip-headers":
            return self._drip(self._fixture("article1.html"), headers_too=True)
        if path == "/retry-day":
            return self._send(503, b"back tomorrow", ctype="text/plain", Retry_After="86400")
        if path == "/redirect-to":
            return self._send(302, b"", Location=parse_qs(urlsplit(self.path).query)["url"][0])
        if path == "/feed-to.rss":
            link = parse_qs(urlsplit(self.path).query)["url"][0]
            rss = (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                f"<item><title>خبر</title><link>{link}</link></item></channel></rss>"
            )
            return self._send(200, rss.encode(), ctype="application/rss+xml")
        if path.startswith("/news/") and path.endswith(".html"):
            name = f"article{path[6:-5]}.html"
            if (FIXTURES / name).is_file():
                return self._send(200, self._fixture(name))
        if path == "/feed.rss":
            return self._send(200, self._fixture("feed.rss"), ctype="application/rss+xml; charset=utf-8")
        if path == "/feed.atom":
            return self._send(200, self._fixture("feed.atom"), ctype="application/atom+xml")
        if path in ("/sitemap-index.xml", "/sitemap-pages.xml", "/sitemap-news.xml", "/billion-laughs.xml"):
            return self._send(200, self._fixture(path[1:]), ctype="application/xml")
        if path == "/sitemap.xml.gz":
            return self._send(
                200, gzip.compress(self._fixture("sitemap-pages.xml")), ctype="application/gzip"
            )
        if path == "/private/secret.html":
            return self._send(200, b"<html><body>secret</body></html>")
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
            return self._send(200, b"<html><body>late</body></html>")
        if path == "/ratelimited":
            if count == 1:
                return self._send(429, b"slow down", ctype="text/plain", Retry_After="1")
            return self._send(200, self._fixture("article1.html"))
        if path == "/flaky":
            if count <= 2:
                return self._send(500, b"oops", ctype="text/plain")
            return self._send(200, self._fixture("article2.html"))
        if path == "/always-503":
            return self._send(503, b"down", ctype="text/plain")
        if path.startswith("/redirect/"):
            step = int(path.rsplit("/", 1)[1])
            target = "/news/1.html" if step >= 3 else f"/redirect/{step + 1}"
            return self._send(301 if step == 1 else 302, b"", Location=target)
        if path == "/redirect-loop":
            return self._send(302, b"", Location="/redirect-loop")
        if path == "/redirect-file":
            return self._send(302, b"", Location="file:///etc/passwd")
        if path == "/redirect-private":
            return self._send(302, b"", Location="/private/secret.html")
        if path in ("/huge", "/huge-chunked"):
            return self._huge(with_length=path == "/huge")
        if path == "/bomb":
            return self._send(200, _bomb(), Content_Encoding="gzip")
        if path == "/gzipped":
            return self._send(200, gzip.compress(self._fixture("article3.html")), Content_Encoding="gzip")
        if path.startswith("/fa/"):
            body = cp1256_page()
            if path == "/fa/header":
                return self._send(200, body.encode("cp1256"), ctype="text/html; charset=windows-1256")
            if path == "/fa/meta":
                meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
                return self._send(
                    200, body.replace("<head>", "<head>\n" + meta).encode("cp1256"), ctype="text/html"
                )
            if path == "/fa/bare":
                return self._send(200, body.encode("cp1256"), ctype="text/html")
        if path == "/etag":
            if (
                self.headers.get("If-None-Match") == ETAG
                or self.headers.get("If-Modified-Since") == LAST_MODIFIED
            ):
                self.send_response(304)
                self.send_header("ETag", ETAG)
                self.end_headers()
                return None
            return self._send(200, self._fixture("article2.html"), ETag=ETAG, Last_Modified=LAST_MODIFIED)
        if path == "/image.png":
            return self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(64), ctype="image/png")
        return self._send(404, b"<html><body>not found</body></html>")

    def _drip(self, body: bytes, headers_too: bool) -> None:
        """An answer sent one byte every DRIP_SECONDS (its headers too, or only its body), for at most
        DRIP_FOR seconds: each read gets a byte in time, so only a total deadline ends it."""
        head = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + f"Content-Length: {len(body)}\r\n".encode()
            + b"X-Padding: "
            + b"x" * 2000
            + b"\r\n\r\n"
        )
        stop = time.monotonic() + DRIP_FOR
        if not headers_too:
            self.wfile.write(head)
            self.wfile.flush()
        data = head + body
        for i in range(0 if headers_too else len(head), len(data)):
            if time.monotonic() > stop:
                break
            self.wfile.write(data[i : i + 1])
            self.wfile.flush()
            time.sleep(DRIP_SECONDS)
        self.close_connection = True

    def _huge(self, with_length: bool) -> None:
        """50 MB made on the fly, in 64 KB writes; stops when the client hangs up."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if with_length:
            self.send_header("Content-Length", str(HUGE_BYTES))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        block = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
        for _ in range(HUGE_BYTES // len(block)):
            self.wfile.write(block)
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    errors: list[str]

    def handle_error(self, request: object, client_address: object) -> None:
        """A handler that broke is a fixture bug: kept for the tests to see, not printed."""
        import traceback

        self.errors.append(traceback.format_exc())

    base: str
    lock: threading.Lock
    requests: list[Request]
    counts: dict[str, int]
    robots_status: int
    robots_mode: str


class WebServer:
    """The test server; ``with WebServer() as srv: srv.url("/feed.rss")``. ``robots_mode``: "normal",
    "huge" (600 KB, disallowing everything) or "stall" (its body dripped)."""

    def __init__(self, robots_status: int = 200, robots_mode: str = "normal") -> None:
        self._srv = _Server(("127.0.0.1", 0), _Handler)
        host, port = self._srv.server_address[:2]
        self.base = f"http://{host}:{port}"
        self._srv.base = self.base
        self._srv.lock = threading.Lock()
        self._srv.requests = []
        self._srv.counts = {}
        self._srv.errors = []
        self._srv.robots_status = robots_status
        self._srv.robots_mode = robots_mode
        self._thread = threading.Thread(
            target=self._srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> WebServer:
        _bomb()  # built before serving, so its first request is not slow
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._srv.shutdown()
        self._srv.server_close()
        self._thread.join(timeout=5)

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def requests(self) -> list[Request]:
        with self._srv.lock:
            return list(self._srv.requests)

    @property
    def errors(self) -> list[str]:
        return list(self._srv.errors)

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def set_robots_status(self, status: int) -> None:
        self._srv.robots_status = status
