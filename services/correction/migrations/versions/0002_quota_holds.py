"""quota holds: reservations asked of the users service whose essay is not written yet

Revision ID: c0002
Revises: c0001
"""
import sqlalchemy as sa
from alembic import op

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None

S = "correction"


def upgrade() -> None:
    op.create_table(
        "quota_holds",
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("request_id", sa.String(128), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        schema=S,
    )
    op.create_index("ix_quota_holds_created", "quota_holds", ["created_at"], schema=S)


def downgrade() -> None:
    op.drop_table("quota_holds", schema=S)
