"""shop: subscriptions (a product's offered intervals, customers' subscriptions through Stripe Billing, one order
per paid invoice) and the Stripe Products and Prices made for them

Revision ID: 0056
Revises: 0055
Create Date: 2026-12-06 23:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0056'
down_revision = '0055'
branch_labels = None
depends_on = None

STATUSES = "('pending', 'active', 'paused', 'past_due', 'cancelled', 'expired')"
INTERVALS = "('2weeks', 'month', '2months')"


def upgrade():
    op.create_table('subscription_plans',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('intervals', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_subscription_plans_product_id_products'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_subscription_plans')),
    )
    op.create_table('subscriptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('variant_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('interval', sa.String(length=10), nullable=False),
    sa.Column('unit_price_minor', sa.Integer(), nullable=False),
    sa.Column('shipping_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('contact_name', sa.String(length=120), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('delivery', sa.String(length=10), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=True),
    sa.Column('shipping_zone', sa.String(length=20), nullable=True),
    sa.Column('locale', sa.String(length=5), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('cancel_at_period_end', sa.Boolean(), nullable=False),
    sa.Column('current_period_end', sa.DateTime(timezone=True), nullable=True),
    sa.Column('requested_change', sa.String(length=10), nullable=True),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('stripe_session_id', sa.String(length=255), nullable=True),
    sa.Column('stripe_subscription_id', sa.String(length=255), nullable=True),
    sa.Column('stripe_customer_id', sa.String(length=255), nullable=True),
    sa.Column('stripe_seen_at', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint(f"status IN {STATUSES}", name=op.f('ck_subscriptions_status_known')),
    sa.CheckConstraint(f"interval IN {INTERVALS}", name=op.f('ck_subscriptions_interval_known')),
    sa.CheckConstraint("requested_change IS NULL OR requested_change IN ('pause', 'resume', 'cancel')",
                       name=op.f('ck_subscriptions_change_known')),
    sa.CheckConstraint("delivery IN ('pickup', 'shipping')", name=op.f('ck_subscriptions_delivery_known')),
    sa.CheckConstraint("quantity > 0 AND unit_price_minor >= 0 AND shipping_minor >= 0",
                       name=op.f('ck_subscriptions_figures_sensible')),
    sa.ForeignKeyConstraint(['customer_id'], ['users.id'], name=op.f('fk_subscriptions_customer_id_users'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'],
                            name=op.f('fk_subscriptions_enterprise_id_enterprises'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['variant_id'], ['product_variants.id'],
                            name=op.f('fk_subscriptions_variant_id_product_variants'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscriptions')),
    sa.UniqueConstraint('stripe_session_id', name=op.f('uq_subscriptions_stripe_session_id')),
    sa.UniqueConstraint('stripe_subscription_id', name=op.f('uq_subscriptions_stripe_subscription_id')),
    )
    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.create_index('ix_subscriptions_enterprise_status_id', ['enterprise_id', 'status', 'id'], unique=False)
        batch_op.create_index('ix_subscriptions_customer', ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_subscriptions_status'), ['status'], unique=False)
    op.create_table('subscription_deliveries',
    sa.Column('stripe_invoice_id', sa.String(length=255), nullable=False),
    sa.Column('subscription_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('skipped', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['subscription_id'], ['subscriptions.id'],
                            name=op.f('fk_subscription_deliveries_subscription_id_subscriptions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_subscription_deliveries_order_id_orders'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('stripe_invoice_id', name=op.f('pk_subscription_deliveries')),
    sa.UniqueConstraint('order_id', name=op.f('uq_subscription_deliveries_order_id')),
    )
    with op.batch_alter_table('subscription_deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subscription_deliveries_subscription_id'), ['subscription_id'],
                              unique=False)
    op.create_table('stripe_catalogue',
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('nonce', sa.String(length=43), nullable=False),
    sa.Column('stripe_id', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_stripe_catalogue')),
    )


def downgrade():
    # The subscriptions' records go (their orders stay, as ordinary paid orders); Stripe keeps its own.
    op.drop_table('stripe_catalogue')
    with op.batch_alter_table('subscription_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subscription_deliveries_subscription_id'))
    op.drop_table('subscription_deliveries')
    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subscriptions_status'))
        batch_op.drop_index('ix_subscriptions_customer')
        batch_op.drop_index('ix_subscriptions_enterprise_status_id')
    op.drop_table('subscriptions')
    op.drop_table('subscription_plans')
