"""Pictures of the demo products, drawn here with Pillow (nothing is downloaded): a kraft coffee bag, a box of
drip bags, a dark espresso bag, a leaf necklace, beaded earrings, a name bracelet and a woven bead bracelet.

Each is drawn at twice its size and scaled down (smooth edges without an anti-aliasing library), as PNG, and
goes through the same pipeline as a manager's upload (marketplace.media.add_image: checked, re-encoded as JPEG
without metadata, stored under a name we choose). Drawn the same way every time: no randomness."""
from __future__ import annotations

import io
import math
from collections.abc import Callable

from PIL import Image, ImageDraw

SIDE = 600
SCALE = 2
S = SIDE * SCALE

CREAM = (246, 239, 227)
KRAFT = (196, 154, 108)
KRAFT_DARK = (160, 120, 80)
COFFEE = (92, 58, 36)
ESPRESSO = (48, 34, 28)
LABEL = (250, 248, 242)
GREEN = (74, 124, 89)
SILVER = (192, 198, 204)
SILVER_DARK = (128, 136, 146)
BEADS = [(196, 69, 54), (233, 168, 54), (63, 114, 175), (74, 124, 89), (58, 160, 160), (120, 72, 140)]

Drawing = Callable[[ImageDraw.ImageDraw], None]


def _canvas(background=CREAM) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (S, S), background)
    return image, ImageDraw.Draw(image)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.resize((SIDE, SIDE), Image.Resampling.LANCZOS).save(out, "PNG")
    return out.getvalue()


def _bean(draw: ImageDraw.ImageDraw, x: float, y: float, r: float, fill=COFFEE, angle: float = 0.0) -> None:
    """A coffee bean: an oval with its crease."""
    draw.ellipse((x - r, y - r * 0.7, x + r, y + r * 0.7), fill=fill)
    dx, dy = math.cos(angle) * r * 0.8, math.sin(angle) * r * 0.3
    draw.line((x - dx, y - dy, x + dx, y + dy), fill=CREAM, width=max(2, int(r / 6)))


def _bag(draw: ImageDraw.ImageDraw, colour, fold, label_text_bars: int) -> None:
    """A stand-up coffee bag with a folded top, a valve and a label."""
    left, right, top, bottom = 300, 900, 230, 1050
    draw.rounded_rectangle((left, top, right, bottom), radius=40, fill=colour)
    draw.rectangle((left, top, right, top + 90), fill=fold)  # the folded top
    for x in range(left + 30, right - 20, 60):
        draw.line((x, top + 10, x, top + 80), fill=colour, width=6)
    draw.ellipse((580, 340, 620, 380), fill=fold)  # the valve
    draw.rounded_rectangle((380, 450, 820, 900), radius=24, fill=LABEL)
    # The hills the beans come from, and a bean.
    draw.polygon([(400, 620), (500, 520), (560, 580), (650, 490), (800, 620)], fill=GREEN)
    _bean(draw, 600, 720, 70, angle=0.5)
    for n in range(label_text_bars):
        width = 300 - 60 * n
        draw.rounded_rectangle((600 - width / 2, 810 + 30 * n, 600 + width / 2, 826 + 30 * n), radius=8,
                               fill=fold)


def medium_roast(draw: ImageDraw.ImageDraw) -> None:
    _bag(draw, KRAFT, KRAFT_DARK, 2)
    for n, (x, y) in enumerate([(250, 1090), (330, 1120), (900, 1100), (980, 1070), (860, 1140)]):
        _bean(draw, x, y, 34, angle=n * 0.9)


def espresso(draw: ImageDraw.ImageDraw) -> None:
    _bag(draw, ESPRESSO, COFFEE, 3)
    for n, (x, y) in enumerate([(240, 1100), (320, 1130), (920, 1110), (990, 1080)]):
        _bean(draw, x, y, 34, fill=ESPRESSO, angle=n * 1.1)


def drip_bags(draw: ImageDraw.ImageDraw) -> None:
    draw.polygon([(220, 520), (820, 520), (980, 420), (380, 420)], fill=KRAFT_DARK)  # the open box
    draw.rectangle((220, 520, 820, 1020), fill=KRAFT)
    draw.polygon([(820, 520), (980, 420), (980, 920), (820, 1020)], fill=KRAFT_DARK)
    for n in range(5):  # drip bags standing in the box, their tops showing
        x = 290 + n * 105
        draw.rectangle((x, 330 + (n % 2) * 30, x + 90, 560), fill=LABEL, outline=KRAFT_DARK, width=4)
        draw.rectangle((x + 10, 350 + (n % 2) * 30, x + 80, 380 + (n % 2) * 30), fill=GREEN)
    draw.rounded_rectangle((320, 700, 720, 860), radius=20, fill=LABEL)
    _bean(draw, 420, 780, 50, angle=0.4)
    draw.rounded_rectangle((500, 750, 680, 770), radius=8, fill=KRAFT_DARK)
    draw.rounded_rectangle((500, 795, 640, 815), radius=8, fill=KRAFT_DARK)


def _chain(draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], r: float = 9) -> None:
    for x, y in points:
        draw.ellipse((x - r, y - r, x + r, y + r), outline=SILVER_DARK, width=4)


def leaf_necklace(draw: ImageDraw.ImageDraw) -> None:
    cx, cy, rx, ry = 600, 420, 380, 420
    _chain(draw, [(cx + rx * math.cos(t), cy + ry * math.sin(t))
                  for t in (math.pi * (0.05 + 0.9 * i / 60) for i in range(61))])
    # The leaf: two arcs meeting at the tip, its middle vein and side veins.
    draw.ellipse((490, 830, 710, 1130), fill=SILVER, outline=SILVER_DARK, width=6)
    draw.line((600, 840, 600, 1120), fill=SILVER_DARK, width=6)
    for n in range(4):
        y = 900 + n * 55
        draw.line((600, y, 540, y - 40), fill=SILVER_DARK, width=4)
        draw.line((600, y, 660, y - 40), fill=SILVER_DARK, width=4)
    draw.ellipse((585, 800, 615, 835), outline=SILVER_DARK, width=6)


def beaded_earrings(draw: ImageDraw.ImageDraw) -> None:
    for side, x in enumerate((420, 780)):
        draw.arc((x - 70, 200, x + 70, 360), start=180, end=360, fill=SILVER_DARK, width=10)  # the hook
        draw.line((x + 70, 280, x + 70, 330), fill=SILVER_DARK, width=10)
        draw.line((x - 70, 280, x - 70, 420), fill=SILVER_DARK, width=8)
        for n in range(7):
            colour = BEADS[(n + side * 2) % len(BEADS)]
            y = 450 + n * 85
            r = 36 if n % 2 == 0 else 26
            draw.ellipse((x - 70 - r, y - r, x - 70 + r, y + r), fill=colour)


def name_bracelet(draw: ImageDraw.ImageDraw) -> None:
    draw.ellipse((200, 360, 1000, 900), outline=SILVER_DARK, width=18)  # the cord
    draw.rounded_rectangle((420, 780, 780, 940), radius=40, fill=SILVER, outline=SILVER_DARK, width=8)
    for n, width in enumerate((200, 140)):  # the engraved name, as strokes
        draw.rounded_rectangle((600 - width / 2, 830 + n * 45, 600 + width / 2, 846 + n * 45), radius=8,
                               fill=SILVER_DARK)


def woven_bracelet(draw: ImageDraw.ImageDraw) -> None:
    cx, cy = 600, 620
    for ring, radius in enumerate((330, 270)):
        count = 30 if ring == 0 else 25
        for n in range(count):
            t = 2 * math.pi * n / count + ring * 0.1
            x, y = cx + radius * math.cos(t), cy + radius * 0.8 * math.sin(t)
            r = 34
            draw.ellipse((x - r, y - r, x + r, y + r), fill=BEADS[(n + ring) % len(BEADS)])


# What each demo product's picture shows, for people who cannot see it (its alt text), and how it is drawn.
PICTURES: dict[str, tuple[str, Drawing]] = {
    "Doi Chang medium roast": ("A brown paper bag of coffee with hills and a coffee bean on its label",
                               medium_roast),
    "Drip bags, box of 10": ("An open box of drip coffee bags", drip_bags),
    "Espresso blend, 500 g": ("A dark bag of espresso coffee with a bean on its label", espresso),
    "Silver leaf necklace": ("A silver chain with a leaf-shaped pendant", leaf_necklace),
    "Beaded earrings": ("Two earrings of coloured beads on silver hooks", beaded_earrings),
    "Name bracelet (made to order)": ("A cord bracelet with a silver plate engraved with a name",
                                      name_bracelet),
    "Woven bead bracelet": ("A bracelet woven of two rows of coloured beads", woven_bracelet),
}


def picture_of(product_name: str) -> tuple[bytes, str] | None:
    """The drawn picture of a demo product (PNG) and its alt text, or None for another product."""
    if product_name not in PICTURES:
        return None
    alt, draw_it = PICTURES[product_name]
    image, draw = _canvas()
    draw_it(draw)
    return _png(image), alt
