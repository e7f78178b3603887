"""Every demo product has a picture the project drew itself (marketplace.demo_pictures), stored through the
upload pipeline like a manager's: a JPEG under a name we chose, shown on the shop and the product's page with
words for people who cannot see it."""
from __future__ import annotations

import re

import sqlalchemy as sa

from core.commands import seed_demo
from core.extensions import db
from core.unit_of_work import checkpoint as commit
from marketplace.demo_pictures import PICTURES
from marketplace.models import Product, ProductImage


def test_every_demo_product_has_its_own_drawn_picture_served_as_a_jpeg(app, client):
    with app.app_context():
        seed_demo()
        commit()
        products = {p.id: p.name for p in db.session.scalars(sa.select(Product))}
        images = {i.product_id: (i.filename, i.alt_text) for i in db.session.scalars(sa.select(ProductImage))}
    assert products and set(images) == set(products)  # each has one, and no product has two
    assert {name for name in products.values()} <= set(PICTURES)
    served = set()
    for product_id, (filename, alt) in images.items():
        assert alt == PICTURES[products[product_id]][0]
        page = client.get(f"/shop/products/{product_id}").get_data(as_text=True)
        assert re.search(rf'<img[^>]+src="/shop/images/{filename}"[^>]*alt="{re.escape(alt)}"', page) or \
            re.search(rf'<img[^>]+alt="{re.escape(alt)}"[^>]*src="/shop/images/{filename}"', page), products[product_id]
        picture = client.get(f"/shop/images/{filename}")
        assert picture.status_code == 200 and picture.data[:3] == b"\xff\xd8\xff"  # re-encoded as JPEG
        assert b"Exif" not in picture.data[:200]
        served.add(picture.data)
    assert len(served) == len(images)  # a picture of its own each, not one grey box for all
    shop = client.get("/shop/").get_data(as_text=True)
    assert len(set(re.findall(r'src="/shop/images/([0-9a-f]{32}\.jpg)"', shop))) >= 5


def test_seeding_again_adds_no_second_picture(app):
    with app.app_context():
        seed_demo()
        commit()
        first = db.session.scalar(sa.select(sa.func.count(ProductImage.id)))
        seed_demo()
        commit()
        assert db.session.scalar(sa.select(sa.func.count(ProductImage.id))) == first == len(PICTURES)
