"""Shipping within Thailand: the zone a province is in, the price of a parcel by zone and weight (the table
staff keep), and the carriers a manager sends a parcel with, each with its public tracking page."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geothai
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import audit, hooks
from core.extensions import db
from core.models import User
from marketplace.cart import ShopError
from marketplace.models import CARRIER_CODES, SHIPPING_ZONES, ShippingRate

# Bangkok and the five provinces around it (their province codes): one price for these, another for the rest.
VICINITY_PROVINCES = frozenset({"10", "11", "12", "13", "73", "74"})
ZONE_LABELS = {"bangkok_vicinity": _l("Bangkok and vicinity"), "other_provinces": _l("Other provinces")}


@lru_cache(maxsize=1)
def _provinces() -> dict[str, tuple[str, str]]:
    """code -> (English name, Thai name): the 77 provinces."""
    return {p.code: (p.name_en, p.name_th) for p in geothai.provinces()}


def province_choices(locale: str = "en") -> list[tuple[str, str]]:
    """The 77 provinces, named in the reader's language: the training feature's names (Burmese, Khmer, Lao and
    Vietnamese too) when it is installed, otherwise the Thai or English ones."""
    for provided in hooks.collect("province_choices", locale):
        if provided:
            return provided
    index = 1 if locale == "th" else 0
    return sorted(((code, names[index]) for code, names in _provinces().items()), key=lambda item: item[1])


def province_name(code: str | None, locale: str = "en") -> str:
    return dict(province_choices(locale)).get(code or "", "")


def zone_of(province_code: str | None) -> str:
    """The shipping zone of a province; an unknown code is refused (the address's province decides the price)."""
    if province_code not in _provinces():
        raise ShopError(_l("Choose the province of the address."), "province")
    return "bangkok_vicinity" if province_code in VICINITY_PROVINCES else "other_provinces"


def rate_for(zone: str, weight_grams: int) -> int:
    """The zone's price for the parcel: the rate with the smallest limit that covers its weight."""
    price = db.session.scalar(sa.select(ShippingRate.price_minor).where(
        ShippingRate.zone == zone, ShippingRate.max_weight_grams >= weight_grams)
        .order_by(ShippingRate.max_weight_grams).limit(1))
    if price is None:
        raise ShopError(_l("This parcel is too heavy to ship. Please choose pick-up."), "delivery")
    return price


def prices_for(weight_grams: int) -> dict[str, int | None]:
    """What the parcel costs to each zone (None: too heavy for that zone), for the checkout page."""
    prices: dict[str, int | None] = {}
    for zone in SHIPPING_ZONES:
        try:
            prices[zone] = rate_for(zone, weight_grams)
        except ShopError:
            prices[zone] = None
    return prices


def save_rate(staff: User, zone: str, max_weight_grams: int, price_thb: int) -> ShippingRate:
    """One price per zone and weight limit: saving the same limit of a zone again changes its price."""
    if zone not in SHIPPING_ZONES:
        raise ShopError(_l("Choose a shipping zone."), "zone")
    if not 0 < max_weight_grams <= 100_000 or not 0 <= price_thb <= 100_000:
        raise ShopError(_l("Give a weight from 1 to 100,000 grams and a price from 0 to 100,000 baht."))
    rate = db.session.scalar(sa.select(ShippingRate).where(ShippingRate.zone == zone,
                                                           ShippingRate.max_weight_grams == max_weight_grams)) \
        or ShippingRate(zone=zone, max_weight_grams=max_weight_grams)
    rate.price_minor = price_thb * 100
    db.session.add(rate)
    db.session.flush()
    audit.record("shipping_rate.save", "shipping_rate", rate.id, actor=staff,
                 detail={"zone": zone, "max_weight_grams": max_weight_grams, "price_minor": rate.price_minor})
    db.session.flush()
    return rate


def rates_by_zone_and_weight() -> sa.Select:
    """The table as staff read it: a zone's rates together, lightest first (fully ordered, for its pages)."""
    return sa.select(ShippingRate).order_by(ShippingRate.zone, ShippingRate.max_weight_grams, ShippingRate.id)


@dataclass(frozen=True)
class Carrier:
    label: str
    tracking_url: str  # its public tracking page: {number} in it, and {lang} where the page has a Thai version
    pattern: str  # what its numbers look like, loosely (after spaces and dashes are taken out)


ANY_NUMBER = r"[A-Z0-9]{8,30}"
# The tracking pages as public integrations used them in 2026 (checked against several shops' code, not live: this
# machine has no internet). Kerry Express is now KEX Express, with Thai and English pages; J&T's new page may
# ignore the number, so the buyer's page and e-mail always show the number beside the link.
CARRIERS = {
    # Thailand Post: the international S10 form, two letters, nine digits, "TH" (EMS and registered mail).
    "thailand_post": Carrier("Thailand Post", "https://track.thailandpost.co.th/?trackNumber={number}",
                             r"[A-Z]{2}[0-9]{9}[A-Z]{2}"),
    "kerry": Carrier("KEX Express (Kerry)", "https://th.kex-express.com/{lang}/track/?track={number}",
                     ANY_NUMBER),
    "flash": Carrier("Flash Express", "https://www.flashexpress.co.th/fle/tracking?se={number}", ANY_NUMBER),
    "jt": Carrier("J&T Express", "https://www.jtexpress.co.th/service/track?billcode={number}", ANY_NUMBER),
}

if tuple(CARRIERS) != CARRIER_CODES or tuple(ZONE_LABELS) != SHIPPING_ZONES:
    raise RuntimeError("every carrier and shipping zone the database allows needs its name here")


def tracking_number(carrier: str, typed: str) -> str:
    """The number as stored (upper case, no spaces or dashes), or a refusal saying what is wrong."""
    if carrier not in CARRIERS:
        raise ShopError(_l("Choose the carrier from the list."), "carrier")
    number = re.sub(r"[\s-]", "", typed or "").upper()
    if not re.fullmatch(ANY_NUMBER, number):
        raise ShopError(_l("A tracking number has 8 to 30 letters and digits. Check the number."), "tracking_number")
    if not re.fullmatch(CARRIERS[carrier].pattern, number):
        raise ShopError(_l("This does not look like a %(carrier)s tracking number. Check the carrier and the "
                           "number.", carrier=CARRIERS[carrier].label), "tracking_number")
    return number


def tracking_url(carrier: str, number: str, locale: str | None = "en") -> str:
    """The carrier's page for the parcel, in Thai for a Thai reader where it has one, else in English."""
    found = CARRIERS.get(carrier)
    return found.tracking_url.format(number=number, lang="th" if locale == "th" else "en") if found else ""
