"""Who is an approved business (marketplace/wholesale.py), for the cart and the shop's pages: apart from the rest
of wholesale, so that the cart can ask without importing checkout (which imports the cart)."""
from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, g, has_request_context
from flask_login import current_user

from core.extensions import db
from core.models import Role, User
from marketplace.wholesale_models import BusinessCustomer, BusinessState


def business_of(user: User | None) -> BusinessCustomer | None:
    if user is None or not user.is_authenticated:
        return None
    return db.session.scalar(sa.select(BusinessCustomer).where(BusinessCustomer.user_id == user.id))


def approved_business(user: User | None) -> BusinessCustomer | None:
    """The user's business, while it is approved; None for everyone else."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.has_role(Role.CUSTOMER):
        return None
    business = business_of(user)
    return business if business is not None and business.status == BusinessState.APPROVED.value else None


def signed_in_business() -> BusinessCustomer | None:
    """The approved business of the person making this request, looked up once per request."""
    if not has_request_context() or not current_user.is_authenticated:
        return None
    if "wholesale_business" not in g:
        g.wholesale_business = approved_business(current_user._get_current_object())
    return g.wholesale_business


def max_per_product() -> int:
    return int(current_app.config.get("WHOLESALE_MAX_PER_PRODUCT", 50))
