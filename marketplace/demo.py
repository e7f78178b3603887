"""Demo data for the shop (idempotent): two social enterprises with products and their pictures, shipping rates,
the manager."""
from __future__ import annotations

import sqlalchemy as sa

from core.content_languages import set_translation
from core.extensions import db
from core.models import User
from marketplace import media, stock, variant_management
from marketplace.demo_pictures import picture_of
from marketplace.models import Enterprise, EnterpriseManager, Product, ProductVariant, ShippingRate

ENTERPRISES = [
    ("nightlight-coffee", "NightLight Coffee",
     "A coffee shop in Chiang Mai that trains baristas and roasts beans from hill farms in the north.",
     "ร้านกาแฟในเชียงใหม่ที่ฝึกบาริสต้าและคั่วเมล็ดกาแฟจากไร่บนดอยทางภาคเหนือ"),
    ("nightlight-design", "NightLight Design",
     "A jewellery workshop in Bangkok. Every piece pays for training and fair wages.",
     "โรงงานเครื่องประดับในกรุงเทพฯ ทุกชิ้นช่วยจ่ายค่าฝึกอบรมและค่าจ้างที่เป็นธรรม"),
]
PRODUCTS = [
    ("nightlight-coffee", "Doi Chang medium roast", "กาแฟดอยช้าง คั่วกลาง", "coffee", 32000, 40, 270),
    ("nightlight-coffee", "Drip bags, box of 10", "กาแฟดริป กล่อง 10 ซอง", "coffee", 25000, 25, 150),
    ("nightlight-coffee", "Espresso blend, 500 g", "กาแฟเอสเปรสโซ 500 กรัม", "coffee", 52000, 12, 520),
    ("nightlight-design", "Silver leaf necklace", "สร้อยคอใบไม้เงิน", "jewellery", 89000, 3, 40),
    ("nightlight-design", "Beaded earrings", "ต่างหูลูกปัด", "jewellery", 35000, 10, 20),
    ("nightlight-design", "Name bracelet (made to order)", "สร้อยข้อมือสลักชื่อ (สั่งทำ)", "jewellery", 45000, None, 30),
    ("nightlight-design", "Woven bead bracelet", "สร้อยข้อมือลูกปัดถัก", "jewellery", 39000, 6, 25),
]
# Options as a roaster and a workshop sell them: (name, Thai name, [(value, Thai value)]), and each variant's
# values (by position), price, stock and weight. The product's first variant is the one made above.
OPTIONS = {
    "Doi Chang medium roast": [
        ("Weight", "น้ำหนัก", [("250 g", "250 กรัม"), ("500 g", "500 กรัม"), ("1 kg", "1 กิโลกรัม")]),
        ("Grind", "การบด", [("Whole beans", "เมล็ด"), ("Ground for filter", "บดสำหรับดริป"),
                            ("Ground for espresso", "บดสำหรับเอสเปรสโซ")]),
    ],
    "Woven bead bracelet": [("Size", "ขนาด", [("S (16 cm)", "S (16 ซม.)"), ("M (18 cm)", "M (18 ซม.)"),
                                               ("L (20 cm)", "L (20 ซม.)")])],
}
WEIGHTS = [(32000, 270), (58000, 520), (105000, 1030)]  # the coffee's price and parcel weight by bag size
VARIANTS: dict[str, list[tuple[tuple[int, ...], int, int, int]]] = {
    "Doi Chang medium roast": [((w, g), price, stock, grams) for w, (price, grams) in enumerate(WEIGHTS)
                               for g, stock in enumerate((40 - 10 * w, 20 - 5 * w, 12 - 4 * w))],
    "Woven bead bracelet": [((0,), 39000, 6, 25), ((1,), 39000, 8, 25), ((2,), 42000, 3, 30)],
}
# A story also told in Burmese, as a manager would add it under "Other languages".
BURMESE_STORIES = {"nightlight-coffee": "ချင်းမိုင်မြို့က ကော်ဖီဆိုင်ပါ။ ဘာရစ်စတာ သင်တန်းပေးပြီး မြောက်ပိုင်း တောင်ယာက ကော်ဖီစေ့ကို လှော်ပါတယ်။"}
# (zone, up to grams, price in satang): Bangkok and the provinces around it cost less to reach.
RATES = [("bangkok_vicinity", 500, 4000), ("bangkok_vicinity", 2000, 6000), ("bangkok_vicinity", 10000, 12000),
         ("other_provinces", 500, 5000), ("other_provinces", 2000, 8000), ("other_provinces", 10000, 15000)]


def seed_shop_demo(accounts: dict[str, User]) -> None:
    by_slug = {}
    for slug, name, story_en, story_th in ENTERPRISES:
        enterprise = db.session.scalar(sa.select(Enterprise).where(Enterprise.slug == slug))
        if enterprise is None:
            enterprise = Enterprise(slug=slug, name=name, story=story_en)
            set_translation(enterprise, "th", {"story": story_th})
            if slug in BURMESE_STORIES:
                set_translation(enterprise, "my", {"story": BURMESE_STORIES[slug]})
            db.session.add(enterprise)
            db.session.flush()
        by_slug[slug] = enterprise
    for slug, name_en, name_th, category, price, count, grams in PRODUCTS:
        if db.session.scalar(sa.select(Product.id).where(Product.name == name_en)) is None:
            product = Product(enterprise_id=by_slug[slug].id, name=name_en, category=category, price_minor=price,
                              weight_grams=grams, description=f"{name_en}. Made by {by_slug[slug].name}.")
            set_translation(product, "th", {"name": name_th, "description": f"{name_th} ผลิตโดย {by_slug[slug].name}"})
            db.session.add(product)
            db.session.flush()
            stock.set_count(product.default_variant, None, count, "demo data")
            _options(product, accounts["manager"])
    _pictures(accounts["manager"])
    for zone, grams, price in RATES:
        if db.session.scalar(sa.select(ShippingRate.id).where(ShippingRate.zone == zone,
                                                              ShippingRate.max_weight_grams == grams)) is None:
            db.session.add(ShippingRate(zone=zone, max_weight_grams=grams, price_minor=price))
    manager = accounts["manager"]
    if db.session.get(EnterpriseManager, manager.id) is None:
        db.session.add(EnterpriseManager(user_id=manager.id, enterprise_id=by_slug["nightlight-coffee"].id))
    db.session.flush()


def _pictures(manager: User) -> None:
    """Every demo product with its drawn picture (marketplace.demo_pictures), through the upload pipeline."""
    for product in db.session.scalars(sa.select(Product).order_by(Product.id)):
        drawn = picture_of(product.name)
        if drawn is not None and not media.images_of(product.id):
            media.add_image(product, manager, *drawn)


def _options(product: Product, manager: User) -> None:
    """The demo coffee in three sizes and three grinds, the bracelet in three sizes, named in Thai too."""
    if product.name not in OPTIONS:
        return
    for name, name_th, values in OPTIONS[product.name]:
        option = variant_management.add_option(manager, product, name, ", ".join(v for v, _th in values))
        variant_management.translate_name(manager, option, "th", {"name": name_th})
        for value, (_en, value_th) in zip(option.values, values, strict=True):
            variant_management.translate_name(manager, value, "th", {"name": value_th})
    first: ProductVariant = product.default_variant
    for positions, price, count, grams in VARIANTS[product.name]:
        chosen = {option.id: option.values[n].id for option, n in zip(product.options, positions, strict=True)}
        if all(n == 0 for n in positions):
            first.price_minor, first.weight_grams, first.sku = price, grams, f"{product.id}-0-0"  # made with it
            continue
        variant_management.add_variant(manager, product, chosen, {
            "price_minor": price, "weight_grams": grams, "low_stock_at": 3, "made_to_order": False,
            "counted": count, "sku": f"{product.id}-{'-'.join(str(n) for n in positions)}"})
