"""training: an employer may register itself (a business registration number is then optional until staff
verify it), says what work it offers, and may be refused by staff

Revision ID: 0051
Revises: 0050
Create Date: 2026-12-06 20:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0051'
down_revision = '0050'
branch_labels = None
depends_on = None


def upgrade():
    # employer_organisations has no search triggers: batch mode (a copy of the table on SQLite) is safe here.
    with op.batch_alter_table('employer_organisations', schema=None) as batch_op:
        batch_op.alter_column('registration_number', existing_type=sa.String(length=40), nullable=True)
        batch_op.add_column(sa.Column('registered_itself', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('given_registration_number', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('work_offered', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('refused_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('refusal_reason', sa.Text(), nullable=False, server_default=''))


def downgrade():
    # Before 0051 every organisation had a number: one never verified gets a placeholder staff can recognise,
    # unique as the column is (the number it gave may be another organisation's, so it is not used).
    op.execute("UPDATE employer_organisations SET registration_number = 'SELF-' || CAST(id AS VARCHAR(20)) "
               "WHERE registration_number IS NULL")
    with op.batch_alter_table('employer_organisations', schema=None) as batch_op:
        batch_op.drop_column('refusal_reason')
        batch_op.drop_column('refused_at')
        batch_op.drop_column('work_offered')
        batch_op.drop_column('given_registration_number')
        batch_op.drop_column('registered_itself')
        batch_op.alter_column('registration_number', existing_type=sa.String(length=40), nullable=False)
