"""dialog states: when the sweep should next look at them

Revision ID: 0002_dialog_due
Revises: 0001
Create Date: 2026-11-24 09:00:00
"""
from alembic import op
import sqlalchemy as sa
import core.db.types

revision = '0002_dialog_due'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # drafts left alone get a reminder, then expire: the sweep reads only rows that are due,
    # not every conversation that ever happened
    with op.batch_alter_table('dialog_states', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_at', core.db.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_dialog_states_due_at'), ['due_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('dialog_states', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dialog_states_due_at'))
        batch_op.drop_column('due_at')
