"""accounts, tokens and the outbox

Revision ID: u0001
Revises:
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "u0001"
down_revision = None
branch_labels = None
depends_on = None

S = "users"


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", UUID(as_uuid=False), primary_key=True),
        sa.Column("username", sa.String(32), nullable=False),
        sa.Column("username_key", sa.String(32), nullable=False, unique=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("email_key", sa.String(254), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(256), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("locale", sa.String(16), nullable=False, server_default="en"),
        sa.Column("monthly_limit", sa.Integer, nullable=False),
        sa.Column("monthly_used", sa.Integer, nullable=False, server_default="0"),
        sa.Column("quota_reset_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("create_time", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("monthly_used >= 0", name="ck_accounts_used_nonnegative"),
        schema=S,
    )
    op.create_table(
        "tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", UUID(as_uuid=False), sa.ForeignKey(f"{S}.accounts.id"), nullable=False),
        sa.Column("create_time", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("expire_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoke_time", sa.DateTime(timezone=True), nullable=True),
        schema=S,
    )
    op.create_index("ix_tokens_user", "tokens", ["user_id"], schema=S)
    op.create_table(
        "quota_reservations",
        sa.Column("user_id", UUID(as_uuid=False), sa.ForeignKey(f"{S}.accounts.id"), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("create_time", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("release_time", sa.DateTime(timezone=True), nullable=True),
        schema=S,
    )
    op.create_table(
        "emails_sent",
        sa.Column("user_id", UUID(as_uuid=False), sa.ForeignKey(f"{S}.accounts.id"), primary_key=True),
        sa.Column("kind", sa.String(32), primary_key=True),
        sa.Column("message_id", sa.String(255), nullable=False),
        sa.Column("send_time", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
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
    for table in ("outbox", "emails_sent", "quota_reservations", "tokens", "accounts"):
        op.drop_table(table, schema=S)
