"""Login throttling: too many failed logins for one account or from one address are refused
for a while (RESOURCE_EXHAUSTED with RetryInfo), which makes password guessing slow."""

from __future__ import annotations

import ipaddress
import re
import time
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from urllib.parse import unquote

from services.platform.errors import InvalidArgument, RateLimited

# What a login may carry at most: usernames are 3 to 32 characters, passwords at most 256 bytes
# (the users service's own rules). Anything longer, or with control characters, is refused before
# it is counted or looked up.
MAX_USERNAME_CHARS = 32
MAX_PASSWORD_BYTES = 256
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_login_fields(username: str, password: str) -> None:
    violations = {}
    if len(username) > MAX_USERNAME_CHARS or _CONTROL.search(username):
        violations["username"] = (f"is not a username: at most {MAX_USERNAME_CHARS} letters, digits, "
                                  "'_' or '-'")
    if len(password.encode("utf-8", "surrogatepass")) > MAX_PASSWORD_BYTES:
        violations["password"] = f"is longer than any password (at most {MAX_PASSWORD_BYTES} bytes)"
    elif "\x00" in password:
        violations["password"] = "must not contain NUL characters"
    if violations:
        raise InvalidArgument(violations)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(raw: str) -> tuple[Network, ...]:
    """"10.0.0.5, 10.1.0.0/16" -> networks; raises ValueError on a malformed entry."""
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in raw.split(",") if part.strip())


def login_address(peer: str, metadata: Iterable[tuple[str, str]], trusted: Sequence[Network]) -> str:
    """The address a login is counted against: the peer's, or, when the peer is a trusted proxy
    (a front-end service), the nearest untrusted address of its ``x-forwarded-for`` header.
    Without it, every user behind one front-end would share one address and its limit."""
    address = client_address(peer)
    if not trusted or not _within(address, trusted):
        return address
    hops = [hop.strip() for key, value in metadata if key == "x-forwarded-for" for hop in value.split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _within(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return address  # a malformed header: count the proxy itself
    return address


def _within(address: str, networks: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(peer: str) -> str:
    """"ipv4:127.0.0.1:5555" -> "127.0.0.1"; "ipv6:[::1]:5555" (which grpcio also writes
    "ipv6:%5B::1%5D:5555") -> "::1"."""
    kind, _, rest = unquote(peer).partition(":")
    if kind == "ipv6":
        return rest.rsplit("]", 1)[0].lstrip("[")
    return rest.rsplit(":", 1)[0] if kind == "ipv4" else peer


class LoginLimiter:
    """Failed logins within a sliding window, counted three ways:

    * per account and address (``per_account``): a guesser is stopped after a few tries, and
      the account's owner, elsewhere, is not locked out by them;
    * per account from anywhere (``ACCOUNT_SPREAD`` times that): guessing spread over many
      addresses is bounded too;
    * per address (``per_address``): one address trying many accounts is stopped.
    """

    ACCOUNT_SPREAD = 10

    def __init__(self, per_account: int = 5, per_address: int = 30, window_seconds: float = 300.0,
                 clock=time.monotonic):
        self._limits = {"account at address": per_account, "account": per_account * self.ACCOUNT_SPREAD,
                        "address": per_address}
        self._window = window_seconds
        self._clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._pruned = clock()

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        failures, horizon = self._failures[key], self._clock() - self._window
        while failures and failures[0] < horizon:
            failures.popleft()
        if not failures:
            del self._failures[key]
            return deque()
        return failures

    @staticmethod
    def _keys(username: str, address: str) -> tuple[tuple[str, str], ...]:
        account = username.lower()
        return (("account at address", f"{account}\n{address}"), ("account", account), ("address", address))

    def check(self, username: str, address: str) -> None:
        for key in self._keys(username, address):
            failures = self._recent(key)
            if len(failures) >= self._limits[key[0]]:
                retry_after = max(1.0, failures[0] + self._window - self._clock())
                what = "this account" if key[0] != "address" else "this address"
                raise RateLimited(f"too many failed logins for {what}; try again in {retry_after:.0f}s",
                                  retry_after)

    def failed(self, username: str, address: str) -> None:
        now = self._clock()
        for key in self._keys(username, address):
            self._failures[key].append(now)
        if now - self._pruned >= self._window / 10:
            self._prune(now)

    def _prune(self, now: float) -> None:
        """Forgets the keys whose failures are all older than the window: one-off usernames and
        addresses do not stay in memory."""
        self._pruned = now
        horizon = now - self._window
        for key in [k for k, failures in self._failures.items() if not failures or failures[-1] < horizon]:
            del self._failures[key]

    def __len__(self) -> int:
        return len(self._failures)

    def succeeded(self, username: str, address: str) -> None:
        self._failures.pop(self._keys(username, address)[0], None)
