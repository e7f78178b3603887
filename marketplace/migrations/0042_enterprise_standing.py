"""shop: an enterprise's makers and registration, as its manager states and staff confirm (impact figures)

Shop sales are named on the public impact page only for an enterprise with enough makers or registered as an
organisation, confirmed by staff. Every enterprise starts with nothing stated and nothing confirmed: until
its manager states it and staff confirm, its sales are counted with the "other enterprises".

Revision ID: 0042
Revises: 0041
Create Date: 2026-12-06 08:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0042'
down_revision = '0041'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('enterprises', schema=None) as batch_op:
        batch_op.add_column(sa.Column('makers', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('registered_organisation', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.add_column(sa.Column('registration_number', sa.String(length=60), server_default='',
                                      nullable=False))
        batch_op.add_column(sa.Column('standing_confirmed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('standing_confirmed_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_enterprises_standing_confirmed_by_id_users'), 'users',
                                    ['standing_confirmed_by_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('enterprises', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_enterprises_standing_confirmed_by_id_users'), type_='foreignkey')
        batch_op.drop_column('standing_confirmed_by_id')
        batch_op.drop_column('standing_confirmed_at')
        batch_op.drop_column('registration_number')
        batch_op.drop_column('registered_organisation')
        batch_op.drop_column('makers')
