"""Outside attack: the receipt bucket stops answering while staff record a payment with its receipt.

The payment is committed first and the receipt written after the commit (core.unit_of_work.after_commit). When
that write fails, the exception escapes the session's commit: the session is left "committed", the error page's
rollback fails ("the error page failed too"), and the request ends in an exception out of the app (under
gunicorn a bare English 500), while the payment stands. Staff are told nothing was done and pay again."""
import io

import pytest
import sqlalchemy as sa
from PIL import Image

from core import file_store
from core.extensions import db
from core.models import Role
from grants.models import Tranche
from tests.conftest import post_form, sign_in
from tests.grants.conftest import grants_factory  # noqa: F401
from tests.grants.test_views import _approved_application


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_payment_whose_receipt_cannot_be_stored_is_not_reported_as_failed_while_it_stands(
        app, grants_factory, people, bucket):  # noqa: F811
    with app.app_context():
        application = _approved_application(app, grants_factory, people)
        db.session.commit()
        application_id = application.id
    staff = app.test_client()
    sign_in(staff, people.login_name(people.make(Role.STAFF)))
    before = {key: app.config[key] for key in ("UPLOAD_S3_TIMEOUT_SECONDS", "PROPAGATE_EXCEPTIONS")}
    app.config.update(UPLOAD_S3_ENDPOINT_URL="http://127.0.0.1:9", UPLOAD_S3_TIMEOUT_SECONDS=1.0)  # nothing listens
    file_store.configure(app)  # (the bucket fixture puts the endpoint and the store back after the test)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the app's own error page, not a traceback
    try:
        answer = post_form(staff, f"/staff/grants/applications/{application_id}/tranches",
                           {"tranche-amount_thb": "100", "tranche-kind": "cash", "tranche-condition": "none",
                            "tranche-paid_on": "2026-11-23", "tranche-receipt": (io.BytesIO(_photo()), "r.png")},
                           content_type="multipart/form-data")
    except Exception as escaped:  # noqa: BLE001 - what a WSGI server would turn into a bare 500
        pytest.fail(f"the request ended in an exception out of the app: {escaped!r}")
    finally:
        app.config.update(before)
    with app.app_context():
        paid = db.session.scalar(sa.select(sa.func.count(Tranche.id)).where(Tranche.application_id == application_id))
    # Either nothing was recorded (and an error page says so), or the payment stands and the page says it was
    # recorded (and that the receipt must be uploaded again) - never "something went wrong" over a payment made.
    assert (paid == 0 and answer.status_code >= 400) or (paid == 1 and answer.status_code < 400)
    # The payment stands, and staff are told its receipt must be added again (not that nothing was done).
    assert "a file could not be stored" in staff.get(answer.headers["Location"]).get_data(as_text=True)
