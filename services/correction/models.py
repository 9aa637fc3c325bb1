"""The correction service's tables (schema "correction"): essays, results, events, outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.platform.outbox import outbox_table

SCHEMA = "correction"


class Base(DeclarativeBase):
    metadata = MetaData(schema=SCHEMA)


class EssayRow(Base):
    __tablename__ = "essays"

    id: Mapped[str] = mapped_column(UUID(as_uuid=False), primary_key=True)
    task_id: Mapped[str] = mapped_column(UUID(as_uuid=False), unique=True, nullable=False)
    user_id: Mapped[str] = mapped_column(String(64), nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    grade: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    state: Mapped[str] = mapped_column(String(16), nullable=False)
    attempt: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    error: Mapped[str] = mapped_column(Text, nullable=False, default="")
    last_seq: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    request_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    request_fingerprint: Mapped[str | None] = mapped_column(String(64), nullable=True)
    submit_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False,
                                                  server_default=func.now())
    update_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False,
                                                  server_default=func.now())
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    __table_args__ = (
        Index("ix_essays_user_submit", "user_id", text("submit_time DESC"), text("id DESC")),
        Index("uq_essays_user_request", "user_id", "request_id", unique=True,
              postgresql_where=text("request_id IS NOT NULL")),
    )


class ResultRow(Base):
    __tablename__ = "results"

    essay_id: Mapped[str] = mapped_column(UUID(as_uuid=False), ForeignKey("essays.id"), primary_key=True)
    attempt: Mapped[int] = mapped_column(Integer, nullable=False)
    result: Mapped[dict] = mapped_column(JSONB, nullable=False)
    create_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False,
                                                  server_default=func.now())


class EventRow(Base):
    __tablename__ = "essay_events"

    essay_id: Mapped[str] = mapped_column(UUID(as_uuid=False), ForeignKey("essays.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    state: Mapped[str] = mapped_column(String(16), nullable=False)
    message: Mapped[str] = mapped_column(Text, nullable=False, default="")
    progress_percent: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    attempt: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False,
                                           server_default=func.now())


class NotificationRow(Base):
    __tablename__ = "notifications"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    notification_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    essay_id: Mapped[str] = mapped_column(UUID(as_uuid=False), nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    state: Mapped[str] = mapped_column(String(16), nullable=False)
    message: Mapped[str] = mapped_column(Text, nullable=False, default="")
    score_total: Mapped[float | None] = mapped_column(Float, nullable=True)
    create_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    read_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class NotificationCounterRow(Base):
    __tablename__ = "notification_counters"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_id: Mapped[int] = mapped_column(BigInteger, nullable=False)


class QuotaHoldRow(Base):
    """A quota reservation asked of the users service for an essay not written yet. Written (and
    committed) before the users service is asked, deleted in the essay's own transaction: one
    left behind is a charge whose essay never came (a crash, a timeout), given back later by
    CorrectionService.release_abandoned_holds."""

    __tablename__ = "quota_holds"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_id: Mapped[str | None] = mapped_column(String(128), nullable=True)  # of a request-keyed hold
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())


outbox = outbox_table(Base.metadata, SCHEMA)
