"""Outside attack: a grant receipt is personal data (docs/operations.md: a photo of what was bought, often with
the person's name on it). When the person is anonymised (a confirmed deletion, or retention), their words go
but the receipt stays in the store for ever, still linked to the application and opened by any staff member.
Policy for the lead: keep receipts as accounting proof for a fixed time, or remove them with the person."""
from datetime import date

from core.extensions import db
from core.models import Role
from grants import disbursement
from privacy.services import anonymise_person
from tests.grants.conftest import grants_factory  # noqa: F401
from tests.grants.test_views import _approved_application


def test_an_anonymised_persons_receipt_is_no_longer_kept(app, grants_factory, people):  # noqa: F811
    from core.file_store import store
    with app.app_context():
        application = _approved_application(app, grants_factory, people)
        staff = grants_factory.user(people.make(Role.STAFF))
        tranche = disbursement.pay_tranche(application, staff, amount_thb=100, kind="cash",
                                           paid_on=date(2026, 11, 23),
                                           receipt=(b"%PDF-1.4 receipt for Malee Secretname", "receipt.pdf"))
        db.session.commit()
        key = disbursement.receipt_key(tranche.receipt_path)
        assert store().exists(key)
        try:
            anonymise_person(application.participant)
            db.session.commit()
            assert not store().exists(key)
        finally:
            store().delete(key)  # leave the shared upload folder as it was
