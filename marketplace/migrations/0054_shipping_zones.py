"""shop: shipping rates by zone (Bangkok and vicinity, other provinces), the province of a shipping address,
and the parcels managers send (carrier and tracking number)

Revision ID: 0054
Revises: 0052
Create Date: 2026-12-06 21:00:00

"""
import sqlalchemy as sa
from alembic import op

from core import text_search

revision = '0054'
down_revision = '0052'
branch_labels = None
depends_on = None

ORDERS_SEARCHED = ("name", "email")  # written out: the order search's index, rebuilt after SQLite copies the table
ZONES = "('bangkok_vicinity', 'other_provinces')"
CARRIERS = "('thailand_post', 'kerry', 'flash', 'jt')"


def _order_columns() -> tuple[sa.Column, ...]:
    return (sa.Column('province_code', sa.String(length=2), nullable=True),
            sa.Column('shipping_zone', sa.String(length=20), nullable=True))


def upgrade():
    # The one table for all Thailand becomes each zone's table: the same limits and prices in both, for staff
    # to change; orders already placed keep the shipping they were charged (their zone stays empty).
    with op.batch_alter_table('shipping_rates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('zone', sa.String(length=20), server_default='other_provinces',
                                      nullable=False))
        batch_op.drop_constraint(op.f('uq_shipping_rates_max_weight_grams'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_shipping_rates_zone'), ['zone', 'max_weight_grams'])
        batch_op.create_check_constraint(op.f('ck_shipping_rates_zone_known'), f"zone IN {ZONES}")
    op.execute("INSERT INTO shipping_rates (zone, max_weight_grams, price_minor) "
               "SELECT 'bangkok_vicinity', max_weight_grams, price_minor FROM shipping_rates "
               "WHERE zone = 'other_provinces'")
    with op.batch_alter_table('shipping_rates', schema=None) as batch_op:
        batch_op.alter_column('zone', existing_type=sa.String(length=20), server_default=None)

    # Plain ADD COLUMN (nullable, no default): SQLite does not copy the table, so its search index stays.
    for column in _order_columns():
        op.add_column('orders', column)

    op.create_table('shipments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('carrier', sa.String(length=20), nullable=False),
    sa.Column('tracking_number', sa.String(length=30), nullable=False),
    sa.Column('shipped_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('shipped_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint(f"carrier IN {CARRIERS}", name=op.f('ck_shipments_carrier_known')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_shipments_order_id_orders'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'], name=op.f('fk_shipments_enterprise_id_enterprises'),
                            ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['shipped_by_id'], ['users.id'], name=op.f('fk_shipments_shipped_by_id_users'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shipments')),
    sa.UniqueConstraint('order_id', 'enterprise_id', name=op.f('uq_shipments_order_id')),
    )
    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shipments_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shipments_enterprise_id'), ['enterprise_id'], unique=False)


def downgrade():
    # The parcels' carriers and numbers go with their table; the other provinces' rates become the one table
    # again (Bangkok's own prices are lost); orders keep what they were charged.
    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shipments_enterprise_id'))
        batch_op.drop_index(batch_op.f('ix_shipments_order_id'))
    op.drop_table('shipments')

    text_search.drop_index(op, "orders")
    with op.batch_alter_table('orders', schema=None) as batch_op:
        for column in reversed(_order_columns()):
            batch_op.drop_column(column.name)
    text_search.create_index(op, "orders", ORDERS_SEARCHED, layout="expression")

    op.execute("DELETE FROM shipping_rates WHERE zone <> 'other_provinces'")
    with op.batch_alter_table('shipping_rates', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_shipping_rates_zone_known'), type_='check')
        batch_op.drop_constraint(op.f('uq_shipping_rates_zone'), type_='unique')
        batch_op.drop_column('zone')
        batch_op.create_unique_constraint(batch_op.f('uq_shipping_rates_max_weight_grams'), ['max_weight_grams'])
