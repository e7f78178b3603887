"""Safe-recruitment checks on apprenticeship and job posts. Plain functions, one rule each.

Deceptive offers are how trafficking starts: a fee or deposit, documents kept by the employer, travel paid as a
debt, vague promises of "easy money", pay under the minimum or not stated. Any red flag sends the post to staff.
The structured checks read the tick boxes and numbers; the text screening (training.screening, rules as data
in every language of the rules) reads what the employer wrote, and a text that says what a ticked declaration
denies is a flag of its own kind.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l

from core.extensions import db
from training.employer_models import MinimumWage, WorkPost
from training.screening import INDICATORS, screen_fields, second_opinion

WORK_DAYS_PER_MONTH = 26  # the usual divisor for turning a monthly wage into a daily one in Thailand

RED_FLAGS = {
    "unverified_employer": _l("The employer is not verified yet."),
    "employer_suspended": _l("The employer is suspended by programme staff."),
    "employer_post_held": _l("Another post of this employer waits for programme staff for what it says: its new and "
                             "changed posts wait too until staff have looked."),
    "wage_not_stated": _l("The pay is not stated."),
    "wage_under_minimum": _l("The pay is under the minimum wage for this province."),
    "worker_fee": _l("The worker is asked to pay a fee or deposit."),
    "documents_held": _l("The employer would hold the worker's identity documents."),
    "travel_debt": _l("Travel abroad would be paid as a debt by the worker."),
    "vague_pay": _l("The text promises vague pay such as \"easy money\" or \"high income\"."),  # posts before 2026-11
    "text_recruitment_fee": _l("The text asks the worker for a fee, a deposit or a broker's charge."),
    "text_documents_kept": _l("The text says the employer would keep the worker's passport or ID card."),
    "text_debt": _l("The text speaks of a debt, a loan or pay taken to repay something."),
    "text_wages_withheld": _l("The text says some work is unpaid or pay is held back."),
    "text_restricted_movement": _l("The text limits where the worker may go or takes their phone."),
    "text_resignation_penalty": _l("The text says the worker pays a penalty for leaving."),
    "text_isolation": _l("The text says the worker has no days off or no contact with others."),
    "text_vague_promise": _l("The text makes a vague promise such as \"easy money\"."),
    "text_scam_compound": _l("The text reads like the lure of scam compounds: travel across a border arranged, "
                             "with high pay for no experience, an age limit, no passport needed or online work."),
    "text_off_platform": _l("The text moves contact off this site, to a chat app or private messages."),
    "text_task_scam": _l("The text offers pay for liking, sharing or other online tasks."),
    "text_reads_like_deceptive": _l("Reads like deceptive ads we know."),
    "contradicts_declaration": _l("The text says what a ticked declaration denies."),
    "declaration_missing": _l("The safe-recruitment declaration is not complete."),
    "hours_over_limit": _l("The hours are over the legal limit (8 a day, 48 a week with overtime)."),
    "accommodation_unclear": _l("Housing is offered but its conditions are not described."),
}

# Which ticked declaration each indicator of the text screening would contradict.
DECLARATION_OF = {"recruitment_fee": "declares_no_fees", "debt": "declares_no_fees",
                  "documents_kept": "declares_keeps_documents", "restricted_movement": "declares_free_to_leave",
                  "isolation": "declares_free_to_leave", "resignation_penalty": "declares_free_to_leave",
                  "wages_withheld": "declares_minimum_wage"}
TEXT_FIELDS = ("title", "description", "what_you_learn", "accommodation_conditions", "prerequisites")
# The second opinion's flag among the text flags: staff see the sentences that weighed most; employers only the
# reason (its sentences would teach a deceptive recruiter what to reword), participants nothing.
SECOND_OPINION = "reads_like_deceptive"


@dataclass(frozen=True)
class WageCheck:
    minimum_daily_thb: int | None
    offered_daily_thb: float | None


def minimum_daily_wage(province_code: str, district_code: str | None, on: date) -> int | None:
    """The minimum in force on a day: a district's own rate wins over its province's."""
    rows = db.session.execute(
        sa.select(MinimumWage.district_code, MinimumWage.daily_wage_thb)
        .where(MinimumWage.province_code == province_code, MinimumWage.effective_from <= on,
               sa.or_(MinimumWage.district_code.is_(None), MinimumWage.district_code == (district_code or "")))
        .order_by(MinimumWage.effective_from.desc())
    ).all()
    for wanted in (district_code, None):
        for row_district, wage in rows:
            if (row_district or None) == wanted:
                return wage
    return None


def daily_pay(post: WorkPost) -> float | None:
    if post.pay_amount_thb is None:
        return None
    return post.pay_amount_thb / WORK_DAYS_PER_MONTH if post.pay_period == "month" else float(post.pay_amount_thb)


def text_flags(post: WorkPost) -> list[dict]:
    """What the post's own words and its organisation's show, each with the sentence that shows it."""
    fields = {name: getattr(post, name) for name in TEXT_FIELDS}
    # The same words in the post's other languages are screened too: a fee written only in Burmese still counts.
    fields.update({f"{name} ({language})": text for language, texts in sorted((post.translations or {}).items())
                   for name, text in texts.items()})
    if post.organisation is not None:
        fields.update({"organisation_name": post.organisation.name, "organisation_address": post.organisation.address})
    flags = [flag.as_dict() for flag in screen_fields(fields)]
    opinion = _second_opinion(post)
    if opinion is not None:
        flags.append(opinion)
    return flags


def _second_opinion(post: WorkPost) -> dict | None:
    """The classifier's flag when the post reads like the deceptive ads it was trained on: it only ever adds a
    flag (holds), it never takes one away. Its own words and each translation are read apart."""
    settings = current_app.config if has_app_context() else {}
    if not settings.get("SCREENING_SECOND_OPINION", True):
        return None
    texts = [("post", "\n".join(getattr(post, name) or "" for name in TEXT_FIELDS))]
    texts += [(f"post ({language})", "\n".join(t or "" for t in fields.values()))
              for language, fields in sorted((post.translations or {}).items())]
    opinion = second_opinion.second_opinion(texts, settings.get("SCREENING_SECOND_OPINION_THRESHOLD"))
    if opinion is None or not opinion.holds:
        return None
    return {"indicator": SECOND_OPINION, "sentence": opinion.sentences[0] if opinion.sentences else "",
            "sentences": opinion.sentences, "field": opinion.field, "language": "",
            "score": round(opinion.score, 3)}


def contradicted_declarations(post: WorkPost) -> set[str]:
    """The declarations the post's text contradicts: never shown to participants as declared."""
    return {DECLARATION_OF[f["indicator"]] for f in (post.text_flags or []) if f["indicator"] in DECLARATION_OF}


def red_flags(post: WorkPost, employer_verified: bool, on: date) -> list[str]:
    """Every red flag of a post, as codes of RED_FLAGS, in a stable order."""
    flags = []
    if not employer_verified:
        flags.append("unverified_employer")
    if post.organisation is not None and post.organisation.suspended_at is not None:
        flags.append("employer_suspended")
    pay = daily_pay(post)
    if pay is None:
        flags.append("wage_not_stated")
    else:
        minimum = minimum_daily_wage(post.province_code, post.district_code, on)
        if minimum is not None and pay < minimum:
            flags.append("wage_under_minimum")
    if (post.worker_fee_thb or 0) > 0:
        flags.append("worker_fee")
    if post.employer_holds_documents:
        flags.append("documents_held")
    if post.travel_abroad_as_debt:
        flags.append("travel_debt")
    found = {flag["indicator"] for flag in (post.text_flags if post.text_flags is not None else text_flags(post))}
    flags.extend(f"text_{indicator}" for indicator in (*INDICATORS, SECOND_OPINION) if indicator in found)
    if any(getattr(post, DECLARATION_OF[i]) for i in found if i in DECLARATION_OF):
        flags.append("contradicts_declaration")
    if not all((post.declares_no_fees, post.declares_keeps_documents, post.declares_free_to_leave,
                post.declares_minimum_wage, post.declares_legal_hours)):
        flags.append("declaration_missing")
    # Labour Protection Act: 8 normal hours a day (plus a break), 48 a week, overtime at most 36 a week.
    normal_daily = post.hours_to - post.hours_from - 1
    days = bin(post.days_mask or 0).count("1")
    if normal_daily > 8 or normal_daily * days > 48 or (post.overtime_hours_week or 0) > 36:
        flags.append("hours_over_limit")
    if post.accommodation_offered and len((post.accommodation_conditions or "").strip()) < 10:
        flags.append("accommodation_unclear")
    return flags


def screen_post(post: WorkPost, employer_verified: bool, on: date) -> list[str]:
    """Screen a post's words, then every check: sets its text flags and red flags, returns the red flags."""
    post.text_flags = text_flags(post)
    post.red_flags = red_flags(post, employer_verified, on)
    return post.red_flags


# What the employer ticked, shown as their declaration ("The employer declares: …"), never as our promise.
DECLARATIONS = {
    "no_fees": _l("You pay no fee or deposit to get this work."),
    "documents": _l("You keep your own ID card and passport."),
    "free_to_leave": _l("You are free to leave."),
    "fair_pay": _l("Pay is at least the minimum wage, and hours are within the law."),
}
# Asked of every offer, flagged or not: a deceptive text can be missed, and these are the questions whose
# answers give it away.
ALWAYS_ASK = (
    _l("Ask: who keeps my passport and ID card?"),
    _l("Ask: do I pay anything before I start?"),
    _l("Ask: when and how am I paid?"),
    _l("Ask: can I leave when I want?"),
)
QUESTIONS = {  # asked too when the post's text raised the indicator (staff published it all the same)
    "recruitment_fee": _l("Ask: will I pay any fee or deposit, now or from my pay?"),
    "documents_kept": _l("Ask: who keeps my passport and ID card?"),
    "debt": _l("Ask: will anything be taken from my pay, and why?"),
    "wages_withheld": _l("Ask: when is my first pay day, and how much?"),
    "restricted_movement": _l("Ask: can I go out after work and keep my phone?"),
    "resignation_penalty": _l("Ask: what happens if I want to leave?"),
    "isolation": _l("Ask: which days are my days off?"),
    "vague_promise": _l("Ask: how much is the pay, exactly, and for what work?"),
    "scam_compound": _l("Ask: in which town and building will I work, and who is the employer there?"),
    "off_platform": _l("Ask your questions on this site, not in a chat app."),
    "task_scam": _l("Ask: will I ever have to pay or top up money to be paid?"),
}
TEXT_INDICATOR_LABELS = {code[len("text_"):]: label for code, label in RED_FLAGS.items() if code.startswith("text_")}


def declarations(post: WorkPost) -> list[str]:
    """The declarations participants are shown: each one the employer ticked and no flag contradicts."""
    flags, denied = set(post.red_flags or []), contradicted_declarations(post)
    kept = []
    if post.declares_no_fees and "declares_no_fees" not in denied and not flags & {"worker_fee", "travel_debt"}:
        kept.append("no_fees")
    if post.declares_keeps_documents and "declares_keeps_documents" not in denied and "documents_held" not in flags:
        kept.append("documents")
    if post.declares_free_to_leave and "declares_free_to_leave" not in denied:
        kept.append("free_to_leave")
    if post.declares_minimum_wage and post.declares_legal_hours and "declares_minimum_wage" not in denied \
            and not flags & {"wage_under_minimum", "wage_not_stated", "hours_over_limit"}:
        kept.append("fair_pay")
    return kept


def questions(post: WorkPost) -> list[str]:
    """What to ask before saying yes: one question per indicator the post's text raised, then the questions
    asked of every post (a text already asked is not asked twice)."""
    found = {flag["indicator"] for flag in (post.text_flags or [])}
    asked = [QUESTIONS[indicator] for indicator in QUESTIONS if indicator in found]
    return asked + [question for question in ALWAYS_ASK if str(question) not in {str(q) for q in asked}]
