"""The demo accounts, one per role (`flask seed-demo`)."""
from __future__ import annotations

from accounts import services as accounts
from core.commands import DEMO_ACCOUNTS, DEMO_PASSWORD
from core.models import User


def seed_demo_accounts() -> dict[str, User]:
    people: dict[str, User] = {}
    for role, email, name, locale in DEMO_ACCOUNTS:
        user = accounts.find_by_login_name(email)
        if user is None:
            user = accounts.create_account(role, name, email=email, password=DEMO_PASSWORD, locale=locale)
        people.setdefault(role.value, user)  # the first account of each role stands for it
    return people
