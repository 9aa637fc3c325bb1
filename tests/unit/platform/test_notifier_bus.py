import asyncio

from services.notifier.bus import RESYNC, EventBus
from services.notifier.convert import event_from_message


def test_events_reach_only_their_essays_watchers():
    async def run():
        bus = EventBus(asyncio.get_running_loop(), max_queue=2)
        a1, a2, b = bus.essays.subscribe("a"), bus.essays.subscribe("a"), bus.essays.subscribe("b")
        user = bus.users.subscribe("u")
        bus.publish({"essay_id": "a", "seq": 1})
        assert a1.get_nowait()["seq"] == 1 and a2.get_nowait()["seq"] == 1 and b.empty()
        for seq in range(5):  # a slow watcher's queue is bounded: it is told to re-read the log
            bus.publish({"essay_id": "b", "seq": seq})
        assert b.qsize() <= 2
        assert RESYNC in [b.get_nowait() for _ in range(b.qsize())]
        bus.essays.unsubscribe("a", a1)
        bus.essays.unsubscribe("a", a2)
        assert len(bus.essays) == 1
        bus.publish({"essay_id": "a", "seq": 2, "notification": {"user_id": "u", "notification_id": 7}})
        assert user.get_nowait()["notification_id"] == 7

    asyncio.run(run())


def test_event_messages_become_protos():
    event = event_from_message({"essay_id": "e", "seq": 3, "state": "PROCESSING", "message": "m",
                                "progress_percent": 10, "attempt": 1, "time": "2026-01-01T00:00:00+00:00"})
    assert (event.seq, event.progress_percent, event.attempt) == (3, 10, 1)
    assert event.time.seconds == 1767225600
