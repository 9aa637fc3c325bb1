"""Watcher processes: grpc.aio clients that hold WatchEssay streams and time each receipt.

Each client runs in its own process (so its memory and CPU are not the server's) and
obeys commands from the driver over a pipe. Receipt times are ``time.perf_counter()``,
which on Linux is CLOCK_MONOTONIC: one clock for every process of the machine, so the
driver can subtract its own trigger times from them.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from collections import Counter
from multiprocessing.connection import Connection

import grpc

from bench.streams.common import CLIENT_CHANNEL_OPTIONS, raise_open_files_limit
from essay.notifier.v1 import notifier_pb2, notifier_pb2_grpc


class Stream:
    """One WatchEssay call: the snapshot opens it, then every event's receipt time is kept."""

    def __init__(self, owner: Watchers, stub, essay_id: str, metadata):
        self._owner = owner
        self.watch = (essay_id, metadata)
        self.opened: asyncio.Future = asyncio.get_running_loop().create_future()
        self.events: list[tuple[int, float]] = []  # (seq, receipt time)
        self.error = ""
        self.task = asyncio.create_task(self._run(stub, essay_id, metadata))

    async def _run(self, stub, essay_id: str, metadata) -> None:
        call = stub.WatchEssay(notifier_pb2.WatchEssayRequest(essay_id=essay_id), metadata=metadata)
        try:
            async for response in call:
                now = time.perf_counter()
                if not self.opened.done():
                    self.opened.set_result(True)
                    self._owner.live += 1
                elif response.HasField("event"):
                    self.events.append((response.event.seq, now))
                    self._owner.arrived(len(self.events))
        except grpc.aio.AioRpcError as error:
            self.error = f"{error.code().name}: {(error.details() or '')[:80]}"
            if self.opened.done():
                self._owner.lost()
        finally:
            if not self.opened.done():
                self.opened.set_result(False)


class Watchers:
    """The streams of one client process, and the commands the driver sends it."""

    def __init__(self) -> None:
        self._channels: list[grpc.aio.Channel] = []
        self._stubs: list[notifier_pb2_grpc.NotifierServiceStub] = []
        self._streams: list[Stream] = []
        self._reached: Counter[int] = Counter()  # k -> streams with at least k events
        self._waiters: dict[int, asyncio.Event] = {}
        self.live = 0  # streams that have their snapshot and no error
        self._next_stub = 0

    def lost(self) -> None:
        self.live -= 1
        for count, waiter in self._waiters.items():
            if self._reached[count] >= self.live:
                waiter.set()

    def arrived(self, count: int) -> None:
        self._reached[count] += 1
        waiter = self._waiters.get(count)
        if waiter is not None and self._reached[count] >= self.live:
            waiter.set()

    async def connect(self, address: str, channels: int) -> dict:
        await self.disconnect()
        self._channels = [grpc.aio.insecure_channel(address, options=CLIENT_CHANNEL_OPTIONS)
                          for _ in range(channels)]
        for channel in self._channels:
            await asyncio.wait_for(channel.channel_ready(), 10)
        self._stubs = [notifier_pb2_grpc.NotifierServiceStub(c) for c in self._channels]
        return {"channels": len(self._channels)}

    async def open(self, watches: list[tuple[str, tuple]], batch: int, timeout: float, retries: int) -> dict:
        """Opens a stream per (essay id, caller metadata), ``batch`` at a time (each batch has its
        snapshots before the next starts); refused streams are opened again, ``retries`` times."""
        started = time.perf_counter()
        refused: Counter[str] = Counter()
        pending = list(watches)
        for attempt in range(retries + 1):
            if attempt:
                await asyncio.sleep(0.5)
            failed = []
            for start in range(0, len(pending), batch):
                chunk = [self._start(*watch) for watch in pending[start:start + batch]]
                await asyncio.wait([s.opened for s in chunk], timeout=timeout)
                lost = []
                for stream in chunk:
                    if stream.opened.done() and stream.opened.result():
                        self._streams.append(stream)
                    else:
                        stream.task.cancel()
                        lost.append(stream)
                await asyncio.gather(*(s.task for s in lost), return_exceptions=True)
                refused.update(s.error or "NO_SNAPSHOT_IN_TIME" for s in lost)
                failed += [s.watch for s in lost]
            pending = failed
            if not pending:
                break
        return {"opened": len(watches) - len(pending), "failed": len(pending), "refused": dict(refused),
                "seconds": time.perf_counter() - started}

    def _start(self, essay_id: str, metadata: tuple) -> Stream:
        self._next_stub = (self._next_stub + 1) % len(self._stubs)
        return Stream(self, self._stubs[self._next_stub], essay_id, metadata)

    async def collect(self, count: int, timeout: float) -> dict:
        """Waits until every open stream has ``count`` events; the count-th of each."""
        if self._reached[count] < self.live:
            waiter = self._waiters.setdefault(count, asyncio.Event())
            try:
                await asyncio.wait_for(waiter.wait(), timeout)
            except TimeoutError:
                pass
        receipts = [s.events[count - 1] for s in self._streams if len(s.events) >= count]
        return {"seqs": [seq for seq, _ in receipts], "times": [t for _, t in receipts],
                "missing": len(self._streams) - len(receipts)}

    async def close(self) -> dict:
        """Cancels every stream (the server sees the calls end); which ones had failed before."""
        for stream in self._streams:
            stream.task.cancel()
        await asyncio.gather(*(s.task for s in self._streams), return_exceptions=True)
        errors = Counter(s.error for s in self._streams if s.error and "CANCELLED" not in s.error)
        closed = len(self._streams)
        self._streams.clear()
        self.live = 0
        self._reached.clear()
        self._waiters.clear()
        return {"closed": closed, "errors": dict(errors)}

    async def disconnect(self) -> dict:
        await self.close()
        for channel in self._channels:
            await channel.close()
        self._channels, self._stubs = [], []
        return {}


async def _serve(conn: Connection) -> None:
    watchers = Watchers()
    loop = asyncio.get_running_loop()
    while True:
        command, kwargs = await loop.run_in_executor(None, conn.recv)
        if command == "stop":
            await watchers.disconnect()
            conn.send({})
            return
        try:
            conn.send(await getattr(watchers, command)(**kwargs))
        except Exception as error:  # noqa: BLE001 - reported to the driver, which stops
            conn.send({"exception": f"{type(error).__name__}: {error}"})


def _client_main(conn: Connection) -> None:
    raise_open_files_limit()
    asyncio.run(_serve(conn))


class ClientError(RuntimeError):
    pass


class ClientPool:
    """The driver's handle on ``size`` watcher processes (spawned, each stopped by pid)."""

    def __init__(self, size: int):
        context = multiprocessing.get_context("spawn")
        self._conns: list[Connection] = []
        self.processes = []
        for index in range(size):
            parent, child = context.Pipe()
            process = context.Process(target=_client_main, args=(child,), name=f"watchers-{index}",
                                      daemon=True)
            process.start()
            child.close()
            self._conns.append(parent)
            self.processes.append(process)

    @property
    def size(self) -> int:
        return len(self._conns)

    def _call(self, command: str, per_client: list[dict], timeout: float) -> list[dict]:
        for conn, kwargs in zip(self._conns, per_client, strict=True):
            conn.send((command, kwargs))
        replies = []
        deadline = time.monotonic() + timeout
        for conn in self._conns:
            if not conn.poll(max(0.0, deadline - time.monotonic())):
                raise ClientError(f"watcher process gave no answer to {command} in {timeout:.0f}s")
            reply = conn.recv()
            if "exception" in reply:
                raise ClientError(f"{command}: {reply['exception']}")
            replies.append(reply)
        return replies

    def connect(self, address: str, channels: int) -> None:
        self._call("connect", [{"address": address, "channels": channels}] * self.size, 30)

    def open(self, watches: list[tuple[str, tuple]], batch: int, retries: int = 3, timeout: float = 60.0) -> dict:
        """Opens a stream per (essay id, caller metadata), split evenly over the clients, each
        ramping ``batch`` / size at a time."""
        shares = [watches[i::self.size] for i in range(self.size)]
        per_client = max(1, batch // self.size)
        batches = -(-max(len(s) for s in shares) // per_client)
        replies = self._call("open", [{"watches": share, "batch": per_client,
                                       "timeout": timeout, "retries": retries} for share in shares],
                             (timeout * batches + 1) * (retries + 1) + 30)
        refused: Counter[str] = Counter()
        for reply in replies:
            refused.update(reply["refused"])
        return {"opened": sum(r["opened"] for r in replies), "failed": sum(r["failed"] for r in replies),
                "refused": dict(refused), "seconds": max(r["seconds"] for r in replies)}

    def collect(self, count: int, timeout: float) -> dict:
        replies = self._call("collect", [{"count": count, "timeout": timeout}] * self.size, timeout + 30)
        return {"seqs": [s for r in replies for s in r["seqs"]],
                "times": [t for r in replies for t in r["times"]],
                "missing": sum(r["missing"] for r in replies)}

    def close(self) -> dict:
        replies = self._call("close", [{}] * self.size, 120)
        errors: Counter[str] = Counter()
        for reply in replies:
            errors.update(reply["errors"])
        return {"closed": sum(r["closed"] for r in replies), "errors": dict(errors)}

    def stop(self) -> None:
        """Asks every client to stop, then ends any that did not by its pid."""
        for conn in self._conns:
            try:
                conn.send(("stop", {}))
            except OSError:
                pass
        for process in self.processes:
            process.join(15)
            if process.is_alive():
                process.terminate()
                process.join(5)
            if process.is_alive():
                process.kill()
                process.join()
        for conn in self._conns:
            conn.close()
        self._conns, self.processes = [], []
