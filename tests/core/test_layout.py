"""The base layout: quick exit for participants, languages, landmarks and labels."""
import re
from datetime import UTC
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from core.models import Role
from tests.conftest import post_form

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "core" / "translations" / "th" / "LC_MESSAGES" / "messages.po"


def test_quick_exit_on_participant_facing_pages(signed_in, client):
    for page in ("/", "/privacy", "/sign-in", "/account/set-up"):
        body = client.get(page).get_data(as_text=True)
        assert 'id="quick-exit"' in body and 'href="/leave"' in body, page
        assert "js/quick-exit.js" in body
    participant, _ = signed_in(Role.PARTICIPANT)
    for page in ("/", "/me/data", "/me/privacy", "/account/password"):
        assert 'id="quick-exit"' in participant.get(page).get_data(as_text=True), page


def test_quick_exit_script_is_served_and_handles_shift_three_times(client):
    script = client.get("/static/js/quick-exit.js").get_data(as_text=True)
    assert "location.replace" in script and '"Shift"' in script and "presses.length >= 3" in script


def test_staff_pages_have_no_quick_exit(signed_in):
    staff, _ = signed_in(Role.STAFF)
    assert 'id="quick-exit"' not in staff.get("/staff/participants").get_data(as_text=True)


def test_landmarks_language_and_labels(client):
    body = client.get("/sign-in").get_data(as_text=True)
    assert '<html lang="en">' in body
    for landmark in ("<header", "<main id=\"main\"", "<nav", "<footer"):
        assert landmark in body
    visible = [tag for tag in re.findall(r"<input[^>]+>", body) if 'type="hidden"' not in tag
               and 'type="submit"' not in tag]
    assert len(visible) == 3  # name, password, "keep me signed in"
    for tag in visible:
        field_id = re.search(r'id="([^"]+)"', tag).group(1)
        assert f'for="{field_id}"' in body, field_id


def test_switching_to_thai(client):
    response = post_form(client, "/language", {"language": "th", "next": "/sign-in"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/sign-in")
    body = client.get("/sign-in").get_data(as_text=True)
    assert '<html lang="th">' in body and "เข้าสู่ระบบ" in body and "ออกจากเว็บไซต์นี้ทันที" in body


def test_language_switch_never_redirects_off_site(client):
    response = post_form(client, "/language", {"language": "th", "next": "//evil.example/"})
    assert response.headers["Location"] in ("/", "http://localhost/")


def test_signed_in_language_choice_is_kept_on_the_account(app, signed_in):
    from core.extensions import db
    from core.models import User
    client, uid = signed_in(Role.PARTICIPANT)
    post_form(client, "/language", {"language": "th", "next": "/"})
    with app.app_context():
        assert db.session.get(User, uid).locale == "th"


def _messages_in(template: Path) -> set[str]:
    found = set()
    for _lineno, message, _comments, _context in extract_from_file(
            "jinja2", str(template), keywords={"_": None, "gettext": None, "ngettext": (1, 2)}):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _thai_catalogue():
    with PO.open("rb") as handle:
        return read_po(handle, locale="th")


def test_thai_catalogue_translates_every_message_of_the_base_layout():
    catalogue = _thai_catalogue()
    messages = _messages_in(ROOT / "templates" / "base.html") | _messages_in(ROOT / "templates" / "macros.html")
    assert len(messages) > 8
    for message in messages:
        entry = catalogue.get(message)
        assert entry is not None, f"not in the Thai catalogue: {message!r}"
        assert entry.string and "fuzzy" not in entry.flags, f"not translated: {message!r}"


def test_thai_catalogue_is_complete():
    untranslated = [m.id for m in _thai_catalogue() if m.id and (
        not (m.string if isinstance(m.string, str) else all(m.string)) or "fuzzy" in m.flags)]
    assert untranslated == []


def test_every_message_in_the_code_is_in_the_thai_catalogue():
    """Catches a string added to a template or module without running `make extract-messages`."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    catalogue = _thai_catalogue()
    missing = set()
    for folder, method in (("templates", "jinja2"), ("core", "python"), ("accounts", "python"), ("privacy", "python"),
                           ("impact", "python"), ("training", "python"), ("grants", "python"),
                           ("marketplace", "python")):
        if not (ROOT / folder).exists():
            continue
        pattern = "**.html" if method == "jinja2" else "**.py"
        for _file, _line, message, _comments, _context in extract_from_dir(
                str(ROOT / folder), [(pattern, method)], keywords=keywords):
            key = message if isinstance(message, str) else message[0]
            entry = catalogue.get(key)
            strings = entry.string if entry is not None and isinstance(entry.string, tuple) else (
                entry.string if entry is not None else "",)
            if entry is None or not all(strings) or "fuzzy" in entry.flags:  # every plural form too
                missing.add(key)
    assert sorted(missing) == []


def test_times_are_stored_in_utc_and_shown_in_bangkok_time(app):
    from datetime import datetime

    from flask import render_template_string
    with app.test_request_context():
        shown = render_template_string("{{ t|datetime('short') }}", t=datetime(2026, 1, 1, 17, 30, tzinfo=UTC))
    assert shown.startswith("1/2/26") and "12:30" in shown  # 17:30 UTC is 00:30 the next day in Bangkok


def test_static_files_carry_a_content_hash_and_are_cached_for_a_year(client):
    html = client.get("/").get_data(as_text=True)
    links = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert links and all(re.search(r"\?v=[0-9a-f]{12}$", link) for link in links), links
    for link in links:
        response = client.get(link)
        assert response.status_code == 200 and "max-age=31536000" in response.headers["Cache-Control"]
    assert client.get("/").headers["Cache-Control"] == "no-store"  # pages never


def _menu(body: str) -> str:
    return body[body.index('<div class="menu-row">'):body.index("</header>")]


def test_a_kept_header_is_each_persons_own(signed_in):
    """The header is written once for everyone of a role and language (core.layout.page_part): each person
    still sees their own name and form token in it, the current page marked, and their own way back."""
    first, _ = signed_in(Role.STAFF, name="Somchai <b>First</b>")
    second, _ = signed_in(Role.STAFF, name="Malee Second")
    for _round in range(2):
        tokens = []
        for client, name, other in ((first, "Somchai &lt;b&gt;First&lt;/b&gt;", "Malee"),
                                    (second, "Malee Second", "Somchai")):
            body = client.get("/account/password?from=menu").get_data(as_text=True)
            menu = _menu(body)
            assert f'<span class="who"><span data-user-content>{name}</span></span>' in menu
            assert other not in body
            assert '<input name="next" type="hidden" value="/account/password?from=menu">' in menu
            assert 'href="/languages?next=/account/password?from%3Dmenu"' in body
            assert 'aria-current="page"' not in menu
            token, = set(re.findall(r'name="csrf_token" type="hidden" value="([^"]+)"', menu))
            tokens.append(token)
            answer = client.post("/language", data={"csrf_token": token, "language": "en", "next": "/"})
            assert answer.status_code == 302  # the token in the kept header is this person's own
            assert _menu(client.get("/staff/participants").get_data(as_text=True)).count('aria-current="page"') == 2
        assert tokens[0] != tokens[1]


def test_the_languages_page_menu_goes_back_to_its_own_next(signed_in):
    """On the page of languages the menu's form goes back where that page goes back, which differs by request:
    it is put in as the page is sent, not kept with the header."""
    client, _ = signed_in(Role.STAFF)
    for back in ("/staff/participants", "/staff/training/"):
        menu = _menu(client.get(f"/languages?next={back}").get_data(as_text=True))
        assert f'<input name="next" type="hidden" value="{back}">' in menu
