"""Outside attack: ten product pictures uploaded at once to one product, on the real server. A product has at
most MAX_IMAGES (5) pictures; marketplace.media.add_image counts them, then inserts, with nothing holding the
count between the two, so several uploads read the same count at the same moment. Seen: 10 pictures kept on the
harness's gunicorn with SQLite, 7 on PostgreSQL with 4 sync workers on the demo data."""
from __future__ import annotations

import io
import threading

import pytest
import sqlalchemy as sa
from PIL import Image

from core.extensions import db
from tests.attack.helpers import browser
from tests.concurrency.harness import CSRF, build_world

pytestmark = pytest.mark.real_commits


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (900, 900), "blue").save(buffer, format="PNG")
    return buffer.getvalue()


def test_ten_pictures_at_once_leave_at_most_five_on_a_product(shop_app, stripe_servers, server):
    from marketplace.media import MAX_IMAGES
    from marketplace.models import ProductImage

    world = build_world(shop_app, stripe_servers.base)
    product_id = world.products["coffee"]
    manager = browser(server, world, "manager_a")
    page = manager.http.get(f"{server.base}/manage/shop/products/{product_id}/edit", timeout=30).text
    token, picture = CSRF.search(page).group(1), _png()
    barrier = threading.Barrier(10)
    answers: list[int] = []

    def upload():
        barrier.wait()
        answers.append(manager.http.post(f"{server.base}/manage/shop/products/{product_id}/images",
                                         data={"csrf_token": token, "alt_text": "Beans"},
                                         files={"image": ("beans.png", picture, "image/png")},
                                         allow_redirects=False, timeout=60).status_code)
    threads = [threading.Thread(target=upload) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 10 and all(code in (302, 303) for code in answers), answers
    with shop_app.app_context():
        kept = db.session.scalar(sa.select(sa.func.count(ProductImage.id))
                                 .where(ProductImage.product_id == product_id))
    assert kept == MAX_IMAGES
