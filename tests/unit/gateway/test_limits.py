import pytest

from services.gateway.limits import (
    LoginLimiter,
    check_login_fields,
    client_address,
    login_address,
    parse_networks,
)
from services.platform.errors import InvalidArgument, RateLimited


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
        limiter.check("alice", "10.0.0.1")  # any case
    assert err.value.details[0].retry_delay.seconds == 60
    limiter.check("alice", "10.0.0.2")  # the owner elsewhere is not locked out
    limiter.check("bob", "10.0.0.1")  # nor are others
    clock.now += 61
    limiter.check("alice", "10.0.0.1")


def test_guessing_one_account_from_many_addresses_is_bounded():
    limiter = LoginLimiter(per_account=3, per_address=100, window_seconds=60, clock=Clock())
    for n in range(3 * LoginLimiter.ACCOUNT_SPREAD):
        limiter.failed("alice", f"10.0.{n}.1")
    with pytest.raises(RateLimited):
        limiter.check("alice", "10.9.9.9")


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
    limiter.succeeded("alice", "x")
    limiter.failed("alice", "x")
    limiter.check("alice", "x")


@pytest.mark.parametrize("peer,address", [("ipv4:127.0.0.1:5555", "127.0.0.1"), ("ipv6:[::1]:5555", "::1"),
                                          ("ipv6:%5B::1%5D:49008", "::1"),  # as grpcio writes it
                                          ("unix:/tmp/s", "unix:/tmp/s")])
def test_client_address(peer, address):
    assert client_address(peer) == address


TRUSTED = parse_networks("127.0.0.1, 10.0.0.0/8")


@pytest.mark.parametrize(("peer", "metadata", "address"), [
    # a trusted front-end names its client; the nearest untrusted hop counts
    ("ipv4:127.0.0.1:5555", [("x-forwarded-for", "203.0.113.7")], "203.0.113.7"),
    ("ipv4:127.0.0.1:5555", [("x-forwarded-for", "198.51.100.1, 203.0.113.7, 10.1.2.3")], "203.0.113.7"),
    # anyone else's header is ignored, and so is a malformed one or none
    ("ipv4:192.0.2.1:5555", [("x-forwarded-for", "203.0.113.7")], "192.0.2.1"),
    ("ipv4:127.0.0.1:5555", [("x-forwarded-for", "not an address")], "127.0.0.1"),
    ("ipv4:127.0.0.1:5555", [], "127.0.0.1"),
])
def test_login_address_trusts_only_configured_proxies(peer, metadata, address):
    assert login_address(peer, metadata, TRUSTED) == address
    assert login_address(peer, metadata, ()) == client_address(peer)


def test_trusted_proxies_setting():
    from services.gateway.config import GatewaySettings
    from services.platform.settings import SettingsError

    assert GatewaySettings.from_env({"TRUSTED_PROXIES": "10.0.0.5, fd00::/8"}).trusted_proxies == parse_networks(
        "10.0.0.5,fd00::/8")
    with pytest.raises(SettingsError):
        GatewaySettings.from_env({"TRUSTED_PROXIES": "10.0.0.5, nonsense"})


def test_one_off_usernames_are_forgotten_after_the_window():
    clock = Clock()
    limiter = LoginLimiter(per_account=3, per_address=1000, window_seconds=60, clock=clock)
    for n in range(50):
        limiter.failed(f"user{n}", "10.0.0.1")
    assert len(limiter) == 101  # each name twice, the address once
    clock.now += 61
    limiter.failed("last", "10.0.0.2")  # a later failure sweeps the stale keys
    assert len(limiter) == 3


@pytest.mark.parametrize("username,password,field", [
    ("u" * 33, "password", "username"),
    ("ali\x00ce", "password", "username"),
    ("alice", "p" * 257, "password"),
    ("alice", "pass\x00word", "password"),
])
def test_login_fields_that_no_account_can_have_are_refused(username, password, field):
    with pytest.raises(InvalidArgument) as err:
        check_login_fields(username, password)
    assert [v.field for v in err.value.details[0].field_violations] == [field]


def test_ordinary_login_fields_pass():
    check_login_fields("alice", "a long password")
    check_login_fields("bob smith", "x")  # not a username, but answered as a wrong login
