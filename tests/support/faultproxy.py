"""A fault-injecting TCP proxy on 127.0.0.1 for weak-network tests and benchmarks (no tc netem here).

Between a client and a server it adds one-way delay (each direction, so RTT = 2 × delay),
throttles each direction to a byte rate, and cuts connections mid-stream at random (with a seed):
a connection chosen with probability ``cut_probability`` is aborted (RST) once ``cut_after`` bytes,
drawn uniformly from 1..``cut_max_bytes``, have crossed it in either direction. Counts bytes each
way, connections and cuts. A long keep-alive connection draws again after every ``cut_max_bytes``
window it survives, so the cut rate does not depend on how the client reuses connections. Runs its own asyncio loop in a daemon thread; ``configure`` changes
the faults while it runs.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from dataclasses import dataclass


@dataclass
class ProxyStats:
    bytes_up: int = 0  # client → server
    bytes_down: int = 0  # server → client
    connections: int = 0
    cuts: int = 0


class FaultProxy:
    def __init__(
        self,
        target_port: int,
        *,
        target_host: str = "127.0.0.1",
        delay: float = 0.0,
        rate_bytes_per_s: float | None = None,
        cut_probability: float = 0.0,
        cut_max_bytes: int = 200_000,
        seed: int = 0,
        chunk: int = 2048,
        cut_directions: tuple[str, ...] = ("up", "down"),
    ) -> None:
        assert target_host.startswith("127.") or target_host == "::1", "loopback only"
        self.target = (target_host, target_port)
        self.delay, self.rate = delay, rate_bytes_per_s
        self.cut_probability, self.cut_max_bytes = cut_probability, cut_max_bytes
        self.chunk = chunk
        self.cut_directions = cut_directions  # "down" only: requests arrive, answers are lost
        self.rng = random.Random(seed)
        self.stats = ProxyStats()
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.base_events.Server | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._lock = threading.Lock()

    def configure(self, **kw: float | int | None) -> None:
        with self._lock:
            for key, value in kw.items():
                if key == "rate_bytes_per_s":
                    self.rate = value  # type: ignore[assignment]
                else:
                    setattr(self, key, value)

    def reset_stats(self) -> ProxyStats:
        old, self.stats = self.stats, ProxyStats()
        return old

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- lifecycle ----------------------------------------------------------------------------

    def start(self) -> FaultProxy:
        self._thread = threading.Thread(target=self._run, name="faultproxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fault proxy did not start")
        return self

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        self._server = loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        loop.run_forever()
        pending = asyncio.all_tasks(loop)
        for task in pending:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self._server.close()
        loop.run_until_complete(self._server.wait_closed())
        loop.close()

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- one connection -----------------------------------------------------------------------

    async def _handle(self, c_reader: asyncio.StreamReader, c_writer: asyncio.StreamWriter) -> None:
        try:
            await self._proxy(c_reader, c_writer)
        except asyncio.CancelledError:  # the proxy is stopping: drop the connection quietly
            c_writer.transport.abort()

    async def _proxy(self, c_reader: asyncio.StreamReader, c_writer: asyncio.StreamWriter) -> None:
        with self._lock:
            self.stats.connections += 1
        plan = {"cut_at": None, "window_end": 0}

        def draw(offset: int) -> None:
            with self._lock:
                chosen = self.rng.random() < self.cut_probability
                plan["cut_at"] = offset + self.rng.randint(1, self.cut_max_bytes) if chosen else None
            plan["window_end"] = offset + self.cut_max_bytes

        draw(0)
        if self.delay:
            await asyncio.sleep(self.delay)  # the SYN's trip
        try:
            s_reader, s_writer = await asyncio.open_connection(*self.target)
        except OSError:
            c_writer.transport.abort()
            return
        moved = [0]
        done = asyncio.Event()

        def abort_both() -> None:
            c_writer.transport.abort()
            s_writer.transport.abort()
            done.set()

        async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, up: bool) -> None:
            queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

            async def deliver() -> None:
                next_free = time.monotonic()
                while True:
                    due, data = await queue.get()
                    if not data:
                        break
                    now = time.monotonic()
                    if due > now:
                        await asyncio.sleep(due - now)
                    rate = self.rate
                    if rate:
                        next_free = max(next_free, time.monotonic()) + len(data) / rate
                        wait = next_free - time.monotonic()
                        if wait > 0:
                            await asyncio.sleep(wait)
                    if done.is_set():
                        return
                    if plan["cut_at"] is None and moved[0] >= plan["window_end"]:
                        draw(moved[0])
                    may_cut = ("up" if up else "down") in self.cut_directions
                    if may_cut and plan["cut_at"] is not None and moved[0] + len(data) >= plan["cut_at"]:
                        with self._lock:
                            self.stats.cuts += 1
                        abort_both()
                        return
                    moved[0] += len(data)
                    with self._lock:
                        if up:
                            self.stats.bytes_up += len(data)
                        else:
                            self.stats.bytes_down += len(data)
                    writer.write(data)
                    try:
                        await writer.drain()
                    except (ConnectionError, OSError):
                        abort_both()
                        return
                try:
                    writer.write_eof()
                except (OSError, RuntimeError):
                    pass

            deliverer = asyncio.create_task(deliver())
            try:
                while not done.is_set():
                    data = await reader.read(self.chunk)
                    await queue.put((time.monotonic() + self.delay, data))
                    if not data:
                        break
            except (ConnectionError, OSError):
                abort_both()
            await deliverer

        up = asyncio.create_task(pipe(c_reader, s_writer, True))
        down = asyncio.create_task(pipe(s_reader, c_writer, False))
        await asyncio.gather(up, down, return_exceptions=True)
        for w in (c_writer, s_writer):
            try:
                w.close()
            except (OSError, RuntimeError):
                pass
