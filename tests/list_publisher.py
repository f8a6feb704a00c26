"""A list source on loopback: what the Lists page fetches in the console's tests, in
place of an official address (never the Internet)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

LIST_FIXTURES = Path(__file__).resolve().parent / "unit" / "formats" / "lists" / "fixtures"
UN_XML = (LIST_FIXTURES / "un.xml").read_bytes()


@contextmanager
def published(files: dict[str, bytes]) -> Iterator[str]:
    """Serve ``files`` (name -> body; ``files`` may change meanwhile) under /lists/ on
    loopback; the folder's address. A name not in ``files`` is a 404."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            body = files.get(self.path.removeprefix("/lists/"))
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")
            self.close_connection = True

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/lists/"
    finally:
        server.shutdown()
        server.server_close()
