"""``python -m bench.engine.handoff``: RabbitMQ's share of a worker's hand-off between two
essays. A consumer with prefetch 1 acks each message as it arrives; the figure is the time from
one ack to the next delivery, on a quorum queue (what the correction queue is) and on a classic
queue, taking turns. Runs on a scratch vhost of the local broker and removes it.
"""

from __future__ import annotations

import argparse
import statistics
import time
import uuid

from kombu import Connection, Consumer, Exchange, Producer, Queue

from tests.support import scratch_vhost


def ack_to_delivery(conn: Connection, kind: str, messages: int) -> list[float]:
    """Seconds from each ack to the next delivery, over ``messages`` queued messages."""
    queue = Queue(f"handoff-{kind}-{uuid.uuid4().hex[:8]}", Exchange(""), durable=True,
                  queue_arguments={"x-queue-type": kind})
    publishing = conn.channel()
    bound = queue(publishing)
    bound.declare()
    producer = Producer(publishing)
    for index in range(messages):
        producer.publish({"index": index}, routing_key=bound.name, delivery_mode=2)
    gaps: list[float] = []
    acked = [0.0]

    def on_message(_body, message) -> None:
        if acked[0]:
            gaps.append(time.perf_counter() - acked[0])
        message.ack()
        acked[0] = time.perf_counter()

    consuming = conn.channel()
    consuming.basic_qos(0, 1, False)  # before the consumer starts: it applies to new consumers
    deadline = time.monotonic() + 60
    with Consumer(consuming, queues=[queue], callbacks=[on_message], accept=["json"]):
        while len(gaps) < messages - 1 and time.monotonic() < deadline:
            conn.drain_events(timeout=10)
    bound.delete()
    return gaps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.engine.handoff", description=__doc__)
    parser.add_argument("--messages", type=int, default=1000, help="messages per queue and round (default 1000)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of quorum then classic (default 2)")
    args = parser.parse_args(argv)
    with scratch_vhost() as url, Connection(url) as conn:
        for _ in range(args.rounds):
            for kind in ("quorum", "classic"):
                gaps = sorted(ack_to_delivery(conn, kind, min(args.messages, 20_000)))
                print(f"{kind:<8} ack to next delivery, prefetch 1: p50 {statistics.median(gaps) * 1000:.2f} ms, "
                      f"mean {statistics.fmean(gaps) * 1000:.2f} ms, p95 {gaps[int(len(gaps) * 0.95)] * 1000:.2f} ms "
                      f"({len(gaps)} deliveries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
