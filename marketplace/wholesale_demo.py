"""Demo wholesale (idempotent): the demo café's business, approved by staff with 30 days on invoice; NightLight
Coffee's minimum order and bank account; wholesale prices on the demo coffee."""
from __future__ import annotations

import sqlalchemy as sa

from core.extensions import db
from core.models import User
from marketplace import wholesale
from marketplace.models import Enterprise, Product
from marketplace.wholesale_models import BusinessState, WholesalePrice, WholesaleTerms

CAFE_LOGIN = "cafe@demo.pathways"
CAFE = wholesale.BusinessDetails("Doi Café Co., Ltd.", "3100100123451", "00000",
                                 "7 Nimman Soi 9, Suthep, Mueang Chiang Mai 50200", "Jintana", "081 234 5678")
BANK = "Kasikorn Bank, Nimman branch · NightLight Coffee Co., Ltd. · 123-4-56789-0"
MINIMUM = 200000  # 2,000 baht
SHARE_OF_RETAIL = 0.8  # the café pays 80% of the shop price, rounded down to 5 baht


def seed_wholesale_demo(people: dict[str, User]) -> None:
    cafe = db.session.scalar(sa.select(User).where(User.email == CAFE_LOGIN))  # made with the demo accounts
    enterprise = db.session.scalar(sa.select(Enterprise).where(Enterprise.slug == "nightlight-coffee"))
    if cafe is None or enterprise is None:
        return
    manager, staff = people["manager"], people["staff"]
    business = wholesale.business_of(cafe)
    if business is None:
        business = wholesale.apply(cafe, CAFE)
    if business.status == BusinessState.PENDING.value:
        wholesale.approve(business, staff, 30, True, "Registration checked with the café's papers.")
    if db.session.get(WholesaleTerms, enterprise.id) is None:
        wholesale.save_terms(manager, enterprise.id, MINIMUM, BANK)
    coffee = db.session.scalar(sa.select(Product).where(Product.name == "Doi Chang medium roast"))
    priced = set(db.session.scalars(sa.select(WholesalePrice.variant_id).where(WholesalePrice.business_id.is_(None))))
    for variant in coffee.variants if coffee is not None else []:
        if variant.id not in priced:
            price = int(variant.price_minor * SHARE_OF_RETAIL) // 500 * 500
            wholesale.set_price(manager, enterprise.id, variant.id, price)
    db.session.flush()
