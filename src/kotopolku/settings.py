"""Kotopolku settings. Every setting that differs between installations comes from the environment.

The variables are documented in README.md ("Configuration"). Three modes, chosen by KOTOPOLKU_ENV:

- ``production`` (the default): SECRET_KEY and ALLOWED_HOSTS must be given, HTTPS-only cookies,
  HSTS, TOTP required for every staff login, demo data refused.
- ``demo``: what ``make run`` uses; a local SQLite database, console email, TOTP optional.
- ``test``: what the test suite uses.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SRC_DIR = BASE_DIR / "src" / "kotopolku"
VAR_DIR = Path(os.environ.get("KOTOPOLKU_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


KOTOPOLKU_ENV = os.environ.get("KOTOPOLKU_ENV", "production").strip().lower()
if KOTOPOLKU_ENV not in {"production", "demo", "test"}:
    raise ImproperlyConfigured("KOTOPOLKU_ENV must be one of: production, demo, test.")
IS_PRODUCTION = KOTOPOLKU_ENV == "production"
IS_DEMO = KOTOPOLKU_ENV == "demo"
IS_TEST = KOTOPOLKU_ENV == "test"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if IS_PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in production (KOTOPOLKU_ENV=production). "
            "For a local try-out use KOTOPOLKU_ENV=demo (what `make run` does)."
        )
    SECRET_KEY = "insecure-" + KOTOPOLKU_ENV + "-key-never-use-in-production-0123456789abcdefghij"

DEBUG = env_bool("DEBUG", False) and not IS_PRODUCTION

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if IS_PRODUCTION else "127.0.0.1,localhost,[::1],testserver")
if IS_PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in production, e.g. ALLOWED_HOSTS=kotopolku.example.fi"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "kotopolku.core",
    "kotopolku.organizations",
    "kotopolku.accounts",
    "kotopolku.audit",
    "kotopolku.feedback",
    "kotopolku.notifications",
    "kotopolku.appointments",
    "kotopolku.dropin",
    "kotopolku.letters",
    "kotopolku.clients",
    "kotopolku.deadlines",
    "kotopolku.reception",
    "kotopolku.network",
    "kotopolku.statistics",
    "kotopolku.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kotopolku.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "kotopolku.urls"
WSGI_APPLICATION = "kotopolku.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kotopolku.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'kotopolku.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60 if IS_PRODUCTION else 0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let the web process and the worker share the file safely.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

# --- Cache (rate limits, axes) ----------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kotopolku"}
    }

# --- Authentication -----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "staff:login"
# TOTP is required for staff logins everywhere except demo and test installations.
KOTOPOLKU_REQUIRE_TOTP = env_bool("KOTOPOLKU_REQUIRE_TOTP", IS_PRODUCTION)
OTP_TOTP_ISSUER = "Kotopolku"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", 1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # axes would otherwise log usernames and addresses
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [
    ("fi", "Suomi"),
    ("sv", "Svenska"),
    ("en", "English"),
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("ru", "Русский"),
    ("uk", "Українська"),
    ("so", "Soomaali"),
]
LANGUAGES_BIDI = ["ar", "fa", "he", "ur"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Helsinki"
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fi",)
LANGUAGE_COOKIE_NAME = "kotopolku_language"
LANGUAGE_COOKIE_SECURE = IS_PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not IS_PRODUCTION

# --- Email ------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if IS_PRODUCTION
    else (
        "django.core.mail.backends.locmem.EmailBackend"
        if IS_TEST
        else "django.core.mail.backends.console.EmailBackend"
    ),
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kotopolku@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Request limits: oversized posts get a 400, never a 500 --------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", 256 * 1024))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Rate limits (public forms and API) -------------------------------------------------------
KOTOPOLKU_RATE_LIMITS = os.environ.get("KOTOPOLKU_RATE_LIMITS", "on").strip().lower() != "off"
RATELIMIT_ENABLE = KOTOPOLKU_RATE_LIMITS
RATELIMIT_VIEW = "kotopolku.core.views.rate_limited"
# "N/period" strings as django-ratelimit understands them (period: s, m, h, d).
KOTOPOLKU_RATE_PUBLIC_FORM = os.environ.get("KOTOPOLKU_RATE_PUBLIC_FORM", "10/h")
KOTOPOLKU_RATE_PUBLIC_API = os.environ.get("KOTOPOLKU_RATE_PUBLIC_API", "120/m")
# Drop-in check-in from phones: per address, and visitors at the café share the café's address.
KOTOPOLKU_RATE_DROPIN_CHECKIN = os.environ.get("KOTOPOLKU_RATE_DROPIN_CHECKIN", "30/h")
# The café tablet in kiosk mode (per device).
KOTOPOLKU_RATE_DROPIN_KIOSK = os.environ.get("KOTOPOLKU_RATE_DROPIN_KIOSK", "200/h")
# locmem is per process: fine for one demo process; production sets REDIS_URL.
SILENCED_SYSTEM_CHECKS = [] if REDIS_URL else ["django_ratelimit.E003", "django_ratelimit.W001"]

# --- Security ---------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if IS_PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SILENCED_SYSTEM_CHECKS += [] if SECURE_HSTS_PRELOAD else ["security.W021"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- REST API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kotopolku.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kotopolku API",
    "DESCRIPTION": "Public and staff API of Kotopolku, integration services for immigrants. "
    "Texts are returned in the language of the Accept-Language header or the `lang` query parameter.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- Logging: no personal data ------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "kotopolku.core.logging.PersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_personal_data"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # The request logger would print full URLs and POST bodies of failing requests.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# --- Kotopolku ----------------------------------------------------------------------------------
KOTOPOLKU_FEEDBACK_ANSWER_DAYS = 14  # Act 306/2019: accessibility feedback is answered within 14 days
KOTOPOLKU_SITE_NAME = _("Kotopolku")
CSRF_FAILURE_VIEW = "kotopolku.core.views.csrf_failure"
# Organization slugs that would clash with top-level paths.
KOTOPOLKU_RESERVED_SLUGS = frozenset(
    {"staff", "api", "static", "media", "healthz", "admin", "i18n", "login", "logout", "authenticator"}
    # /staff/statistics/: every municipality together (system administrators).
    | {"statistics"}
)

# --- Messages to clients: outbox, SMS, links ------------------------------------------------------
# Links in emails and text messages (the booking's manage page) start with this; no trailing slash.
KOTOPOLKU_PUBLIC_BASE_URL = os.environ.get("KOTOPOLKU_PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Dotted path of the SMS backend (see kotopolku/notifications/sms.py). Production has no gateway
# until one is configured: the disabled backend fails every send, so the rows show up as failed.
KOTOPOLKU_SMS_BACKEND = os.environ.get(
    "KOTOPOLKU_SMS_BACKEND",
    "kotopolku.notifications.sms.LocmemSmsBackend"
    if IS_TEST
    else (
        "kotopolku.notifications.sms.ConsoleSmsBackend"
        if IS_DEMO
        else "kotopolku.notifications.sms.DisabledSmsBackend"
    ),
)
KOTOPOLKU_SMS_FILE_PATH = Path(os.environ.get("KOTOPOLKU_SMS_FILE_PATH", VAR_DIR / "sms"))
# Sending attempts of one message (with backoff: 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, 24 h) before it fails.
KOTOPOLKU_OUTBOX_MAX_ATTEMPTS = int(os.environ.get("KOTOPOLKU_OUTBOX_MAX_ATTEMPTS", 8))
# Seconds before a silent SMTP server counts as a failed attempt (Django's default waits forever).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 30))

# --- Retention: personal data is kept only as long as needed (see README, "Retention") -----------
# Appointments: names, contact details and topics are removed this many days after the meeting;
# the anonymous facts (time, service, language, interpreter use, outcome) stay for statistics.
KOTOPOLKU_APPOINTMENT_RETENTION_DAYS = int(os.environ.get("KOTOPOLKU_APPOINTMENT_RETENTION_DAYS", 365))
# Call-back requests are deleted this many days after they were handled.
KOTOPOLKU_CALLBACK_RETENTION_DAYS = int(os.environ.get("KOTOPOLKU_CALLBACK_RETENTION_DAYS", 90))
# Sent and failed messages (recipient, text) are deleted this many days after they were created.
KOTOPOLKU_OUTBOX_RETENTION_DAYS = int(os.environ.get("KOTOPOLKU_OUTBOX_RETENTION_DAYS", 30))
# "Help me join a hobby" requests (name, contact details) are deleted this many days after handling.
KOTOPOLKU_JOIN_REQUEST_RETENTION_DAYS = int(os.environ.get("KOTOPOLKU_JOIN_REQUEST_RETENTION_DAYS", 90))

# --- Letter helper (kotopolku/letters): OCR of letters, shared letters -----------------------------
# Letters a client shared with the counselor are deleted this many days after sharing.
KOTOPOLKU_LETTER_RETENTION_DAYS = int(os.environ.get("KOTOPOLKU_LETTER_RETENTION_DAYS", 30))
# Encryption key of stored letters (a Fernet key); by default derived from SECRET_KEY.
KOTOPOLKU_LETTER_KEY = os.environ.get("KOTOPOLKU_LETTER_KEY", "")
# Seconds of OCR one letter may take (all its pages) before it is given up as "took too long".
KOTOPOLKU_LETTER_OCR_TIMEOUT = float(os.environ.get("KOTOPOLKU_LETTER_OCR_TIMEOUT", 60))
# Tesseract models used for the text (Debian tesseract-ocr-fin, -swe, -eng); each one more is slower.
KOTOPOLKU_LETTER_OCR_LANGUAGES = os.environ.get("KOTOPOLKU_LETTER_OCR_LANGUAGES", "fin+swe")
# Minutes a reading's result waits to be looked at before it is deleted.
KOTOPOLKU_LETTER_JOB_MINUTES = int(os.environ.get("KOTOPOLKU_LETTER_JOB_MINUTES", 60))
# Letters read at once per process (OCR is CPU-heavy); others wait their turn.
KOTOPOLKU_LETTER_WORKERS = int(os.environ.get("KOTOPOLKU_LETTER_WORKERS", 2))
# Tests read letters inside the request instead of a background thread.
KOTOPOLKU_LETTER_INLINE = env_bool("KOTOPOLKU_LETTER_INLINE", IS_TEST)
# Letters one client address may send to be read (page and API together).
KOTOPOLKU_RATE_LETTERS = os.environ.get("KOTOPOLKU_RATE_LETTERS", "20/h")
# Client records are anonymized this many days after the last contact (default 5 years); contact
# dates, channels, service types and interpreter use stay for statistics.
KOTOPOLKU_CLIENT_RETENTION_DAYS = int(os.environ.get("KOTOPOLKU_CLIENT_RETENTION_DAYS", 5 * 365))
# Drop-in tickets (number, times, status; names and phone numbers go the day after the session);
# the anonymous visit records for the statistics stay.
KOTOPOLKU_DROPIN_TICKET_RETENTION_DAYS = int(os.environ.get("KOTOPOLKU_DROPIN_TICKET_RETENTION_DAYS", 90))
# How long a kiosk started by staff stays open on the café tablet (hours).
KOTOPOLKU_DROPIN_KIOSK_HOURS = int(os.environ.get("KOTOPOLKU_DROPIN_KIOSK_HOURS", 12))
