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
from sqlalchemy.exc import IntegrityError

from services.platform.db import UnitOfWork
from services.platform.errors import AlreadyExists, InvalidArgument, NotFound, Unauthenticated
from services.users.models import TokenRow, UserRow
from services.users.validation import validate_registration

log = logging.getLogger(__name__)

# OWASP's recommended Argon2id parameters: 19 MiB, 2 iterations, 1 lane.
HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
_DUMMY_HASH = HASHER.hash("not a real password")
QUOTA_PERIOD = timedelta(days=30)


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
    return UserView(user_id=row.id, username=row.username, email=row.email, role=row.role,
                    monthly_limit=row.monthly_limit, monthly_used=row.monthly_used,
                    quota_reset_at=row.quota_reset_at, create_time=row.create_time)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class UserService:
    def __init__(self, uow: UnitOfWork, token_ttl: timedelta, monthly_limits: dict[str, int]):
        self._uow = uow
        self._token_ttl = token_ttl
        self._limits = monthly_limits

    def create_user(self, username: str, email: str, password: str, role: str = "student") -> UserView:
        validate_registration(username, email, password)
        password_hash = HASHER.hash(password)
        user_id = str(uuid.uuid4())
        try:
            with self._uow() as session:
                self._raise_if_taken(session, username, email)
                session.execute(insert(UserRow).values(
                    id=user_id, username=username, username_key=username.lower(), email=email,
                    email_key=email.lower(), password_hash=password_hash, role=role, locale="en",
                    monthly_limit=self._limits[role], monthly_used=0,
                    quota_reset_at=datetime.now(UTC)))
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
            raise AlreadyExists(f"username {username!r} is taken", reason="USERNAME_TAKEN")
        raise AlreadyExists(f"email {email!r} is already registered", reason="EMAIL_TAKEN")

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
            raise NotFound(f"user {user_id!r} not found") from None
        with self._uow() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise NotFound(f"user {user_id!r} not found")
            return _view(row)

    def reset_monthly_quota(self, now: datetime | None = None) -> int:
        """Resets the used count of every user whose period (30 days) has ended; idempotent."""
        now = now or datetime.now(UTC)
        with self._uow() as session:
            result = session.execute(update(UserRow).where(UserRow.quota_reset_at <= now - QUOTA_PERIOD)
                                     .values(monthly_used=0, quota_reset_at=now))
            count = result.rowcount
        log.info("monthly quota reset for %d user(s)", count)
        return count
