"""Checks of account fields: every violation is reported at once."""

from __future__ import annotations

import base64
import re

from services.platform.errors import InvalidArgument

USERNAME = re.compile(r"[A-Za-z0-9_-]{3,32}")
# Practical form check (RFC 5322 is wider): local@domain.tld, no spaces or control characters;
# the local part at most 64 characters, without a dot at either end or two in a row.
EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+")
LOCALES = ("", "en", "zh")
MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_BYTES = 256


def validate_registration(username: str, email: str, password: str) -> None:
    violations: dict[str, str] = {}
    if not USERNAME.fullmatch(username):
        violations["username"] = "must be 3 to 32 letters, digits, '_' or '-'"
    local = email.rpartition("@")[0]
    if (len(email) > 254 or not EMAIL.fullmatch(email) or len(local) > 64
            or local.startswith(".") or local.endswith(".") or ".." in local):
        violations["email"] = "must be a valid email address"
    if len(password) < MIN_PASSWORD_CHARS:
        violations["password"] = f"must be at least {MIN_PASSWORD_CHARS} characters"
    elif len(password.encode("utf-8", "surrogatepass")) > MAX_PASSWORD_BYTES:
        violations["password"] = f"must be at most {MAX_PASSWORD_BYTES} bytes"
    elif "\x00" in password:
        violations["password"] = "must not contain NUL characters"
    if violations:
        raise InvalidArgument(violations)


def encode_token(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


def decode_token(token: str) -> str:
    """The username key a page token names; anything else is INVALID_ARGUMENT."""
    try:
        key = base64.b64decode(token + "=" * (-len(token) % 4), altchars=b"-_", validate=True).decode()
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidArgument({"page_token": "is not a token this service returned"}) from exc
    if not USERNAME.fullmatch(key):
        raise InvalidArgument({"page_token": "is not a token this service returned"})
    return key
