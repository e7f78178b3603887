"""Which messages a participant can meet, found by walking the site as one (and as a visitor: sign-in, the
public shop, error pages), with every form sent once empty so its error messages are met too.

Every lookup of a translated message is recorded while the walk runs, so the list follows the site: a new
page, form or message is in it the day it is added. `python -m tests.participant_messages` prints the list
(for translators: the messages the participant languages must have)."""
from __future__ import annotations

import contextlib
import gettext as gettext_module

import babel.support

from tests.site_crawl import crawl

LOOKUPS = ("gettext", "ugettext", "ngettext", "ungettext", "pgettext", "upgettext", "npgettext", "unpgettext")


@contextlib.contextmanager
def recording() -> set:
    """Every msgid looked up while the block runs (singular forms; plural ids as their singular)."""
    seen: set[str] = set()
    originals = []
    for cls in (babel.support.NullTranslations, babel.support.Translations, gettext_module.GNUTranslations,
                gettext_module.NullTranslations):
        for name in LOOKUPS:
            original = cls.__dict__.get(name)
            if original is None:
                continue

            def wrapper(self, *args, _original=original, _name=name):
                message = args[1] if _name.startswith(("p", "up", "np", "unp")) else args[0]
                seen.add(message)
                return _original(self, *args)
            originals.append((cls, name, original))
            setattr(cls, name, wrapper)
    try:
        yield seen
    finally:
        for cls, name, original in originals:
            setattr(cls, name, original)


def _send_forms_empty(client, found) -> None:
    """Each form with something to fill in, sent empty: its error messages. A form that is only a button
    (accept, withdraw…) has no errors to show and would act, so it is left alone."""
    for form in found.forms:
        if form.method.lower() != "post" or not form.action or form.action.startswith(("/sign-out", "/leave")):
            continue
        if not any(f.kind not in ("hidden", "submit") for f in form.fields):
            continue
        tokens = {f.name: f.value for f in form.fields if f.name.endswith("csrf_token")}
        client.post(form.action, data=tokens)


def participant_msgids(app, logins: dict[str, tuple[str, str]]) -> set[str]:
    """Messages met by a visitor and by each (login, password) of `logins` walking the site in English."""
    from tests.conftest import sign_in

    with recording() as seen:
        visitor = app.test_client()
        _send_forms_empty(visitor, crawl(app, visitor, limit=120))
        visitor.get("/no-such-page")  # the error page
        for login, password in logins.values():
            client = app.test_client()
            sign_in(client, login, password)
            found = crawl(app, client, limit=200)
            _send_forms_empty(client, found)
    return {message for message in seen if message}


if __name__ == "__main__":
    import tempfile
    from pathlib import Path

    from tests.conftest import make_app, reset_schema
    from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, build_world

    folder = Path(tempfile.mkdtemp())
    site = make_app(folder, SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder}/messages.db")
    reset_schema(site)
    with site.app_context():
        build_world()
    messages = participant_msgids(site, {"participant": (DEMO_LOGINS["participant"], DEMO_PASSWORD)})
    for message in sorted(messages):
        print(repr(message))
    print(len(messages), "messages")
