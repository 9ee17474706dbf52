"""the desk queue's indexes: newest open first, any status by deadline / newest (keyset pages),
the per-filter counts from one covering index, merged tickets, a phone's last four digits

Revision ID: deskperf_0001
Revises: wecom_0002
Create Date: 2026-12-06 04:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'deskperf_0001'
down_revision = 'wecom_0002'
branch_labels = None
depends_on = None

_OPEN = "status IN ('accepted', 'assigned', 'reopened', 'returned', 'submitted')"


def upgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        # superseded by ix_tickets_status_due, which starts with the status
        batch_op.drop_index('ix_tickets_status')
        batch_op.create_index('ix_tickets_open_created', ['created_at', 'id'], unique=False,
                              postgresql_where=sa.text(_OPEN), sqlite_where=sa.text(_OPEN))
        batch_op.create_index('ix_tickets_status_due', ['status', 'due_at', 'id'], unique=False)
        batch_op.create_index('ix_tickets_status_created', ['status', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_tickets_open_facets',
                              ['status', 'urgency', 'category', 'grid_id', 'needs_dispatcher', 'due_at'],
                              unique=False, postgresql_where=sa.text(_OPEN), sqlite_where=sa.text(_OPEN))
        batch_op.create_index('ix_tickets_merged_into', ['merged_into_id'], unique=False,
                              postgresql_where=sa.text('merged_into_id IS NOT NULL'),
                              sqlite_where=sa.text('merged_into_id IS NOT NULL'))
    if op.get_context().dialect.name == 'postgresql':
        op.execute('CREATE INDEX ix_tickets_phone_last4 ON tickets (right(contact_phone, 4))')


def downgrade() -> None:
    if op.get_context().dialect.name == 'postgresql':
        op.execute('DROP INDEX ix_tickets_phone_last4')
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_index('ix_tickets_merged_into')
        batch_op.drop_index('ix_tickets_open_facets')
        batch_op.drop_index('ix_tickets_status_created')
        batch_op.drop_index('ix_tickets_status_due')
        batch_op.drop_index('ix_tickets_open_created')
        batch_op.create_index('ix_tickets_status', ['status'], unique=False)
