"""A programme with something in every state, built through the services on top of the demo data.

Tests that must reach every page and every form of the site (hostile input, HTML validity) start here, so that
each form a person can meet is on some page: an application waiting for each kind of answer, a grant round
with drafts, reviews and an award with visits, an unverified employer with a post waiting for staff, a
deletion request, shop orders with pictures and maker credits.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from PIL import Image

from accounts import contact, devices, drafts, trusted_browsers
from accounts import services as accounts
from core import clock
from core.commands import DEMO_PASSWORD, seed_demo
from core.db import utcnow
from core.extensions import db
from core.models import AuditEntry, Role, User
from core.security import MAY_KEEP_SIGNED_IN
from grants import applications as grant_applications
from grants import awards, decisions, disbursement, reviews
from grants.applications import LineInput
from grants.models import FollowUpVisit, GrantRound
from grants.rounds import CriterionInput, create_round
from marketplace import cart, checkout, discounts, fulfilment, management, media, tax_invoices
from marketplace.models import ORDER_LIFECYCLE, Enterprise, Product
from marketplace.subscription_models import Subscription, SubscriptionPlan
from privacy import services as privacy
from training import applications as pathway
from training import check_ins, post_actions
from training.employer_models import EmployerMember, EmployerOrganisation, WorkPost
from training.models import Course, PathwayStep, PlacementCheckIn

LEVELS = ("Very weak", "Weak", "Fair", "Good", "Very good")
CRITERIA = [CriterionInput("Local market", "Who will buy, and why?", 2.0, LEVELS),
            CriterionInput("Skills for it", "Has the person the skills?", 1.0, LEVELS)]
GRANT_TEXTS = {"business_idea": "Coffee cart at the market", "location": "Chiang Mai", "market": "Office workers",
               "competitors": "Two cafés", "skills": "Barista course", "plan_six_months": "Sell 80 cups a day"}
DEMO_LOGINS = {"participant": "participant@demo.pathways", "staff": "staff@demo.pathways",
               "employer": "employer@demo.pathways", "manager": "manager@demo.pathways",
               "customer": "customer@demo.pathways", "admin": "admin@demo.pathways"}
# A demo work account (with a second factor, like every demo work account) whose client stops after the
# password, so the crawl meets the second step's page and form.
SECOND_STEP_LOGIN = "staff2@demo.pathways"
# Accounts of the world that see pages the demo accounts do not (all use the demo password).
WORLD_LOGINS = {"employer without an organisation": "newjobs@world.example",
                "reviewer with sent reviews": "reviewer1@world.example",
                "café buying wholesale": "cafe@demo.pathways"}


def _person(role: Role, name: str, email: str) -> User:
    return accounts.find_by_login_name(email) or accounts.create_account(role, name, email=email,
                                                                         password=DEMO_PASSWORD)


def _eligible(participant: User, today: date) -> None:
    db.session.add(PathwayStep(participant_id=participant.id, step="completed", on_date=today))
    db.session.flush()


def _submitted(grant_round: GrantRound, participant: User, today: date):
    application = grant_applications.start_application(participant, grant_round, participant)
    grant_applications.save_draft(application, participant, GRANT_TEXTS,
                                  [LineInput("Coffee cart", 1, 15_000), LineInput("Grinder", 1, 8_000)],
                                  20_000, 2_000, ["coaching"])
    grant_applications.submit(application, participant, today)
    return application


def _reviewed_by_two(application, staff: User, today: date) -> None:
    for number in (1, 2):
        reviewer = _person(Role.STAFF, f"Reviewer {number}", f"reviewer{number}@world.example")
        review = reviews.assign_reviewer(staff, application, reviewer)
        reviews.declare_conflict(review, reviewer, False, "")
        criteria = reviews.criteria_for(application)
        reviews.submit_review(review, reviewer, {c.id: 4 for c in criteria}, "Clear plan.", "fund")


def _grants(people: dict[str, User], today: date) -> None:
    staff, malee = people["staff"], people["participant"]
    _eligible(malee, today)
    rounds = [create_round(staff, name=name, kind="business", budget_thb=200_000, max_per_grant_thb=30_000,
                           opens_on=today - timedelta(days=30), closes_on=today + timedelta(days=60),
                           eligibility=["completed_course"], criteria=CRITERIA)
              for name in ("Small business 2026", "Second round 2026", "Third round 2026")]
    first, second, third = rounds
    # Malee: an award with visits (check-in, follow-up grant, payments), a draft in the second round.
    awarded = _submitted(first, malee, today)
    _reviewed_by_two(awarded, staff, today)
    decisions.decide(awarded, staff, "approve", "A clear plan with buyers close by.")
    awards.accept(awarded, malee, today)
    # Its first payment, with a photo of the receipt, and a plan for the rest.
    photo = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(photo, format="PNG")
    disbursement.pay_tranche(awarded, staff, amount_thb=5_000, kind="cash", paid_on=today,
                             receipt=(photo.getvalue(), "receipt.png"))
    disbursement.plan_tranches(awarded, staff, [disbursement.PlanInput(today + timedelta(days=60), 5_000)])
    # She began the check-in that stands in for the next visit: its "Check your answers" links each question.
    next_visit = db.session.scalar(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == awarded.id,
                                                                  FollowUpVisit.status != "done")
                                   .order_by(FollowUpVisit.due_on))
    drafts.store(malee, f"visit:{next_visit.id}").put({"business_status": ["operating"]})
    grant_applications.start_application(malee, second, malee)
    # A second award, in the third round, waiting for her to read its terms and answer.
    offered = _submitted(third, malee, today)
    _reviewed_by_two(offered, staff, today)
    decisions.decide(offered, staff, "approve", "A good plan to grow, with buyers close by.")
    # Another participant's application: the demo staff member is asked to review it (conflict form first).
    niran = _person(Role.PARTICIPANT, "Niran", "niran@world.example")
    _eligible(niran, today)
    reviews.assign_reviewer(staff, _submitted(first, niran, today), staff)
    # A third one with two reviews done, waiting for the staff decision.
    ploy = _person(Role.PARTICIPANT, "Ploy", "ploy@world.example")
    _eligible(ploy, today)
    _reviewed_by_two(_submitted(first, ploy, today), staff, today)
    # A draft staff started for someone who has not finished a course yet: the rule needs an exception.
    somsri = _person(Role.PARTICIPANT, "Somsri", "somsri@world.example")
    grant_applications.start_application(somsri, first, staff)


def _training(people: dict[str, User], today: date) -> None:
    malee, employer = people["participant"], people["employer"]
    courses = list(db.session.scalars(sa.select(Course).order_by(Course.id)))
    pathway.apply_to_course(malee, courses[0], today)
    organisation = db.session.get(EmployerMember, employer.id).organisation_id
    post = db.session.scalar(sa.select(WorkPost).where(WorkPost.organisation_id == organisation,
                                                       WorkPost.status == "published").order_by(WorkPost.id))
    # Her e-mail: she has no phone number on record (a way to be reached that is empty cannot be shared).
    pathway.apply_to_post(malee, post, ["display_name", "email"], "I can start next month.", today)
    # Someone else's course place, offered and waiting for the next step staff record.
    niran = _person(Role.PARTICIPANT, "Niran", "niran@world.example")
    pathway.offer_course_place(pathway.apply_to_course(niran, courses[1], today), people["staff"], today)
    # Malee has an offer of a seat on another course, waiting for her answer.
    pathway.offer_course_place(pathway.apply_to_course(malee, courses[-1], today), people["staff"], today)
    # Hires with check-ins after them: Malee started as a café assistant 100 days ago (her 3-month check-in
    # waits for her answer); Niran started an apprenticeship 200 days ago, said at 3 months that a fee was
    # asked (staff must follow it up), and has not answered at 6 months (staff should call).
    published = list(db.session.scalars(sa.select(WorkPost).where(WorkPost.organisation_id == organisation,
                                                                  WorkPost.status == "published")
                                         .order_by(WorkPost.id)))
    cafe = published[1]
    hired = pathway.apply_to_post(malee, cafe, ["display_name", "email"], "", today - timedelta(days=110))
    pathway.record_outcome(hired, employer, "hired", today - timedelta(days=100))
    privacy.give_consent(niran, "share_with_employers", "v1")
    apprentice = pathway.apply_to_post(niran, post, ["display_name", "email"], "", today - timedelta(days=210))
    pathway.record_outcome(apprentice, employer, "hired", today - timedelta(days=200))
    three_months = db.session.scalar(sa.select(PlacementCheckIn).where(
        PlacementCheckIn.application_id == apprentice.id, PlacementCheckIn.month == 3))
    check_ins.answer(three_months, niran, today, check_ins.CheckInAnswer(
        still_working=True, paid_as_promised=False, problems=("fee",), note="They take 500 baht for the uniform.",
        wants_help=True))
    # Malee began applying to another offer and stopped before sending (a draft, accounts.drafts): its "Check
    # your answers" page links each question, so the crawl meets every question page of an application.
    unsent = WorkPost(organisation_id=organisation, status="published", kind="job", title="Kitchen helper",
                      description="Wash, cut and help the cook.", isco_code="9412", sector="food",
                      province_code=cafe.province_code, pay_amount_thb=cafe.pay_amount_thb, pay_period="month",
                      contract_type="permanent", openings=1, days_mask=0b0011111, hours_from=8, hours_to=17,
                      language="th", created_by_id=employer.id, published_at=utcnow())
    db.session.add(unsent)
    db.session.flush()
    drafts.store(malee, f"apply:{unsent.id}").put({"shared_fields": ["display_name", "email"]})
    # A post the employer paused (its page offers "Resume") and one they closed (its page offers "Post again").
    for title, action in (("Rice harvest helper", "pause"), ("Night guard", "close")):
        kept = WorkPost(organisation_id=organisation, status="published", kind="job", title=title,
                        description="Seasonal work.", isco_code=cafe.isco_code, sector=cafe.sector,
                        province_code=cafe.province_code, pay_amount_thb=cafe.pay_amount_thb, pay_period="month",
                        contract_type="seasonal", openings=2, days_mask=0b0011111, hours_from=8, hours_to=17,
                        language="th", created_by_id=employer.id, published_at=utcnow())
        db.session.add(kept)
        db.session.flush()
        if action == "pause":
            post_actions.pause_post(employer, kept)
        else:
            post_actions.close_post(employer, kept, today)
    # She began her own 3-month check-in too: its "Check your answers" page links each of its questions.
    waiting = db.session.scalar(sa.select(PlacementCheckIn).where(PlacementCheckIn.application_id == hired.id,
                                                                  PlacementCheckIn.month == 3))
    drafts.store(malee, f"check_in:{waiting.id}").put({"still_working": ["yes"]})
    # Staff think Malee's phone number changed: the suggestion waits for her yes or no.
    contact.propose_change(people["staff"], malee, "phone", "081 555 0101")
    _person(Role.EMPLOYER, "New Jobs Ltd", WORLD_LOGINS["employer without an organisation"])
    # An admin who has not set up two-step sign-in yet: its account page offers "Give an enrolment code" (its
    # name sorts it first in the admin's list of accounts, so the crawl meets it).
    _person(Role.ADMIN, "A new admin", "new-admin@world.example")
    # An employer that staff have not checked yet, with a post waiting for review.
    newcomer = _person(Role.EMPLOYER, "Golden Rice Mill", "mill@world.example")
    if db.session.get(EmployerMember, newcomer.id) is None:
        mill = EmployerOrganisation(name="Golden Rice Mill", registration_number="0505561000999",
                                    address="3 Mill Road, Lamphun", province_code="51", contact_name="Khun Dee",
                                    contact_phone="053 111 222", suspended_at=utcnow(),
                                    suspension_reason="Two reports of fees asked at the gate.")
        db.session.add(mill)
        db.session.flush()
        db.session.add(EmployerMember(user_id=newcomer.id, organisation_id=mill.id))
        db.session.add(WorkPost(organisation_id=mill.id, status="pending_review", kind="job", title="Mill helper",
                                description="Carry and pack rice.", isco_code="9329", sector="food",
                                province_code="51", pay_amount_thb=380, pay_period="day", openings=2,
                                days_mask=0b0011111, hours_from=8, hours_to=17, language="th",
                                created_by_id=newcomer.id, red_flags=["organisation_not_verified"]))
        db.session.flush()
    _registered_itself()


def _registered_itself() -> None:
    """A business that registered itself on the public page and opened the link mailed to it: staff's list of
    employers to verify shows what it gave (the work it offers, its unchecked number), with "Refuse"."""
    from training import employer_signup

    if accounts.find_by_login_name("farm@world.example") is not None:
        return
    with current_app.test_request_context():  # the mail's link is built from a request
        employer_signup.register_business(employer_signup.Business(
            name="Mae Rim Orchid Farm", contact_name="Khun Wanna", email="farm@world.example", phone="053 222 333",
            province_code="50", address="8 Orchid Lane, Mae Rim", registration_number="0505562000777",
            work_offered="Orchid potting and packing; two apprentices a season."), DEMO_PASSWORD, locale="th")
        accounts.confirm_email(accounts.confirmation_token(accounts.find_by_login_name("farm@world.example")))


def _picture() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (120, 80, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def _shop(people: dict[str, User]) -> None:
    manager, customer = people["manager"], people["customer"]
    enterprise = db.session.scalar(sa.select(Enterprise).where(Enterprise.slug == "nightlight-coffee"))
    product = db.session.scalar(sa.select(Product).where(Product.enterprise_id == enterprise.id)
                                .order_by(Product.id))
    buyer = checkout.Buyer(name="Sam Customer", email="customer@demo.pathways", phone="081 000 0000",
                           delivery="pickup", address="")
    variant = product.default_variant.id  # the demo coffee's 250 g whole beans
    paid = checkout.place_order({variant: 2}, buyer, customer, use_stripe=False)
    fulfilment.mark_paid_on_collection(paid, manager)
    # A code of the enterprise's (its "Pause" form), and the order still to be paid bought with it.
    discounts.create(manager, discounts.NewCode("LAUNCH10", "percent", 10, enterprise.id, max_uses=50,
                                                max_uses_per_customer=2))
    checkout.place_order({variant: 1}, buyer, customer, use_stripe=False, code="launch10")  # still to be paid
    unmatched = checkout.place_order({variant: 1}, buyer, None, use_stripe=True)  # paid, but not what was asked
    ORDER_LIFECYCLE.apply(unmatched, "mismatch", action="order.payment_mismatch")
    # Registered for VAT (its "VAT and tax invoices" form): an order paid at the shop with a full tax invoice,
    # one bag of it refunded, so both order pages offer the receipt, the tax invoice and the credit note.
    tax_invoices.save_registration(manager, enterprise, True, "Nightlight Coffee Co., Ltd.",
                                   "12 Market Road, Chiang Mai 50000", "0105558012349", "00000")
    invoiced = checkout.place_order({variant: 2}, buyer, customer, use_stripe=False, locale="th",
                                    tax_buyer=tax_invoices.TaxBuyer("Sam Customer Co., Ltd.",
                                                                    "99 Nimman Road, Chiang Mai 50200",
                                                                    "3100100123451"))
    fulfilment.mark_paid_on_collection(invoiced, manager)
    fulfilment.refund_lines(invoiced, manager, {invoiced.lines[0].id: 1}, restock=True)
    # Shipping orders to a province outside Bangkok: one packed (its page offers the carrier and tracking number
    # form), one sent with Thailand Post (both order pages show the number and the carrier's tracking link).
    posted = checkout.Buyer(name="Sam Customer", email="customer@demo.pathways", phone="081 000 0000",
                            delivery="shipping", address="99 Nimman Road, Suthep, Mueang", province="50")
    for tracking in (None, "EF123456789TH"):
        parcel = checkout.place_order({variant: 1}, posted, customer, use_stripe=False, locale="th")
        fulfilment.mark_paid_on_collection(parcel, manager)
        fulfilment.move_lines(parcel, manager, "packed")
        if tracking:
            fulfilment.ship_parcel(parcel, manager, "thailand_post", tracking)
    _wholesale(variant)
    media.add_image(product, manager, _picture(), "A bag of coffee")
    media.credit_maker(product, manager, "Noi", True)
    cart.to_database(customer, {variant: 1})
    # The manager states the enterprise's makers; staff have not confirmed yet (their "Confirm" form).
    management.save_standing(manager, enterprise, 7, False, "")
    # Offered by subscription, and the customer's monthly bag as Stripe made it (its "Pause" and "Cancel" forms;
    # subscribing itself needs Stripe keys: tests/marketplace/test_subscriptions.py sends it hostile values).
    db.session.add(SubscriptionPlan(product_id=product.id, intervals="month,2weeks"))
    db.session.add(Subscription(customer_id=customer.id, enterprise_id=enterprise.id, variant_id=variant,
                                name=product.name, quantity=1, interval="month",
                                unit_price_minor=product.default_variant.price_minor, shipping_minor=0,
                                contact_name="Sam Customer", email="customer@demo.pathways", delivery="pickup",
                                status="active", stripe_subscription_id="sub_world", stripe_customer_id="cus_world",
                                locale="th"))


def _wholesale(variant: int) -> None:
    """The demo café (approved, on invoice) orders eight bags on invoice: the manager's order page offers "Mark
    the transfer received" and the invoice PDF. Another café has applied and waits for a decision."""
    from marketplace import wholesale

    cafe = accounts.find_by_login_name("cafe@demo.pathways")
    wholesale.place_order({variant: 8}, checkout.Buyer("Jintana", "cafe@demo.pathways", "081 234 5678", "pickup", ""),
                          cafe, on_invoice=True, use_stripe=False, locale="th")
    cart.to_database(cafe, {variant: 8})  # its cart at its prices, above the minimum: the wholesale checkout
    waiting = _person(Role.CUSTOMER, "Lek", "lek-cafe@world.example")
    db.session.flush()
    wholesale.apply(waiting, wholesale.BusinessDetails("Lek Coffee Corner", "0105558012349", "00000",
                                                       "45 Tha Phae Road, Chiang Mai 50100", "Lek"))


def _due_for_deletion() -> None:
    """Records whose time is up (privacy.retention): a participant last active four years ago, and an entry of
    who opened a record three years ago, so "Records due for deletion" offers its forms."""
    gone = _person(Role.PARTICIPANT, "Wichai", "wichai-gone@world.example")
    db.session.flush()
    gone.last_activity_at = utcnow() - timedelta(days=4 * 365)
    db.session.add(AuditEntry(at=utcnow() - timedelta(days=3 * 365), action="participant.view",
                              record_type="participant", record_id=str(gone.id)))


def build_world(today: date | None = None) -> dict[str, User]:
    """Demo data plus one record in each state that a form depends on. Returns the demo accounts by role.

    Built through the services once per run (per kind of database and day), then copied: the same rows and
    files, in the caller's own transaction, so it is rolled back or emptied after the test as before.
    PATHWAYS_FRESH_WORLD=1 builds it through the services every time."""
    today = today or date.today()
    if os.environ.get("PATHWAYS_FRESH_WORLD"):
        return _build_world(today)
    key = (db.engine.dialect.name, today, clock.today())
    start = _content()
    built = _BUILT.get(key)
    if built is not None and built.start == start:
        built.copy()
        return {role: accounts.find_by_login_name(login) for role, login in DEMO_LOGINS.items()}
    files = _files()
    people = _build_world(today)
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    stored = {name: (folder / name).read_bytes() for name, seen in _files().items() if files.get(name) != seen}
    _BUILT[key] = BuiltWorld(start, _content(), stored, utcnow())
    return people


def _build_world(today: date) -> dict[str, User]:
    seed_demo()
    people = {role: accounts.find_by_login_name(login) for role, login in DEMO_LOGINS.items()}
    _training(people, today)
    _grants(people, today)
    _shop(people)
    for person in people.values():  # a remembered phone each, so "forget this device" is offered too
        if person.role in MAY_KEEP_SIGNED_IN:
            devices.remember(person, "Mozilla/5.0 (Linux; Android 10) Mobile")
    # A laptop trusted for the second step, so "forget this browser" is offered on the security page.
    trusted_browsers.trust(people["staff"], "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
    privacy.request_deletion(_person(Role.CUSTOMER, "Leaving customer", "leaving@world.example"))
    privacy.request_deletion(_person(Role.PARTICIPANT, "Kanya", "kanya@world.example"))
    _due_for_deletion()
    db.session.commit()
    return people




# --- built once, copied after -----------------------------------------------------------------------------

@dataclass(frozen=True)
class BuiltWorld:
    start: dict[str, list[dict]]  # the tables it was built on (empty ones, in practice)
    rows: dict[str, list[dict]]  # every table once it was built
    files: dict[str, bytes]  # what it stored under UPLOAD_FOLDER (pictures, receipts), by relative path
    built_at: datetime

    def copy(self) -> None:
        """The tables as they were once built, moved in time to now; the files it stored, where missing."""
        moved = utcnow() - self.built_at
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        for table in db.metadata.sorted_tables:
            if rows := self.rows[table.name]:
                moments = [c.name for c in table.columns if _is_moment(c)]
                db.session.execute(table.insert(), [{**row, **{name: row[name] + moved for name in moments
                                                               if row[name] is not None}} for row in rows])
        if db.engine.dialect.name == "postgresql":  # the next id after the copied ones, as after a build
            for table in db.metadata.sorted_tables:
                if "id" in table.columns and isinstance(table.c.id.type, sa.Integer):
                    db.session.execute(sa.text(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                        f"COALESCE(MAX(id), 0) + 1, false) FROM \"{table.name}\""))
        folder = Path(current_app.config["UPLOAD_FOLDER"])
        for name, content in self.files.items():
            path = folder / name
            if not path.is_file() or path.read_bytes() != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
        db.session.commit()


_BUILT: dict[tuple, BuiltWorld] = {}


def _content() -> dict[str, list[dict]]:
    return {table.name: [dict(row) for row in db.session.execute(
        sa.select(table).order_by(*table.primary_key.columns)).mappings()] for table in db.metadata.sorted_tables}


def _files() -> dict[str, tuple[int, int]]:
    """Size and time of change of each file under UPLOAD_FOLDER, by relative path."""
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    found = (path for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else ()
    return {str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns) for path in found}


def _is_moment(column: sa.Column) -> bool:
    return isinstance(column.type, sa.DateTime) or isinstance(getattr(column.type, "impl", None), sa.DateTime)
