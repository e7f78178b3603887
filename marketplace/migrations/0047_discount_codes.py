"""shop: discount codes, the uses each order holds, and the discount on orders and their lines

Revision ID: 0047
Revises: 0046
Create Date: 2026-12-06 15:00:00

"""
import sqlalchemy as sa
from alembic import op

from core import text_search

revision = '0047'
down_revision = '0046'
branch_labels = None
depends_on = None

ORDERS_SEARCHED = ("name", "email")  # written out: the order search's index, rebuilt after SQLite copies the table


def upgrade():
    op.create_table('discount_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=True),
    sa.Column('amount_minor', sa.Integer(), nullable=True),
    sa.Column('enterprise_id', sa.Integer(), nullable=True),
    sa.Column('min_order_minor', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('max_uses', sa.Integer(), nullable=True),
    sa.Column('max_uses_per_customer', sa.Integer(), nullable=True),
    sa.Column('uses', sa.Integer(), nullable=False),
    sa.Column('paused', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('percent', 'amount')", name=op.f('ck_discount_codes_kind_known')),
    sa.CheckConstraint("(kind = 'percent' AND percent BETWEEN 1 AND 100 AND amount_minor IS NULL) OR "
                       "(kind = 'amount' AND amount_minor > 0 AND percent IS NULL)",
                       name=op.f('ck_discount_codes_value_sensible')),
    sa.CheckConstraint("kind = 'percent' OR amount_minor < min_order_minor",
                       name=op.f('ck_discount_codes_amount_below_minimum')),
    sa.CheckConstraint('min_order_minor >= 0', name=op.f('ck_discount_codes_minimum_not_negative')),
    sa.CheckConstraint('uses >= 0 AND (max_uses IS NULL OR uses <= max_uses)',
                       name=op.f('ck_discount_codes_uses_within_limit')),
    sa.CheckConstraint('(max_uses IS NULL OR max_uses > 0) AND '
                       '(max_uses_per_customer IS NULL OR max_uses_per_customer > 0)',
                       name=op.f('ck_discount_codes_limits_positive')),
    sa.CheckConstraint('starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on',
                       name=op.f('ck_discount_codes_dates_in_order')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_discount_codes_created_by_id_users'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'],
                            name=op.f('fk_discount_codes_enterprise_id_enterprises'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discount_codes')),
    sa.UniqueConstraint('code', name=op.f('uq_discount_codes_code'))
    )
    with op.batch_alter_table('discount_codes', schema=None) as batch_op:
        batch_op.create_index('ix_discount_codes_created_at_id', ['created_at', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_discount_codes_enterprise_id'), ['enterprise_id'], unique=False)

    op.create_table('discount_uses',
    sa.Column('code_id', sa.Integer(), nullable=False),
    sa.Column('customer_key', sa.String(length=80), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['code_id'], ['discount_codes.id'], name=op.f('fk_discount_uses_code_id_discount_codes'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_discount_uses_order_id_orders'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('code_id', 'customer_key', 'slot', name=op.f('pk_discount_uses'))
    )
    with op.batch_alter_table('discount_uses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discount_uses_order_id'), ['order_id'], unique=False)

    text_search.drop_index(op, "orders")
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('discount_code_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('discount_code', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('discount_minor', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('discount_held', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index(batch_op.f('ix_orders_discount_code_id'), ['discount_code_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_orders_discount_code_id_discount_codes'), 'discount_codes',
                                    ['discount_code_id'], ['id'], ondelete='SET NULL')
    text_search.create_index(op, "orders", ORDERS_SEARCHED, layout="expression")

    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_discount_minor', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    # Lines keep what the buyer paid (unit_price_minor); only the record of the discount goes.
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.drop_column('unit_discount_minor')

    text_search.drop_index(op, "orders")
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_orders_discount_code_id_discount_codes'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_orders_discount_code_id'))
        batch_op.drop_column('discount_held')
        batch_op.drop_column('discount_minor')
        batch_op.drop_column('discount_code')
        batch_op.drop_column('discount_code_id')
    text_search.create_index(op, "orders", ORDERS_SEARCHED, layout="expression")

    with op.batch_alter_table('discount_uses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discount_uses_order_id'))
    op.drop_table('discount_uses')

    with op.batch_alter_table('discount_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discount_codes_enterprise_id'))
        batch_op.drop_index('ix_discount_codes_created_at_id')
    op.drop_table('discount_codes')
