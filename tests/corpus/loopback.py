"""A throwaway HTTP server on 127.0.0.1 for loader tests: started in a thread, stopped after.

Routes map a path to a function that answers the request; the helpers below build the usual
answers (a page, an error, a redirect, a slow trickle). Nothing here reaches the network.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler, threading.Event], None]


@contextmanager
def serve(routes: Mapping[str, Route]) -> Iterator[str]:
    """Serve ``routes`` on a free loopback port; yield the base URL (no trailing slash)."""
    stopping = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            route = routes.get(self.path)
            try:
                if route is None:
                    respond(404, b"not here", "text/plain")(self, stopping)
                else:
                    route(self, stopping)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as the time-out tests intend

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def respond(
    status: int, body: bytes, content_type: str, headers: Mapping[str, str] | None = None
) -> Route:
    def answer(handler: BaseHTTPRequestHandler, stopping: threading.Event) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def redirect(location: str, status: int = 302) -> Route:
    return respond(status, b"", "text/plain", {"Location": location})


def unsized(body: bytes, content_type: str) -> Route:
    """A body sent without Content-Length, ended by closing the connection."""

    def answer(handler: BaseHTTPRequestHandler, stopping: threading.Event) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.close_connection = True
        for start in range(0, len(body), 65_536):
            handler.wfile.write(body[start : start + 65_536])

    return answer


def trickle(interval: float, *, headers_first: bool = True, limit: float = 10.0) -> Route:
    """Send one byte every ``interval`` seconds for up to ``limit`` seconds.

    With ``headers_first`` the status and headers go out at once and the body trickles;
    without, even the status line trickles, so the client never gets a complete response head.
    """

    def answer(handler: BaseHTTPRequestHandler, stopping: threading.Event) -> None:
        if headers_first:
            handler.send_response(200)
            handler.send_header("Content-Type", "text/plain")
            handler.send_header("Content-Length", "100000")
            handler.end_headers()
            handler.wfile.flush()
        ended = time.monotonic() + limit
        byte = b"x" if headers_first else b"H"
        while time.monotonic() < ended and not stopping.wait(interval):
            handler.wfile.write(byte)
            handler.wfile.flush()
        handler.close_connection = True

    return answer
