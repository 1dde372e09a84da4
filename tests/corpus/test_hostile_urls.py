"""Hostile and broken URLs (issue #7): only http(s), bounded in time and size, no credentials.

Every server here is one the test starts on 127.0.0.1 (plain HTTP from tests/corpus/loopback.py,
or HTTPS with a certificate made by ``openssl`` at test time). Host name lookups that would reach
the network are replaced by failing or slow stand-ins.
"""

from __future__ import annotations

import functools
import inspect
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import corpus.web
from corpus.errors import SourceError
from corpus.web import fetch_url
from tests.corpus.loopback import Route, redirect, respond, serve, trickle, unsized
from tui.cli import main

PAGE = (Path(__file__).parent.parent / "fixtures" / "news_page.html").read_bytes()
FIRST_PARAGRAPH = "The passenger ferry linking Vell Harbour with the island of Orrin"
LINE_STARTS = ("briefread: warning: ", "briefread: error: ")

REQUESTS: list[dict[str, str]] = []
"""Headers of every request the servers below answered, lower-cased names, plus the path."""


def _recorded(route: Route) -> Route:
    def answer(handler: BaseHTTPRequestHandler, stopping: threading.Event) -> None:
        REQUESTS.append(
            {"path": handler.path, **{k.lower(): v for k, v in handler.headers.items()}}
        )
        route(handler, stopping)

    return answer


ROUTES: dict[str, Route] = {
    "/story.html": respond(200, PAGE, "text/html; charset=utf-8"),
    "/missing": respond(404, b"gone", "text/plain"),
    "/broken": respond(500, b"oops", "text/plain"),
    "/private": respond(401, b"who?", "text/plain", {"WWW-Authenticate": 'Basic realm="x"'}),
    "/loop": redirect("/loop"),
    "/ping": redirect("/pong"),
    "/pong": redirect("/ping"),
    "/huge": unsized(b"z" * 3_000_000, "text/plain"),
    "/huge-declared": respond(200, b"y" * 3_000_000, "text/plain"),
    "/slow": trickle(0.05),
    "/stall": trickle(0.2, headers_first=False),
    "/to-file": redirect("file:///etc/hostname"),
    "/to-credentials": redirect("http://user:hunter2@127.0.0.1:9/"),
    "/to-bad-url": redirect("http://[::1/"),
    "/set-cookie": respond(
        302, b"", "text/plain", {"Location": "/echo", "Set-Cookie": "session=abc123; Path=/"}
    ),
    "/echo": respond(200, b"The ferry sails again on Monday, officials said.", "text/plain"),
    **{f"/chain/{n}": redirect(f"/chain/{n - 1}") for n in range(1, 8)},
    "/chain/0": respond(200, b"The ferry sails again on Monday, officials said.", "text/plain"),
}


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve({path: _recorded(route) for path, route in ROUTES.items()}) as url:
        yield url


class Run:
    """The outcome of one ``briefread compare --format json`` run: status, articles, stderr."""

    def __init__(self, status: int, out: str, err: str) -> None:
        self.status = status
        self.lines = err.splitlines()
        for line in self.lines:
            assert line.startswith(LINE_STARTS), f"not a briefread message: {line!r}"
        assert "Traceback" not in err
        self.sources = [a["source"] for a in json.loads(out)["articles"]] if out else []

    @property
    def warnings(self) -> list[str]:
        return [line.removeprefix("briefread: warning: ") for line in self.lines]


@pytest.fixture
def compare(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run(*args: str) -> Run:
        status = main(["compare", "--format", "json", *args])
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return run


def test_a_page_loads_and_the_bad_urls_beside_it_are_one_line_each(
    base: str, compare: Callable[..., Run]
) -> None:
    run = compare(
        f"{base}/story.html",
        f"{base}/missing",
        f"{base}/broken",
        f"{base}/private",
        f"{base}/loop",
        f"{base}/ping",
        f"{base}/to-file",
    )
    assert run.status == 0
    assert run.sources == [f"{base}/story.html"]
    assert run.warnings == [
        f"{base}/missing: HTTP 404 Not Found",
        f"{base}/broken: HTTP 500 Internal Server Error",
        f"{base}/private: HTTP 401 Unauthorized",
        f"{base}/loop: redirect loop (back to {base}/loop)",
        f"{base}/ping: redirect loop (back to {base}/ping)",
        f"{base}/to-file: only http and https URLs are supported "
        "(redirected to file:///etc/hostname)",
    ]


def test_at_most_five_redirects_by_default(base: str, compare: Callable[..., Run]) -> None:
    run = compare(f"{base}/chain/5", f"{base}/chain/6")
    assert run.sources == [f"{base}/chain/5"]
    assert run.warnings == [f"{base}/chain/6: too many redirects (more than 5)"]


@pytest.mark.parametrize("path", ["/huge", "/huge-declared"])
def test_a_body_over_the_size_cap(base: str, compare: Callable[..., Run], path: str) -> None:
    run = compare("--max-size", "1", f"{base}{path}", f"{base}/echo")
    assert run.sources == [f"{base}/echo"]
    assert run.warnings == [
        f"{base}{path}: is larger than 1 MB, the size limit (raise it with --max-size)"
    ]


def test_the_default_time_limit_is_at_most_15_seconds_in_all() -> None:
    timeout = inspect.signature(fetch_url).parameters["timeout"].default
    assert 0 < timeout <= 15


@pytest.mark.parametrize("path", ["/slow", "/stall"])
def test_a_slow_server_is_cut_off_with_a_message(
    base: str, compare: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    monkeypatch.setattr(corpus.web, "fetch_url", functools.partial(fetch_url, timeout=0.5))
    started = time.monotonic()
    run = compare(f"{base}{path}", f"{base}/echo")
    assert time.monotonic() - started < 5
    assert run.sources == [f"{base}/echo"]
    assert run.warnings == [f"{base}{path}: timed out after 0.5 s"]


def test_a_slow_host_name_lookup_counts_against_the_time_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_lookup = socket.getaddrinfo

    def slow_lookup(*args: object, **kwargs: object) -> object:
        time.sleep(3)
        return real_lookup(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", slow_lookup)
    started = time.monotonic()
    with pytest.raises(SourceError) as caught:
        fetch_url("http://slow-resolver.invalid/story", timeout=0.5)
    assert time.monotonic() - started < 2
    assert caught.value.reason == "timed out after 0.5 s"


def test_dns_failure(compare: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    run = compare("https://no-such-outlet.invalid/story")
    assert run.status == 2
    assert run.lines == [
        "briefread: warning: https://no-such-outlet.invalid/story: "
        "cannot resolve host no-such-outlet.invalid",
        "briefread: error: no readable articles in the sources given",
    ]


def test_tls_to_a_server_speaking_plain_http(base: str, compare: Callable[..., Run]) -> None:
    url = base.replace("http://", "https://") + "/echo"
    run = compare(url, f"{base}/echo")
    assert run.sources == [f"{base}/echo"]
    assert run.warnings == [
        f"{url}: TLS error with 127.0.0.1: WRONG_VERSION_NUMBER "
        "(the server did not answer in TLS; try http://)"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1/story",
        "http://[not-an-address]/story",
        "http://127.0.0.1:99999/story",
        "http://127.0.0.1:port/story",
        "http://two words.example/story",
        "http:///story",
    ],
)
def test_malformed_urls_are_one_line_each(compare: Callable[..., Run], url: str) -> None:
    run = compare(url)
    assert run.status == 2
    assert len(run.warnings) == 2
    assert run.warnings[0].startswith(f"{url}: not a valid URL: ")


def test_credentials_in_a_url_are_never_sent_or_shown(
    base: str, compare: Callable[..., Run]
) -> None:
    REQUESTS.clear()
    with_password = base.replace("http://", "http://editor:hunter2@") + "/echo"
    with_user = base.replace("http://", "http://editor@") + "/echo"
    run = compare(with_password, with_user, f"{base}/to-credentials", f"{base}/to-bad-url")
    assert run.status == 2
    masked = base.replace("http://", "http://editor:***@") + "/echo"
    refusal = "URLs with a user name or password are not supported"
    assert run.warnings[:4] == [
        f"{masked}: {refusal}; briefread sends no credentials",
        f"{with_user}: {refusal}; briefread sends no credentials",
        f"{base}/to-credentials: {refusal} (redirected to http://user:***@127.0.0.1:9/); "
        "briefread sends no credentials",
        f"{base}/to-bad-url: redirected to an invalid URL (Invalid IPv6 URL)",
    ]
    assert not any("hunter2" in line for line in run.lines)
    assert [r["path"] for r in REQUESTS] == ["/to-credentials", "/to-bad-url"]


def test_cookies_set_by_a_server_are_not_sent_back(base: str) -> None:
    REQUESTS.clear()
    body, _, final = fetch_url(f"{base}/set-cookie")
    assert final == f"{base}/echo" and body.startswith(b"The ferry")
    assert [r["path"] for r in REQUESTS] == ["/set-cookie", "/echo"]
    for request in REQUESTS:
        assert "cookie" not in request and "authorization" not in request
        assert set(request) <= {"path", "host", "user-agent", "accept", "accept-encoding",
                                "connection"}  # fmt: skip


# HTTPS with a certificate made for the test.


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate and key for 127.0.0.1, made with the openssl command."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = [
        openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"openssl could not make a certificate: {result.stderr.strip()[:200]}")
    return cert, key


@contextmanager
def serve_tls(cert: Path, key: Path) -> Iterator[str]:
    """One page over HTTPS on a free loopback port; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            respond(200, PAGE, "text/html; charset=utf-8")(self, threading.Event())

        def log_message(self, format: str, *args: object) -> None:
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_a_self_signed_certificate_is_a_tls_error(
    certificate: tuple[Path, Path], compare: Callable[..., Run]
) -> None:
    with serve_tls(*certificate) as tls_base:
        run = compare(f"{tls_base}/story.html")
    assert run.status == 2
    assert run.warnings[0] == (
        f"{tls_base}/story.html: TLS certificate problem with 127.0.0.1: self-signed certificate"
    )


def test_https_with_a_trusted_certificate(
    certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, _ = certificate
    default_context = ssl.create_default_context
    monkeypatch.setattr(
        ssl, "create_default_context", lambda *a, **k: default_context(cafile=str(cert))
    )
    with serve_tls(*certificate) as tls_base:
        body, content_type, final = fetch_url(f"{tls_base}/story.html", timeout=5)
    assert body == PAGE
    assert content_type == "text/html; charset=utf-8"
    assert final == f"{tls_base}/story.html"
    assert FIRST_PARAGRAPH.encode() in body
