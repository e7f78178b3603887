"""Settings from the environment (and an optional `.env`), with no insecure fallbacks."""
from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from dotenv import load_dotenv


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def second_opinion_threshold(value: str | None) -> float | dict[str, float] | None:
    """SCREENING_SECOND_OPINION_THRESHOLD: empty for the committed per-language thresholds; one number for every
    language ("1.2"); or some languages' own ("th=0.9, my=0.4"), the committed ones for the rest."""
    if not value or not value.strip():
        return None
    if "=" not in value:
        return float(value)
    limits = {}
    for part in value.split(","):
        language, _, number = part.partition("=")
        if not language.strip() or not number.strip():
            raise ValueError(f"SCREENING_SECOND_OPINION_THRESHOLD: {part.strip()!r} is not language=number")
        limits[language.strip()] = float(number)
    return limits


def _secret_key(instance_path: Path) -> str:
    """Read SECRET_KEY from the environment, or generate one once into the instance folder."""
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        # Written whole under another name, then linked into place: a worker starting at the same moment finds
        # either no file or the whole key, never an empty one, and the first link wins (link never overwrites).
        fd, draft = tempfile.mkstemp(dir=instance_path, prefix=".secret_key.")
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
            os.link(draft, key_file)
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
    key = key_file.read_text().strip()
    if not key:
        raise RuntimeError(f"{key_file} is empty: remove it to have a new key made, or set SECRET_KEY")
    return key


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        instance_path.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{instance_path / 'pathways.sqlite3'}"
    # Accept the usual postgres:// spellings and always drive PostgreSQL through psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load_settings(instance_path: Path, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Everything the app reads at start, as one dictionary for `app.config`."""
    load_dotenv(override=False)
    overrides = dict(overrides or {})
    settings: dict[str, Any] = {
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # Static files are cached for a year: every link to one carries a hash of its content (core.layout).
        # Pages are never stored (core.security).
        "SEND_FILE_MAX_AGE_DEFAULT": 365 * 24 * 3600,
        # Public pages kept rendered for visitors who are not signed in, at most this many seconds (0: off;
        # core.page_cache); a change to what a page reads makes it again at once.
        "PAGE_CACHE_SECONDS": int(os.environ.get("PAGE_CACHE_SECONDS", 60)),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", 5 * 1024 * 1024)),
        # Sessions: no long-lived cookies; idle and absolute limits are enforced on the server.
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "pathways_session",
        # Only a session the person chose to keep on their device outlives the browser (core.security).
        "PERMANENT_SESSION_LIFETIME": timedelta(days=int(os.environ.get("KEEP_SIGNED_IN_DAYS", 14))),
        "SESSION_IDLE_MINUTES": int(os.environ.get("SESSION_IDLE_MINUTES", 30)),
        "SESSION_ABSOLUTE_HOURS": int(os.environ.get("SESSION_ABSOLUTE_HOURS", 12)),
        "REMEMBER_COOKIE_DURATION": timedelta(seconds=0),
        # Sign-in throttle (accounts.throttle): tries a minute for one account from one address, tries a minute
        # from one address, free failures of an account before its growing delay, how long those are
        # remembered, and the longest delay; registration per address and mails per e-mail address an hour.
        "LOGIN_FAILURES_PER_MINUTE": int(os.environ.get("LOGIN_FAILURES_PER_MINUTE", 5)),
        "LOGIN_FAILURES_PER_ADDRESS": int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", 30)),
        "LOGIN_FREE_FAILURES_PER_ACCOUNT": int(os.environ.get("LOGIN_FREE_FAILURES_PER_ACCOUNT", 5)),
        "LOGIN_ACCOUNT_MEMORY_MINUTES": int(os.environ.get("LOGIN_ACCOUNT_MEMORY_MINUTES", 15)),
        "LOGIN_MAX_DELAY_SECONDS": int(os.environ.get("LOGIN_MAX_DELAY_SECONDS", 60)),
        "REGISTRATIONS_PER_ADDRESS_PER_HOUR": int(os.environ.get("REGISTRATIONS_PER_ADDRESS_PER_HOUR", 10)),
        "REGISTRATION_MAILS_PER_ADDRESS_PER_HOUR": int(os.environ.get("REGISTRATION_MAILS_PER_ADDRESS_PER_HOUR", 3)),
        # Reports of a post ("Something is wrong with this offer") sent without signing in, per address an hour.
        "ANONYMOUS_REPORTS_PER_ADDRESS_PER_HOUR": int(os.environ.get("ANONYMOUS_REPORTS_PER_ADDRESS_PER_HOUR", 5)),
        # How long a "keep me signed in on this device" session lasts; other sessions end with the browser.
        "KEEP_SIGNED_IN_DAYS": int(os.environ.get("KEEP_SIGNED_IN_DAYS", 14)),
        # Staff, shop managers and admins sign in with a second step (an authenticator app's code); one who has
        # none sets it up after the password, with an enrolment code from an admin (accounts.two_factor). On
        # unless turned off:
        # `make run`'s demo and the test suite turn it off.
        "TWO_FACTOR_REQUIRED_FOR_WORK_ACCOUNTS": _flag("TWO_FACTOR_REQUIRED_FOR_WORK_ACCOUNTS", True),
        # How long "trust this browser" at the second step lasts.
        # Answers given on the first steps of a long form, not sent yet (accounts.drafts), are kept this long.
        "DRAFT_DAYS": int(os.environ.get("DRAFT_DAYS", 7)),
        "TRUST_BROWSER_DAYS": int(os.environ.get("TRUST_BROWSER_DAYS", 30)),
        # The key that seals authenticator apps' secrets (AES-GCM, accounts.sealing): any long random text. Empty:
        # a key derived from SECRET_KEY (then a new SECRET_KEY means every second step must be reset).
        "TWO_FACTOR_KEY": os.environ.get("TWO_FACTOR_KEY", ""),
        # A work account's first set-up of its second step needs a one-time enrolment code from an admin: how
        # many days one lasts (accounts.enrolment_codes).
        "TWO_FACTOR_ENROLMENT_CODE_DAYS": int(os.environ.get("TWO_FACTOR_ENROLMENT_CODE_DAYS", 7)),
        # Wrong second-step codes of one account, from any address: this many within this many minutes lock its
        # second step for this many minutes (accounts.throttle), and the person is told.
        "TWO_FACTOR_MAX_FAILURES": int(os.environ.get("TWO_FACTOR_MAX_FAILURES", 5)),
        "TWO_FACTOR_FAILURE_WINDOW_MINUTES": int(os.environ.get("TWO_FACTOR_FAILURE_WINDOW_MINUTES", 15)),
        "TWO_FACTOR_LOCK_MINUTES": int(os.environ.get("TWO_FACTOR_LOCK_MINUTES", 30)),
        # What participants see of who opened their record: the role and date always, the staff name if set.
        "SHOW_STAFF_NAMES_TO_PARTICIPANTS": _flag("SHOW_STAFF_NAMES_TO_PARTICIPANTS"),
        # One "opened your record" entry per person, participant and this many minutes (a list paged through).
        "READ_LOG_MINUTES": int(os.environ.get("READ_LOG_MINUTES", 10)),
        # What must outlive a refused request is written in a transaction of its own (core.unit_of_work.apart).
        "WRITE_APART": True,
        "WTF_CSRF_TIME_LIMIT": 12 * 3600,
        "BABEL_DEFAULT_LOCALE": "en",
        # The programme's days and times (core.clock); Babel shows times in the same zone.
        "BABEL_DEFAULT_TIMEZONE": str(ZoneInfo(os.environ.get("PROGRAMME_TIMEZONE", "Asia/Bangkok"))),
        # Each language written in its own script, every page in each (tests/core/test_catalogues.py);
        # PARTICIPANT_LANGUAGES are the ones the participant-page tests walk in.
        "LANGUAGES": {"en": "English", "th": "ไทย", "my": "မြန်မာ", "km": "ខ្មែរ", "lo": "ລາວ", "vi": "Tiếng Việt"},
        "PARTICIPANT_LANGUAGES": ("th", "my", "km", "lo", "vi"),
        "THAI_BUDDHIST_ERA": not _flag("THAI_WESTERN_YEARS"),
        # The screening's second opinion (training/screening/second_opinion.py): it can only hold a post, never
        # publish one. Its thresholds are the committed ones, one per language (at most 5% of the development
        # set's honest ads of that language held by it alone in cross-validation), unless set here: one number
        # for every language, or "th=0.9, my=0.4" for some; a lower one holds more deceptive ads and more honest.
        "SCREENING_SECOND_OPINION": _flag("SCREENING_SECOND_OPINION", True),
        "SCREENING_SECOND_OPINION_THRESHOLD": second_opinion_threshold(
            os.environ.get("SCREENING_SECOND_OPINION_THRESHOLD")),
        # Web workers take part in the scheduler too (core.scheduler): safe in every process and on every machine,
        # as only the holder of the scheduler's lease starts jobs. Off: only `flask scheduler` processes do.
        "SCHEDULER_IN_WEB": _flag("SCHEDULER_IN_WEB"),
        # The lease (core.leadership): how long it lasts unrenewed, how often every process renews or seeks it
        # (a dead leader is replaced within the sum of the two), and how late a missed due time may still run.
        "SCHEDULER_LEASE_SECONDS": float(os.environ.get("SCHEDULER_LEASE_SECONDS", 30)),
        "SCHEDULER_RENEW_SECONDS": float(os.environ.get("SCHEDULER_RENEW_SECONDS", 10)),
        "SCHEDULER_GRACE_SECONDS": float(os.environ.get("SCHEDULER_GRACE_SECONDS", 3600)),
        # The name the status shows for this process when it leads (then ":<process id>:<random>"): empty for the
        # machine's name.
        "SCHEDULER_NAME": os.environ.get("SCHEDULER_NAME", ""),
        "TRUST_PROXY": _flag("TRUST_PROXY"),
        "QUICK_EXIT_URL": os.environ.get("QUICK_EXIT_URL", "https://www.tmd.go.th/en/"),
        # The address links in messages sent by scheduled jobs start with (a request knows its own).
        "SITE_URL": os.environ.get("SITE_URL", ""),
        "STRIPE_SECRET_KEY": os.environ.get("STRIPE_SECRET_KEY", ""),
        "STRIPE_WEBHOOK_SECRET": os.environ.get("STRIPE_WEBHOOK_SECRET", ""),
        "STRIPE_API_BASE": os.environ.get("STRIPE_API_BASE", ""),
        # How long one call to Stripe may take, and how often the library retries it (same idempotency key).
        "STRIPE_TIMEOUT_SECONDS": float(os.environ.get("STRIPE_TIMEOUT_SECONDS", 80)),
        "STRIPE_MAX_RETRIES": int(os.environ.get("STRIPE_MAX_RETRIES", 2)),
        "STRIPE_CHECKOUT_ORIGIN": os.environ.get("STRIPE_CHECKOUT_ORIGIN", "https://checkout.stripe.com"),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", 587)),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Pathways <no-reply@pathways.local>"),
        # The shop's holds: how much of one product a cart may hold, how many unpaid orders may hold stock at
        # once from one browser session and from one address, and how long a pay-on-collection order is kept.
        "SHOP_MAX_PER_PRODUCT": int(os.environ.get("SHOP_MAX_PER_PRODUCT", 5)),
        "WHOLESALE_MAX_PER_PRODUCT": int(os.environ.get("WHOLESALE_MAX_PER_PRODUCT", 50)),
        "SHOP_HOLDS_PER_SESSION": int(os.environ.get("SHOP_HOLDS_PER_SESSION", 2)),
        "SHOP_HOLDS_PER_ADDRESS": int(os.environ.get("SHOP_HOLDS_PER_ADDRESS", 4)),
        "SHOP_COLLECTION_HOLD_HOURS": int(os.environ.get("SHOP_COLLECTION_HOLD_HOURS", 72)),
        # The impact page (impact.services): a year's records count until this day ("MM-DD") of the next year;
        # the first night after it the year is computed once and frozen. Shop sales name an enterprise only with
        # this many makers (or as a registered organisation, staff confirmed) and when no single order is more
        # than this share (%) of its year; the others are grouped as "other enterprises".
        "IMPACT_YEAR_CLOSES_ON": os.environ.get("IMPACT_YEAR_CLOSES_ON", "03-31"),
        "IMPACT_SALES_MIN_MAKERS": int(os.environ.get("IMPACT_SALES_MIN_MAKERS", 5)),
        "IMPACT_SALES_DOMINANCE_PERCENT": int(os.environ.get("IMPACT_SALES_DOMINANCE_PERCENT", 50)),
        "UPLOAD_FOLDER": os.environ.get("UPLOAD_FOLDER", str(instance_path / "uploads")),
        # Uploads (receipts, product pictures) go to this S3-compatible bucket instead of UPLOAD_FOLDER when it
        # is set (core.file_store): needed as soon as the site runs on more than one machine. The endpoint is
        # for MinIO or Cloudflare R2 (empty: AWS S3); empty keys use boto3's own chain (AWS_* variables, the
        # machine's role). The prefix lets several sites share a bucket ("staging/").
        "UPLOAD_S3_BUCKET": os.environ.get("UPLOAD_S3_BUCKET", ""),
        "UPLOAD_S3_ENDPOINT_URL": os.environ.get("UPLOAD_S3_ENDPOINT_URL", ""),
        "UPLOAD_S3_REGION": os.environ.get("UPLOAD_S3_REGION", ""),
        "UPLOAD_S3_ACCESS_KEY_ID": os.environ.get("UPLOAD_S3_ACCESS_KEY_ID", ""),
        "UPLOAD_S3_SECRET_ACCESS_KEY": os.environ.get("UPLOAD_S3_SECRET_ACCESS_KEY", ""),
        "UPLOAD_S3_PREFIX": os.environ.get("UPLOAD_S3_PREFIX", ""),
        "UPLOAD_S3_ADDRESSING_STYLE": os.environ.get("UPLOAD_S3_ADDRESSING_STYLE", ""),  # "path" for some MinIO
        "UPLOAD_S3_TIMEOUT_SECONDS": float(os.environ.get("UPLOAD_S3_TIMEOUT_SECONDS", 10)),
        # A new version is read and agreed to again at the next sign-in. 2026-12: how long each record is kept.
        "PRIVACY_NOTICE_VERSION": "2026-12",
        # How long records are kept (privacy.retention; the privacy notice and "My information" state these).
        # A participant's record: this many years after their last activity (privacy.retention.ACTIVITY) or the
        # closing of their case, whichever is later; then it is anonymised as a deletion request would.
        "RETENTION_PARTICIPANT_YEARS": int(os.environ.get("RETENTION_PARTICIPANT_YEARS", 3)),
        # "Who opened my record" entries (participant.view in the audit log): deleted after this many years.
        "RETENTION_READ_LOG_YEARS": int(os.environ.get("RETENTION_READ_LOG_YEARS", 2)),
        # Training and grant applications that ended refused, declined or withdrawn: their free text is
        # blanked this many years after they ended (amounts and states stay for the aggregate figures).
        "RETENTION_ENDED_APPLICATION_YEARS": int(os.environ.get("RETENTION_ENDED_APPLICATION_YEARS", 1)),
        # (Registrations never confirmed are removed after two days: accounts.services.CONFIRMATION_LIFETIME.)
        # Off: the nightly job only lists what is due and staff confirm it ("Records due for deletion").
        # On: the nightly job anonymises and deletes what is due by itself.
        "RETENTION_AUTOMATIC": _flag("RETENTION_AUTOMATIC"),
    }
    settings.update(overrides)
    if "SECRET_KEY" not in overrides:
        settings["SECRET_KEY"] = _secret_key(instance_path)
    return settings
