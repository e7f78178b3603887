"""The demo accounts, one per role (`flask seed-demo`)."""
from __future__ import annotations

import click
from flask import current_app

from accounts import services as accounts
from accounts import two_factor
from accounts.models import SecondFactor
from core import audit
from core.commands import DEMO_ACCOUNTS, DEMO_PASSWORD
from core.extensions import db
from core.models import User


def seed_demo_accounts() -> dict[str, User]:
    people: dict[str, User] = {}
    for role, email, name, locale in DEMO_ACCOUNTS:
        user = accounts.find_by_login_name(email)
        if user is None:
            user = accounts.create_account(role, name, email=email, password=DEMO_PASSWORD, locale=locale)
        people.setdefault(role.value, user)  # the first account of each role stands for it
    _demo_second_factors()
    return people


def _demo_second_factors() -> None:
    """Each demo work account gets an authenticator key (the same one on every run), printed so the two-step
    sign-in can be tried with an app."""
    lines = []
    for role, email, _name, _locale in DEMO_ACCOUNTS:
        user = accounts.find_by_login_name(email)
        if user is None or user.role not in two_factor.MUST_HAVE:
            continue
        factor = db.session.get(SecondFactor, user.id)
        secret = two_factor.unseal(factor.secret_sealed, user.id) if factor is not None else None
        if factor is None:
            secret = two_factor.new_secret()
            db.session.add(SecondFactor(user_id=user.id, secret_sealed=two_factor.seal(secret, user.id)))
            audit.record("account.two_factor_on", "user", user.id, actor=None)
        lines.append(f"  {role.value:<12} {email:<28} {two_factor.grouped(secret) if secret else '(unreadable)'}")
    db.session.flush()
    if lines and not current_app.testing:
        click.echo("Authenticator keys of the demo work accounts (add them to an app as time-based keys):")
        for line in lines:
            click.echo(line)
