"""Every e-mail is written in its reader's language. The class is found from the source: each call that writes
an e-mail must hand it translatable words, never English typed into the code, and only the outbox and the
notices build outbox rows themselves. (Each feature's tests read its own e-mails in Thai.)"""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("core", "accounts", "privacy", "impact", "training", "grants", "marketplace")
BUILDS_ROWS = {"core/outbox.py", "core/notify.py"}  # the outbox itself, and notices rendered per language
WORDS = re.compile(r"[A-Za-z]{2,}")


def _sources():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def _typed_words(node: ast.AST) -> list[str]:
    """English written straight into a string literal, or an f-string: formatting one turns translated words
    into text at once, in the language of whoever is signed in, not the reader's."""
    if isinstance(node, ast.JoinedStr):
        return [ast.unparse(node)]
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and WORDS.search(node.value):
        return [node.value]
    return []


def test_every_e_mail_is_written_from_translated_words():
    calls, untranslated, rows = 0, [], []
    for path, tree in _sources():
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            if _name(call) == "OutboxMessage" and path not in BUILDS_ROWS:
                rows.append(f"{path}:{call.lineno}")
            if _name(call) != "queue_email" or path == "core/outbox.py":
                continue
            calls += 1
            assert len(call.args) == 4, f"{path}:{call.lineno}: queue_email(recipient, language, subject, lines)"
            subject, lines = call.args[2], call.args[3]
            parts = [subject, *(lines.elts if isinstance(lines, ast.List) else [lines])]
            # *(line for …): each line the generator makes
            parts += [getattr(part.value, "elt", part.value) for part in parts if isinstance(part, ast.Starred)]
            untranslated += [f"{path}:{call.lineno}: {words!r}" for part in parts for words in _typed_words(part)]
    assert calls >= 6  # account mails, order mails, managers, low stock, employers
    assert untranslated == [] and rows == []


def test_the_check_catches_english_typed_into_an_e_mail():
    typed = ast.parse('outbox.queue_email(to, "th", f"Order {n} needs attention", ["Please look", ""])')
    call = next(node for node in ast.walk(typed) if isinstance(node, ast.Call))
    assert _typed_words(call.args[2]) == ["f'Order {n} needs attention'"]
    assert _typed_words(call.args[3].elts[0]) == ["Please look"] and _typed_words(call.args[3].elts[1]) == []
    bullet = ast.parse('f"- {flag}"').body[0].value
    assert _typed_words(bullet) == ["f'- {flag}'"]  # the flag's words would be formatted in the wrong language
