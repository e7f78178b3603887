"""shop: products have options and variants; price, weight, stock and the ledger belong to the variant

Every product becomes one default variant (no options) with its price, weight, stock and low-stock mark. The
stock ledger's rows, the carts and the order lines name that variant. Going down, a product takes back the
price, weight and mark of its first variant and the stock of all its counted variants together (its ledger
rows still name it, so stock = sum of rows holds there too); options and other variants are lost.

Revision ID: 0043
Revises: 0042
Create Date: 2026-12-06 11:10:00

"""
import sqlalchemy as sa
from alembic import op

from core import text_search

revision = '0043'
down_revision = '0042'
branch_labels = None
depends_on = None

# Written out here, not read from text_search.SEARCHABLE, so this migration means the same thing forever.
SEARCHED_BEFORE = ("name", "description", "translated_text")
SEARCHED_AFTER = ("name", "description", "translated_text", "options_text")
MOVED = ("price_minor", "weight_grams", "stock", "low_stock_at")


def _language_columns() -> list[sa.Column]:
    return [sa.Column('text_language', sa.String(length=5), server_default='en', nullable=False),
            sa.Column('translations', sa.JSON(), server_default='{}', nullable=False),
            sa.Column('translated_text', sa.Text(), server_default='', nullable=False)]


def _create_tables() -> None:
    op.create_table('product_options',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    *_language_columns(),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_options_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_options')),
    sa.UniqueConstraint('product_id', 'name', name=op.f('uq_product_options_product_id'))
    )
    op.create_index(op.f('ix_product_options_product_id'), 'product_options', ['product_id'], unique=False)
    op.create_table('product_option_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('option_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    *_language_columns(),
    sa.ForeignKeyConstraint(['option_id'], ['product_options.id'], name=op.f('fk_product_option_values_option_id_product_options'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_option_values')),
    sa.UniqueConstraint('option_id', 'name', name=op.f('uq_product_option_values_option_id'))
    )
    op.create_index(op.f('ix_product_option_values_option_id'), 'product_option_values', ['option_id'], unique=False)
    op.create_table('product_variants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('combination', sa.String(length=200), nullable=False),
    sa.Column('sku', sa.String(length=60), nullable=True),
    sa.Column('price_minor', sa.Integer(), nullable=False),
    sa.Column('weight_grams', sa.Integer(), nullable=False),
    sa.Column('stock', sa.Integer(), nullable=True),
    sa.Column('low_stock_at', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('price_minor >= 0', name=op.f('ck_product_variants_price_not_negative')),
    sa.CheckConstraint('stock IS NULL OR stock >= 0', name=op.f('ck_product_variants_stock_not_negative')),
    sa.CheckConstraint('weight_grams >= 0', name=op.f('ck_product_variants_weight_not_negative')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_variants_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_variants')),
    sa.UniqueConstraint('product_id', 'combination', name=op.f('uq_product_variants_product_id')),
    sa.UniqueConstraint('sku', name=op.f('uq_product_variants_sku'))
    )
    op.create_index(op.f('ix_product_variants_product_id'), 'product_variants', ['product_id'], unique=False)
    op.create_table('variant_option_values',
    sa.Column('variant_id', sa.Integer(), nullable=False),
    sa.Column('option_id', sa.Integer(), nullable=False),
    sa.Column('value_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['option_id'], ['product_options.id'], name=op.f('fk_variant_option_values_option_id_product_options'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['value_id'], ['product_option_values.id'], name=op.f('fk_variant_option_values_value_id_product_option_values'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['variant_id'], ['product_variants.id'], name=op.f('fk_variant_option_values_variant_id_product_variants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('variant_id', 'option_id', name=op.f('pk_variant_option_values'))
    )
    op.create_index(op.f('ix_variant_option_values_value_id'), 'variant_option_values', ['value_id'], unique=False)


def _rebuild_cart_items(key: str, referred: str, select: str) -> None:
    """The cart's key changes: its rows wait in a plain table while cart_items is made again (its constraint
    names are taken while it exists, on PostgreSQL), then come back through `select` (from cart_items_moving)."""
    op.execute("CREATE TABLE cart_items_moving AS SELECT * FROM cart_items")
    op.drop_table('cart_items')
    op.create_table('cart_items',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column(key, sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_cart_items_quantity_positive')),
    sa.ForeignKeyConstraint([key], [f'{referred}.id'], name=op.f(f'fk_cart_items_{key}_{referred}'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_cart_items_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', key, name=op.f('pk_cart_items'))
    )
    op.execute(f"INSERT INTO cart_items (user_id, {key}, quantity) {select}")
    op.drop_table('cart_items_moving')


def upgrade():
    _create_tables()
    # One default variant per product: its id is the product's, so the rows below map one to one.
    op.execute("INSERT INTO product_variants (id, product_id, combination, price_minor, weight_grams, stock, "
               "low_stock_at, active, position) SELECT id, id, '', price_minor, weight_grams, stock, low_stock_at, "
               "1 = 1, 0 FROM products")  # 1 = 1: true on both databases
    if op.get_bind().dialect.name == "postgresql":  # ids were given: the sequence starts after them
        op.execute("SELECT setval(pg_get_serial_sequence('product_variants', 'id'), "
                   "COALESCE((SELECT MAX(id) FROM product_variants), 0) + 1, false)")

    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('variant_id', sa.Integer(), nullable=True))
    op.execute("UPDATE stock_movements SET variant_id = product_id")
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.alter_column('variant_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(batch_op.f('fk_stock_movements_variant_id_product_variants'), 'product_variants',
                                    ['variant_id'], ['id'], ondelete='CASCADE')
        batch_op.create_index('ix_stock_movements_variant_at', ['variant_id', 'at'], unique=False)

    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('variant_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_order_lines_variant_id_product_variants'), 'product_variants',
                                    ['variant_id'], ['id'], ondelete='SET NULL')
        batch_op.create_index(batch_op.f('ix_order_lines_variant_id'), ['variant_id'], unique=False)
    op.execute("UPDATE order_lines SET variant_id = product_id")

    _rebuild_cart_items('variant_id', 'product_variants',
                        "SELECT user_id, product_id, quantity FROM cart_items_moving")

    text_search.drop_index(op, "products")
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('options_text', sa.Text(), server_default='', nullable=False))
        for name in ('stock_not_negative', 'price_not_negative', 'weight_not_negative'):
            batch_op.drop_constraint(op.f(f'ck_products_{name}'), type_='check')
        for column in MOVED:
            batch_op.drop_column(column)
    text_search.create_index(op, "products", SEARCHED_AFTER, layout="expression")


def downgrade():
    text_search.drop_index(op, "products")
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('price_minor', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('weight_grams', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('stock', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('low_stock_at', sa.Integer(), server_default='5', nullable=False))
    # each product takes its first variant's figures
    op.execute("UPDATE products SET price_minor = COALESCE((SELECT v.price_minor FROM product_variants v "
               "WHERE v.product_id = products.id ORDER BY v.position, v.id LIMIT 1), 0)")
    op.execute("UPDATE products SET weight_grams = COALESCE((SELECT v.weight_grams FROM product_variants v "
               "WHERE v.product_id = products.id ORDER BY v.position, v.id LIMIT 1), 0)")
    op.execute("UPDATE products SET low_stock_at = COALESCE((SELECT v.low_stock_at FROM product_variants v "
               "WHERE v.product_id = products.id ORDER BY v.position, v.id LIMIT 1), 5)")
    op.execute("UPDATE products SET stock = (SELECT SUM(v.stock) FROM product_variants v "
               "WHERE v.product_id = products.id AND v.stock IS NOT NULL)")
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.create_check_constraint(op.f('ck_products_price_not_negative'), 'price_minor >= 0')
        batch_op.create_check_constraint(op.f('ck_products_stock_not_negative'), 'stock IS NULL OR stock >= 0')
        batch_op.create_check_constraint(op.f('ck_products_weight_not_negative'), 'weight_grams >= 0')
        batch_op.drop_column('options_text')
    text_search.create_index(op, "products", SEARCHED_BEFORE, layout="expression")

    # two variants of one product in a cart become that product once, the larger quantity (as carts merge)
    _rebuild_cart_items('product_id', 'products',
                        "SELECT c.user_id, v.product_id, MAX(c.quantity) FROM cart_items_moving c "
                        "JOIN product_variants v ON v.id = c.variant_id GROUP BY c.user_id, v.product_id")

    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_lines_variant_id'))
        batch_op.drop_constraint(batch_op.f('fk_order_lines_variant_id_product_variants'), type_='foreignkey')
        batch_op.drop_column('variant_id')
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_movements_variant_at')
        batch_op.drop_constraint(batch_op.f('fk_stock_movements_variant_id_product_variants'), type_='foreignkey')
        batch_op.drop_column('variant_id')

    op.drop_index(op.f('ix_variant_option_values_value_id'), table_name='variant_option_values')
    op.drop_table('variant_option_values')
    op.drop_index(op.f('ix_product_variants_product_id'), table_name='product_variants')
    op.drop_table('product_variants')
    op.drop_index(op.f('ix_product_option_values_option_id'), table_name='product_option_values')
    op.drop_table('product_option_values')
    op.drop_index(op.f('ix_product_options_product_id'), table_name='product_options')
    op.drop_table('product_options')
