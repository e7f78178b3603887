"""Product pictures are real images, re-encoded without EXIF; maker credits need consent and vanish when it goes."""
import io
from pathlib import Path

import pytest
from PIL import Image

from core.extensions import db
from marketplace.models import ProductImage
from tests.conftest import post_form, sign_in


def _photo_with_location() -> bytes:
    picture = Image.new("RGB", (2400, 1600), "green")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"           # Make
    exif[0x0132] = "2026:11:01 09:00:00"  # DateTime
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def manager_client(app, shop):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id)
    client = app.test_client()
    sign_in(client, shop.people.login_name(manager_id))
    return client, product_id


def _upload(client, product_id, content, name="photo.jpg"):
    return post_form(client, f"/manage/shop/products/{product_id}/images",
                     {"image": (io.BytesIO(content), name), "alt_text": "A bag of coffee beans"},
                     content_type="multipart/form-data", follow_redirects=True)


def test_pictures_are_resized_and_lose_their_metadata(app, manager_client):
    client, product_id = manager_client
    original = _photo_with_location()
    assert Image.open(io.BytesIO(original)).getexif()  # the upload carries EXIF
    _upload(client, product_id, original)
    with app.app_context():
        image = db.session.query(ProductImage).one()
        stored = Path(app.config["UPLOAD_FOLDER"]) / "products" / image.filename
        assert image.filename.endswith(".jpg") and len(image.filename) == 36
    with Image.open(stored) as kept:
        assert max(kept.size) == 1200 and not kept.getexif()
    served = app.test_client().get(f"/shop/images/{image.filename}")
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    page = app.test_client().get(f"/shop/products/{product_id}").get_data(as_text=True)
    assert 'alt="A bag of coffee beans"' in page


@pytest.mark.parametrize("content,name,message", [
    (b"<?php echo 'hi'; ?>", "shell.jpg", "This file is not a picture we can use"),
    (b"%PDF-1.4 not a picture", "doc.png", "This file is not a picture we can use"),
    (b"x", "notes.txt", "Upload a JPEG, PNG or WebP picture."),
])
def test_files_that_are_not_pictures_are_refused(app, manager_client, content, name, message):
    client, product_id = manager_client
    assert message in _upload(client, product_id, content, name).get_data(as_text=True)
    with app.app_context():
        assert db.session.query(ProductImage).count() == 0


def test_at_most_five_pictures(app, manager_client):
    client, product_id = manager_client
    small = io.BytesIO()
    Image.new("RGB", (50, 50), "red").save(small, format="PNG")
    for _ in range(5):
        _upload(client, product_id, small.getvalue(), "p.png")
    sixth = _upload(client, product_id, small.getvalue(), "p.png")
    assert "A product has at most 5 pictures." in sixth.get_data(as_text=True)


def test_image_names_are_ours_only(app):
    assert app.test_client().get("/shop/images/..%2F..%2Fsecret_key").status_code == 404


def test_maker_credit_needs_consent_and_disappears_when_withdrawn(app, manager_client):
    client, product_id = manager_client
    refused = post_form(client, f"/manage/shop/products/{product_id}/credits", {"first_name": "Noi"},
                        follow_redirects=True)
    assert "only with their agreement" in refused.get_data(as_text=True)
    post_form(client, f"/manage/shop/products/{product_id}/credits", {"first_name": "Noi", "consent": "y"})
    public = app.test_client()
    page = public.get(f"/shop/products/{product_id}").get_data(as_text=True)
    assert "Made by <span data-user-content>Noi</span>" in page
    from marketplace.models import MakerCredit
    with app.app_context():
        credit_id = db.session.query(MakerCredit).one().id
    post_form(client, f"/manage/shop/products/{product_id}/credits/{credit_id}/withdraw")
    assert "Noi" not in public.get(f"/shop/products/{product_id}").get_data(as_text=True)


def test_a_picture_over_4_mb_is_refused(app, manager_client):
    client, product_id = manager_client
    response = _upload(client, product_id, b"\xff\xd8\xff" + b"0" * (4 * 1024 * 1024 + 10), "huge.jpg")
    assert "The picture is too large (4 MB at most)." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(ProductImage).count() == 0


def test_in_a_bucket_a_picture_is_stored_re_encoded_served_and_removed_with_it(app, manager_client, bucket):
    """With UPLOAD_S3_BUCKET set the picture goes to the bucket (re-encoded as on disk), the shop serves it from
    there, and removing the picture removes the object."""
    client, product_id = manager_client
    _upload(client, product_id, _photo_with_location())
    with app.app_context():
        image = db.session.query(ProductImage).one()
        image_id, name = image.id, image.filename
    key = f"products/{name}"
    assert bucket.keys() == [key]
    assert not (Path(app.config["UPLOAD_FOLDER"]) / key).exists()  # nothing on this machine's disk
    with Image.open(io.BytesIO(bucket.read(key))) as kept:
        assert kept.format == "JPEG" and max(kept.size) == 1200 and not kept.getexif()
    visitor = app.test_client()
    served = visitor.get(f"/shop/images/{name}")
    assert served.status_code == 200 and served.mimetype == "image/jpeg" and served.data == bucket.read(key)
    assert served.headers["Content-Length"] == str(len(served.data)) and "max-age=86400" in \
        served.headers["Cache-Control"]
    again = visitor.get(f"/shop/images/{name}", headers={"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert visitor.get(f"/shop/images/{name}", headers={"Range": "bytes=0-9"}).data == served.data  # no ranges
    post_form(client, f"/manage/shop/products/{product_id}/images/{image_id}/remove")
    assert bucket.keys() == []
    assert visitor.get(f"/shop/images/{name}").status_code == 404
    assert visitor.get(f"/shop/images/{'0' * 32}.jpg").status_code == 404  # a name never stored


def test_a_refused_picture_leaves_nothing_in_the_bucket(app, manager_client, bucket):
    client, product_id = manager_client
    assert "This file is not a picture we can use" in _upload(client, product_id, b"<?php ?>", "x.jpg") \
        .get_data(as_text=True)
    assert bucket.keys() == []
