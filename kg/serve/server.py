"""``kg serve OUT``: the build, read-only over HTTP on a loopback address.

A ``ThreadingHTTPServer`` turns each request into a ``kg.serve.site.Request`` and writes the
``Response`` back, with the CORS headers every answer carries.
"""

from __future__ import annotations

import errno
import socket
import sys
import threading
import traceback
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.errors import StancegraphError
from kg.export.void import read_base
from kg.publish import recover_if_idle
from kg.serve.backend import MAX_RESULT_BYTES, QueryTimeout
from kg.serve.follow import WATCH_SECONDS, FollowingBackend
from kg.serve.site import Request, Response, Site, text

MAX_BODY = 1_000_000  # bytes of a POSTed query
MAX_REQUESTS = 64  # requests answered at once; more get a 503 at once
SOCKET_SECONDS = 60.0  # a client that sends nothing for this long is disconnected
CORS = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
    ("Access-Control-Allow-Headers", "Accept, Content-Type"),
)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _handler(site: Site, log: Callable[[str], None], errors: Callable[[str], None]) -> type[BaseHTTPRequestHandler]:
    slots = threading.BoundedSemaphore(MAX_REQUESTS)

    class Handler(BaseHTTPRequestHandler):
        server_version = "stancegraph"
        sys_version = ""
        protocol_version = "HTTP/1.1"
        timeout = SOCKET_SECONDS
        # an answer is written as headers, then body: with Nagle's algorithm on, the body
        # waits for the client's delayed ACK of the headers, 40 ms on Linux (TCP_NODELAY)
        disable_nagle_algorithm = True

        def _serve(self) -> None:
            declared = self.headers.get("Content-Length") or "0"
            if not declared.strip().isdigit():
                self.close_connection = True  # the body's end is unknown
                self._send(text(400, f"Content-Length is not a number of bytes: {declared!r}"))
                return
            length = int(declared)
            if length > MAX_BODY:
                self.close_connection = True  # the body is not read
                self._send(text(413, f"a request body may have at most {MAX_BODY} bytes"))
                return
            body = self.rfile.read(length) if length else b""
            if not slots.acquire(blocking=False):
                self._send(text(503, f"the server is answering {MAX_REQUESTS} requests already; try again"))
                return
            try:
                response = self._answer(Request(self.command, self.path,
                                                {k.lower(): v for k, v in self.headers.items()}, body))
            finally:
                slots.release()
            self._send(response)

        def _answer(self, request: Request) -> Response:
            try:
                return site.handle(request)
            except QueryTimeout as err:
                return text(503, f"{err} (the time limit: kg serve --timeout)")
            except OSError as err:  # the SPARQL server went away
                return text(503, f"the SPARQL server cannot answer: {err}")
            except Exception:  # noqa: BLE001 - a bug of ours: logged whole, never shown to the client
                errors(f"error answering {request.method} {request.target!r}:\n{traceback.format_exc()}")
                return text(500, "internal error: the server could not answer this request (see its log)")

        def _send(self, response: Response) -> None:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for name, value in (*CORS, *response.headers):
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)

        do_GET = do_POST = do_HEAD = do_OPTIONS = do_PUT = do_DELETE = do_PATCH = _serve

        def log_message(self, format: str, *args) -> None:
            log(f"{self.address_string()} {format % args}")

    return Handler


class _ListeningServer(ThreadingHTTPServer):
    """A threading HTTP server whose listen queue holds a burst of clients: socketserver's
    default of 5 pending connections resets the sixth of twenty clients that connect while
    the accepting thread waits for the interpreter (bench/serve_load.py)."""

    request_queue_size = 128


class ServeError(StancegraphError):
    """The server cannot listen where it was asked to."""


class Server:
    """The front server and its SPARQL backend; ``start`` returns once both answer.

    The backend follows the build: a build published into ``out`` while it is served is
    answered from within ``watch`` seconds and a server start (kg.serve.follow)."""

    def __init__(self, out: str | Path, host: str = "127.0.0.1", port: int = 7870, timeout: float = 30.0,
                 base: str | None = None, log: Callable[[str], None] = lambda line: None, *,
                 allow_service: bool = False, max_result_bytes: int = MAX_RESULT_BYTES,
                 errors: Callable[[str], None] = _stderr, notices: Callable[[str], None] = lambda line: None,
                 watch: float = WATCH_SECONDS) -> None:
        """``log`` takes a line per request; ``errors`` the trace of a request that failed;
        ``notices`` a line when a new build is served."""
        self.out = Path(out)
        recover_if_idle(self.out)  # a build stopped while it replaced the outputs: finish that first
        self.backend = FollowingBackend(self.out, timeout, max_result_bytes, interval=watch, notices=notices,
                                        on_switch=self._reread_base, fetches=allow_service)
        self.allow_service = allow_service
        self.given_base = base
        self.base = base or read_base(self.out)
        self.host, self.port, self.log, self.errors = host, port, log, errors
        self.httpd: ThreadingHTTPServer | None = None
        self.site: Site | None = None

    def _reread_base(self) -> None:
        """A new build may have minted its resources under another base."""
        if self.given_base is None:
            self.base = read_base(self.out)
            if self.site is not None:
                self.site.base = self.base

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        try:
            site = Site(self.backend, self.out, self.base, f"http://{self.host}:{self.port}", self.allow_service)
            self.httpd = _ListeningServer((self.host, self.port), _handler(site, self.log, self.errors))
        except OSError as err:
            raise ServeError(_listen_problem(self.host, self.port, err)) from err
        self.site = site
        try:
            self.backend.start()
        except BaseException:
            self.httpd.server_close()
            self.httpd = None
            raise
        self.port = self.httpd.server_address[1]  # port 0: the one the system chose
        site.public_url = self.url

    def serve_forever(self) -> None:
        assert self.httpd is not None
        try:
            self.httpd.serve_forever()
        finally:
            self.stop()

    def shutdown(self) -> None:
        """Stop ``serve_forever`` (running in another thread), which then stops the rest."""
        if self.httpd is not None:
            self.httpd.shutdown()

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.server_close()
            self.httpd = None
        self.backend.stop()


def _listen_problem(host: str, port: int, err: OSError) -> str:
    if err.errno == errno.EADDRINUSE:
        return (f"port {port} on {host} is in use (another kg serve?); choose another with --port "
                "(--port 0 takes any free one)")
    if err.errno == errno.EACCES:
        return f"not allowed to listen on port {port} of {host}; choose a port above 1023 with --port"
    if err.errno == errno.EADDRNOTAVAIL or isinstance(err, socket.gaierror):
        return f"cannot listen on {host}: not an address of this machine; check --host"
    return f"cannot listen on {host}:{port}: {err.strerror or err}"
