"""The users use cases: accounts, passwords, tokens, quota resets."""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError

from services.platform.db import UnitOfWork
from services.platform.errors import (
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    Unauthenticated,
    shown,
)
from services.platform.identity import Caller
from services.platform.outbox import enqueue_task
from services.users.errors import quota_exhausted, require_admin
from services.users.mail import Mailer, welcome_email
from services.users.models import EmailRow, ReservationRow, TokenRow, UserRow, outbox
from services.users.validation import LOCALES, decode_token, encode_token, validate_registration

log = logging.getLogger(__name__)

# OWASP's recommended Argon2id parameters: 19 MiB, 2 iterations, 1 lane.
HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
_DUMMY_HASH = HASHER.hash("not a real password")
QUOTA_PERIOD = timedelta(days=30)
SEND_WELCOME_EMAIL = "users.send_welcome_email"


@dataclass(frozen=True)
class UserView:
    user_id: str
    username: str
    email: str
    role: str
    monthly_limit: int
    monthly_used: int
    quota_reset_at: datetime
    create_time: datetime


@dataclass(frozen=True)
class Session:
    access_token: str
    expire_time: datetime
    user: UserView


def _view(row: UserRow) -> UserView:
    """The account as a caller sees it. A period that has ended shows as already reset (nothing
    used, a new period from now), as the next reservation or beat's daily reset will make it:
    between the two, GetMe would otherwise show a spent quota with a reset time in the past."""
    used, reset_at = row.monthly_used, row.quota_reset_at
    now = datetime.now(UTC)
    if reset_at is not None and reset_at <= now - QUOTA_PERIOD:
        used, reset_at = 0, now
    return UserView(user_id=row.id, username=row.username, email=row.email, role=row.role,
                    monthly_limit=row.monthly_limit, monthly_used=used,
                    quota_reset_at=reset_at, create_time=row.create_time)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class UserService:
    def __init__(self, uow: UnitOfWork, token_ttl: timedelta, monthly_limits: dict[str, int]):
        self._uow = uow
        self._token_ttl = token_ttl
        self._limits = monthly_limits

    def create_user(self, username: str, email: str, password: str, role: str = "student",
                    locale: str = "") -> UserView:
        """A new account; its welcome email is queued in the same transaction (outbox)."""
        validate_registration(username, email, password)
        # "zh-CN", "zh_Hans", "ZH", "en-US" name the same languages as "zh" and "en"
        language = locale.strip().lower().replace("_", "-").split("-")[0]
        if language in LOCALES and language:
            locale = language
        if locale not in LOCALES:
            raise InvalidArgument({"locale": f"must be one of {', '.join(repr(x) for x in LOCALES)}"})
        password_hash = HASHER.hash(password)
        user_id = str(uuid.uuid4())
        try:
            with self._uow() as session:
                self._raise_if_taken(session, username, email)
                session.execute(insert(UserRow).values(
                    id=user_id, username=username, username_key=username.lower(), email=email,
                    email_key=email.lower(), password_hash=password_hash, role=role, locale=locale or "en",
                    monthly_limit=self._limits[role], monthly_used=0,
                    quota_reset_at=datetime.now(UTC)))
                enqueue_task(session, outbox, SEND_WELCOME_EMAIL, str(uuid.uuid4()), [user_id], queue="users")
                return _view(session.get(UserRow, user_id))
        except IntegrityError:
            with self._uow() as session:  # a concurrent registration took the name first
                self._raise_if_taken(session, username, email)
            raise

    @staticmethod
    def _raise_if_taken(session, username: str, email: str) -> None:
        taken = session.execute(select(UserRow.username_key, UserRow.email_key).where(
            (UserRow.username_key == username.lower()) | (UserRow.email_key == email.lower()))).first()
        if taken is None:
            return
        if taken.username_key == username.lower():
            raise AlreadyExists(f"username {shown(username)} is taken", reason="USERNAME_TAKEN")
        raise AlreadyExists(f"email {shown(email)} is already registered", reason="EMAIL_TAKEN")

    def login(self, username: str, password: str) -> Session:
        if not username or not password:
            raise InvalidArgument({k: "must not be empty" for k, v in
                                   (("username", username), ("password", password)) if not v})
        with self._uow() as session:
            row = session.scalars(select(UserRow).where(UserRow.username_key == username.lower())).first()
            stored = row.password_hash if row else _DUMMY_HASH
            try:
                HASHER.verify(stored, password)
            except (VerificationError, InvalidHashError):
                row = None
            if row is None:
                # One answer for an unknown user and a wrong password.
                raise Unauthenticated("wrong username or password")
            token = secrets.token_urlsafe(32)
            expire_time = datetime.now(UTC) + self._token_ttl
            session.execute(insert(TokenRow).values(token_hash=token_hash(token), user_id=row.id,
                                                    expire_time=expire_time))
            if HASHER.check_needs_rehash(row.password_hash):
                row.password_hash = HASHER.hash(password)
            return Session(access_token=token, expire_time=expire_time, user=_view(row))

    def logout(self, token: str) -> None:
        with self._uow() as session:
            session.execute(update(TokenRow).where(TokenRow.token_hash == token_hash(token),
                                                   TokenRow.revoke_time.is_(None))
                            .values(revoke_time=datetime.now(UTC)))

    def validate_token(self, token: str) -> tuple[UserView, datetime]:
        if not token:
            raise Unauthenticated()
        with self._uow() as session:
            found = session.execute(
                select(UserRow, TokenRow.expire_time).join(TokenRow, TokenRow.user_id == UserRow.id)
                .where(TokenRow.token_hash == token_hash(token), TokenRow.revoke_time.is_(None),
                       TokenRow.expire_time > datetime.now(UTC))).first()
            if found is None:
                raise Unauthenticated()
            return _view(found[0]), found[1]

    def get_user(self, user_id: str) -> UserView:
        try:
            user_id = str(uuid.UUID(user_id))
        except ValueError:
            raise NotFound(f"user {shown(user_id)} not found") from None
        with self._uow() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise NotFound(f"user {shown(user_id)} not found")
            return _view(row)

    # --- quota ----------------------------------------------------------------------------

    def reserve_quota(self, user_id: str, key: str) -> UserView:
        """Charges one essay to the user's month, once per ``key``; a conditional UPDATE, so
        concurrent reservations cannot overdraw the limit."""
        if not key:
            raise InvalidArgument({"key": "must not be empty"})
        with self._uow() as session:
            # The account's row first: reserves of one user, of one key above all, wait here for
            # each other, and each then sees what the one before it committed.
            session.execute(select(UserRow.id).where(UserRow.id == user_id).with_for_update())
            reservation = session.get(ReservationRow, (user_id, key), with_for_update=True, populate_existing=True)
            if reservation is not None and reservation.release_time is None:
                return _view(session.get(UserRow, user_id))  # already charged for this key
            now = datetime.now(UTC)
            # A period that has ended starts again here, as beat's daily reset would have done:
            # the reset time a refused user was told is when submitting works again.
            session.execute(update(UserRow).where(UserRow.id == user_id, UserRow.quota_reset_at <= now - QUOTA_PERIOD)
                            .values(monthly_used=0, quota_reset_at=now))
            charged = session.execute(
                update(UserRow).where(UserRow.id == user_id, UserRow.monthly_used < UserRow.monthly_limit)
                .values(monthly_used=UserRow.monthly_used + 1).returning(UserRow.id)).first()
            if charged is None:
                row = session.get(UserRow, user_id)
                if row is None:
                    raise NotFound(f"user {shown(user_id)} not found")
                raise quota_exhausted(_view(row))
            if reservation is None:
                session.execute(insert(ReservationRow).values(user_id=user_id, key=key))
            else:  # charged again after a release: the reservation holds again
                session.execute(update(ReservationRow).where(ReservationRow.user_id == user_id,
                                                             ReservationRow.key == key).values(release_time=None))
            session.expire_all()
            return _view(session.get(UserRow, user_id))

    def release_quota(self, user_id: str, key: str) -> UserView:
        """Gives back a reservation (idempotent)."""
        with self._uow() as session:
            # The account's row first, in the order reserve_quota takes them.
            session.execute(select(UserRow.id).where(UserRow.id == user_id).with_for_update())
            released = session.execute(
                update(ReservationRow).where(ReservationRow.user_id == user_id, ReservationRow.key == key,
                                             ReservationRow.release_time.is_(None))
                .values(release_time=datetime.now(UTC)).returning(ReservationRow.key)).first()
            if released is not None:
                session.execute(update(UserRow).where(UserRow.id == user_id, UserRow.monthly_used > 0)
                                .values(monthly_used=UserRow.monthly_used - 1))
            row = session.get(UserRow, user_id)
            if row is None:
                raise NotFound(f"user {shown(user_id)} not found")
            session.refresh(row)
            return _view(row)

    # --- administration -------------------------------------------------------------------

    def list_users(self, caller: Caller, page_size: int, page_token: str) -> tuple[list[UserView], str]:
        require_admin(caller)
        if page_size < 0:
            raise InvalidArgument({"page_size": "must not be negative"})
        size = min(page_size or 20, 100)
        query = select(UserRow).order_by(UserRow.username_key).limit(size + 1)
        if page_token:
            query = query.where(UserRow.username_key > decode_token(page_token))
        with self._uow() as session:
            rows = list(session.scalars(query))
        views = [_view(r) for r in rows[:size]]
        return views, (encode_token(rows[size - 1].username_key) if len(rows) > size else "")

    def update_user(self, caller: Caller, user_id: str, role: str | None, monthly_limit: int | None) -> UserView:
        require_admin(caller)
        violations = {}
        if not user_id:
            violations["user_id"] = "must not be empty"
        if role is not None and role not in self._limits:
            violations["role"] = "is not a role"
        if monthly_limit is not None and not 0 <= monthly_limit <= 1_000_000:
            violations["monthly_limit"] = "must be between 1 and 1000000 (0 leaves the limit as it is)"
        if role is None and monthly_limit is None:
            violations["role"] = "nothing to change: give a role, a monthly_limit or both"
        if violations:
            raise InvalidArgument(violations)
        target = self.get_user(user_id)
        values = {}
        if role is not None:
            values["role"] = role
            if role != target.role:  # a new role brings its own limit, unless one is given
                values["monthly_limit"] = self._limits[role]
        if monthly_limit is not None:
            values["monthly_limit"] = monthly_limit
        if values:
            with self._uow() as session:
                if values.get("role", "admin") != "admin":
                    # Read with the admins locked, not from before: two admins demoting each other
                    # at once, or a change racing a promotion, cannot leave none.
                    admins = session.scalars(select(UserRow.id).where(UserRow.role == "admin").with_for_update()).all()
                    if target.user_id in {str(a) for a in admins} and len(admins) <= 1:
                        raise FailedPrecondition("the last admin cannot stop being one; make another admin first",
                                                 reason="LAST_ADMIN")
                session.execute(update(UserRow).where(UserRow.id == target.user_id).values(**values))
            log.info("user %s updated by %s: %s", target.user_id, caller.user_id, values)
        return self.get_user(target.user_id)

    # --- email ------------------------------------------------------------------------------

    def send_welcome_email(self, user_id: str, mailer: Mailer) -> bool:
        """Sends the welcome email once: a redelivered task finds it recorded and does nothing.
        Transient SMTP failures raise ``TransientMailError`` for the caller to retry."""
        user = self.get_user(user_id)
        with self._uow() as session:
            if session.get(EmailRow, (user.user_id, "welcome")) is not None:
                return False
            locale = session.get(UserRow, user.user_id).locale
        message = welcome_email(user, locale, mailer.sender)
        mailer.send(message)
        with self._uow() as session:
            session.execute(pg_insert(EmailRow).values(user_id=user.user_id, kind="welcome",
                                                       message_id=message["Message-ID"]).on_conflict_do_nothing())
        log.info("welcome email sent to user %s", user.user_id)
        return True

    def reset_monthly_quota(self, now: datetime | None = None) -> int:
        """Resets the used count of every user whose period (30 days) has ended; idempotent."""
        now = now or datetime.now(UTC)
        with self._uow() as session:
            result = session.execute(update(UserRow).where(UserRow.quota_reset_at <= now - QUOTA_PERIOD)
                                     .values(monthly_used=0, quota_reset_at=now))
            count = result.rowcount
        log.info("monthly quota reset for %d user(s)", count)
        return count
