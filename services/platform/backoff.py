"""Exponential backoff with jitter."""


def retry_delay(retries_done: int, base: float, cap: float, jitter: float) -> float:
    """base * 2**n, capped, plus ``jitter`` (0..1) of it on top."""
    delay = min(cap, base * (2 ** retries_done))
    return delay * (1.0 + jitter)
