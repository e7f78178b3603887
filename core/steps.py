"""One thing per page: a long form asked as short steps, then "Check your answers" (GOV.UK's "Question pages"
and "Check answers" patterns), for people who read with effort on small phones. It works without JavaScript.

A feature keeps its form class (its fields, validators and words stay one definition) and lists its steps: the
fields each page asks. A step page is the whole form with the other fields taken out, so a step validates only
its own fields; its answers are kept as typed (the raw strings of the request) in a draft store the feature
gives (accounts.drafts: a table, never the session, which is a readable cookie). The last page builds the whole
form from the kept answers, validates it all again, and the feature saves it through its own service.

The store is anything with `get() -> dict | None`, `put(dict)` and `clear()`: core knows no feature.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from flask import redirect, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

Answers = dict[str, list[str]]  # field name -> the strings the person sent, as a form would send them


class DraftStore(Protocol):
    def get(self) -> Answers | None: ...

    def put(self, answers: Answers) -> None: ...

    def clear(self) -> None: ...


@dataclass(frozen=True)
class Step:
    """One page: its address (slug), the fields it asks, its question (default: its only field's label) and a
    hint under it. `after`: a step whose answer this one depends on (districts after the province): a changed
    answer there forgets this one's, and a change made from "Check your answers" leads here before going back."""
    slug: str
    fields: tuple[str, ...]
    question: Any = None
    hint: Any = None
    after: str | None = None
    together: bool = False  # "Check your answers" shows it as one row: its question, and what was chosen


@dataclass(frozen=True)
class AnswerRow:
    step: Step
    label: str
    value: str
    errors: list[str]


CHECK = "check"  # ?from=check on a step: back to "Check your answers" once it is answered


class Steps:
    """A form in steps. `make_form(formdata, answers)` returns the whole form bound to `formdata` (a MultiDict,
    or None for a fresh one from stored data), with its choices filled in from the answers (districts of the
    chosen province); `initial()` gives the answers to start from (what is stored already, or defaults)."""

    def __init__(self, name: str, steps: Sequence[Step], make_form: Callable[[Any, Answers], Any],
                 initial: Callable[[], Answers], title: Any = None):
        self.name = name
        self.title = title  # the form's name, where its drafts are listed ("My information")
        self.steps = list(steps)
        self.make_form = make_form
        self.initial = initial
        self._by_slug = {step.slug: step for step in self.steps}

    def step(self, slug: str) -> Step:
        return self._by_slug[slug]

    def number(self, step: Step) -> int:
        return self.steps.index(step) + 1

    def previous(self, step: Step) -> Step | None:
        index = self.steps.index(step)
        return self.steps[index - 1] if index else None

    def following(self, step: Step) -> Step | None:
        index = self.steps.index(step)
        return self.steps[index + 1] if index + 1 < len(self.steps) else None

    def depends_on(self, step: Step) -> list[Step]:
        return [other for other in self.steps if other.after == step.slug]

    # --- answers ---------------------------------------------------------------------------------------

    def answers(self, store: DraftStore) -> Answers:
        """The answers to start from (what is stored, or defaults), with the ones kept in the draft over them."""
        return {**self.initial(), **(store.get() or {})}

    def step_form(self, step: Step, answers: Answers, formdata: MultiDict | None = None):
        """The form of one step: bound to what was just sent, else to the kept answers."""
        form = self.make_form(formdata if formdata is not None else MultiDict(_pairs(answers)), answers)
        for name in [name for name in form._fields if name not in step.fields and name != "csrf_token"]:
            del form[name]
        return form

    def take(self, step: Step, store: DraftStore) -> tuple[Any, bool, Step | None]:
        """A step's answers as sent: (its form with its errors, False, None) when they are not right; else keep
        them and return (the form, True, the step to show next; None: "Check your answers")."""
        kept = store.get() or {}
        answers = {**self.initial(), **kept}
        form = self.step_form(step, answers, request.form)
        if not form.validate_on_submit():
            return form, False, None
        sent = {name: [str(value) for value in form[name].raw_data or []] for name in step.fields}
        changed = any(answers.get(name, []) != value for name, value in sent.items())
        kept = {**kept, **sent}  # only what the person answered: the draft holds their words, no more
        dependent = self.depends_on(step)
        if changed:
            for other in dependent:
                kept.update({name: [] for name in other.fields})  # to be asked again
        store.put(kept)
        if request.args.get("from") == CHECK:
            return form, True, (dependent[0] if changed and dependent else None)
        return form, True, self.following(step)

    def whole_form(self, answers: Answers, csrf: list[str] | None = None):
        """Every field, bound to the kept answers (and the token just sent, to save them)."""
        data = MultiDict(_pairs(answers))
        if csrf is not None:
            data.setlist("csrf_token", csrf)
        return self.make_form(data, answers)

    def rows(self, form) -> list[AnswerRow]:
        """Each answer in words, with its step, for "Check your answers"."""
        rows = []
        for step in self.steps:
            if step.together:  # named by its fields; shows those answered with something (not "Not yet")
                chosen = [f"{form[name].label.text}: {readable_answer(form[name])}" for name in step.fields
                          if form[name].data]
                rows.append(AnswerRow(step, ", ".join(str(form[name].label.text) for name in step.fields),
                                      "; ".join(chosen) or "—",
                                      [str(e) for name in step.fields for e in form[name].errors]))
            else:
                rows.extend(AnswerRow(step, str(form[name].label.text), readable_answer(form[name]),
                                      [str(e) for e in form[name].errors]) for name in step.fields)
        return rows

    def describe(self, kept: Answers) -> str:
        """A draft's own answers in words (for "My information"): only what the person answered."""
        form = self.make_form(MultiDict(_pairs(kept)), kept)
        return "; ".join(f"{row.label}: {row.value}" for row in self.rows(form)
                         if any(name in kept for name in row.step.fields))


def _pairs(answers: Answers) -> list[tuple[str, str]]:
    return [(name, value) for name, values in answers.items() for value in values]


def as_answers(form, names: Sequence[str]) -> Answers:
    """A form's current values as the strings a browser would send for them (to start from what is stored)."""
    answers: Answers = {}
    for name in names:
        field = form[name]
        if field.type == "BooleanField":
            answers[name] = ["y"] if field.data else []
        elif field.type in ("MultiCheckboxField", "SelectMultipleField"):
            answers[name] = [str(value) for value in field.data or []]
        elif field.data is None or field.data == "":
            answers[name] = []
        else:
            answers[name] = [str(field.data)] if field.type in ("SelectField", "RadioField") else [field._value()]
    return answers


def readable_answer(field) -> str:
    """An answer as the person reads it: the words of the chosen options, yes or no, or what was typed."""
    if field.type == "BooleanField":
        return str(_l("Yes")) if field.data else str(_l("No"))
    if field.type in ("MultiCheckboxField", "SelectMultipleField", "SelectField", "RadioField"):
        chosen = [str(label) for _value, label, selected, *_rest in field.iter_choices() if selected]
        return ", ".join(chosen) or "—"
    return field._value() or "—"


# --- the pages ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pages:
    """What a feature's views give to show a form in steps: the steps, the person's draft, the address of each
    step (`url(step, **args)`; `url(None)`: "Check your answers") and the form's name as a page title."""
    steps: Steps
    store: DraftStore
    url: Callable[..., str]
    title: Any
    heading: Any = None  # the <h1> of "Check your answers" (default: the title)
    lead: Any = None  # a sentence under it
    links: Sequence[tuple[Any, str]] = ()  # (words, address): where to go for what the form needs, on each page


def step_page(pages: Pages, slug: str, action: str | None = None, **context):
    """One question: GET shows it with the answer kept so far; POST keeps a right answer and goes on, or shows
    the question again with its error and what was typed. `action`: where it sends its answer when shown at
    another address (the first question, at the form's own address until something is answered)."""
    steps = pages.steps
    step = steps.step(slug)
    from_check = request.args.get("from") == CHECK
    if request.method == "POST":
        form, done, then = steps.take(step, pages.store)
        if done:
            return redirect(pages.url(then, **({"from": CHECK} if from_check and then else {})))
    else:
        form = steps.step_form(step, steps.answers(pages.store))
    previous = steps.previous(step)
    back = pages.url(None) if from_check or (previous is None and action is None) else \
        pages.url(previous) if previous else None
    return render_template("core/steps/step.html", form=form, step=step, steps=steps, back=back,
                           title=pages.title, action=action, links=pages.links, **context)


def check_page(pages: Pages, save: Callable[[Any], Any], submit_label: Any,
               template: str = "core/steps/check.html", **context):
    """The form's own address. Until something is answered (and on GET), the first question; then every answer
    with "Change", and the button that sends them: the whole form is validated again and given to `save(form)`,
    which calls the feature's service and returns the response to send (a redirect), or None when it refused
    (it put the refusal on the form)."""
    steps = pages.steps
    if request.method == "GET" and pages.store.get() is None and context.pop("ask_first", True):
        return step_page(pages, steps.steps[0].slug, action=pages.url(steps.steps[0]))
    answers = steps.answers(pages.store)
    if request.method == "POST":
        form = steps.whole_form(answers, request.form.getlist("csrf_token"))
        if form.validate():
            response = save(form)
            if response is not None:
                pages.store.clear()
                return response
    else:
        form = steps.whole_form(answers)
    return render_template(template, form=form, steps=steps, rows=steps.rows(form), pages=pages,
                           title=pages.title, unsent=pages.store.get() is not None, submit_label=submit_label,
                           **context)
