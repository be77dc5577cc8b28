"""A polite HTTP client for the web stage: ``Fetcher`` and its typed ``FetchResult``.

Polite means: robots.txt obeyed (fetched once per site and cached), at most one request per ``delay``
seconds to one host (shared by every thread), retries with exponential backoff on 429 and 5xx that honour
``Retry-After``, a User-Agent that names newsmine and its version, and conditional GET against an on-disk
cache so an unchanged page costs the site a 304.

Retries are urllib3's ``Retry`` on the session's adapter, with newsmine's rules on top: the pause between
two tries is never shorter than the host's ``delay``, a ``Retry-After`` longer than ``max_retry_after``
gives up instead of sleeping, and no pause runs past the fetch's deadline.

Safe means:

- a **total deadline** (``total_timeout``) that holds whatever the server does: it starts when the fetch
  gets its first turn at the host and covers every hop, retry, header and body byte; every socket read
  waits at most until it (a server that drips its headers or body one byte a second is cut there, where
  ``read_timeout`` alone, reset by each byte, never would);
- **no private addresses** unless allowed (``allow_private``): a URL, a redirect or a robots.txt whose
  host is (or resolves to) a loopback, private, link-local, shared, reserved or cloud-metadata address
  is refused before it is asked, and the address a connection actually reached is checked again (a name
  that resolves elsewhere the second time is caught too);
- bodies streamed and aborted past ``max_bytes``, counted after decompression (gzip and deflate are
  inflated here, in bounded steps, so a gzip bomb is aborted after ``max_bytes``, never inflated in
  full); redirects followed by hand and only to http(s);
- robots.txt as RFC 9309 says: the first 500 KiB of a larger file are parsed; a 4xx means no rules; a
  5xx, an unreachable host, a stalled or unreadable body mean the whole site is disallowed for now
  (asked again after ``robots_retry`` seconds).

Errors do not raise: ``Fetcher.fetch`` and ``Fetcher.fetch_many`` return a ``FetchResult`` whose ``error``
says what happened ("refused: robots.txt disallows /private", "aborted: body larger than 10000000 bytes").

>>> parse_retry_after("120")
120.0
>>> charset_from_content_type("text/html; charset=Windows-1256")
'cp1256'
>>> decode_body("<p>خبر</p>".encode("cp1256"), "text/html; charset=windows-1256")
('<p>خبر</p>', 'cp1256')
"""

from __future__ import annotations

import hashlib
import io
import ipaddress
import json
import os
import socket
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ReadTimeoutError
from urllib3.util.retry import Retry

from newsmine.version import __version__
from newsmine.web.decode import charset_from_content_type, decode_body
from newsmine.web.guard import looks_like_html

__all__ = [
    "USER_AGENT",
    "FetchResult",
    "Fetcher",
    "Hop",
    "address_kind",
    "charset_from_content_type",
    "decode_body",
    "is_html",
    "parse_retry_after",
]

USER_AGENT = f"newsmine/{__version__} (+https://github.com/newsmine/newsmine)"
#: the token robots.txt groups are matched against
ROBOTS_AGENT = "newsmine"
#: RFC 9309: crawlers must read at least 500 KiB of robots.txt; the rest may be ignored
ROBOTS_MAX_BYTES = 512_000
REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_ALLOWED_SCHEMES = ("http", "https")


@dataclass
class Hop:
    """One redirect on the way to the final URL (kept so the WARC can record it)."""

    url: str
    status: int
    headers: dict[str, str]


@dataclass
class FetchResult:
    """What a fetch brought back. ``error`` is None on success, else the reason in words.

    ``status`` is the final HTTP status (None when no response came); on a 304 answered from the cache it
    is the cached status (normally 200) and ``from_cache`` is True. ``body`` is the decoded payload
    (after gzip/deflate); ``text`` is ``body`` decoded with ``encoding`` ("" for non-text content).
    """

    url: str
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    text: str = ""
    encoding: str | None = None
    from_cache: bool = False
    error: str | None = None
    reason: str = ""
    fetched_at: str = ""
    history: list[Hop] = field(default_factory=list)
    request_headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def content_type(self) -> str | None:
        return _header(self.headers, "content-type")

    @classmethod
    def failure(cls, url: str, error: str, final_url: str | None = None, **kwargs: Any) -> FetchResult:
        return cls(url=url, final_url=final_url or url, error=error, fetched_at=_now_iso(), **kwargs)


class _Refused(Exception):
    """A fetch that ends early with a reason (refused, aborted, gave up); never leaves this module."""


# --- one fetch's deadline and address policy, as the socket layer sees them --------------------------

#: per thread: ``budget`` (seconds of the running fetch), ``deadline`` (monotonic time, set at its first
#: turn at a host), ``policy`` (the fetcher's address policy), ``spacing`` (the host's least delay)
_REQUEST = threading.local()


def _deadline() -> float | None:
    return getattr(_REQUEST, "deadline", None)


def _time_left() -> float | None:
    deadline = _deadline()
    return None if deadline is None else deadline - time.monotonic()


class _DeadlineSocket:
    """A connected socket whose every read and write waits at most until the fetch's deadline (and at
    most its own timeout, urllib3's read timeout): a byte a second can no longer hold a fetch forever."""

    def __init__(self, sock: Any) -> None:
        self._sock = sock
        self._timeout = sock.gettimeout()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)

    def _arm(self) -> None:
        left = _time_left()
        if left is None:
            self._sock.settimeout(self._timeout)
            return
        if left <= 0:
            raise TimeoutError("the fetch's total deadline has passed")
        self._sock.settimeout(left if self._timeout is None else min(self._timeout, left))

    def settimeout(self, value: float | None) -> None:
        self._timeout = value
        self._sock.settimeout(value)

    def gettimeout(self) -> float | None:
        return self._timeout

    def recv(self, *args: Any) -> bytes:
        self._arm()
        return self._sock.recv(*args)

    def recv_into(self, *args: Any, **kwargs: Any) -> int:
        self._arm()
        return self._sock.recv_into(*args, **kwargs)

    def send(self, *args: Any) -> int:
        self._arm()
        return self._sock.send(*args)

    def sendall(self, *args: Any) -> None:
        self._arm()
        return self._sock.sendall(*args)

    def makefile(self, mode: str = "r", buffering: int | None = None, **kwargs: Any) -> Any:
        # http.client reads the status line, the headers and the body through this file: our recv_into.
        # Like socket.makefile, it counts as a reference: closing the connection leaves the file readable
        self._sock._io_refs += 1
        return io.BufferedReader(socket.SocketIO(self, "r"), buffering or io.DEFAULT_BUFFER_SIZE)  # type: ignore[arg-type]

    def _decref_socketios(self) -> None:
        self._sock._decref_socketios()


_NOT_PUBLIC = (
    ("loopback", lambda ip: ip.is_loopback),
    ("link-local (cloud metadata)", lambda ip: ip.is_link_local),
    ("private", lambda ip: ip.is_private),
    ("multicast", lambda ip: ip.is_multicast),
    ("unspecified", lambda ip: ip.is_unspecified),
    ("reserved", lambda ip: ip.is_reserved),
    ("non-public", lambda ip: not ip.is_global),  # shared address space (100.64/10), documentation...
)


def address_kind(address: str) -> str | None:
    """What kind of non-public address ``address`` is ("loopback", "private"...), or None if public.

    >>> address_kind("127.0.0.1"), address_kind("169.254.169.254"), address_kind("::ffff:10.0.0.1")
    ('loopback', 'link-local (cloud metadata)', 'private')
    >>> address_kind("100.64.0.1"), address_kind("93.184.216.34")
    ('non-public', None)
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return next((kind for kind, test in _NOT_PUBLIC if test(ip)), None)


def _origin_key(scheme: str, host: str, port: int | None) -> str:
    scheme = scheme.lower()
    host = host.lower().strip("[]")
    return f"{scheme}://{host}:{port or (443 if scheme == 'https' else 80)}"


class _Policy:
    """Which non-public addresses may be fetched: all (True), none (False), or those of some origins
    ("http://127.0.0.1:8080"), hosts ("intranet.example") or networks ("10.0.0.0/8")."""

    def __init__(self, allow: bool | str | Iterable[str] | None) -> None:
        if allow is None:
            allow = os.environ.get("NEWSMINE_ALLOW_PRIVATE", "")
            allow = True if allow.strip().lower() in ("1", "true", "yes", "all") else allow
        self.all = allow is True
        self.origins: set[str] = set()
        self.hosts: set[str] = set()
        self.networks: list[Any] = []
        items = [] if isinstance(allow, bool) else allow.split(",") if isinstance(allow, str) else allow
        for item in (i.strip() for i in items):
            if not item:
                continue
            if "://" in item:
                parts = urlsplit(item)
                self.origins.add(_origin_key(parts.scheme, parts.hostname or "", parts.port))
                continue
            try:
                self.networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                self.hosts.add(item.lower())

    def problem(self, scheme: str, host: str, port: int | None, address: str | None) -> str | None:
        """Why ``address`` (what ``host`` resolved or connected to) may not be fetched, or None."""
        if self.all or address is None:
            return None
        kind = address_kind(address)
        if kind is None:
            return None
        if _origin_key(scheme, host, port) in self.origins or host.lower() in self.hosts:
            return None
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if any(ip in net for net in self.networks):
            return None
        shown = host if host.strip("[]") == address else f"{host} ({address})"
        return f"{shown} is a {kind} address (allow_private, or --allow-private, fetches it)"


class _PeerCheck:
    """Mixed into urllib3's connections: the address a connection reached is checked against the fetch's
    policy (unless it went through a proxy: then the proxy is the peer, and the name was checked), and
    its socket gets the fetch's deadline."""

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        policy = getattr(_REQUEST, "policy", None)
        if policy is not None and not getattr(self, "proxy", None):
            try:
                address = self.sock.getpeername()[0]  # type: ignore[attr-defined]
            except (OSError, IndexError):
                address = None
            scheme = "https" if isinstance(self, HTTPSConnection) else "http"
            problem = policy.problem(scheme, self.host, self.port, address)  # type: ignore[attr-defined]
            if problem:
                self.sock.close()  # type: ignore[attr-defined]
                raise _Refused(f"refused: {problem}")
        self.sock = _DeadlineSocket(self.sock)  # type: ignore[attr-defined]


class _HTTPConnection(_PeerCheck, HTTPConnection):
    pass


class _HTTPSConnection(_PeerCheck, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection  # type: ignore[assignment]


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class _GiveUp(Exception):
    """A Retry-After longer than the fetcher waits."""

    def __init__(self, status: int, seconds: float) -> None:
        super().__init__(status, seconds)
        self.status, self.seconds = status, seconds


class _Retry(Retry):
    """urllib3's Retry with the fetcher's rules: a pause never shorter than the host's spacing, a
    Retry-After past ``max_retry_after`` a give-up, and no pause, no try past the fetch's deadline."""

    max_retry_after: float = 300.0

    def new(self, **kw: Any) -> _Retry:
        retry = super().new(**kw)
        retry.max_retry_after = self.max_retry_after
        return retry

    def increment(self, *args: Any, **kwargs: Any) -> _Retry:
        left = _time_left()
        if left is not None and left <= 0:
            raise _Refused("aborted: the fetch took longer than its total_timeout")
        return super().increment(*args, **kwargs)

    def get_backoff_time(self) -> float:
        errors = 0
        for entry in reversed(self.history):
            if entry.redirect_location is not None:
                break
            errors += 1
        if errors == 0:
            return 0.0
        backoff = min(self.backoff_max, self.backoff_factor * 2 ** (errors - 1))
        return max(backoff, getattr(_REQUEST, "spacing", 0.0))

    def _pause(self, seconds: float) -> None:
        left = _time_left()
        if left is not None and seconds > left:
            raise _Refused(
                f"gave up: the next try would be {seconds:.1f} s away, past the fetch's total_timeout"
            )
        if seconds > 0:
            time.sleep(seconds)

    def sleep_for_retry(self, response: Any) -> bool:
        wait = parse_retry_after(response.headers.get("Retry-After"))  # uncapped, unlike urllib3's
        if wait is None:
            return False
        if wait > self.max_retry_after:
            raise _GiveUp(response.status, wait)
        self._pause(max(wait, getattr(_REQUEST, "spacing", 0.0)))
        return True

    def _sleep_backoff(self) -> None:
        self._pause(self.get_backoff_time())


class _Adapter(HTTPAdapter):
    """requests' adapter with the connections above (for direct and proxied requests alike)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        if type(manager).__name__ == "ProxyManager":
            manager.pool_classes_by_scheme = dict(_POOLS)
        return manager


def _timed_out(exc: BaseException) -> bool:
    """Whether a requests error is, at heart, a timeout (requests reports a read timeout after the last
    retry as a ConnectionError)."""
    seen: set[int] = set()
    stack: list[Any] = [exc]
    while stack:
        e = stack.pop()
        if not isinstance(e, BaseException) or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, NewConnectionError):  # a ConnectTimeoutError in urllib3's classes, but refused
            return False
        if isinstance(e, (requests.Timeout, TimeoutError, ReadTimeoutError, ConnectTimeoutError)):
            return True
        stack.extend([getattr(e, "reason", None), e.__cause__, e.__context__, *getattr(e, "args", ())[:1]])
    return False


# --- rate limit -------------------------------------------------------------------------------------


class _HostSlot:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.next = 0.0
        self.min_delay = 0.0


class _RateLimiter:
    """Per-host spacing shared by all threads. A request to a host holds that host's lock from its wait
    until its response headers arrive, and the next one waits ``delay`` from then: requests to one host
    never overlap, and the server sees them at least ``delay`` apart however the threads are scheduled."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._lock = threading.Lock()
        self._hosts: dict[str, _HostSlot] = {}

    def _slot(self, host: str) -> _HostSlot:
        with self._lock:
            return self._hosts.setdefault(host, _HostSlot())

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        """This thread's turn at ``host``. The running fetch's deadline starts at its first turn (time
        spent queueing behind other threads is not the server's doing); later turns wait within it."""
        slot = self._slot(host)
        left = _time_left()
        if not slot.lock.acquire(timeout=-1 if left is None else max(0.0, left)):
            raise _Refused(f"aborted: no turn at {host} before the fetch's total_timeout")
        try:
            wait = slot.next - time.monotonic()
            left = _time_left()
            if left is not None and wait > left:
                raise _Refused(f"gave up: {host} may be asked again in {wait:.1f} s, past the total_timeout")
            if wait > 0:
                time.sleep(wait)
            if _deadline() is None and getattr(_REQUEST, "budget", None) is not None:
                _REQUEST.deadline = time.monotonic() + _REQUEST.budget
            _REQUEST.spacing = max(self.delay, slot.min_delay)
            try:
                yield
            finally:  # counted from when the answer came: the server sees at least ``delay`` between
                slot.next = max(slot.next, time.monotonic() + max(self.delay, slot.min_delay))
        finally:
            slot.lock.release()

    def set_min_delay(self, host: str, seconds: float) -> None:
        """A floor for this host's spacing (robots.txt Crawl-delay)."""
        slot = self._slot(host)
        with self._lock:
            slot.min_delay = seconds


# --- bounded decompression --------------------------------------------------------------------------


class _Inflater:
    """gzip/deflate decoded in steps of at most ``_CHUNK`` output bytes, so a bomb never inflates in full."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._d: Any = zlib.decompressobj(47) if coding in ("gzip", "x-gzip") else None
        self._done = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._d is None:  # deflate: zlib-wrapped as the RFC says, or raw as some servers send it
            zlib_header = len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
            self._d = zlib.decompressobj(15 if zlib_header else -15)
        while data and not self._done:
            try:
                out = self._d.decompress(data, _CHUNK)
            except zlib.error as exc:
                raise _Refused(f"aborted: {self.coding} body is corrupt ({exc})") from None
            if out:
                yield out
            data = self._d.unconsumed_tail
            if self._d.eof:
                rest = self._d.unused_data
                if self.coding in ("gzip", "x-gzip") and rest[:2] == b"\x1f\x8b":
                    self._d = zlib.decompressobj(47)  # another gzip member
                    data = rest
                else:
                    self._done = True  # trailing bytes after the stream are ignored, as browsers do

    def flush(self) -> bytes:
        return b"" if self._d is None or self._done else self._d.flush()


# --- what a response is -----------------------------------------------------------------------------


def is_html(content_type: str | None, body: bytes = b"") -> bool:
    """True for an HTML response (by its type, or by its first bytes when the type is missing)."""
    if content_type:
        kind = content_type.split(";")[0].strip().lower()
        return kind in ("text/html", "application/xhtml+xml")
    return looks_like_html(body[:4096].decode("utf-8", errors="replace"))


# --- small helpers ----------------------------------------------------------------------------------


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None if unreadable.

    >>> parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now=datetime(2015, 10, 21, 7, 28, tzinfo=timezone.utc))
    30.0
    """
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


def _header(headers: dict[str, str], name: str) -> str | None:
    name = name.lower()
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


# --- on-disk cache for conditional GET --------------------------------------------------------------


class _DiskCache:
    """Body and headers of 200 responses that carry an ETag or Last-Modified, keyed by requested URL."""

    def __init__(self, directory: str | Path) -> None:
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.dir / f"{key}.json", self.dir / f"{key}.body"

    def load(self, url: str) -> tuple[dict[str, Any], bytes] | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None  # no entry, or a damaged one: fetch afresh
        if meta.get("url") != url or len(body) != meta.get("size"):
            return None
        return meta, body

    def save(self, url: str, result: FetchResult) -> None:
        meta_path, body_path = self._paths(url)
        meta = {
            "url": url,
            "final_url": result.final_url,
            "status": result.status,
            "reason": result.reason,
            "headers": result.headers,
            "size": len(result.body),
            "stored_at": result.fetched_at,
        }
        for path, data in ((body_path, result.body), (meta_path, json.dumps(meta).encode("utf-8"))):
            tmp = path.with_suffix(f".tmp{threading.get_ident()}")
            tmp.write_bytes(data)
            os.replace(tmp, path)


# --- the client -------------------------------------------------------------------------------------


@dataclass
class _Robots:
    parser: RobotFileParser | None  # None: every path is refused, for ``reason``
    reason: str | None = None
    expires: float = float("inf")


class Fetcher:
    """A polite, bounded HTTP GET client. Thread-safe; one instance is meant to serve a whole crawl.

    ``delay``: least seconds between two requests to one host (1.0 = one request a second).
    ``max_bytes``: bodies larger than this, after decompression, are aborted.
    ``cache_dir``: where conditional-GET entries live (None: no cache).
    ``robots_retry``: seconds a robots.txt that answered 5xx (or could not be fetched) keeps its site
    refused before it is asked again.
    ``total_timeout``: seconds one fetch may take from its first turn at the host, whatever the server
    does (module docstring).
    ``allow_private``: fetch loopback, private, link-local and other non-public addresses: True (all),
    or origins ("http://127.0.0.1:8080"), hosts or networks ("10.0.0.0/8") to allow; None (the default)
    reads ``NEWSMINE_ALLOW_PRIVATE`` (``1`` for all, or such a comma-separated list), else refuses them.
    """

    def __init__(
        self,
        *,
        delay: float = 1.0,
        user_agent: str = USER_AGENT,
        connect_timeout: float = 10.0,
        read_timeout: float = 30.0,
        total_timeout: float = 120.0,
        max_bytes: int = 10_000_000,
        max_retries: int = 3,
        backoff: float = 1.0,
        max_backoff: float = 60.0,
        max_retry_after: float = 300.0,
        max_redirects: int = 10,
        cache_dir: str | Path | None = None,
        obey_robots: bool = True,
        robots_retry: float = 600.0,
        trust_env: bool = True,
        allow_private: bool | str | Iterable[str] | None = None,
    ) -> None:
        self.user_agent = user_agent
        self.timeout = (connect_timeout, read_timeout)
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_retry_after = max_retry_after
        self.max_redirects = max_redirects
        self.obey_robots = obey_robots
        self.robots_retry = robots_retry
        self.trust_env = trust_env
        self.cache = _DiskCache(cache_dir) if cache_dir is not None else None
        self._policy = _Policy(allow_private)
        self._resolved: dict[tuple[str, int], tuple[float, list[str]]] = {}
        self._limiter = _RateLimiter(delay)
        self._local = threading.local()
        self._robots: dict[str, _Robots] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    @property
    def delay(self) -> float:
        return self._limiter.delay

    # public ------------------------------------------------------------------------------------------

    def fetch(self, url: str) -> FetchResult:
        """GET one URL; never raises (the reason of a failure is in ``error``)."""
        outer = (getattr(_REQUEST, "budget", None), _deadline(), getattr(_REQUEST, "policy", None))
        _REQUEST.budget, _REQUEST.deadline, _REQUEST.policy = self.total_timeout, None, self._policy
        try:
            return self._fetch(url)
        except _Refused as exc:
            return FetchResult.failure(url, str(exc))
        except Exception as exc:  # last line of defence: a batch must never die on one URL
            return FetchResult.failure(url, f"error: {type(exc).__name__}: {exc}")
        finally:
            _REQUEST.budget, _REQUEST.deadline, _REQUEST.policy = outer

    def fetch_many(self, urls: Iterable[str], workers: int = 4) -> Iterator[FetchResult]:
        """Fetch URLs with ``workers`` threads (the per-host delay still holds); results in input order."""
        window = max(1, workers) * 4
        with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="newsmine-fetch") as pool:
            pending = []
            for url in urls:
                pending.append(pool.submit(self.fetch, url))
                if len(pending) >= window:
                    yield pending.pop(0).result()
            for future in pending:
                yield future.result()

    def allowed(self, url: str) -> str | None:
        """None if robots.txt lets newsmine fetch ``url``, else the reason it is refused."""
        if not self.obey_robots:
            return None
        robots = self._robots_for(url)
        if robots.parser is None:
            return robots.reason
        if not robots.parser.can_fetch(ROBOTS_AGENT, url):
            return f"refused: robots.txt disallows {_path(url)}"
        return None

    # internals ---------------------------------------------------------------------------------------

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.trust_env = self.trust_env
            retry = _Retry(
                total=self.max_retries,
                backoff_factor=self.backoff,
                backoff_max=self.max_backoff,
                status_forcelist=[429, *range(500, 600)],
                allowed_methods=["GET"],
                respect_retry_after_header=True,
                raise_on_status=False,
                raise_on_redirect=False,
                redirect=False,
            )
            retry.max_retry_after = self.max_retry_after
            adapter = _Adapter(max_retries=retry)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            session.headers.update(
                {
                    "User-Agent": self.user_agent,
                    "Accept-Encoding": "gzip, deflate",
                    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                }
            )
            self._local.session = session
        return session

    def _fetch(self, url: str) -> FetchResult:
        scheme = urlsplit(url).scheme.lower()
        if scheme not in _ALLOWED_SCHEMES:
            raise _Refused(f"refused: {url} is not an http(s) URL")
        cached = self.cache.load(url) if self.cache is not None else None
        conditional: dict[str, str] = {}
        if cached is not None:
            etag = _header(cached[0]["headers"], "etag")
            modified = _header(cached[0]["headers"], "last-modified")
            if etag:
                conditional["If-None-Match"] = etag
            if modified:
                conditional["If-Modified-Since"] = modified
        history: list[Hop] = []
        current = url
        for _ in range(self.max_redirects + 1):
            address = self._address_problem(current)
            if address and history:
                address = address.replace("refused: ", f"refused: redirect to {current}: ", 1)
            reason = address or self.allowed(current)
            if reason:
                return FetchResult.failure(url, reason, final_url=current, history=history)
            resp = self._request(current, conditional)
            if isinstance(resp, str):
                return FetchResult.failure(url, resp, final_url=current, history=history)
            headers = dict(resp.headers)
            location = resp.headers.get("Location")
            if resp.status_code in REDIRECTS and location:
                resp.close()
                target = urljoin(current, location.strip())
                history.append(Hop(current, resp.status_code, headers))
                if urlsplit(target).scheme.lower() not in _ALLOWED_SCHEMES:
                    return FetchResult.failure(
                        url, f"refused: redirect to {target}", final_url=current, history=history
                    )
                current = target
                continue
            if resp.status_code == 304 and cached is not None:
                resp.close()
                return self._from_cache(url, current, cached, headers, history, resp.request.headers)
            return self._complete(url, current, resp, headers, history)
        return FetchResult.failure(
            url, f"refused: more than {self.max_redirects} redirects", final_url=current, history=history
        )

    def _complete(
        self, url: str, final_url: str, resp: requests.Response, headers: dict[str, str], history: list[Hop]
    ) -> FetchResult:
        result = FetchResult(
            url=url,
            final_url=final_url,
            status=resp.status_code,
            headers=headers,
            reason=resp.reason or _phrase(resp.status_code),
            fetched_at=_now_iso(),
            history=history,
            request_headers=dict(resp.request.headers),
        )
        try:
            result.body = self._read_body(resp, self.max_bytes)
        except _Refused as exc:
            result.error = str(exc)
            return result
        finally:
            resp.close()
        result.text, result.encoding = decode_body(result.body, result.content_type)
        if resp.status_code >= 400:
            result.error = f"HTTP {resp.status_code} {result.reason}".rstrip()
            if resp.status_code == 429 or resp.status_code >= 500:
                result.error += f" (gave up after {self.max_retries} retries)"
        elif resp.status_code == 200 and self.cache is not None:
            if _header(headers, "etag") or _header(headers, "last-modified"):
                self.cache.save(url, result)
        return result

    def _from_cache(
        self,
        url: str,
        final_url: str,
        cached: tuple[dict[str, Any], bytes],
        fresh_headers: dict[str, str],
        history: list[Hop],
        request_headers: Any,
    ) -> FetchResult:
        meta, body = cached
        headers = dict(meta["headers"])
        for key in ("ETag", "Last-Modified", "Date", "Expires", "Cache-Control"):
            value = _header(fresh_headers, key)
            if value is not None:  # RFC 9111 4.3.4: a 304's validators update the stored response
                headers = {k: v for k, v in headers.items() if k.lower() != key.lower()}
                headers[key] = value
        text, encoding = decode_body(body, _header(headers, "content-type"))
        return FetchResult(
            url=url,
            final_url=meta.get("final_url") or final_url,
            status=meta.get("status") or 200,
            headers=headers,
            body=body,
            text=text,
            encoding=encoding,
            from_cache=True,
            reason=meta.get("reason") or "OK",
            fetched_at=_now_iso(),
            history=history,
            request_headers=dict(request_headers),
        )

    def _address_problem(self, url: str) -> str | None:
        """Why ``url``'s host may not be asked (a non-public address, unless allowed), or None. Names are
        resolved here (cached a minute); the address a connection reaches is checked again."""
        if self._policy.all:
            return None
        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        except ValueError:
            return None  # requests reports the bad port
        key = (host, port)
        now = time.monotonic()
        cached = self._resolved.get(key)
        if cached is None or cached[0] < now:
            try:
                infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
                addresses = sorted({str(info[4][0]) for info in infos})
            except (OSError, UnicodeError):
                addresses = []  # not resolvable: the request says so
            self._resolved[key] = cached = (now + 60.0, addresses)
        for address in cached[1]:
            problem = self._policy.problem(parts.scheme, host, port, address)
            if problem:
                return f"refused: {problem}"
        return None

    def _request(self, url: str, extra_headers: dict[str, str] | None = None) -> requests.Response | str:
        """One GET, retried by the adapter (429/5xx and network errors); the response, or the error in
        words."""
        try:
            with self._limiter.turn(_host(url)):
                return self._session().get(
                    url, headers=extra_headers, stream=True, allow_redirects=False, timeout=self.timeout
                )
        except _GiveUp as exc:
            return (
                f"gave up: HTTP {exc.status} with Retry-After {exc.seconds:.0f} s "
                f"(more than max_retry_after={self.max_retry_after:.0f} s)"
            )
        except requests.RequestException as exc:
            left = _time_left()
            if left is not None and left <= 0:
                return f"aborted: the fetch took longer than its total_timeout of {self.total_timeout:g} s"
            if _timed_out(exc):
                return f"timeout: {exc}"
            if isinstance(exc, requests.ConnectionError):
                return f"connection failed: {exc}"
            return f"error: {type(exc).__name__}: {exc}"

    def _read_body(self, resp: requests.Response, limit: int, cut: bool = False) -> bytes:
        """The payload, decompressed here in bounded steps; _Refused past ``limit`` (``cut``: its first
        ``limit`` bytes instead) or past the fetch's deadline."""
        length = resp.headers.get("Content-Length", "")
        if not cut and length.strip().isdigit() and int(length) > limit:
            raise _Refused(f"aborted: body larger than {limit} bytes (Content-Length: {length.strip()})")
        coding = resp.headers.get("Content-Encoding", "identity").strip().lower() or "identity"
        if coding not in ("identity", "gzip", "x-gzip", "deflate"):
            raise _Refused(f"refused: unsupported Content-Encoding {coding!r}")
        inflater = _Inflater(coding) if coding != "identity" else None
        body = bytearray()
        suffix = f" after {coding} decompression" if inflater else ""
        try:
            for chunk in resp.raw.stream(_CHUNK, decode_content=False):
                for piece in inflater.feed(chunk) if inflater else (chunk,):
                    body += piece
                    if len(body) > limit:
                        if cut:
                            return bytes(body[:limit])
                        raise _Refused(f"aborted: body larger than {limit} bytes{suffix}")
                left = _time_left()
                if left is not None and left <= 0:
                    raise TimeoutError()
            if inflater:
                body += inflater.flush()
                if len(body) > limit:
                    if cut:
                        return bytes(body[:limit])
                    raise _Refused(f"aborted: body larger than {limit} bytes{suffix}")
        except _Refused:
            raise
        except Exception as exc:  # urllib3 read timeouts and protocol errors while streaming
            left = _time_left()
            if left is not None and left <= 0:
                raise _Refused(f"aborted: download took longer than {self.total_timeout:g} s") from None
            raise _Refused(f"aborted: reading the body failed ({type(exc).__name__}: {exc})") from None
        return bytes(body)

    # robots.txt --------------------------------------------------------------------------------------

    def _robots_for(self, url: str) -> _Robots:
        origin = _origin(url)
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:  # one thread fetches a site's robots.txt; the others wait for it
            robots = self._robots.get(origin)
            if robots is None or robots.expires < time.monotonic():
                robots = self._load_robots(origin)
                self._robots[origin] = robots
            return robots

    def _load_robots(self, origin: str) -> _Robots:
        retry_at = time.monotonic() + self.robots_retry
        current = f"{origin}/robots.txt"
        for _ in range(5):  # RFC 9309: follow at least five redirects
            problem = self._address_problem(current)
            resp = problem or self._request(current)
            if isinstance(resp, str):
                return _Robots(
                    None,
                    f"refused: robots.txt could not be fetched ({resp}); site treated as disallowed "
                    f"for now (asked again after {self.robots_retry:g} s)",
                    retry_at,
                )
            status = resp.status_code
            location = resp.headers.get("Location")
            if status in REDIRECTS and location:
                resp.close()
                current = urljoin(current, location)
                if urlsplit(current).scheme.lower() not in _ALLOWED_SCHEMES:
                    break
                continue
            if status >= 500:
                resp.close()
                return _Robots(
                    None,
                    f"refused: robots.txt answered HTTP {status}; site treated as disallowed for now "
                    f"(asked again after {self.robots_retry:g} s)",
                    retry_at,
                )
            parser = RobotFileParser(current)
            if status >= 400:  # 404 and other 4xx: no rules (RFC 9309 2.3.1.3)
                resp.close()
                parser.allow_all = True
                return _Robots(parser)
            try:  # RFC 9309 2.5: at least the first 500 KiB are parsed
                body = self._read_body(resp, ROBOTS_MAX_BYTES, cut=True)
            except _Refused as exc:  # stalled or unreadable: not a file of no rules, a site not asked
                return _Robots(
                    None,
                    f"refused: robots.txt could not be read ({exc}); site treated as disallowed for now "
                    f"(asked again after {self.robots_retry:g} s)",
                    retry_at,
                )
            finally:
                resp.close()
            if len(body) >= ROBOTS_MAX_BYTES:
                body = body[: body.rfind(b"\n") + 1]  # a line cut at the limit is not read
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
            delay = parser.crawl_delay(ROBOTS_AGENT)
            if delay:
                self._limiter.set_min_delay(_host(origin), min(float(delay), self.max_backoff))
            return _Robots(parser)
        return _Robots(None, "refused: robots.txt redirects too often or off http(s)", retry_at)


def result_to_dict(result: FetchResult) -> dict[str, Any]:
    """A FetchResult as JSON-ready data without the body (for logs)."""
    data = asdict(result)
    data.pop("body")
    data.pop("text")
    return data
