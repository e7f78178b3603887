"""A participant's walk through a form asked one question a page (core.steps), as a browser sends it."""
from __future__ import annotations

from tests.conftest import post_form


def answer_steps(client, base: str, steps, values: dict) -> None:
    """Each question at `base/<slug>` with its part of `values`; each must be taken (a redirect on)."""
    for step in steps:
        response = post_form(client, f"{base}/{step.slug}", {k: v for k, v in values.items() if k in step.fields})
        assert response.status_code == 302, (step.slug, response.get_data(as_text=True)[-2000:])


def apply_to_post(client, post_id: int, values: dict):
    """Answer the application's questions, then send it from "Check your answers"; the response of sending."""
    from training.apply_steps import STEPS

    answer_steps(client, f"/posts/{post_id}/apply", STEPS, values)
    return post_form(client, f"/posts/{post_id}/apply")
