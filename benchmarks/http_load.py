"""A small keep-alive HTTP/1.1 load client on asyncio, cheap enough to share two cores.

Only loopback is ever a target (the benchmark starts the server itself), and
every run is bounded by a request count and a deadline, whichever comes first.
"""

import asyncio
import threading
import time
from dataclasses import dataclass, field

LOOPBACK = ("127.0.0.1", "localhost", "::1")
# Set (by a signal handler) to end every phase at once; the caller then cleans up.
stop_requested = threading.Event()


class HTTPError(Exception):
    pass


class Connection:
    """One persistent connection; requests are sent one after another."""

    def __init__(self, host, port, headers: dict[str, str]):
        if host not in LOOPBACK:
            raise ValueError(f"the load client only talks to loopback, not {host!r}")
        self.host, self.port = host, port
        self.fixed = "".join(f"{k}: {v}\r\n" for k, v in {"Host": f"{host}:{port}",
                                                         **headers}.items())
        self.reader = self.writer = None

    async def _open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
            self.writer = None

    async def request(self, method: str, path: str, body: bytes = b"",
                      content_type: str = "application/json") -> tuple[int, bytes]:
        if self.writer is None:
            await self._open()
        head = f"{method} {path} HTTP/1.1\r\n{self.fixed}"
        if body or method in ("POST", "PUT"):
            head += f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode("latin-1") + b"\r\n" + body)
        try:
            return await self._response()
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            await self.close()
            raise HTTPError(f"connection lost: {exc!r}") from None

    async def _response(self):
        raw = await self.reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length, chunked, close = 0, False, False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
            elif name == "connection" and value.strip().lower() == "close":
                close = True
        if chunked:
            body = await self._chunked()
        else:
            body = await self.reader.readexactly(length) if length else b""
        if close:
            await self.close()
        return status, body

    async def _chunked(self):
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)


@dataclass
class PhaseResult:
    name: str
    requests: int = 0
    statements: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    first_error: str | None = None

    def percentile(self, p):
        if not self.latencies_ms:
            return None
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[index]

    def summary(self):
        rate = self.requests / self.seconds if self.seconds else 0.0
        out = {"requests": self.requests, "errors": self.errors,
               "seconds": round(self.seconds, 3), "requests_per_s": round(rate, 1)}
        if self.statements:
            out["statements"] = self.statements
            out["statements_per_s"] = round(self.statements / self.seconds, 1)
        if self.latencies_ms:
            for p in (50, 95, 99):
                out[f"p{p}_ms"] = round(self.percentile(p), 2)
            out["max_ms"] = round(max(self.latencies_ms), 2)
        if self.first_error:
            out["first_error"] = self.first_error
        return out


async def run_phase(name, *, host, port, headers, make_request, total, concurrency,
                    deadline_s, statements_per_request=0, expect=(200, 204)):
    """Send up to ``total`` requests on ``concurrency`` connections within ``deadline_s``.

    ``make_request()`` returns (method, path, body), or (method, path, body, statements)
    when requests differ in size. Each request's latency is
    recorded; a status outside ``expect`` counts as an error.
    """
    result = PhaseResult(name)
    issued = 0
    started = time.perf_counter()
    stop_at = started + deadline_s

    async def worker():
        nonlocal issued
        connection = Connection(host, port, headers)
        try:
            while (issued < total and time.perf_counter() < stop_at
                   and not stop_requested.is_set()):
                issued += 1
                method, path, body, *rest = make_request()
                count = rest[0] if rest else statements_per_request
                t0 = time.perf_counter()
                try:
                    status, payload = await connection.request(method, path, body)
                except HTTPError as exc:
                    status, payload = 0, str(exc).encode()
                result.latencies_ms.append((time.perf_counter() - t0) * 1000)
                result.requests += 1
                if status in expect:
                    result.statements += count
                else:
                    result.errors += 1
                    if result.first_error is None:
                        result.first_error = f"{status}: {payload[:300]!r}"
        finally:
            await connection.close()

    await asyncio.gather(*(worker() for _ in range(max(1, concurrency))))
    result.seconds = time.perf_counter() - started
    return result
