"""processed_updates: an owner and a lease for each unanswered claim

Revision ID: hostile_0001
Revises: 0003_followthrough
Create Date: 2026-12-06 09:00:00
"""
import sqlalchemy as sa
from alembic import op

import core.db.types

revision = 'hostile_0001'
down_revision = '0003_followthrough'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a process killed between claiming a message and answering it left the claim for good: with an
    # owner and a lease, the next attempt takes over a claim nobody renews
    with op.batch_alter_table('processed_updates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('lease_until', core.db.types.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('processed_updates', schema=None) as batch_op:
        batch_op.drop_column('lease_until')
        batch_op.drop_column('owner')
