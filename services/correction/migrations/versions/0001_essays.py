"""essays, results, events and the outbox

Revision ID: c0001
Revises:
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None

S = "correction"


def upgrade() -> None:
    op.create_table(
        "essays",
        sa.Column("id", UUID(as_uuid=False), primary_key=True),
        sa.Column("task_id", UUID(as_uuid=False), nullable=False, unique=True),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("grade", sa.String(32), nullable=False, server_default=""),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempt", sa.Integer, nullable=False, server_default="0"),
        sa.Column("error", sa.Text, nullable=False, server_default=""),
        sa.Column("last_seq", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("request_id", sa.String(128), nullable=True),
        sa.Column("request_fingerprint", sa.String(64), nullable=True),
        sa.Column("submit_time", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("update_time", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        schema=S,
    )
    op.create_index("ix_essays_user_submit", "essays",
                    ["user_id", sa.text("submit_time DESC"), sa.text("id DESC")], schema=S)
    op.create_index("uq_essays_user_request", "essays", ["user_id", "request_id"], unique=True,
                    schema=S, postgresql_where=sa.text("request_id IS NOT NULL"))
    op.create_index("ix_essays_state_update", "essays", ["state", "update_time"], schema=S)
    op.create_table(
        "results",
        sa.Column("essay_id", UUID(as_uuid=False), sa.ForeignKey(f"{S}.essays.id"), primary_key=True),
        sa.Column("attempt", sa.Integer, nullable=False),
        sa.Column("result", JSONB, nullable=False),
        sa.Column("create_time", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        schema=S,
    )
    op.create_table(
        "essay_events",
        sa.Column("essay_id", UUID(as_uuid=False), sa.ForeignKey(f"{S}.essays.id"), primary_key=True),
        sa.Column("seq", sa.BigInteger, primary_key=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("message", sa.Text, nullable=False, server_default=""),
        sa.Column("progress_percent", sa.Integer, nullable=False, server_default="0"),
        sa.Column("attempt", sa.Integer, nullable=False, server_default="0"),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        schema=S,
    )
    op.create_table(
        "notifications",
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("notification_id", sa.BigInteger, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("essay_id", UUID(as_uuid=False), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("message", sa.Text, nullable=False, server_default=""),
        sa.Column("score_total", sa.Float, nullable=True),
        sa.Column("create_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_time", sa.DateTime(timezone=True), nullable=True),
        schema=S,
    )
    op.create_index("ix_notifications_unread", "notifications", ["user_id", "notification_id"], schema=S,
                    postgresql_where=sa.text("read_time IS NULL"))
    op.create_table(
        "notification_counters",
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("last_id", sa.BigInteger, nullable=False),
        schema=S,
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("payload", JSONB, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("available_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        schema=S,
    )
    op.create_index(f"ix_{S}_outbox_unsent", "outbox", ["available_at", "id"], schema=S,
                    postgresql_where=sa.text("sent_at IS NULL"))


def downgrade() -> None:
    for table in ("outbox", "notification_counters", "notifications", "essay_events", "results", "essays"):
        op.drop_table(table, schema=S)
