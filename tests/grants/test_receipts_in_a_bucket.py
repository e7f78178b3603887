"""Receipts kept in an S3-compatible bucket (UPLOAD_S3_BUCKET): uploaded through the staff form, private in
the bucket, and streamed by the app only to the business owner and staff, as from the upload folder."""
import io
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image

from core.extensions import db
from core.models import AuditEntry, Role
from grants.models import Tranche
from tests.conftest import post_form, sign_in
from tests.grants.test_views import _approved_application


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_receipt_uploaded_by_staff_is_in_the_bucket_private_and_only_streamed_to_owner_and_staff(
        app, grants_factory, people, bucket):
    with app.app_context():
        application = _approved_application(app, grants_factory, people)
        db.session.commit()
        application_id, owner_id = application.id, application.participant_id
    staff_id = people.make(Role.STAFF)
    staff = app.test_client()
    sign_in(staff, people.login_name(staff_id))
    paid = post_form(staff, f"/staff/grants/applications/{application_id}/tranches",
                     {"tranche-amount_thb": "100", "tranche-kind": "cash", "tranche-condition": "none",
                      "tranche-paid_on": "2026-11-23", "tranche-receipt": (io.BytesIO(_photo()), "receipt.png")},
                     content_type="multipart/form-data")
    assert paid.status_code == 302
    with app.app_context():
        tranche = db.session.scalars(sa.select(Tranche).where(Tranche.application_id == application_id)).one()
        tranche_id, key = tranche.id, f"receipts/{tranche.receipt_path}"
    assert bucket.keys() == [key] and not (Path(app.config["UPLOAD_FOLDER"]) / key).exists()
    stored = bucket.read(key)
    with Image.open(io.BytesIO(stored)) as kept:
        assert kept.format == "JPEG"  # the photo was checked and re-encoded before it was stored

    # Not public: the object grants nothing to anyone but the bucket's owner, and the S3 API refuses a reader
    # without the app's keys; no page names the bucket or its address.
    grants = bucket.client.get_object_acl(Bucket=bucket.name, Key=key)["Grants"]
    assert [grant["Grantee"]["Type"] for grant in grants] == ["CanonicalUser"]
    with pytest.raises(urllib.error.HTTPError) as anonymous:
        urllib.request.urlopen(f"{bucket.endpoint}/{bucket.name}/{key}")  # noqa: S310 - the local test server
    assert anonymous.value.code == 403
    owner = app.test_client()
    sign_in(owner, people.login_name(owner_id))
    page = owner.get(f"/grants/applications/{application_id}").get_data(as_text=True)
    assert f"/grants/tranches/{tranche_id}/receipt" in page
    assert bucket.name not in page and bucket.endpoint not in page

    shown = owner.get(f"/grants/tranches/{tranche_id}/receipt")
    assert shown.status_code == 200 and shown.data == stored and shown.mimetype == "image/jpeg"
    assert shown.headers["Cache-Control"] == "no-store" and "sandbox" in shown.headers["Content-Security-Policy"]
    stranger = app.test_client()
    sign_in(stranger, people.login_name(people.make(Role.PARTICIPANT)))
    assert stranger.get(f"/grants/tranches/{tranche_id}/receipt").status_code == 404
    assert app.test_client().get(f"/grants/tranches/{tranche_id}/receipt").status_code in (302, 401, 403)
    assert staff.get(f"/grants/tranches/{tranche_id}/receipt").data == stored
    with app.app_context():
        [entry] = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "grants.receipt_open")).all()
        assert (entry.actor_id, entry.detail) == (staff_id, {"tranche": tranche_id})


def test_a_receipt_gone_from_the_bucket_is_said_to_be_missing_not_an_error(app, grants_factory, people, bucket):
    from grants import disbursement

    with app.app_context():
        application = _approved_application(app, grants_factory, people)
        staff = grants_factory.user(people.make(Role.STAFF))
        tranche = disbursement.pay_tranche(application, staff, amount_thb=100, kind="cash",
                                           paid_on=date(2026, 11, 23),
                                           receipt=(b"%PDF-1.4 receipt", "receipt.pdf"))
        assert bucket.keys() == []  # written only once the payment is committed
        db.session.commit()
        [key] = bucket.keys()
        assert bucket.read(key) == b"%PDF-1.4 receipt"
        bucket.client.delete_object(Bucket=bucket.name, Key=key)
        with pytest.raises(disbursement.GrantError, match="The receipt file is missing"):
            disbursement.open_receipt(tranche, staff)
