"""The app as the concurrency harness's gunicorn serves it: the test settings (tests.conftest.make_app), with
the settings the harness passes as JSON in PATHWAYS_TEST_SERVER_CONFIG (database, Stripe fakes, hold limits)."""
from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import make_app

_settings = json.loads(os.environ["PATHWAYS_TEST_SERVER_CONFIG"])
app = make_app(Path(_settings.pop("TEST_TMP_DIR")), **_settings)

# gunicorn --preload forks the workers from this process: no pooled connection may be carried into them.
with app.app_context():
    from core.extensions import db

    db.engine.dispose()
