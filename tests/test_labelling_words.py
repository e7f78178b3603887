"""No page that participants, employers, customers or the public can open uses words that label people."""
import io
import re

import openpyxl

from core.models import Role
from tests.test_route_matrix import PUBLIC, SIGNED_IN, WHO_MAY, _example_url

# English and Thai: victim, survivor, trafficked / trafficking.
LABELLING = re.compile(r"victim|survivor|traffick|เหยื่อ|ผู้รอดชีวิต|ค้ามนุษย์", re.IGNORECASE)
NOT_STAFF = [Role.PARTICIPANT, Role.EMPLOYER, Role.CUSTOMER, Role.MANAGER]


def _pages_for(app, role):
    for rule in app.url_map.iter_rules():
        allowed = WHO_MAY[rule.endpoint]
        if "GET" not in rule.methods or rule.endpoint in ("static", "site.favicon"):  # files, not words
            continue
        if allowed == PUBLIC or (role is not None and (allowed == SIGNED_IN or role in allowed)):
            yield _example_url(rule)


def _text(response) -> str:
    """A page's text, or every cell of a spreadsheet download (the words must not be there either)."""
    if response.mimetype.endswith("spreadsheetml.sheet"):
        book = openpyxl.load_workbook(io.BytesIO(response.get_data()))
        return " ".join(str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
                        if cell.value is not None) + " " + " ".join(book.sheetnames)
    return response.get_data(as_text=True)


def test_no_labelling_words_for_anyone_but_staff(app, signed_in, client, people):
    people.make(Role.PARTICIPANT, "Someone")  # so lists and records have content
    with app.app_context():
        from core.commands import seed_demo
        seed_demo()  # courses, posts, grant round and shop products on the pages
    visitors = [(None, client)] + [(role, signed_in(role)[0]) for role in NOT_STAFF]
    seen = 0
    for role, visitor in visitors:
        for language in ("en", "th"):
            with visitor.session_transaction() as session:
                session["lang"] = language
            for url in _pages_for(app, role):
                body = _text(visitor.get(url))
                found = LABELLING.findall(body)
                assert not found, (role, language, url, found)
                seen += 1
    assert seen > 20
