"""shop: refunds reserve their money before Stripe is asked; one refund per intent; each line's own money

Orders and lines gain "reserved" beside "refunded", held by CHECK constraints (refunded + reserved never pass
what was paid, per order and per line); lines keep the money they brought in and gave back, so an enterprise
refunds at most its own lines. Refunds gain the intent token of the form they came from (unique), the
enterprise that asked, and the money they reserve per line. Lines refunded before keep their price times the
quantity refunded; a refund still pending at the upgrade reserves what it asked, so the job can settle it.

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-06 01:20:00

"""
import json

import sqlalchemy as sa
from alembic import op

from core import text_search

revision = '0035'
down_revision = '0034'
branch_labels = None
depends_on = None

ORDER_BEFORE = "refunded_minor >= 0 AND refunded_minor <= total_minor"
ORDER_AFTER = ("refunded_minor >= 0 AND refund_reserved_minor >= 0 AND "
               "refunded_minor + refund_reserved_minor <= total_minor")
LINE_BEFORE = "refunded_quantity >= 0 AND refunded_quantity <= quantity"
LINE_AFTER = "refunded_quantity >= 0 AND reserved_quantity >= 0 AND refunded_quantity + reserved_quantity <= quantity"
ORDERS_SEARCHED = ("name", "email")  # written out: the order search's index, rebuilt after SQLite copies the table
LINE_MONEY = "refunded_minor >= 0 AND reserved_minor >= 0 AND refunded_minor + reserved_minor <= unit_price_minor * quantity"


def upgrade():
    text_search.drop_index(op, "orders")
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('refund_reserved_minor', sa.Integer(), server_default='0', nullable=False))
        batch_op.drop_constraint(op.f('ck_orders_refund_within_total'), type_='check')
        batch_op.create_check_constraint(op.f('ck_orders_refund_within_total'), ORDER_AFTER)
    text_search.create_index(op, "orders", ORDERS_SEARCHED, layout="expression")
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reserved_quantity', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('refunded_minor', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('reserved_minor', sa.Integer(), server_default='0', nullable=False))
    op.execute("UPDATE order_lines SET refunded_minor = unit_price_minor * refunded_quantity")
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_order_lines_refund_within_line'), type_='check')
        batch_op.create_check_constraint(op.f('ck_order_lines_refund_within_line'), LINE_AFTER)
        batch_op.create_check_constraint(op.f('ck_order_lines_money_within_line'), LINE_MONEY)
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('intent', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('enterprise_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('money', sa.JSON(), server_default='{}', nullable=False))
        batch_op.create_unique_constraint(op.f('uq_refunds_intent'), ['intent'])
        batch_op.create_foreign_key(op.f('fk_refunds_enterprise_id_enterprises'), 'enterprises', ['enterprise_id'],
                                    ['id'], ondelete='SET NULL')
    _reserve_pending(op.get_bind())


def _reserve_pending(bind) -> None:
    """A refund pending at the upgrade (asked, answer not recorded) reserves what it asked, line by line."""
    pending = bind.execute(sa.text("SELECT id, order_id, amount_minor, lines FROM refunds WHERE status = 'pending'"))
    for refund_id, order_id, amount, lines in pending.all():
        quantities = json.loads(lines) if isinstance(lines, str) else (lines or {})
        money: dict[str, int] = {}
        for line_id, quantity in quantities.items():
            price = bind.execute(sa.text("SELECT unit_price_minor FROM order_lines WHERE id = :id"),
                                 {"id": int(line_id)}).scalar() or 0
            money[line_id] = min(price * quantity, amount - sum(money.values()))
            bind.execute(sa.text("UPDATE order_lines SET reserved_quantity = reserved_quantity + :q, "
                                 "reserved_minor = reserved_minor + :m WHERE id = :id"),
                         {"q": quantity, "m": money[line_id], "id": int(line_id)})
        if amount > sum(money.values()):
            money["shipping"] = amount - sum(money.values())
        bind.execute(sa.text("UPDATE orders SET refund_reserved_minor = refund_reserved_minor + :a WHERE id = :id"),
                     {"a": amount, "id": order_id})
        bind.execute(sa.text("UPDATE refunds SET money = :m WHERE id = :id"),
                     {"m": json.dumps(money), "id": refund_id})


def downgrade():
    # What was reserved and not settled is forgotten: the old code recorded only what Stripe accepted.
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('fk_refunds_enterprise_id_enterprises'), type_='foreignkey')
        batch_op.drop_constraint(op.f('uq_refunds_intent'), type_='unique')
        batch_op.drop_column('money')
        batch_op.drop_column('enterprise_id')
        batch_op.drop_column('intent')
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_order_lines_money_within_line'), type_='check')
        batch_op.drop_constraint(op.f('ck_order_lines_refund_within_line'), type_='check')
        batch_op.create_check_constraint(op.f('ck_order_lines_refund_within_line'), LINE_BEFORE)
        batch_op.drop_column('reserved_minor')
        batch_op.drop_column('refunded_minor')
        batch_op.drop_column('reserved_quantity')
    text_search.drop_index(op, "orders")
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_orders_refund_within_total'), type_='check')
        batch_op.create_check_constraint(op.f('ck_orders_refund_within_total'), ORDER_BEFORE)
        batch_op.drop_column('refund_reserved_minor')
    text_search.create_index(op, "orders", ORDERS_SEARCHED, layout="expression")
