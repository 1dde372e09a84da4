"""fetch_url against a loopback server: answers, errors, redirects, size and time limits."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from corpus import __version__
from corpus.errors import SourceError
from corpus.web import fetch_url
from tests.corpus.loopback import redirect, respond, serve, trickle, unsized

PAGE = (Path(__file__).parent.parent / "fixtures" / "news_page.html").read_bytes()
SEEN_HEADERS: dict[str, str] = {}


def _remember_headers(handler: BaseHTTPRequestHandler, stopping: threading.Event) -> None:
    SEEN_HEADERS.clear()
    SEEN_HEADERS.update({k.lower(): v for k, v in handler.headers.items()})
    respond(200, b"ok", "text/plain")(handler, stopping)


ROUTES = {
    "/article.html": respond(200, PAGE, "text/html; charset=utf-8"),
    "/plain": respond(200, "Plain café text.\n".encode(), "text/plain; charset=utf-8"),
    "/headers": _remember_headers,
    "/missing": respond(404, b"gone", "text/plain"),
    "/broken": respond(500, b"oops", "text/plain"),
    "/teapot": respond(418, b"", "text/plain"),
    "/moved": redirect("/article.html", 301),
    "/relative-chain": redirect("moved", 307),
    "/loop": redirect("/loop"),
    "/ping": redirect("/pong"),
    "/pong": redirect("/ping"),
    "/to-ftp": redirect("ftp://127.0.0.1/file.txt"),
    "/no-location": respond(302, b"", "text/plain"),
    "/big-declared": respond(200, b"y" * 3_000_000, "text/plain"),
    "/big-unsized": unsized(b"z" * 3_000_000, "text/plain"),
    "/trickle": trickle(0.05),
    "/stall": trickle(0.2, headers_first=False),
    **{f"/chain/{n}": redirect(f"/chain/{n - 1}") for n in range(1, 12)},
    "/chain/0": respond(200, b"end of chain", "text/plain"),
    "/%C3%BCber%20die%20F%C3%A4hre": respond(200, b"encoded path", "text/plain"),
}


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve(ROUTES) as url:
        yield url


def test_html_page_comes_back_with_its_content_type(base: str) -> None:
    body, content_type, final = fetch_url(f"{base}/article.html")
    assert body == PAGE
    assert content_type == "text/html; charset=utf-8"
    assert final == f"{base}/article.html"


def test_plain_text(base: str) -> None:
    body, content_type, _ = fetch_url(f"{base}/plain")
    assert body.decode() == "Plain café text.\n"
    assert content_type.startswith("text/plain")


def test_a_url_typed_with_non_ascii_characters_is_encoded(base: str) -> None:
    body, _, _ = fetch_url(f"{base}/über die Fähre")
    assert body == b"encoded path"


def test_sends_a_plain_user_agent_and_no_cookies(base: str) -> None:
    fetch_url(f"{base}/headers")
    assert SEEN_HEADERS["user-agent"] == f"briefread/{__version__}"
    assert "cookie" not in SEEN_HEADERS
    assert "authorization" not in SEEN_HEADERS


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error"),
        ("/teapot", "HTTP 418"),
    ],
)
def test_http_errors_have_one_line_reasons(base: str, path: str, reason: str) -> None:
    url = f"{base}{path}"
    with pytest.raises(SourceError) as caught:
        fetch_url(url)
    assert caught.value.source == url
    assert caught.value.reason.startswith(reason)
    assert "\n" not in str(caught.value)


def test_redirects_are_followed_and_the_final_url_returned(base: str) -> None:
    body, _, final = fetch_url(f"{base}/relative-chain")
    assert body == PAGE
    assert final == f"{base}/article.html"


def test_a_chain_within_the_limit_is_followed(base: str) -> None:
    body, _, final = fetch_url(f"{base}/chain/5", max_redirects=5)
    assert body == b"end of chain"
    assert final == f"{base}/chain/0"


def test_a_chain_over_the_limit_is_refused(base: str) -> None:
    with pytest.raises(SourceError, match=r"too many redirects \(more than 5\)"):
        fetch_url(f"{base}/chain/11", max_redirects=5)


@pytest.mark.parametrize("path", ["/loop", "/ping"])
def test_redirect_loops_are_named(base: str, path: str) -> None:
    with pytest.raises(SourceError, match="redirect loop"):
        fetch_url(f"{base}{path}")


def test_redirect_without_location(base: str) -> None:
    with pytest.raises(SourceError, match="without a Location header"):
        fetch_url(f"{base}/no-location")


def test_redirect_to_another_scheme_is_refused(base: str) -> None:
    with pytest.raises(SourceError, match="only http and https URLs are supported"):
        fetch_url(f"{base}/to-ftp")


@pytest.mark.parametrize("path", ["/big-declared", "/big-unsized"])
def test_body_over_the_cap_is_refused(base: str, path: str) -> None:
    with pytest.raises(SourceError, match=r"is larger than 1 MB"):
        fetch_url(f"{base}{path}", max_bytes=1_000_000)


def test_body_at_the_cap_is_accepted(base: str) -> None:
    body, _, _ = fetch_url(f"{base}/big-unsized", max_bytes=3_000_000)
    assert len(body) == 3_000_000


def test_a_trickling_body_ends_at_the_deadline(base: str) -> None:
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"timed out after 1 s"):
        fetch_url(f"{base}/trickle", timeout=1.0)
    assert time.monotonic() - started < 1.6


def test_a_server_that_never_finishes_its_headers_ends_at_the_deadline(base: str) -> None:
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"timed out after 0\.5 s"):
        fetch_url(f"{base}/stall", timeout=0.5)
    assert time.monotonic() - started < 1.2


@pytest.mark.parametrize(
    "url", ["ftp://127.0.0.1/file.txt", "file:///etc/hostname", "javascript:alert(1)"]
)
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(SourceError, match="only http and https URLs are supported"):
        fetch_url(url)


def test_url_without_host() -> None:
    with pytest.raises(SourceError, match="no host name"):
        fetch_url("http:///path-only")


def test_connection_refused() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SourceError, match=r"connection refused by 127\.0\.0\.1"):
        fetch_url(f"http://127.0.0.1:{port}/", timeout=2.0)


def test_dns_failure_names_the_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(SourceError) as caught:
        fetch_url("https://no-such-outlet.invalid/story")
    assert caught.value.reason == "cannot resolve host no-such-outlet.invalid"


def test_tls_to_a_plain_http_server_is_a_tls_error(base: str) -> None:
    url = base.replace("http://", "https://") + "/plain"
    with pytest.raises(SourceError, match=r"TLS error with 127\.0\.0\.1"):
        fetch_url(url, timeout=2.0)


def test_environment_proxies_are_ignored(base: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    body, _, _ = fetch_url(f"{base}/plain")
    assert body.startswith(b"Plain")
