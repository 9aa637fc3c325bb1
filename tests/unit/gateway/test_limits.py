import pytest

from services.gateway.limits import LoginLimiter, client_address
from services.platform.errors import RateLimited


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_an_account_is_throttled_after_its_failures_and_freed_by_time():
    clock = Clock()
    limiter = LoginLimiter(per_account=3, per_address=100, window_seconds=60, clock=clock)
    for _ in range(3):
        limiter.check("Alice", "10.0.0.1")
        limiter.failed("Alice", "10.0.0.1")
    with pytest.raises(RateLimited) as err:
        limiter.check("alice", "10.0.0.2")  # any address, any case
    assert err.value.details[0].retry_delay.seconds == 60
    limiter.check("bob", "10.0.0.1")  # others are not affected
    clock.now += 61
    limiter.check("alice", "10.0.0.1")


def test_an_address_is_throttled_across_accounts():
    limiter = LoginLimiter(per_account=100, per_address=3, window_seconds=60, clock=Clock())
    for name in ("a", "b", "c"):
        limiter.failed(name, "10.0.0.9")
    with pytest.raises(RateLimited):
        limiter.check("d", "10.0.0.9")
    limiter.check("d", "10.0.0.8")


def test_a_success_clears_the_accounts_failures():
    limiter = LoginLimiter(per_account=2, per_address=100, window_seconds=60, clock=Clock())
    limiter.failed("alice", "x")
    limiter.succeeded("alice")
    limiter.failed("alice", "x")
    limiter.check("alice", "x")


@pytest.mark.parametrize("peer,address", [("ipv4:127.0.0.1:5555", "127.0.0.1"), ("ipv6:[::1]:5555", "::1"),
                                          ("unix:/tmp/s", "unix:/tmp/s")])
def test_client_address(peer, address):
    assert client_address(peer) == address
