"""Fetch one article page over http(s), bounded in time and size, with plain-language errors.

Only the standard library (``urllib.request``) is used. The fetch sends no cookies and no
credentials and ignores proxy settings from the environment. Redirects are followed here, one
at a time, so that loops and long chains get a clear message. ``timeout`` bounds the whole
fetch: a server that trickles its answer a byte at a time is cut off at the deadline.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from email.message import Message
from typing import Any

from corpus import __version__
from corpus.errors import SourceError

USER_AGENT = f"briefread/{__version__}"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 65_536  # bytes read from the socket at a time
_TLS_HINTS = {
    "WRONG_VERSION_NUMBER": "the server did not answer in TLS; try http://",
    "TLSV1_ALERT_PROTOCOL_VERSION": "the server only offers an outdated TLS version",
    "UNSUPPORTED_PROTOCOL": "the server only offers an outdated TLS version",
}
"""OpenSSL reasons that say little on their own, with what they usually mean."""


def fetch_url(
    url: str,
    *,
    timeout: float = 15.0,
    max_bytes: int = 20_000_000,
    max_redirects: int = 5,
) -> tuple[bytes, str, str]:
    """Fetch ``url``; return (body, Content-Type header value or "", final URL after redirects).

    ``timeout`` is in seconds for the whole fetch: host name lookup, connecting, TLS, headers,
    body and every redirect. ``max_bytes`` caps the body. A URL with a user name or password is
    refused (nothing is ever sent but the request line and two plain headers). Raises
    :class:`SourceError` naming ``url`` with a one-line reason for every failure.
    """
    deadline = time.monotonic() + timeout
    _check_url(url, url)
    current = url
    visited = {_without_fragment(url)}
    for _ in range(max_redirects + 1):
        status, headers, body = _fetch_once(url, current, deadline, timeout, max_bytes)
        if status not in _REDIRECTS:
            return body, headers.get("Content-Type", ""), current
        location = headers.get("Location")
        if not location:
            raise SourceError(url, f"HTTP {status} redirect without a Location header")
        try:
            current = urllib.parse.urljoin(current, location.strip())
        except ValueError as error:
            raise SourceError(url, f"redirected to an invalid URL ({error})") from None
        _check_url(url, current)
        if _without_fragment(current) in visited:
            raise SourceError(url, f"redirect loop (back to {current})")
        visited.add(_without_fragment(current))
    raise SourceError(url, f"too many redirects (more than {max_redirects})")


def _check_url(url: str, current: str) -> None:
    """Refuse ``current`` (``url`` or where it redirected) unless it is a plain http(s) URL."""
    where = "" if current == url else f" (redirected to {_masked(current)})"
    try:
        parts = urllib.parse.urlsplit(current)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number 0..65535
    except ValueError as error:
        raise SourceError(_masked(url), f"not a valid URL: {error}{where}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise SourceError(_masked(url), f"only http and https URLs are supported{where}")
    if "@" in parts.netloc:
        raise SourceError(
            _masked(url),
            f"URLs with a user name or password are not supported{where}; "
            "briefread sends no credentials",
        )
    if not parts.hostname:
        raise SourceError(url, f"not a valid URL: no host name{where}")


def _masked(url: str) -> str:
    """``url`` with any password replaced by ``***``, fit to show in a message."""
    try:
        parts = urllib.parse.urlsplit(url)
        password = parts.password
    except ValueError:
        return url
    if not password:
        return url
    user_info, _, host = parts.netloc.rpartition("@")
    user = user_info.partition(":")[0]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def _ascii_url(url: str) -> str:
    """Percent-encode a URL typed with non-ASCII characters (IDN hosts via IDNA)."""
    parts = urllib.parse.urlsplit(urllib.parse.urldefrag(url).url)
    netloc = parts.netloc
    if not netloc.isascii():
        host = (parts.hostname or "").encode("idna").decode("ascii")
        netloc = host if parts.port is None else f"{host}:{parts.port}"
    safe = "/%:@!$&'()*+,;=?~-._"
    path = urllib.parse.quote(parts.path, safe=safe)
    query = urllib.parse.quote(parts.query, safe=safe)
    return urllib.parse.urlunsplit((parts.scheme, netloc, path, query, ""))


def _without_fragment(url: str) -> str:
    return urllib.parse.urldefrag(url).url


def _fetch_once(
    url: str, current: str, deadline: float, timeout: float, max_bytes: int
) -> tuple[int, Message[str, str], bytes]:
    """One request without following redirects: (status, headers, body; empty for a 3xx)."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise SourceError(url, _timed_out(timeout))
    sockets: list[socket.socket] = []
    opener = _opener(sockets)
    # Closes the connection at the deadline, so that a stalled handshake or header ends too.
    watchdog = threading.Timer(remaining, _shut, args=(sockets,))
    watchdog.daemon = True
    watchdog.start()
    try:
        request = urllib.request.Request(
            _ascii_url(current),
            headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/*;q=0.9, */*;q=0.5"},
        )
        try:
            response = opener.open(request, timeout=remaining)
        except urllib.error.HTTPError as error:
            with error:
                if error.code in _REDIRECTS:
                    return error.code, error.headers, b""
                raise SourceError(url, f"HTTP {error.code} {_reason(error)}") from None
        with response:
            body = _read_body(url, response, sockets, deadline, timeout, max_bytes)
            return response.status, response.headers, body
    except SourceError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as error:
        if time.monotonic() >= deadline or _is_timeout(error):
            raise SourceError(url, _timed_out(timeout)) from None
        raise SourceError(url, _network_reason(error, current)) from None
    finally:
        watchdog.cancel()
        _shut(sockets)


def _read_body(
    url: str,
    response: http.client.HTTPResponse,
    sockets: list[socket.socket],
    deadline: float,
    timeout: float,
    max_bytes: int,
) -> bytes:
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise SourceError(url, _too_large(max_bytes))
    chunks: list[bytes] = []
    size = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise SourceError(url, _timed_out(timeout))
        for sock in sockets:
            sock.settimeout(remaining)
        chunk = response.read1(_CHUNK)
        if not chunk:
            if time.monotonic() >= deadline:  # the watchdog closed the connection
                raise SourceError(url, _timed_out(timeout))
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise SourceError(url, _too_large(max_bytes))
        chunks.append(chunk)


def _opener(sockets: list[socket.socket]) -> urllib.request.OpenerDirector:
    """An opener with no proxy, cookie, auth or redirect handlers: only what a fetch needs."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        _Handler(sockets),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


class _HTTPConnection(http.client.HTTPConnection):
    """Records its socket so the fetch can bound each read by the remaining time.

    :class:`_HTTPSConnection` inherits this, so ``connect`` records the TLS socket there.
    """

    def __init__(self, host: str, *, sockets: list[socket.socket], **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self._sockets = sockets
        self._create_connection = _create_connection

    def connect(self) -> None:
        super().connect()
        self._sockets.append(self.sock)


class _HTTPSConnection(_HTTPConnection, http.client.HTTPSConnection):
    """An HTTPS connection that records its socket (see :class:`_HTTPConnection`)."""


class _Handler(urllib.request.AbstractHTTPHandler):
    """Opens http and https URLs with connections that record their sockets."""

    def __init__(self, sockets: list[socket.socket]) -> None:
        super().__init__()
        self._sockets = sockets
        self._tls = ssl.create_default_context()

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection(_HTTPConnection), req)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection(_HTTPSConnection), req, context=self._tls)

    http_request = urllib.request.AbstractHTTPHandler.do_request_
    https_request = urllib.request.AbstractHTTPHandler.do_request_

    def _connection(self, kind: type[_HTTPConnection]) -> Callable[..., http.client.HTTPConnection]:
        def connection(host: str, /, **kwargs: Any) -> http.client.HTTPConnection:
            return kind(host, sockets=self._sockets, **kwargs)

        return connection


def _create_connection(
    address: tuple[str, int],
    timeout: float | None = None,
    source_address: tuple[str, int] | None = None,
) -> socket.socket:
    """:func:`socket.create_connection`, with the host name lookup bounded by ``timeout`` too.

    The operating system's lookup cannot be interrupted, so it runs in a daemon thread that is
    abandoned if it is still waiting at the deadline (seconds from now).
    """
    host, port = address
    deadline = None if timeout is None else time.monotonic() + timeout
    found: list[list[tuple[Any, ...]] | OSError | ValueError] = []
    done = threading.Event()

    def look_up() -> None:
        try:
            found.append(socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM))
        except (OSError, ValueError) as error:  # ValueError: a name no lookup accepts
            found.append(error)
        finally:
            done.set()

    threading.Thread(target=look_up, name=f"resolve {host}", daemon=True).start()
    if not done.wait(timeout) or not found:
        raise TimeoutError(f"looking up {host} timed out")
    result = found[0]
    if isinstance(result, OSError | ValueError):
        raise result
    last: OSError = OSError(f"no address for {host}")
    for family, kind, protocol, _, sockaddr in result:
        sock = socket.socket(family, kind, protocol)
        try:
            sock.settimeout(None if deadline is None else max(deadline - time.monotonic(), 0.001))
            if source_address is not None:
                sock.bind(source_address)
            sock.connect(sockaddr)
        except OSError as error:
            sock.close()
            last = error
        else:
            return sock
    raise last


def _shut(sockets: list[socket.socket]) -> None:
    for sock in sockets:
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)


def _reason(error: urllib.error.HTTPError) -> str:
    if error.reason and isinstance(error.reason, str):
        return error.reason.strip()
    return http.client.responses.get(error.code, "error")


def _is_timeout(error: BaseException) -> bool:
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, BaseException):
        error = error.reason
    return isinstance(error, TimeoutError)


def _network_reason(error: BaseException, url: str) -> str:
    """One line a reader can act on, for a failure below HTTP."""
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, BaseException):
        error = error.reason
    host = urllib.parse.urlsplit(url).hostname or url
    if isinstance(error, http.client.InvalidURL):
        return f"not a valid URL: {error}"
    if isinstance(error, socket.gaierror):
        return f"cannot resolve host {host}"
    if isinstance(error, ConnectionRefusedError):
        return f"connection refused by {host}"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"TLS certificate problem with {host}: {error.verify_message}"
    if isinstance(error, ssl.SSLError):
        reason = str(error.reason or error)
        hint = _TLS_HINTS.get(reason)
        return f"TLS error with {host}: {reason}" + (f" ({hint})" if hint else "")
    if isinstance(error, ConnectionResetError | http.client.IncompleteRead):
        return f"connection closed by {host} before the page was complete"
    if isinstance(error, http.client.HTTPException):
        return f"the server at {host} sent an invalid response"
    if isinstance(error, ValueError):
        return f"not a valid URL: {error}"
    if isinstance(error, urllib.error.URLError):
        return f"network error: {error.reason}"
    if isinstance(error, OSError) and error.strerror:
        return f"network error: {error.strerror.lower()}"
    return f"network error: {error}"


def _timed_out(timeout: float) -> str:
    return f"timed out after {timeout:g} s"


def _too_large(max_bytes: int) -> str:
    return f"is larger than {_megabytes(max_bytes)} MB, the size limit (raise it with --max-size)"


def _megabytes(size: int) -> str:
    """``size`` bytes in megabytes (10^6 bytes), as short as stays meaningful."""
    value = size / 1_000_000
    for decimals in range(7):
        text = f"{value:.{decimals}f}"
        if float(text) != 0 and abs(float(text) - value) <= value * 0.05:
            return text.rstrip("0").rstrip(".") if "." in text else text
    return f"{value:g}"
