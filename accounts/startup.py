"""What accounts sets up when the app starts that fits no field of its declaration: who is signed in."""
from __future__ import annotations

from flask import Flask


def setup(app: Flask) -> None:
    from accounts import services
    from core.extensions import login_manager

    login_manager.user_loader(services.load_user_from_session)
