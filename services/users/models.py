"""The users service's tables (schema "users"): accounts and login tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, MetaData, String, func
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.platform.outbox import outbox_table

SCHEMA = "users"


class Base(DeclarativeBase):
    metadata = MetaData(schema=SCHEMA)


class UserRow(Base):
    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(UUID(as_uuid=False), primary_key=True)
    username: Mapped[str] = mapped_column(String(32), nullable=False)
    username_key: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    email: Mapped[str] = mapped_column(String(254), nullable=False)
    email_key: Mapped[str] = mapped_column(String(254), nullable=False, unique=True)
    password_hash: Mapped[str] = mapped_column(String(256), nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    locale: Mapped[str] = mapped_column(String(16), nullable=False, default="en")
    monthly_limit: Mapped[int] = mapped_column(Integer, nullable=False)
    monthly_used: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    quota_reset_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False,
                                                     server_default=func.now())
    create_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False,
                                                  server_default=func.now())


class TokenRow(Base):
    __tablename__ = "tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(UUID(as_uuid=False), ForeignKey("accounts.id"), nullable=False)
    create_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False,
                                                  server_default=func.now())
    expire_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    revoke_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ReservationRow(Base):
    """One essay taken from a user's quota, by key (the essay id): charged once per key."""

    __tablename__ = "quota_reservations"

    user_id: Mapped[str] = mapped_column(UUID(as_uuid=False), ForeignKey("accounts.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    create_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False,
                                                  server_default=func.now())
    release_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class EmailRow(Base):
    """An email that was sent, so a redelivered task does not send it again."""

    __tablename__ = "emails_sent"

    user_id: Mapped[str] = mapped_column(UUID(as_uuid=False), ForeignKey("accounts.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    message_id: Mapped[str] = mapped_column(String(255), nullable=False)
    send_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False,
                                                server_default=func.now())


outbox = outbox_table(Base.metadata, SCHEMA)
