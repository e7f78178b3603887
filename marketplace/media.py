"""Product pictures and maker credits.

Pictures are opened with Pillow (so only real images pass), resized, re-encoded as JPEG without EXIF (no
location leaks), and stored under random names in the upload store (core.file_store: the upload folder outside
the web root, or the bucket), written once the change is committed and removed once its removal is.
"""
from __future__ import annotations

import uuid

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import audit
from core.db import utcnow
from core.extensions import db
from core.file_store import store
from core.images import NotAPicture, as_jpeg
from core.models import User
from core.unit_of_work import after_commit
from marketplace.cart import ShopError
from marketplace.models import MakerCredit, Product, ProductImage

MAX_IMAGES = 5
MAX_BYTES = 4 * 1024 * 1024
MAX_SIDE = 1200


def image_key(filename: str) -> str:
    return f"products/{filename}"


def add_image(product: Product, manager: User, content: bytes, alt_text: str) -> ProductImage:
    if len(content) > MAX_BYTES:
        raise ShopError(_l("The picture is too large (4 MB at most)."), "image")
    try:
        jpeg = as_jpeg(content, max_side=MAX_SIDE)
    except NotAPicture as error:
        raise ShopError(_l("This file is not a picture we can use (JPEG, PNG or WebP)."), "image") from error
    # Counted under a lock on the product's row (a no-op UPDATE, held until the commit): ten uploads at once
    # each counted the same pictures and all were kept.
    db.session.execute(sa.update(Product).where(Product.id == product.id)
                       .values(options_text=Product.options_text).execution_options(synchronize_session=False))
    count = db.session.scalar(sa.select(sa.func.count(ProductImage.id)).where(ProductImage.product_id == product.id))
    if (count or 0) >= MAX_IMAGES:
        raise ShopError(_l("A product has at most %(n)d pictures.", n=MAX_IMAGES), "image")
    name = uuid.uuid4().hex + ".jpg"
    files = store()
    after_commit(lambda: files.put(image_key(name), jpeg))
    image = ProductImage(product_id=product.id, filename=name, alt_text=alt_text.strip()[:200] or product.name)
    db.session.add(image)
    db.session.flush()
    audit.record("product.image_add", "product", product.id, actor=manager)
    db.session.flush()
    return image


def remove_image(image: ProductImage, manager: User) -> None:
    key, files = image_key(image.filename), store()
    after_commit(lambda: files.delete(key))
    audit.record("product.image_remove", "product", image.product_id, actor=manager)
    db.session.delete(image)
    db.session.flush()


def images_of(product_id: int) -> list[ProductImage]:
    return list(db.session.scalars(sa.select(ProductImage).where(ProductImage.product_id == product_id)
                                   .order_by(ProductImage.id)))


def credit_maker(product: Product, manager: User, first_name: str, consent_given: bool) -> MakerCredit:
    name = first_name.strip()
    if not consent_given:
        raise ShopError(_l("A maker is named only with their agreement. Tick that they agreed."), "consent")
    if not name or " " in name or len(name) > 40:
        raise ShopError(_l("Use only a first name the maker chose."), "first_name")
    credit = MakerCredit(product_id=product.id, first_name=name, consent_recorded_by_id=manager.id)
    db.session.add(credit)
    audit.record("product.maker_credit", "product", product.id, actor=manager)
    db.session.flush()
    return credit


def withdraw_credit(credit: MakerCredit, manager: User) -> None:
    """The maker changed their mind: the name disappears from the shop at once."""
    credit.withdrawn_at = utcnow()
    audit.record("product.maker_credit_withdrawn", "product", credit.product_id, actor=manager)
    db.session.flush()


def makers_of(product_id: int) -> list[MakerCredit]:
    return list(db.session.scalars(sa.select(MakerCredit).where(MakerCredit.product_id == product_id,
                                                                MakerCredit.withdrawn_at.is_(None))))
