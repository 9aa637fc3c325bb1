import pytest

from services.platform.errors import InvalidArgument
from services.users.validation import validate_registration


def test_valid_registration_passes():
    validate_registration("alice_01", "alice@example.com", "eight ch")
    validate_registration("a-b", "a.b+c@sub.example.org", "p" * 256)


@pytest.mark.parametrize("username", ["ab", "a" * 33, "has space", "émile", "semi;colon", ""])
def test_bad_usernames(username):
    with pytest.raises(InvalidArgument) as err:
        validate_registration(username, "a@example.com", "password")
    assert list(err.value.violations) == ["username"]


@pytest.mark.parametrize("email", ["", "plain", "a@b", "a@@example.com", "a b@example.com", "a@example..com",
                                   "a@" + "x" * 250 + ".com", "a" * 65 + "@example.com", "a..b@example.com",
                                   ".a@example.com", "a.@example.com"])
def test_bad_emails(email):
    with pytest.raises(InvalidArgument) as err:
        validate_registration("alice", email, "password")
    assert list(err.value.violations) == ["email"]


@pytest.mark.parametrize("password", ["", "seven c", "é" * 129, "p" * 257])
def test_bad_passwords(password):
    with pytest.raises(InvalidArgument) as err:
        validate_registration("alice", "a@example.com", password)
    assert list(err.value.violations) == ["password"]


def test_all_violations_together():
    with pytest.raises(InvalidArgument) as err:
        validate_registration("x", "y", "z")
    assert set(err.value.violations) == {"username", "email", "password"}
