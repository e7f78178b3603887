"""Shop fixtures: an app with Stripe keys pointing at the local fakes, demo-like products, helpers to buy."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import Role
from marketplace.models import SHIPPING_ZONES, Enterprise, EnterpriseManager, Product, ShippingRate
from tests.conftest import make_app, unit_of_work
from tests.marketplace.stripe_fakes import API_KEY, WEBHOOK_SECRET, FakeCheckout, start_localstripe


@pytest.fixture(scope="session")
def stripe_servers():
    process, base = start_localstripe()
    fake = FakeCheckout(base)
    yield fake
    fake.stop()
    process.terminate()
    process.wait(5)


@pytest.fixture
def refund_fake(stripe_servers):
    """Stripe's refunds (FakeRefunds), empty and without faults; held calls are let go after the test."""
    stripe_servers.refunds.reset()
    yield stripe_servers.refunds
    stripe_servers.refunds.reset()


@pytest.fixture
def make_stripe_app(app, stripe_servers):
    """make_stripe_app(STRIPE_TIMEOUT_SECONDS=1, ...) -> an app on the same database as `app`, with Stripe
    configured (the embedded default has no keys) and those settings on top. The fakes start empty."""
    stripe_servers.sessions.clear()
    stripe_servers.by_idempotency.clear()
    stripe_servers.refunds.reset()
    stripe_servers.billing.reset()

    def make(**overrides):
        config = {"STRIPE_SECRET_KEY": API_KEY, "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
                  "STRIPE_API_BASE": stripe_servers.base, **overrides}
        return make_app(app.config["TEST_TMP_DIR"], **config)
    return make


@pytest.fixture
def stripe_app(make_stripe_app):
    """The same database as `app`, with Stripe configured as production would be."""
    return make_stripe_app()


def variant_of(product_id: int) -> int:
    """The id of a product's first (default) variant, inside an app context: what carts and orders hold."""
    return db.session.get(Product, product_id).default_variant.id


class Shop:
    def __init__(self, app, people):
        self.app, self.people = app, people

    def enterprise(self, slug="coffee", manager=True) -> tuple[int, int | None]:
        manager_id = self.people.make(Role.MANAGER, f"{slug} manager") if manager else None
        with unit_of_work(self.app):
            enterprise = Enterprise(slug=slug, name=slug.title(), story="A programme shop.")
            db.session.add(enterprise)
            db.session.flush()
            if manager:
                db.session.add(EnterpriseManager(user_id=manager_id, enterprise_id=enterprise.id))
            if db.session.scalar(sa.select(ShippingRate.id).limit(1)) is None:
                # the same price in both zones unless a test says otherwise (tests/marketplace/test_shipping.py)
                db.session.add_all([ShippingRate(zone=zone, max_weight_grams=2000, price_minor=8000)
                                    for zone in SHIPPING_ZONES])
            db.session.commit()
            return enterprise.id, manager_id

    def product(self, enterprise_id: int, name="Coffee beans", price=32000, stock: int | None = 10,
                category="coffee", **kw) -> int:
        with unit_of_work(self.app):
            product = Product(enterprise_id=enterprise_id, name=name, category=category,
                              price_minor=price, weight_grams=250, **kw)
            db.session.add(product)
            db.session.flush()
            from marketplace import stock as ledger
            ledger.set_count(product.default_variant, None, stock, "test stock")  # through the ledger, as the shop does
            db.session.commit()
            return product.id

    def stock(self, product_id: int):
        """The stock of the product's variants together (its one variant's, for a product without options)."""
        with unit_of_work(self.app):
            return db.session.get(Product, product_id).stock

    def variant(self, product_id: int) -> int:
        """The id of the product's first (default) variant: what a cart holds."""
        with unit_of_work(self.app):
            return db.session.get(Product, product_id).default_variant.id


@pytest.fixture
def shop(app, people):
    return Shop(app, people)
