"""wecom cards: kind, message id, replacement and retirement (cards refreshed on every change)

Revision ID: wecom_0002
Revises: wecom_0001
Create Date: 2026-12-06 04:20:00
"""
from alembic import op
import sqlalchemy as sa
import core.db.types

revision = 'wecom_0002'
down_revision = 'wecom_0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('wecom_cards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=1), server_default='g', nullable=False))
        batch_op.add_column(sa.Column('msgid', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('replaced_by', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('retired_at', core.db.types.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('wecom_cards', schema=None) as batch_op:
        batch_op.drop_column('retired_at')
        batch_op.drop_column('replaced_by')
        batch_op.drop_column('msgid')
        batch_op.drop_column('kind')
