"""answers in turn across processes: who wrote each claimed message, whether an answer is held
behind it, and which claim an outbox row is held behind

Revision ID: wxorder2_0001
Revises: desk_0002
Create Date: 2026-12-06 07:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'wxorder2_0001'
down_revision = 'desk_0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a later message's answer stored in one process must not overtake an earlier message's answer
    # still being made in another: the claims say whose they are, and the held answer what it waits for
    with op.batch_alter_table('processed_updates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('person', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('behind', sa.Boolean(), nullable=True))
        batch_op.create_index('ix_processed_updates_person_open', ['person', 'seen_at'], unique=False,
                              postgresql_where=sa.text('done_at IS NULL'), sqlite_where=sa.text('done_at IS NULL'))
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('held_by', sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('held_by')
    with op.batch_alter_table('processed_updates', schema=None) as batch_op:
        batch_op.drop_index('ix_processed_updates_person_open',
                            postgresql_where=sa.text('done_at IS NULL'), sqlite_where=sa.text('done_at IS NULL'))
        batch_op.drop_column('behind')
        batch_op.drop_column('person')
