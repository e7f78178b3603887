"""Texts people write (a course, a post) in several of the site's languages.

A record keeps the words its author wrote first in its own columns, with that language (`text_language`), and
the other languages in `translations` ({"my": {"title": …, "description": …}}). A page shows the reader's
language, else the author's first one, and then says quietly that it is shown in another language. Every
translation is also joined into `translated_text`, which the text search indexes beside the columns, so a
search in any of the languages finds the record.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import sqlalchemy as sa
from flask import Flask, current_app
from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy.orm import Mapped, mapped_column

from core.refusal import Refusal


class LanguageTaken(Refusal):
    """A record cannot have two texts in one language."""


class Translatable:
    """Columns of a record whose texts may be written in several languages."""

    TRANSLATED: ClassVar[tuple[str, ...]] = ()  # the text columns a translation may carry

    text_language: Mapped[str] = mapped_column(sa.String(5), default="en", server_default="en")
    translations: Mapped[dict] = mapped_column(sa.JSON, default=dict, server_default="{}")
    translated_text: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    def languages_written(self) -> list[str]:
        return [self.text_language] + sorted(lang for lang in (self.translations or {}) if lang != self.text_language)

    def written_in(self, field: str, language: str) -> str | None:
        if language == self.text_language:
            return getattr(self, field) or None
        return ((self.translations or {}).get(language) or {}).get(field) or None


@dataclass(frozen=True)
class Shown:
    text: str
    language: str
    other_language: bool  # not the reader's: the page says so

    def __str__(self) -> str:
        return self.text


def reader_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else "en"


def shown(record: Translatable, field: str, language: str | None = None) -> Shown:
    """The field in the reader's language, else as its author first wrote it."""
    language = language or reader_language()
    text = record.written_in(field, language)
    if text is not None:
        return Shown(text, language, False)
    first = getattr(record, field) or ""
    return Shown(first, record.text_language, record.text_language != language)


def set_translation(record: Translatable, language: str, texts: dict[str, str]) -> None:
    """Write (or, with every text empty, remove) one language of a record. The author's first language lives in
    the record's own columns and is changed through its own form."""
    if language not in current_app.config["LANGUAGES"]:
        raise ValueError(language)
    if language == record.text_language:
        raise ValueError("the first language is written in the record itself")
    kept = {field: str(texts.get(field) or "").strip() for field in record.TRANSLATED}
    translations = dict(record.translations or {})
    if any(kept.values()):
        translations[language] = {field: text for field, text in kept.items() if text}
    else:
        translations.pop(language, None)
    record.translations = translations  # a new dict, so the ORM sees the change
    record.translated_text = search_text(translations)


def translate(actor, record: Any, language: str, texts: dict[str, str], record_type: str) -> None:
    """Write one more language of a record, or remove one (every text empty), with its audit entry."""
    from core import audit
    from core.extensions import db

    set_translation(record, language, texts)
    db.session.flush()
    audit.record(f"{record_type}.translate", record_type, record.id, actor=actor, detail={"language": language})
    db.session.flush()


def check_first_language(record: Translatable | None, language: str | None) -> None:
    """The author's first language cannot also be one of the translations: one text per language."""
    if record is not None and language and language != record.text_language and language in (record.translations or {}):
        raise LanguageTaken(_l("This language already has its own text under \"Other languages\". Change that "
                               "one, or remove it first."), "text_language")


def search_text(translations: dict[str, dict[str, str]]) -> str:
    return "\n".join(text for language in sorted(translations) for text in translations[language].values())


def _written(record: Translatable, field: str) -> Markup:
    """The text as an element marked as people's own words, in the language it is written in."""
    text = shown(record, field)
    # Built with escape() and an f-string: Markup.format runs a string.Formatter per value, and these two
    # filters run for every name and title of every list (issue 35). The same output (tests/core/test_marks.py).
    language, words = escape(text.language), escape(text.text)
    return Markup(f'<span lang="{language}" data-user-content>{words}</span>')  # noqa: S704  # nosec B704


def _other_language_note(record: Translatable, short: bool = False) -> Markup:
    """A quiet note when the record is not written in the reader's language: the language's own name (short,
    in lists), or a sentence (on the record's page)."""
    text = shown(record, type(record).TRANSLATED[0])
    if not text.other_language:
        return Markup("")
    name = Markup('<span lang="{}">{}</span>').format(text.language, current_app.config["LANGUAGES"][text.language])
    if short:
        return Markup(' <small class="hint">({})</small>').format(name)
    sentence = escape(gettext("Shown in %(language)s. It is not written in your language yet."))
    return Markup('<p class="hint">{}</p>').format(sentence % {"language": name})


def _theirs(value: object) -> Markup:
    """What a person wrote or chose (a name, a title), marked as theirs: it may be in any language."""
    if value is None or value == "":
        return Markup("")
    return Markup(f"<span data-user-content>{escape(value)}</span>")  # noqa: S704  # nosec B704 - escaped


def init_app(app: Flask) -> None:
    app.add_template_filter(_theirs, "theirs")
    app.add_template_filter(_written, "written")
    app.add_template_filter(lambda record, field: shown(record, field).text, "written_text")
    app.add_template_global(_other_language_note, "other_language_note")


def translation_texts(record: Any, language: str) -> dict[str, str]:
    """What the translation form starts from for one language."""
    return {field: record.written_in(field, language) or "" for field in record.TRANSLATED}


def languages_page(record: Any, form_class: type, save, *, heading: str, back: str, here: str) -> Any:
    """The page where an author writes a record's words in the other languages, one at a time (`?language=`).
    `save(language, texts)` stores them (and may refuse, or return a sentence to add to "Saved.")."""
    from flask import flash, redirect, render_template, request
    from flask_babel import gettext as _

    from core.forms import translation_form_class
    from core.navigation import show_error_on

    language = request.args.get("language", "")
    form = translation_form_class(form_class, type(record).TRANSLATED, record.text_language)(
        data=translation_texts(record, language) | {"language": language})
    if form.validate_on_submit():
        try:
            said = save(form.language.data, {name: form[name].data for name in type(record).TRANSLATED})
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(" ".join(filter(None, [_("Saved."), said])), "success")
            return redirect(f"{here}?language={form.language.data}")
    return render_template("content_languages.html", record=record, heading=heading, form=form, back=back)
