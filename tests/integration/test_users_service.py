"""The users use cases against the real PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from sqlalchemy import update

from services.platform.errors import (
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    ServiceError,
    Unauthenticated,
)
from services.platform.identity import Caller
from services.users.models import UserRow
from services.users.service import UserService


@pytest.fixture()
def users(uow):
    return UserService(uow, timedelta(hours=1), {"student": 5, "teacher": 50, "admin": 500})


def name() -> str:
    return "u" + uuid.uuid4().hex[:12]


def test_register_login_validate_logout(users):
    username = name()
    created = users.create_user(username, f"{username}@example.com", "s3cret-pass")
    assert (created.role, created.monthly_limit, created.monthly_used) == ("student", 5, 0)
    session = users.login(username.upper(), "s3cret-pass")
    user, expires = users.validate_token(session.access_token)
    assert user.user_id == created.user_id and expires > datetime.now(UTC)
    users.logout(session.access_token)
    with pytest.raises(Unauthenticated):
        users.validate_token(session.access_token)


def test_passwords_are_stored_as_argon2id(users, uow):
    username = name()
    created = users.create_user(username, f"{username}@example.com", "s3cret-pass")
    with uow() as s:
        stored = s.get(UserRow, created.user_id).password_hash
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$") and "s3cret" not in stored


def test_wrong_password_and_unknown_user_are_the_same(users):
    username = name()
    users.create_user(username, f"{username}@example.com", "s3cret-pass")
    with pytest.raises(Unauthenticated) as wrong:
        users.login(username, "wrong-pass")
    with pytest.raises(Unauthenticated) as unknown:
        users.login(name(), "wrong-pass")
    assert str(wrong.value) == str(unknown.value)


def test_taken_names_and_emails(users):
    username = name()
    users.create_user(username, f"{username}@example.com", "s3cret-pass")
    with pytest.raises(AlreadyExists):
        users.create_user(username.upper(), "new@example.com", "s3cret-pass")
    with pytest.raises(AlreadyExists):
        users.create_user(name(), f"{username.upper()}@EXAMPLE.com", "s3cret-pass")


def test_expired_tokens_are_refused(uow):
    short = UserService(uow, timedelta(seconds=-1), {"student": 1, "teacher": 1, "admin": 1})
    username = name()
    short.create_user(username, f"{username}@example.com", "s3cret-pass")
    token = short.login(username, "s3cret-pass").access_token
    with pytest.raises(Unauthenticated):
        short.validate_token(token)


def test_unknown_user_id(users):
    with pytest.raises(NotFound):
        users.get_user(str(uuid.uuid4()))
    with pytest.raises(NotFound):
        users.get_user("nope")


def test_unknown_ids_are_not_echoed_at_length(users):
    with pytest.raises(NotFound) as err:
        users.get_user("x" * 60_000)
    assert len(err.value.message) < 100


def test_a_new_role_brings_its_limit_unless_one_is_given(users):
    admin = Caller(str(uuid.uuid4()), "admin")
    user = users.create_user(name(), f"{name()}@example.com", "s3cret-pass")
    teacher = users.update_user(admin, user.user_id, "teacher", None)
    assert (teacher.role, teacher.monthly_limit) == ("teacher", 50)
    custom = users.update_user(admin, user.user_id, "student", 7)
    assert (custom.role, custom.monthly_limit) == ("student", 7)
    same_role = users.update_user(admin, user.user_id, "student", None)
    assert same_role.monthly_limit == 7  # the role did not change: the limit stays
    with pytest.raises(InvalidArgument) as err:
        users.update_user(admin, "", "teacher", None)
    assert list(err.value.violations) == ["user_id"]
    with pytest.raises(InvalidArgument) as err:
        users.update_user(admin, user.user_id, None, None)  # nothing to change
    assert "nothing to change" in err.value.violations["role"]


def test_the_last_admin_stays_an_admin(users, uow):
    with uow() as session:  # a database of its own per test run: start from no admin
        session.execute(update(UserRow).where(UserRow.role == "admin").values(role="teacher"))
    first = users.create_user(name(), f"{name()}@example.com", "s3cret-pass", role="admin")
    caller = Caller(first.user_id, "admin")
    with pytest.raises(FailedPrecondition) as err:
        users.update_user(caller, first.user_id, "student", None)
    assert err.value.details[0].reason == "LAST_ADMIN"
    second = users.create_user(name(), f"{name()}@example.com", "s3cret-pass", role="admin")
    assert users.update_user(caller, second.user_id, "teacher", None).role == "teacher"
    users.update_user(caller, second.user_id, "admin", None)
    assert users.update_user(caller, first.user_id, "student", None).role == "student"


def test_quota_reset_runs_once_per_period(users, uow):
    username = name()
    user = users.create_user(username, f"{username}@example.com", "s3cret-pass")
    long_ago = datetime.now(UTC) - timedelta(days=31)
    with uow() as s:
        s.execute(update(UserRow).where(UserRow.id == user.user_id)
                  .values(monthly_used=4, quota_reset_at=long_ago))
    assert users.reset_monthly_quota() >= 1
    after = users.get_user(user.user_id)
    assert after.monthly_used == 0 and after.quota_reset_at > long_ago
    with uow() as s:
        s.execute(update(UserRow).where(UserRow.id == user.user_id).values(monthly_used=2))
    users.reset_monthly_quota()
    assert users.get_user(user.user_id).monthly_used == 2, "a second run in the same period changes nothing"


@pytest.mark.parametrize("token", ["!!", "YQBi", "a" * 300, "4pyT"])
def test_a_users_page_token_it_did_not_make_is_invalid_argument(users, token):
    with pytest.raises(InvalidArgument):
        users.list_users(Caller(str(uuid.uuid4()), "admin"), 10, token)


def test_users_page_tokens_round_trip(users):
    for _ in range(3):
        username = name()
        users.create_user(username, f"{username}@example.com", "long-password")
    admin = Caller(str(uuid.uuid4()), "admin")
    first, token = users.list_users(admin, 2, "")
    second, _ = users.list_users(admin, 2, token)
    assert token and second and second[0].username > first[-1].username


def test_a_period_that_has_ended_starts_again_at_the_next_reservation(users, uow):
    username = name()
    user = users.create_user(username, f"{username}@example.com", "long-password")
    for n in range(user.monthly_limit):
        users.reserve_quota(user.user_id, f"essay-{n}")
    with pytest.raises(ServiceError) as refused:
        users.reserve_quota(user.user_id, "one-too-many")
    assert refused.value.code == grpc.StatusCode.RESOURCE_EXHAUSTED
    with uow() as session:  # the reset time the refusal named has passed; beat has not run yet
        session.execute(update(UserRow).where(UserRow.id == user.user_id)
                        .values(quota_reset_at=datetime.now(UTC) - timedelta(days=31)))
    after = users.reserve_quota(user.user_id, "next-period")
    assert after.monthly_used == 1


def test_an_account_whose_period_has_ended_shows_its_quota_reset_before_beat_runs(users, uow):
    username = name()
    user = users.create_user(username, f"{username}@example.com", "long-password")
    with uow() as session:
        session.execute(update(UserRow).where(UserRow.id == user.user_id)
                        .values(monthly_used=user.monthly_limit, quota_reset_at=datetime.now(UTC) - timedelta(days=31)))
    shown = users.get_user(user.user_id)
    assert shown.monthly_used == 0
    assert shown.quota_reset_at + timedelta(days=30) > datetime.now(UTC), "the next reset is ahead, not behind"
    with uow() as session:  # only shown so: the row itself waits for a reservation or beat
        assert session.get(UserRow, user.user_id).monthly_used == user.monthly_limit


@pytest.mark.parametrize("given,stored", [("zh-CN", "zh"), ("ZH", "zh"), ("zh_Hans", "zh"), ("en-US", "en"), ("", "en")])
def test_locales_in_their_common_spellings(users, uow, given, stored):
    username = name()
    user = users.create_user(username, f"{username}@example.com", "long-password", locale=given)
    with uow() as session:
        assert session.get(UserRow, user.user_id).locale == stored


def test_an_unknown_locale_is_refused(users):
    with pytest.raises(InvalidArgument):
        users.create_user(name(), f"{name()}@example.com", "long-password", locale="fr-FR")
