"""Each course's and post's card in the list of opportunities, rendered once per worker and language.

A card is the same for everyone who reads the list in one language: its course or post, its employer and the
demand figures decide it, and nothing about the reader. The list of a search (never a kept page, see
core.page_cache) and every signed-in reader's list rendered about twenty cards each time: two thirds of the
page's time (issue 35). So each worker keeps the cards it rendered, with the version of the opportunities'
data (core.versioned_cache: any change to a course, post, employer or demand figure moves it) and uses one
only while that version holds. A page whose cards are all kept loads no course or post at all.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

from flask import get_template_attribute, request
from flask_babel import get_locale
from markupsafe import Markup

from core import versioned_cache
from core.extensions import db
from training import listings, recommendations
from training.listings import Row

MAX_CARDS = 6000  # per worker: six languages of a thousand cards, about 4 MB
_CARDS: OrderedDict[tuple, tuple[int, Markup]] = OrderedDict()
_LOCK = threading.Lock()
STATS = {"rendered": 0, "kept": 0}  # for the tests and the benchmark


def cards(rows: list[Row]) -> list[Markup]:
    """The HTML of each listing's card, in the order of `rows`."""
    version = versioned_cache.version(recommendations.OPPORTUNITIES_CACHE)
    # The address the site is mounted under is in every card's link; the language in all its words.
    base = (str(db.session.get_bind().engine.url), str(get_locale()), request.script_root)
    shown: dict[Row, Markup] = {}
    with _LOCK:
        for row in rows:
            held = _CARDS.get((*base, row.kind, row.id))
            if held is not None and held[0] == version:
                _CARDS.move_to_end((*base, row.kind, row.id))
                shown[row] = held[1]
    missing = [row for row in rows if row not in shown]
    if missing:
        listing = get_template_attribute("training/_listing.html", "listing")
        demand = recommendations.demand_scores()
        made = {row: listing(item.kind, item.item, demand)  # load keeps the rows' order
                for row, item in zip(missing, listings.load(missing), strict=True)}
        with _LOCK:
            for row, html in made.items():
                _CARDS[(*base, row.kind, row.id)] = (version, html)
                _CARDS.move_to_end((*base, row.kind, row.id))
            while len(_CARDS) > MAX_CARDS:
                _CARDS.popitem(last=False)
        shown.update(made)
        STATS["rendered"] += len(made)
    STATS["kept"] += len(rows) - len(missing)
    return [shown[row] for row in rows]


def forget_all() -> None:
    """Drop every kept card of this worker (tests; a deployment changes templates by restarting)."""
    with _LOCK:
        _CARDS.clear()
