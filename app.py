"""Pathways: the application factory. It reads as a table of contents; the work lives in the packages."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    from core.application import PathwaysFlask

    app = PathwaysFlask(__name__, instance_relative_config=True)
    from core.config import load_settings

    app.config.update(load_settings(Path(app.instance_path), config))
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    register_jobs(app)
    settle(app)
    return app


def register_extensions(app: Flask) -> None:
    from core import (
        content_languages,
        file_store,
        i18n,
        kept_input,
        labels,
        layout,
        orm_events,
        security,
        text_search,
        unit_of_work,
    )
    from core.extensions import csrf, db, login_manager, migrate
    from core.numbers import DatabaseIntegerConverter
    from privacy import access_log

    app.url_map.converters["int"] = DatabaseIntegerConverter
    orm_events.listen()
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "core" / "migrations"),
                     render_as_batch=True, compare_type=True, include_name=text_search.outside_models)
    unit_of_work.init_app(app)  # after Flask-SQLAlchemy, so its teardown runs before the session is removed
    access_log.init_app(app)  # after the unit of work, so its entries go into the request's commit
    csrf.init_app(app)
    layout.init_login(login_manager, app)
    i18n.init_app(app)
    labels.init_app(app)
    content_languages.init_app(app)
    security.init_app(app)
    layout.init_app(app)
    kept_input.init_app(app)  # a form refused by a redirect: its values and errors on the next page
    file_store.init_app(app)  # uploads: the folder, or the bucket when one is configured
    if app.config["TRUST_PROXY"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)


def register_blueprints(app: Flask) -> None:
    """The shared pages, then each feature as it declares itself (core.features). The order is the order of the
    menu, of the sections of "My information", of the demo data and of the jobs: accounts comes before privacy
    (its sections of "My information" come first); impact comes last, after every feature with demo data."""
    import accounts
    import grants
    import impact
    import marketplace
    import privacy
    import training
    from core import orm_events, page_cache, site_views
    from core.features import install

    app.register_blueprint(site_views.bp)
    install(app, [package.feature() for package in (accounts, privacy, training, grants, marketplace, impact)])
    orm_events.listen_to_participant_data(app)
    page_cache.init_app(app)  # reads the views' declarations, so after every feature's blueprints


def register_errorhandlers(app: Flask) -> None:
    from core import errors

    errors.init_app(app)


def register_commands(app: Flask) -> None:
    from core import commands

    commands.init_app(app)


def register_jobs(app: Flask) -> None:
    from core import scheduler

    scheduler.init_app(app)


def settle(app: Flask) -> None:
    from core import long_lived

    long_lived.freeze(app)  # a worker's full garbage collections then skip what it keeps for its life
