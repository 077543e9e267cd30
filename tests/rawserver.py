"""A raw-socket HTTP server for the faults a well-behaved server library cannot produce.

Each path picks a behaviour: say nothing, stall after the headers, drip the
body a byte at a time, reset the connection, send fewer bytes than the
Content-Length, or break the chunked encoding.  Connections are counted per
path so tests can assert how many attempts were made.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable

__all__ = ["RawServer", "closed_port"]

Behaviour = Callable[[socket.socket], None]


def _headers(extra: str = "", *, length: int | None = None, chunked: bool = False) -> bytes:
    lines = ["HTTP/1.1 200 OK", "Content-Type: text/plain; charset=utf-8", "Connection: close"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    if extra:
        lines.append(extra)
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


class RawServer:
    """Serves on 127.0.0.1; ``url(path)`` for a behaviour's URL; ``stop()`` when done."""

    def __init__(self, *, drip_interval: float = 0.05, hold: float = 3.0) -> None:
        self.drip_interval = drip_interval
        self.hold = hold
        self.connections: Counter[str] = Counter()
        self._stop = threading.Event()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(32)
        self._sock.settimeout(0.1)
        self.port = self._sock.getsockname()[1]
        self.behaviours: dict[str, Behaviour] = {
            "/robots.txt": lambda c: c.sendall(_headers(length=0)),
            "/silent": self._silent,
            "/stall-after-headers": self._stall_after_headers,
            "/drip": self._drip,
            "/reset": self._reset,
            "/short": self._short,
            "/broken-chunked": self._broken_chunked,
        }
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(5)
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
            path = request.split(b" ", 2)[1].decode()
            self.connections[path] += 1
            behaviour = self.behaviours.get(path)
            if behaviour is None:
                conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            else:
                behaviour(conn)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                conn.close()

    def _wait(self, seconds: float) -> None:
        self._stop.wait(seconds)

    def _silent(self, conn: socket.socket) -> None:
        self._wait(self.hold)  # read the request, never answer

    def _stall_after_headers(self, conn: socket.socket) -> None:
        conn.sendall(_headers(length=100))
        self._wait(self.hold)

    def _drip(self, conn: socket.socket) -> None:
        body = "令和3年度 旭区運営方針\n".encode() * 40
        conn.sendall(_headers(length=len(body)))
        for i in range(len(body)):
            if self._stop.is_set():
                return
            conn.sendall(body[i : i + 1])
            time.sleep(self.drip_interval)

    def _reset(self, conn: socket.socket) -> None:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close → RST

    def _short(self, conn: socket.socket) -> None:
        conn.sendall(_headers(length=1000) + b"x" * 400)

    def _broken_chunked(self, conn: socket.socket) -> None:
        conn.sendall(_headers(chunked=True) + b"10\r\n0123456789abcdef\r\nZZ\r\nnot a chunk")


def closed_port() -> int:
    """A port nothing listens on (connection refused)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port: int = s.getsockname()[1]
    s.close()
    return port
