"""The social-enterprise shop: enterprises, products, carts, orders and their lines, Stripe events, shipping.

Prices are integers in minor units (satang for THB). Stock is "available to sell": it is taken when an order
is placed or a Checkout Session is opened, and given back when that order expires or is cancelled.
"""
from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.content_languages import Translatable
from core.db import UTCDateTime, utcnow
from core.extensions import db
from core.states import Lifecycle


class OrderState(enum.StrEnum):
    PENDING_PAYMENT = "pending_payment"
    PAY_ON_COLLECTION = "pay_on_collection"
    PAID = "paid"
    PAYMENT_FAILED = "payment_failed"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"
    PAYMENT_NEEDS_ATTENTION = "payment_needs_attention"
    INVOICED = "invoiced"  # a business's order on invoice: goods may leave, the bank transfer is awaited


_O = OrderState
# An order's whole life, as one table. Money moves it only through a verified Stripe event ("pay",
# "mismatch", "fail", "expire") or a manager who took cash ("collect"); refunds only leave "paid" or "needs
# attention", which staff end by giving all the money back or by accepting the payment after checking it.
# Side effects belong to the functions that apply each event (checkout, webhooks, fulfilment, refunds): stock
# held at "pending_payment" (and "invoiced"), given back at "expire", "fail" and "cancel", taken again on a late
# "pay". A business's order on invoice (marketplace/wholesale.py) is placed "invoiced" and settled by its manager.
ORDER_LIFECYCLE = Lifecycle("order", OrderState, {
    **{(state, "pay"): _O.PAID for state in (_O.PENDING_PAYMENT, _O.EXPIRED, _O.PAYMENT_FAILED)},
    **{(state, "mismatch"): _O.PAYMENT_NEEDS_ATTENTION
       for state in (_O.PENDING_PAYMENT, _O.EXPIRED, _O.PAYMENT_FAILED, _O.CANCELLED)},  # cancelled: paid anyway
    (_O.PENDING_PAYMENT, "fail"): _O.PAYMENT_FAILED,
    (_O.PENDING_PAYMENT, "expire"): _O.EXPIRED,
    (_O.PENDING_PAYMENT, "cancel"): _O.CANCELLED,
    (_O.PAY_ON_COLLECTION, "collect"): _O.PAID,
    (_O.PAY_ON_COLLECTION, "cancel"): _O.CANCELLED,
    (_O.PAID, "refund_all"): _O.REFUNDED,
    (_O.PAID, "cancel"): _O.CANCELLED,
    (_O.PAYMENT_NEEDS_ATTENTION, "refund_all"): _O.REFUNDED,
    (_O.PAYMENT_NEEDS_ATTENTION, "accept"): _O.PAID,  # staff checked the payment and keep it
    # on invoice (marketplace/wholesale.py): the manager saw the transfer arrive, or cancels before it leaves
    (_O.INVOICED, "settle"): _O.PAID,
    (_O.INVOICED, "cancel"): _O.CANCELLED,
}, record_type="order")
ORDER_STATUSES = tuple(s.value for s in OrderState)


class LineState(enum.StrEnum):
    OPEN = "open"
    PACKED = "packed"
    SHIPPED = "shipped"
    READY_FOR_PICKUP = "ready_for_pickup"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


_L = LineState
# One enterprise's part of an order, from packing to the buyer's hands; cancelled before it leaves, refunded
# at any step once all of it is paid back.
LINE_LIFECYCLE = Lifecycle("order_line", LineState, {
    (_L.OPEN, "pack"): _L.PACKED,
    (_L.PACKED, "ship"): _L.SHIPPED,
    (_L.PACKED, "ready"): _L.READY_FOR_PICKUP,
    (_L.SHIPPED, "complete"): _L.COMPLETED,
    (_L.READY_FOR_PICKUP, "complete"): _L.COMPLETED,
    (_L.OPEN, "cancel"): _L.CANCELLED,
    (_L.PACKED, "cancel"): _L.CANCELLED,
    **{(state, "refund"): _L.REFUNDED for state in (_L.OPEN, _L.PACKED, _L.SHIPPED, _L.READY_FOR_PICKUP,
                                                     _L.COMPLETED)},
}, record_type="order_line")
LINE_STATUSES = tuple(s.value for s in LineState)
CATEGORIES = ("coffee", "jewellery", "sewing", "bakery", "crafts")


class Enterprise(Translatable, db.Model):
    __tablename__ = "enterprises"
    TRANSLATED = ("story",)  # the name is the enterprise's own, the same in every language

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(60), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    story: Mapped[str] = mapped_column(sa.Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    # What its manager states, for the public impact figures: how many people make what it sells, and whether
    # it is a registered organisation (its number). Its sales are named there only once staff have confirmed
    # the statement; a change by the manager waits for a new confirmation.
    makers: Mapped[int | None] = mapped_column()
    registered_organisation: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    registration_number: Mapped[str] = mapped_column(sa.String(60), default="", server_default="")
    standing_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    standing_confirmed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # Registered for VAT: it issues full tax invoices when a buyer asks (marketplace/tax_invoices.py), made out
    # from its legal name, address, 13-digit tax ID and branch ("00000": the head office). The next numbers
    # of its tax invoices and credit notes move only in one UPDATE each, inside the transaction that issues.
    vat_registered: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    tax_id: Mapped[str] = mapped_column(sa.String(13), default="", server_default="")
    legal_name: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    legal_address: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    branch: Mapped[str] = mapped_column(sa.String(5), default="00000", server_default="00000")
    next_invoice_number: Mapped[int] = mapped_column(default=1, server_default="1")
    next_credit_note_number: Mapped[int] = mapped_column(default=1, server_default="1")


class EnterpriseManager(db.Model):
    """A manager account runs exactly one enterprise's shop."""

    __tablename__ = "enterprise_managers"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(sa.ForeignKey("enterprises.id", ondelete="CASCADE"), index=True)

    enterprise: Mapped[Enterprise] = relationship()


class Product(Translatable, db.Model):
    """What the shop shows as one thing; what is sold is one of its variants (ProductVariant). A product with
    no options has one variant, its default: `Product(price_minor=..., weight_grams=...)` makes that one."""

    __tablename__ = "products"
    TRANSLATED = ("name", "description")
    __table_args__ = (sa.CheckConstraint(f"category IN {CATEGORIES!r}", name="category_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(sa.ForeignKey("enterprises.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(160))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    category: Mapped[str] = mapped_column(sa.String(20), index=True)
    currency: Mapped[str] = mapped_column(sa.String(3), default="THB")
    active: Mapped[bool] = mapped_column(default=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The options' and values' names in every language and the SKUs, joined: searched with the product's texts.
    options_text: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    enterprise: Mapped[Enterprise] = relationship()
    variants: Mapped[list[ProductVariant]] = relationship(
        back_populates="product", cascade="all, delete-orphan", lazy="selectin",
        order_by="(ProductVariant.position, ProductVariant.id)")
    options: Mapped[list[ProductOption]] = relationship(
        back_populates="product", cascade="all, delete-orphan", lazy="selectin",
        order_by="(ProductOption.position, ProductOption.id)")
    # Loaded where asked for (the catalogue's cards, in one statement for the page), never by default.
    images: Mapped[list[ProductImage]] = relationship(order_by="ProductImage.id", viewonly=True)

    DEFAULT_VARIANT_FIELDS = ("price_minor", "weight_grams", "low_stock_at", "sku")

    def __init__(self, **kw):
        values = {k: kw.pop(k) for k in self.DEFAULT_VARIANT_FIELDS if k in kw}
        super().__init__(**kw)
        if values and not kw.get("variants"):
            self.variants = [ProductVariant(**values)]

    @property
    def default_variant(self) -> ProductVariant:
        return self.variants[0]

    @property
    def for_sale(self) -> list[ProductVariant]:
        return [v for v in self.variants if v.active]

    @property
    def price_minor(self) -> int:
        """The lowest price of its variants for sale: "from" this price."""
        return min((v.price_minor for v in self.for_sale or self.variants), default=0)

    @property
    def prices_differ(self) -> bool:
        return len({v.price_minor for v in self.for_sale}) > 1

    @property
    def stock(self) -> int | None:
        """All its variants' stock together (None: every one made to order)."""
        counted = [v.stock for v in self.for_sale or self.variants if v.stock is not None]
        return sum(counted) if counted or not self.variants else None

    @property
    def weight_grams(self) -> int:
        return self.default_variant.weight_grams if self.variants else 0

    @property
    def made_to_order(self) -> bool:
        return self.stock is None

    @property
    def has_options(self) -> bool:
        return bool(self.options)


class ProductOption(Translatable, db.Model):
    """A way the product comes (weight, grind; size, colour), with its values."""

    __tablename__ = "product_options"
    TRANSLATED = ("name",)
    __table_args__ = (sa.UniqueConstraint("product_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(60))
    position: Mapped[int] = mapped_column(default=0)

    product: Mapped[Product] = relationship(back_populates="options")
    values: Mapped[list[OptionValue]] = relationship(
        back_populates="option", cascade="all, delete-orphan", lazy="selectin",
        order_by="(OptionValue.position, OptionValue.id)")


class OptionValue(Translatable, db.Model):
    """One value of an option: "500 g", "Ground for filter", "Size M"."""

    __tablename__ = "product_option_values"
    TRANSLATED = ("name",)
    __table_args__ = (sa.UniqueConstraint("option_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    option_id: Mapped[int] = mapped_column(sa.ForeignKey("product_options.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(60))
    position: Mapped[int] = mapped_column(default=0)

    option: Mapped[ProductOption] = relationship(back_populates="values")


class ProductVariant(db.Model):
    """One combination that is sold, with its own price, weight, SKU and stock. `combination` is its values'
    ids in order ("" for a product without options): the unique index keeps each combination to one variant."""

    __tablename__ = "product_variants"
    __table_args__ = (
        sa.CheckConstraint("stock IS NULL OR stock >= 0", name="stock_not_negative"),
        sa.CheckConstraint("price_minor >= 0", name="price_not_negative"),
        sa.CheckConstraint("weight_grams >= 0", name="weight_not_negative"),
        sa.UniqueConstraint("product_id", "combination"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), index=True)
    combination: Mapped[str] = mapped_column(sa.String(200), default="")
    sku: Mapped[str | None] = mapped_column(sa.String(60), unique=True)
    price_minor: Mapped[int] = mapped_column()
    weight_grams: Mapped[int] = mapped_column(default=0)
    stock: Mapped[int | None] = mapped_column()  # None: made to order
    low_stock_at: Mapped[int] = mapped_column(default=5)  # managers hear when the stock is this low
    active: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)

    product: Mapped[Product] = relationship(back_populates="variants")
    values: Mapped[list[OptionValue]] = relationship(secondary="variant_option_values", lazy="selectin",
                                                     order_by="(OptionValue.option_id)", viewonly=True)

    @property
    def made_to_order(self) -> bool:
        return self.stock is None


class VariantValue(db.Model):
    """A variant's value of one option (one per option)."""

    __tablename__ = "variant_option_values"

    variant_id: Mapped[int] = mapped_column(sa.ForeignKey("product_variants.id", ondelete="CASCADE"),
                                            primary_key=True)
    option_id: Mapped[int] = mapped_column(sa.ForeignKey("product_options.id", ondelete="CASCADE"),
                                           primary_key=True)
    value_id: Mapped[int] = mapped_column(sa.ForeignKey("product_option_values.id", ondelete="CASCADE"),
                                          index=True)


SHIPPING_ZONES = ("bangkok_vicinity", "other_provinces")  # marketplace/shipping.py says which province is where


class ShippingRate(db.Model):
    """Shipping within Thailand by zone and weight: the zone's first rate whose limit covers the parcel applies."""

    __tablename__ = "shipping_rates"
    __table_args__ = (
        sa.CheckConstraint("max_weight_grams > 0 AND price_minor >= 0", name="rate_sensible"),
        sa.CheckConstraint(f"zone IN {SHIPPING_ZONES!r}", name="zone_known"),
        sa.UniqueConstraint("zone", "max_weight_grams"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    zone: Mapped[str] = mapped_column(sa.String(20))
    max_weight_grams: Mapped[int] = mapped_column()
    price_minor: Mapped[int] = mapped_column()


class CartItem(db.Model):
    """A signed-in customer's cart, by variant. Guests keep theirs in the session; the two merge at sign-in."""

    __tablename__ = "cart_items"
    __table_args__ = (sa.CheckConstraint("quantity > 0", name="quantity_positive"),)

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    variant_id: Mapped[int] = mapped_column(sa.ForeignKey("product_variants.id", ondelete="CASCADE"),
                                            primary_key=True)
    quantity: Mapped[int] = mapped_column()


class Order(db.Model):
    __tablename__ = "orders"
    __table_args__ = (
        sa.CheckConstraint(f"status IN {ORDER_STATUSES!r}", name="status_known"),
        sa.CheckConstraint("delivery IN ('pickup', 'shipping')", name="delivery_known"),
        # Money asked of Stripe is reserved before the call and moves to refunded when Stripe accepts it: the two
        # together never pass what was paid, whatever runs at once (marketplace/refunds.py).
        sa.CheckConstraint("refunded_minor >= 0 AND refund_reserved_minor >= 0 AND "
                           "refunded_minor + refund_reserved_minor <= total_minor", name="refund_within_total"),
        # The managers' list walks orders newest first and stops at a page (with the lines' index below).
        sa.Index("ix_orders_created_at_id", "created_at", "id"),
        # Most orders are guests' (no account): an index of every row would look useless to the planner.
        sa.Index("ix_orders_customer", "customer_id", sqlite_where=sa.text("customer_id IS NOT NULL"),
                 postgresql_where=sa.text("customer_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(sa.String(43), unique=True)  # the secret link
    customer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str] = mapped_column(sa.String(254))
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    delivery: Mapped[str] = mapped_column(sa.String(10))
    address: Mapped[str] = mapped_column(sa.Text, default="")
    # The shipping address's province, and the zone it put the parcel in (what shipping_minor was priced by).
    province_code: Mapped[str | None] = mapped_column(sa.String(2))
    shipping_zone: Mapped[str | None] = mapped_column(sa.String(20))
    status: Mapped[str] = mapped_column(sa.String(30), index=True)
    payment_method: Mapped[str] = mapped_column(sa.String(20))  # stripe / collection
    stripe_session_id: Mapped[str | None] = mapped_column(sa.String(255), unique=True)
    stripe_payment_intent: Mapped[str | None] = mapped_column(sa.String(255))
    stock_held: Mapped[bool] = mapped_column(default=True)
    subtotal_minor: Mapped[int] = mapped_column()
    shipping_minor: Mapped[int] = mapped_column(default=0)
    total_minor: Mapped[int] = mapped_column()
    refunded_minor: Mapped[int] = mapped_column(default=0)
    refund_reserved_minor: Mapped[int] = mapped_column(default=0)  # asked of Stripe, answer not settled yet
    currency: Mapped[str] = mapped_column(sa.String(3), default="THB")
    locale: Mapped[str | None] = mapped_column(sa.String(5))  # the language the buyer ordered in
    hold_key: Mapped[str | None] = mapped_column(sa.String(64), index=True)  # keyed hash of the address
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # A discount code, as applied: the lines' prices are already after it (marketplace/discounts.py); this is
    # what it took off them together, and whether the order holds one of the code's uses (given back with the
    # stock when the order expires or is cancelled unpaid).
    discount_code_id: Mapped[int | None] = mapped_column(sa.ForeignKey("discount_codes.id", ondelete="SET NULL"),
                                                         index=True)
    discount_code: Mapped[str | None] = mapped_column(sa.String(40))
    discount_minor: Mapped[int] = mapped_column(default=0, server_default="0")
    discount_held: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # A full tax invoice asked for at checkout, and whom it is made out to (no tax ID: not asked).
    invoice_tax_id: Mapped[str | None] = mapped_column(sa.String(13))
    invoice_name: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    invoice_address: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    invoice_branch: Mapped[str] = mapped_column(sa.String(5), default="", server_default="")

    lines: Mapped[list[OrderLine]] = relationship(back_populates="order", cascade="all, delete-orphan",
                                                    order_by="OrderLine.id")
    shipments: Mapped[list[Shipment]] = relationship(back_populates="order", cascade="all, delete-orphan",
                                                     order_by="Shipment.id")


CARRIER_CODES = ("thailand_post", "kerry", "flash", "jt")  # marketplace/shipping.py: names and tracking pages


class Shipment(db.Model):
    """One enterprise's parcel of an order, sent: the carrier and its tracking number, given by the manager who
    marked those lines shipped (an order of two enterprises may go as two parcels)."""

    __tablename__ = "shipments"
    __table_args__ = (
        sa.CheckConstraint(f"carrier IN {CARRIER_CODES!r}", name="carrier_known"),
        sa.UniqueConstraint("order_id", "enterprise_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    enterprise_id: Mapped[int] = mapped_column(sa.ForeignKey("enterprises.id", ondelete="RESTRICT"), index=True)
    carrier: Mapped[str] = mapped_column(sa.String(20))
    tracking_number: Mapped[str] = mapped_column(sa.String(30))
    shipped_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    shipped_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    order: Mapped[Order] = relationship(back_populates="shipments")


class HoldSlot(db.Model):
    """One of the few places a buyer (an address, a browser session) has for an unpaid order that holds stock.
    A slot is numbered 1 to the limit, and the primary key lets only one order take each number, so two
    checkouts at the same moment cannot both take the last one. A slot whose order no longer holds stock
    unpaid is stale and is cleared by the next checkout with that key (marketplace.checkout)."""

    __tablename__ = "hold_slots"

    key: Mapped[str] = mapped_column(sa.String(80), primary_key=True)  # "address:<keyed hash>", "session:<id>"
    slot: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id", ondelete="CASCADE"), index=True)


class OrderLine(db.Model):
    """One product in an order, priced from the database at checkout. Each enterprise handles its own lines."""

    __tablename__ = "order_lines"
    __table_args__ = (
        sa.CheckConstraint("quantity > 0", name="quantity_positive"),
        sa.CheckConstraint("refunded_quantity >= 0 AND reserved_quantity >= 0 AND "
                           "refunded_quantity + reserved_quantity <= quantity", name="refund_within_line"),
        # The line's own money: what an enterprise may give back is what its lines brought in.
        sa.CheckConstraint("refunded_minor >= 0 AND reserved_minor >= 0 AND "
                           "refunded_minor + reserved_minor <= unit_price_minor * quantity", name="money_within_line"),
        sa.CheckConstraint(f"status IN {LINE_STATUSES!r}", name="status_known"),
        sa.Index("ix_order_lines_order_id_enterprise_id", "order_id", "enterprise_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int | None] = mapped_column(sa.ForeignKey("products.id", ondelete="SET NULL"))
    # What was sold, and what its stock comes back to (None: a variant deleted since).
    variant_id: Mapped[int | None] = mapped_column(sa.ForeignKey("product_variants.id", ondelete="SET NULL"),
                                                   index=True)
    enterprise_id: Mapped[int] = mapped_column(sa.ForeignKey("enterprises.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(sa.String(160))  # the product's name and the variant's values, as sold
    unit_price_minor: Mapped[int] = mapped_column()  # what the buyer pays for one, after any discount
    unit_discount_minor: Mapped[int] = mapped_column(default=0, server_default="0")  # taken off each one
    quantity: Mapped[int] = mapped_column()
    refunded_quantity: Mapped[int] = mapped_column(default=0)
    reserved_quantity: Mapped[int] = mapped_column(default=0)
    refunded_minor: Mapped[int] = mapped_column(default=0)
    reserved_minor: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(sa.String(20), default="open")

    order: Mapped[Order] = relationship(back_populates="lines")

    @property
    def total_minor(self) -> int:
        return self.unit_price_minor * self.quantity

    @property
    def list_price_minor(self) -> int:
        """The price of one before the discount."""
        return self.unit_price_minor + self.unit_discount_minor


STOCK_REASONS = ("initial", "hold", "release", "refund_restock", "adjustment")


class StockMovement(db.Model):
    """One change of a variant's stock and why; the variant's stock is always the sum of its movements (kept in
    the same transaction, checked by `flask shop check-stock`). The product is named too, for its history."""

    __tablename__ = "stock_movements"
    __table_args__ = (
        sa.CheckConstraint(f"reason IN {STOCK_REASONS!r}", name="reason_known"),
        sa.Index("ix_stock_movements_product_at", "product_id", "at"),
        sa.Index("ix_stock_movements_variant_at", "variant_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"))
    variant_id: Mapped[int] = mapped_column(sa.ForeignKey("product_variants.id", ondelete="CASCADE"))
    change: Mapped[int] = mapped_column()
    reason: Mapped[str] = mapped_column(sa.String(20))
    order_id: Mapped[int | None] = mapped_column(sa.ForeignKey("orders.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RefundState(enum.StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


# A refund: recorded as pending with its money reserved and committed before Stripe is asked, then settled by
# Stripe's answer — or, when the answer is unknown (a timeout, a 5xx, a 409), by the reconciling job with the
# same idempotency key. Only a definite refusal fails it. Stripe may still report a refund that succeeded as
# failed later (`refund.failed`).
REFUND_LIFECYCLE = Lifecycle("refund", RefundState, {
    (RefundState.PENDING, "succeed"): RefundState.SUCCEEDED,
    (RefundState.PENDING, "fail"): RefundState.FAILED,
    (RefundState.SUCCEEDED, "fail"): RefundState.FAILED,
}, record_type="refund")


class Refund(db.Model):
    """Money sent back for an order, with what it covers, so that it can be settled or reconciled."""

    __tablename__ = "refunds"
    __table_args__ = (
        sa.CheckConstraint(REFUND_LIFECYCLE.check_constraint(), name="status_known"),
        sa.CheckConstraint("amount_minor > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    amount_minor: Mapped[int] = mapped_column()
    status: Mapped[str] = mapped_column(sa.String(20), default=RefundState.PENDING.value, index=True)
    idempotency_key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    # One intended refund, minted when the form was shown: a double click or a retry finds this row again.
    intent: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    enterprise_id: Mapped[int | None] = mapped_column(sa.ForeignKey("enterprises.id", ondelete="SET NULL"))
    stripe_refund_id: Mapped[str | None] = mapped_column(sa.String(255), unique=True)
    lines: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # line id -> quantity
    money: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # line id (or "shipping") -> minor units reserved
    restock: Mapped[bool] = mapped_column(default=False)
    final_status: Mapped[str] = mapped_column(sa.String(20), default="refunded")
    reason: Mapped[str] = mapped_column(sa.String(60), default="manager")
    failure: Mapped[str | None] = mapped_column(sa.String(300))
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    order: Mapped[Order] = relationship()


class StripeEvent(db.Model):
    """Each Stripe event id once: stored in the same transaction as its effect, so a replay does nothing."""

    __tablename__ = "stripe_events"

    id: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    type: Mapped[str] = mapped_column(sa.String(80))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ProductImage(db.Model):
    """Up to five pictures a product; checked, re-encoded without metadata, stored under names we choose."""

    __tablename__ = "product_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(80), unique=True)
    alt_text: Mapped[str] = mapped_column(sa.String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MakerCredit(db.Model):
    """An optional credit: a chosen first name, shown only while the maker's recorded consent stands."""

    __tablename__ = "maker_credits"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), index=True)
    first_name: Mapped[str] = mapped_column(sa.String(40))
    consent_recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    consent_recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


DISCOUNT_KINDS = ("percent", "amount")


class DiscountCode(db.Model):
    """A code a buyer enters in the cart: a percentage or a fixed amount off the items of one enterprise (or of
    the whole shop), from a minimum order, between two dates, for a number of uses in all and per customer.
    Kept upper-case (codes are entered in any case). `uses` moves only in one conditional UPDATE."""

    __tablename__ = "discount_codes"
    __table_args__ = (
        sa.CheckConstraint(f"kind IN {DISCOUNT_KINDS!r}", name="kind_known"),
        sa.CheckConstraint("(kind = 'percent' AND percent BETWEEN 1 AND 100 AND amount_minor IS NULL) OR "
                           "(kind = 'amount' AND amount_minor > 0 AND percent IS NULL)", name="value_sensible"),
        # a fixed amount is always less than the minimum order: every item keeps a price above 0
        sa.CheckConstraint("kind = 'percent' OR amount_minor < min_order_minor", name="amount_below_minimum"),
        sa.CheckConstraint("min_order_minor >= 0", name="minimum_not_negative"),
        sa.CheckConstraint("uses >= 0 AND (max_uses IS NULL OR uses <= max_uses)", name="uses_within_limit"),
        sa.CheckConstraint("(max_uses IS NULL OR max_uses > 0) AND "
                           "(max_uses_per_customer IS NULL OR max_uses_per_customer > 0)", name="limits_positive"),
        sa.CheckConstraint("starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on", name="dates_in_order"),
        sa.Index("ix_discount_codes_created_at_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(10))
    percent: Mapped[int | None] = mapped_column()
    amount_minor: Mapped[int | None] = mapped_column()
    enterprise_id: Mapped[int | None] = mapped_column(sa.ForeignKey("enterprises.id", ondelete="CASCADE"),
                                                      index=True)  # None: every enterprise's items
    min_order_minor: Mapped[int] = mapped_column(default=0)
    starts_on: Mapped[date | None] = mapped_column(sa.Date)  # in the programme's time zone, inclusive
    ends_on: Mapped[date | None] = mapped_column(sa.Date)
    max_uses: Mapped[int | None] = mapped_column()
    max_uses_per_customer: Mapped[int | None] = mapped_column()
    uses: Mapped[int] = mapped_column(default=0)
    paused: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    enterprise: Mapped[Enterprise | None] = relationship()


class DiscountUse(db.Model):
    """One of the few places a customer (an e-mail, lower-cased, as a keyed hash; and an account when signed
    in) has in a code's per-customer limit, numbered 1 to the limit like the hold slots: the primary key lets
    only one order take each number, so two checkouts at once cannot both take the last one. Deleted when the
    use is given back."""

    __tablename__ = "discount_uses"

    code_id: Mapped[int] = mapped_column(sa.ForeignKey("discount_codes.id", ondelete="CASCADE"), primary_key=True)
    customer_key: Mapped[str] = mapped_column(sa.String(80), primary_key=True)  # "email:<keyed hash>", "account:<id>"
    slot: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id", ondelete="CASCADE"), index=True)


TAX_DOCUMENT_KINDS = ("invoice", "credit_note")


class TaxDocument(db.Model):
    """A full tax invoice (ใบกำกับภาษี) an enterprise issued for its part of a paid order, or a credit note
    (ใบลดหนี้) for a refund of it, citing the invoice. Numbered per enterprise and kind from 1 with no gap and no
    repeat (marketplace/tax_invoices.py). Everything it shows is frozen here when it is issued — the parties,
    the lines, the VAT rate and amounts — so a later change of a price, a name or the rate never alters it.
    Kept for the Revenue Code's years: never deleted with the order's other details."""

    __tablename__ = "tax_documents"
    __table_args__ = (
        sa.CheckConstraint(f"kind IN {TAX_DOCUMENT_KINDS!r}", name="kind_known"),
        sa.CheckConstraint("(kind = 'invoice' AND original_id IS NULL) OR "
                           "(kind = 'credit_note' AND original_id IS NOT NULL)", name="credit_note_cites"),
        sa.CheckConstraint("number > 0 AND total_minor >= 0 AND vat_minor >= 0", name="figures_sensible"),
        sa.UniqueConstraint("enterprise_id", "kind", "number"),
        # one tax invoice per enterprise and order; one credit note per enterprise and refund
        sa.Index("ix_tax_documents_one_invoice", "order_id", "enterprise_id", unique=True,
                 sqlite_where=sa.text("kind = 'invoice'"), postgresql_where=sa.text("kind = 'invoice'")),
        sa.UniqueConstraint("refund_id", "enterprise_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(sa.ForeignKey("enterprises.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(sa.String(12))
    number: Mapped[int] = mapped_column()
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id", ondelete="RESTRICT"), index=True)
    refund_id: Mapped[int | None] = mapped_column(sa.ForeignKey("refunds.id", ondelete="RESTRICT"))
    # NO ACTION, checked at the statement's end: one DELETE of a test's tables may take an invoice and its notes
    original_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tax_documents.id"), index=True)
    issued_on: Mapped[date] = mapped_column(sa.Date)  # in the programme's time zone: the date it shows
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    vat_rate_bp: Mapped[int] = mapped_column()  # the rate in hundredths of a per cent: 700 is 7%
    seller: Mapped[dict] = mapped_column(sa.JSON)  # name, address, tax_id, branch
    buyer: Mapped[dict] = mapped_column(sa.JSON)
    lines: Mapped[list] = mapped_column(sa.JSON)  # name, quantity, unit_price_minor, amount_minor, vat_minor
    total_minor: Mapped[int] = mapped_column()  # VAT included, as the shop's prices are
    vat_minor: Mapped[int] = mapped_column()  # the sum of the lines' VAT
    # A credit note: the invoice's value before it (after any earlier notes), VAT included.
    before_minor: Mapped[int | None] = mapped_column()

    original: Mapped[TaxDocument | None] = relationship(remote_side=[id])
