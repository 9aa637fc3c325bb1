"""The stream follower: live items in order, gaps filled from the store, resyncs, heartbeats."""

import asyncio
from dataclasses import dataclass

from services.notifier.bus import RESYNC
from services.notifier.servicer import follow


@dataclass
class Item:
    seq: int
    final: bool = False


def run(queue_items, stored, last=0, heartbeat=0.05, resync=10.0, limit=10):
    async def main():
        queue: asyncio.Queue = asyncio.Queue()
        for item in queue_items:
            queue.put_nowait(item)

        async def stored_after(n):
            return [i for i in stored if i.seq > n]

        out = []
        async for kind, item in follow(queue, last, lambda i: i.seq, stored_after, heartbeat,
                                       is_final=lambda i: i.final, resync_seconds=resync):
            out.append((kind, item.seq if kind == "item" else item))
            if len(out) >= limit:
                break
        return out

    return asyncio.run(main())


def test_live_items_in_order_and_duplicates_dropped():
    out = run([Item(1), Item(1), Item(2), Item(3, final=True)], stored=[])
    assert out == [("item", 1), ("item", 2), ("item", 3)]


def test_a_jump_is_filled_from_the_store():
    stored = [Item(1), Item(2), Item(3), Item(4, final=True)]
    assert run([Item(1), Item(4, final=True)], stored) == [("item", 1), ("item", 2), ("item", 3), ("item", 4)]


def test_a_resync_reads_what_the_live_feed_lost():
    stored = [Item(1), Item(2), Item(3, final=True)]
    assert run([RESYNC], stored, last=1) == [("item", 2), ("item", 3)]


def test_silence_gives_heartbeats_then_a_resync_from_the_store():
    stored = [Item(1), Item(2, final=True)]  # the live feed never delivers 2
    out = run([], stored, last=1, heartbeat=0.01, resync=0.03)
    assert out[:2] == [("heartbeat", 1), ("heartbeat", 1)]
    assert out[-1] == ("item", 2)
