"""Believable demo data for training and work (idempotent): courses, an employer with posts, demand, a profile."""
from __future__ import annotations

import hashlib
from datetime import date, timedelta

import sqlalchemy as sa

from core import clock
from core.content_languages import set_translation
from core.db import utcnow
from core.extensions import db
from core.models import User
from training.employer_models import EmployerMember, EmployerOrganisation, WorkPost
from training.models import Course, CourseStart, DemandImport, DemandRecord, Profile
from training.safety import screen_post
from training.wages import seed_minimum_wages

WEEKDAYS = 0b0011111
COURSES = [
    dict(title="Barista and coffee shop service", isco_code="5132", sector="food", provider="NightLight Coffee",
         province_code="50", district_code="5001", duration_weeks=12, seats=12, stipend_thb_month=4000,
         skills_taught=["barista", "customer_service"], childcare_offered=True, reading_level_needed="basic",
         description="Make espresso drinks, serve customers, keep the bar clean. Ends with a practical exam."),
    dict(title="Jewellery making", isco_code="7313", sector="crafts", provider="NightLight Design",
         province_code="10", duration_weeks=24, seats=8, stipend_thb_month=5000, skills_taught=["jewellery"],
         description="Silver and bead work for the workshop's collections, sold in Thailand and abroad."),
    dict(title="Hairdressing (nine months)", isco_code="5141", sector="beauty", provider="Lampang Skills Centre",
         province_code="52", duration_weeks=36, seats=10, cost_thb=0, stipend_thb_month=3000,
         skills_taught=["hairdressing", "customer_service"], childcare_offered=True),
    dict(title="Starting a small business", isco_code="1420", sector="retail", provider="Pathways partners",
         online=True, duration_weeks=6, seats=30, skills_taught=["business", "bookkeeping", "selling"],
         description="Plan a business, keep simple accounts, find buyers, price your goods."),
    dict(title="Motorbike repair", isco_code="7231", sector="repair", provider="Chiang Rai Technical College",
         province_code="57", duration_weeks=16, seats=15, cost_thb=1500, skills_taught=["motorbike_repair"],
         reading_level_needed="basic"),
    dict(title="Thai cooking for restaurants", isco_code="5120", sector="food", provider="Chiang Mai Cookery School",
         province_code="50", district_code="5001", duration_weeks=10, seats=12, stipend_thb_month=3500,
         skills_taught=["cooking"], days_mask=0b0011110),
]
# Courses also written in other languages; the rest show in English with a note.
COURSE_LANGUAGES = {
    "Barista and coffee shop service": {
        "th": {"title": "บาริสต้าและงานบริการร้านกาแฟ",
               "description": "ชงเครื่องดื่มเอสเพรสโซ บริการลูกค้า ดูแลบาร์ให้สะอาด จบด้วยการสอบปฏิบัติ"},
        "my": {"title": "ဘာရစ်စတာနှင့် ကော်ဖီဆိုင် ဝန်ဆောင်မှု",
               "description": "ကော်ဖီ ဖျော်ပါ၊ ဧည့်သည်ကို ဝန်ဆောင်မှုပေးပါ၊ ဘားကို သန့်ရှင်းအောင် ထားပါ။ လက်တွေ့ စာမေးပွဲဖြင့် ပြီးဆုံးသည်။"},
    },
    "Thai cooking for restaurants": {
        "th": {"title": "อาหารไทยสำหรับร้านอาหาร", "description": "ทำอาหารไทยสำหรับร้านอาหาร"},
    },
}
DEMAND = [("50", "5132", 140, 11000, "rising"), ("50", "5120", 220, 10500, "rising"),
          ("52", "5141", 35, 9500, "steady"), ("10", "7313", 60, 12500, "steady"),
          ("57", "7231", 80, 10000, "rising")]


def seed_training_demo(accounts: dict[str, User]) -> None:
    seed_minimum_wages()
    today = clock.today()
    for values in COURSES:
        if db.session.scalar(sa.select(Course.id).where(Course.title == values["title"])):
            continue
        fields = {"days_mask": WEEKDAYS, **values}
        course = Course(hours_from=9, hours_to=16, **fields)
        course.starts = [CourseStart(starts_on=today + timedelta(days=d)) for d in (21, 112)]
        for language, texts in COURSE_LANGUAGES.get(str(values["title"]), {}).items():
            set_translation(course, language, texts)
        db.session.add(course)
    digest = hashlib.sha256(b"pathways demo demand").hexdigest()
    if not db.session.scalar(sa.select(DemandImport.id).where(DemandImport.file_sha256 == digest)):
        batch = DemandImport(file_sha256=digest, filename="demo-demand.csv", row_count=len(DEMAND),
                             source="Provincial employment office vacancy survey (demo figures)",
                             source_date=today.replace(day=1))
        db.session.add(batch)
        db.session.flush()
        for province, isco, vacancies, wage, trend in DEMAND:
            db.session.add(DemandRecord(import_id=batch.id, province_code=province, isco_code=isco, trend=trend,
                                        vacancies=vacancies, median_wage_thb=wage, source_date=batch.source_date))
    _seed_employer(accounts["employer"], accounts.get("staff"), today)
    _seed_profile(accounts["participant"])
    db.session.flush()


def _seed_employer(employer: User, staff: User | None, today: date) -> None:
    if db.session.get(EmployerMember, employer.id):
        return
    organisation = EmployerOrganisation(name="Lanna Coffee Roasters Co., Ltd.", registration_number="0505561000123",
                                        address="12 Nimmanhaemin Road, Chiang Mai 50200", province_code="50",
                                        contact_name="Khun Ploy", contact_phone="053 000 111",
                                        contact_email="jobs@lanna-coffee.example", verified_at=utcnow(),
                                        # verified by the demo staff, who are then told of its hires to follow up
                                        verified_by_id=staff.id if staff is not None else None)
    db.session.add(organisation)
    db.session.flush()
    db.session.add(EmployerMember(user_id=employer.id, organisation_id=organisation.id))
    clean = dict(declares_no_fees=True, declares_keeps_documents=True, declares_free_to_leave=True,
                 declares_minimum_wage=True, declares_legal_hours=True, province_code="50", district_code="5001",
                 days_mask=WEEKDAYS, hours_from=8, hours_to=17, language="th", created_by_id=employer.id)
    posts = [
        WorkPost(kind="apprenticeship", title="Barista apprenticeship (3 months, paid)", isco_code="5132",
                 sector="food", pay_amount_thb=400, pay_period="day", duration_months=3, openings=2,
                 what_you_learn="Espresso, milk, serving, opening and closing the shop.",
                 skills_taught=["barista", "customer_service"], description="Learn on the job in our roastery café.",
                 **clean),
        WorkPost(kind="job", title="Café assistant", isco_code="5132", sector="food", pay_amount_thb=11000,
                 pay_period="month", contract_type="permanent", openings=1, skills_required=["barista"],
                 description="Serve customers and make drinks in a busy café.", **clean),
        WorkPost(kind="job", title="Packing assistant", isco_code="9321", sector="food", pay_amount_thb=300,
                 pay_period="day", contract_type="seasonal", openings=3,
                 description="Pack roasted coffee for shipping during the harvest season.", **clean),
    ]
    for post in posts:
        post.organisation = organisation
        screen_post(post, True, today)
        post.status = "pending_review" if post.red_flags else "published"
        post.published_at = None if post.red_flags else utcnow()
        db.session.add(post)


def _seed_profile(participant: User) -> None:
    if db.session.get(Profile, participant.id):
        return
    db.session.add(Profile(user_id=participant.id, languages_spoken=["th", "my"], languages_read=["th"],
                           reading_level="basic", province_code="50", district_code="5001", travel_daily=True,
                           max_travel_minutes=60, relocate=False, days_mask=WEEKDAYS, hours_from=8, hours_to=17,
                           childcare_needed=False, must_earn=True, monthly_need_thb=9000,
                           sectors=["food", "crafts"], skills={"cooking": 2, "customer_service": 1}, goal="job"))
