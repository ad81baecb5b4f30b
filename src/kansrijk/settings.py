"""The one settings module. Everything that differs between machines comes from the environment.

Each helper below fails loudly on a value it cannot read, so a typo in production stops the
start instead of quietly running with a default.
"""

import ipaddress
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Development gets a fixed key so `make run` works out of the box; anything else must set one.
_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    # Prometheus metrics at /metrics (core/views.py), counted by the two middleware below.
    "django_prometheus",
    # Authentication: second factor (TOTP apps) and lockout after failed logins.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    # Our apps, in the order of a household's journey; each imports only from those above it.
    "kansrijk.core",
    "kansrijk.people",
    "kansrijk.access",
    "kansrijk.accounts",
    "kansrijk.frameworks",
    "kansrijk.trajectories",
    "kansrijk.documents",
    "kansrijk.academy",
    "kansrijk.intake",
    "kansrijk.partners",
    "kansrijk.matching",
    "kansrijk.assessments",
    "kansrijk.plans",
    "kansrijk.contacts",
    "kansrijk.network",
    "kansrijk.escalation",
    "kansrijk.outcomes",
    "kansrijk.transfers",
    "kansrijk.evaluations",
    "kansrijk.reports",
    "kansrijk.overview",
    "kansrijk.rights",
    # The JSON API under /api/v1/ (django-ninja): referrals, figures and her own data.
    "kansrijk.api",
    "kansrijk.reminders",
    "kansrijk.demo",
    # Not a journey app: scale data for benchmarks (`kansrijk generate`), which nothing imports.
    "kansrijk.scale",
]

MIDDLEWARE = [
    # Outermost, so it counts everything: the start of django-prometheus's request metrics.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # A request id for every log line and the response, and one log line per request.
    "kansrijk.core.requestlog.RequestIdMiddleware",
    # Under /api/ every answer carries API-Version, and every error is problem+json.
    "kansrijk.api.middleware.ApiMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Security headers: see "# ---- Security headers and HTTPS ----" below.
    "csp.middleware.CSPMiddleware",
    "kansrijk.core.middleware.PermissionsPolicyMiddleware",
    "kansrijk.core.middleware.NoStoreForLoggedInPagesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who the signed-in user is to access (`access.viewer`), read once and kept for this request.
    "kansrijk.access.viewer.ViewerScopeMiddleware",
    # The second factor a session passed (django-otp), and the 12-hour limit on any session.
    "kansrijk.accounts.middleware.SecondFactorPassedMiddleware",
    # A participant's pages in her own language, staff pages in Dutch or English.
    "kansrijk.accounts.middleware.LanguageMiddleware",
    "kansrijk.accounts.middleware.SessionLimitMiddleware",
    # Every page needs a login, unless its view says otherwise (login, health, language).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # ... and, for staff, the second factor too (see "# ---- Authentication ----").
    "kansrijk.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A form sent twice creates once: its one-time key is claimed with what it creates.
    "kansrijk.core.submissions.SubmissionMiddleware",
    # The end of django-prometheus's request metrics: after every middleware that refuses or
    # redirects, but before AxesMiddleware, which django-axes asks to be last.
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, as django-axes asks: turns a refused, locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kansrijk.urls"
WSGI_APPLICATION = "kansrijk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kansrijk.access.context_processors.roles",
                "kansrijk.overview.navigation.menu",
                "kansrijk.accounts.context_processors.language_switch",
            ],
            "builtins": ["kansrijk.core.templatetags.ui"],
        },
    },
]

FORM_RENDERER = "kansrijk.core.forms.FormRenderer"

# SQLite by default, tuned for a small server with a few concurrent users: WAL lets readers
# work while one writer writes, IMMEDIATE takes the write lock at the start of a transaction
# (no deadlock when a reader later upgrades), and the timeout waits instead of failing.
# Each server thread keeps its connection for a minute, as with PostgreSQL: a new connection
# per request ran the pragmas again and started with an empty page cache, which took more than
# the floor's whole page (docs/performance.md).
_SQLITE_PATH = env_str("SQLITE_PATH", str(PROJECT_DIR / "kansrijk.sqlite3"))
_DATABASE_URL = env_str("DATABASE_URL", "")
if _DATABASE_URL:
    try:
        _database = dj_database_url.parse(_DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {error}") from None
    if _database["ENGINE"] not in {
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    }:
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL or SQLite")
else:
    _database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": _SQLITE_PATH,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---- Encryption and backups ----
# Free-text notes about debts, health, violence and addiction are encrypted at rest
# (core/fields.py). FIELD_ENCRYPTION_KEYS is a comma-separated list of Fernet keys: the first
# encrypts, every key decrypts, so a new key goes in front and `kansrijk rotate-keys` moves the
# data over while the app runs (README, "Encryption at rest, key rotation, backup and restore").
# Development gets a fixed, published key so `make run` works; anything else sets its own.
# Keep the keys with every backup (`kansrijk backup`): without them the notes cannot be read.
_DEV_FIELD_ENCRYPTION_KEY = "a2Fuc3JpamstZGV2LW9ubHktbm90LWZvci1wcm9kISE="  # "kansrijk-dev-only-…"


def _field_encryption_keys() -> list[str]:
    from kansrijk.core.crypto import NEW_KEY_HINT, checked_keys  # here to keep this block whole

    keys = checked_keys(env_list("FIELD_ENCRYPTION_KEYS", []))
    if not keys and DEBUG:
        return [_DEV_FIELD_ENCRYPTION_KEY]
    if not keys:
        raise ImproperlyConfigured(
            f"FIELD_ENCRYPTION_KEYS must be set when DEBUG is off. {NEW_KEY_HINT}"
        )
    if keys[0] == _DEV_FIELD_ENCRYPTION_KEY and not DEBUG:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS starts with the published development key: put a key of your "
            "own in front and run `kansrijk rotate-keys`."
        )
    return keys


FIELD_ENCRYPTION_KEYS = _field_encryption_keys()

AUTH_USER_MODEL = "people.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# ---- Authentication ----
# Password, then (for staff) a code from an authenticator app; lockout after failed passwords;
# idle and absolute session limits; password reset by e-mail; optional municipal single sign-on.
# README, "Security: signing in", explains each and its environment variables.
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out name and address is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the user with their roles and apps in one query.
    "kansrijk.accounts.backends.PasswordBackend",
]
# Staff (anyone with an active programme role, and admin users) must pass a second factor.
# Off in development so the demo logins need only their password.
REQUIRE_TWO_FACTOR = env_bool("REQUIRE_TWO_FACTOR", not DEBUG)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "kansrijk")
# The admin lets a superuser remove someone's device (they set up a new one at their next
# login), but never shows its secret or QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Five wrong passwords for one user name from one address pause that pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours (axes reads a float as hours): 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "kansrijk.accounts.views.locked_out"
# Successful logins are in our own audit log; axes keeps only the failed attempts it counts.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False  # no banner on every command

# Logged out after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS after logging in
# however busy (accounts.middleware.SessionLimitMiddleware). A request renews the session (and
# its cookie) once SESSION_RENEW_SECONDS have passed since the last renewal, not on every request:
# saving it every time made every page view a database write, which on SQLite queues all requests
# behind one write lock. The idle limit therefore counts from the last renewal, at most a minute
# before the last request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_RENEW_SECONDS = 60
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12)

# Password reset links go out by e-mail; in development they are printed on the console.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "kansrijk <noreply@localhost>")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend: the directory it writes each
# e-mail into instead of sending it (a staging server, the two-server test in docs/two-servers.md).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", "") or None
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_MINUTES", 60) * 60

# The lowest count funders and evaluators may see: a programme's coordinator can raise the
# threshold of its reports, never lower it below this (the operator's choice, not theirs).
SUPPRESSION_FLOOR = env_int("SUPPRESSION_FLOOR", 5)
if SUPPRESSION_FLOOR < 2:
    raise ImproperlyConfigured("SUPPRESSION_FLOOR must be at least 2.")

# ---- The shared rate limiter (core/ratelimit.py) and the caches ----
# The login and the activation of a portal account count attempts per address (and per code) in
# a cache every process shares. Without CACHE_URL (one server) that is a table in the database
# (made by `kansrijk migrate`), so it holds across gunicorn workers and across app servers on one
# PostgreSQL, and the default cache stays in each process's memory (the funders' suppression
# patterns, which any process redoes). With CACHE_URL (redis://, rediss://, or valkey:// and
# valkeys:// for Valkey, which speaks the same protocol) both live in that Redis, each under its
# own key prefix, so every app server counts the same attempts and reuses the same figures.
# README, "Operations: health, logs, metrics, cache".
_CACHE_SCHEMES = {"redis": "redis", "rediss": "rediss", "valkey": "redis", "valkeys": "rediss"}
# A cache that does not answer must fail a request (or /readyz) quickly, not hang a worker.
_CACHE_SOCKET_SECONDS = 2


def caches_for(cache_url: str) -> dict[str, dict]:
    """The CACHES setting: in-process and database caches without a URL, Redis with one."""
    if not cache_url:
        return {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "limits": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "kansrijk_limits",
            },
        }
    from urllib.parse import urlsplit  # imported here to keep this block in one piece

    scheme, _, rest = cache_url.partition("://")
    if scheme.lower() not in _CACHE_SCHEMES or not urlsplit(cache_url).hostname:
        raise ImproperlyConfigured(
            "CACHE_URL must look like redis://host:6379/0 (or rediss://, valkey://, valkeys://)"
        )
    shared = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"{_CACHE_SCHEMES[scheme.lower()]}://{rest}",
        "OPTIONS": {
            "socket_connect_timeout": _CACHE_SOCKET_SECONDS,
            "socket_timeout": _CACHE_SOCKET_SECONDS,
        },
    }
    return {
        "default": {**shared, "KEY_PREFIX": "kansrijk-cache"},
        "limits": {**shared, "KEY_PREFIX": "kansrijk-limits"},
    }


def session_engine_for(cache_url: str, sessions_in_cache: bool) -> str:
    """Sessions in the database, or read through the shared cache (and still written to the
    database, so a cache restart logs nobody out) when SESSIONS_IN_CACHE asks for it."""
    if not sessions_in_cache:
        return "django.contrib.sessions.backends.db"
    if not cache_url:
        raise ImproperlyConfigured(
            "SESSIONS_IN_CACHE needs CACHE_URL: a cache in each process's memory is not shared"
        )
    return "django.contrib.sessions.backends.cached_db"


_CACHE_URL = env_str("CACHE_URL", "")  # may hold a password: read, never shown
CACHES = caches_for(_CACHE_URL)
RATELIMIT_CACHE = "limits"
SESSION_ENGINE = session_engine_for(_CACHE_URL, env_bool("SESSIONS_IN_CACHE", False))

# ---- The API (api/, docs/api.md) ----
# Calls per client per minute; a key lasts at most this many days.
API_CALLS_PER_MINUTE = env_int("API_CALLS_PER_MINUTE", 120)
API_KEY_MAX_DAYS = env_int("API_KEY_MAX_DAYS", 365)
if not 1 <= API_KEY_MAX_DAYS <= 366:
    raise ImproperlyConfigured("API_KEY_MAX_DAYS must be between 1 and 366")

# ---- A portal account without e-mail: the activation letter ----
# A coordinator or buddy prints a letter with a one-time code; it works this many days.
ACTIVATION_LETTER_DAYS = env_int("ACTIVATION_LETTER_DAYS", 30)
if not 1 <= ACTIVATION_LETTER_DAYS <= 90:
    raise ImproperlyConfigured("ACTIVATION_LETTER_DAYS must be between 1 and 90")

# ---- DigiD for participants, through the municipality's OIDC broker (off by default) ----
# On when DIGID_OIDC_RP_CLIENT_ID is set. The broker sends the BSN as a claim; kansrijk keeps only
# an HMAC-SHA256 of it with DIGID_BSN_HASH_KEY (never the BSN), to find the account again.
DIGID_OIDC_RP_CLIENT_ID = env_str("DIGID_OIDC_RP_CLIENT_ID", "")
DIGID_ENABLED = bool(DIGID_OIDC_RP_CLIENT_ID)
DIGID_OIDC_RP_CLIENT_SECRET = env_str("DIGID_OIDC_RP_CLIENT_SECRET", "")
DIGID_OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("DIGID_OIDC_OP_AUTHORIZATION_ENDPOINT", "")
DIGID_OIDC_OP_TOKEN_ENDPOINT = env_str("DIGID_OIDC_OP_TOKEN_ENDPOINT", "")
DIGID_OIDC_OP_USER_ENDPOINT = env_str("DIGID_OIDC_OP_USER_ENDPOINT", "")
DIGID_OIDC_OP_JWKS_ENDPOINT = env_str("DIGID_OIDC_OP_JWKS_ENDPOINT", "")
DIGID_OIDC_RP_SIGN_ALGO = env_str("DIGID_OIDC_RP_SIGN_ALGO", "RS256")
DIGID_OIDC_RP_SCOPES = env_str("DIGID_OIDC_RP_SCOPES", "openid bsn")
DIGID_BSN_CLAIM = env_str("DIGID_BSN_CLAIM", "bsn")
DIGID_BSN_HASH_KEY = env_str("DIGID_BSN_HASH_KEY", "")
if DIGID_ENABLED:
    _digid_missing = [
        name
        for name in (
            "DIGID_OIDC_RP_CLIENT_SECRET",
            "DIGID_OIDC_OP_AUTHORIZATION_ENDPOINT",
            "DIGID_OIDC_OP_TOKEN_ENDPOINT",
            "DIGID_OIDC_OP_USER_ENDPOINT",
            "DIGID_OIDC_OP_JWKS_ENDPOINT",
            "DIGID_BSN_HASH_KEY",
        )
        if not env_str(name, "")
    ]
    if _digid_missing:
        raise ImproperlyConfigured(
            f"DIGID_OIDC_RP_CLIENT_ID is set, so set these too: {', '.join(_digid_missing)}"
        )
    if len(DIGID_BSN_HASH_KEY) < 32:
        raise ImproperlyConfigured("DIGID_BSN_HASH_KEY must be at least 32 characters")
    AUTHENTICATION_BACKENDS.append("kansrijk.accounts.digid.DigidBackend")

# Municipal single sign-on (OpenID Connect), only when OIDC_RP_CLIENT_ID is set. It matches
# existing users by e-mail and never creates one: a coordinator gives people their roles.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
# True only when the identity provider itself asks for a second factor at every login.
OIDC_TRUSTED_MFA = env_bool("OIDC_TRUSTED_MFA", False)
if OIDC_ENABLED:
    _oidc_missing = [
        name
        for name in (
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        )
        if not env_str(name, "")
    ]
    if _oidc_missing:
        raise ImproperlyConfigured(
            f"OIDC_RP_CLIENT_ID is set, so set these too: {', '.join(_oidc_missing)}"
        )
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = "openid email"
    OIDC_CREATE_USER = False
    OIDC_USE_PKCE = True
    OIDC_TIMEOUT = 10
    LOGIN_REDIRECT_URL_FAILURE = "login"
    AUTHENTICATION_BACKENDS.append("kansrijk.accounts.oidc.MunicipalOIDCBackend")

LANGUAGE_CODE = "nl"
# Staff pages speak Dutch and English (STAFF_LANGUAGES); a participant's pages, and everything
# printed or sent to her, speak her own language too.
LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("pl", _("Polish")),
    ("uk", _("Ukrainian")),
    ("ti", _("Tigrinya")),
]
STAFF_LANGUAGES = ("nl", "en")
# Django knows no Tigrinya; teach it the language's name and direction.
LANG_INFO["ti"] = {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"}
LOCALE_PATHS = [BASE_DIR / "locale"]
# Numbers and dates where Django's formats fall short (Arabic grouping, Tigrinya): core/locale_formats.
FORMAT_MODULE_PATH = ["kansrijk.core.locale_formats"]
# A catalogue dropped into locale/<code>/LC_MESSAGES/django.po adds a participant language without
# touching this file, as long as Django knows the language's name (LANG_INFO; teach it like "ti"
# above otherwise). docs/translations.md tells the whole way.
LANGUAGES += [
    (code, _(LANG_INFO[code]["name"]))  # Django's own catalogue translates the name
    for code in sorted(
        p.parent.parent.name for p in LOCALE_PATHS[0].glob("*/LC_MESSAGES/django.po")
    )
    if code in LANG_INFO and code not in dict(LANGUAGES)
]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(PROJECT_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# ---- Security headers and HTTPS ----
# With DEBUG off every default here is the strict one; the environment can loosen one for a
# reason (README, "Security: headers and HTTPS"). The cookie flags, nosniff, referrer policy and
# frame denial just above belong to this too, as do the three middleware after
# SecurityMiddleware. `kansrijk check --deploy --fail-level WARNING` passes with these defaults.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer probes /healthz and /readyz over plain HTTP inside the network; they show no
# personal data. /metrics is not exempt: its token must not cross the network in the clear.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# Preloading puts the whole registered domain (often the municipality's own) on the browsers'
# HTTPS-only list, and getting off it takes months: that is the domain owner's decision.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # security.W021 only says "preload is off", which is the deliberate default just above.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
TRUST_X_FORWARDED_PROTO = env_bool("TRUST_X_FORWARDED_PROTO", False)
if TRUST_X_FORWARDED_PROTO:
    # Only behind a proxy that sets this header itself and drops it from clients; otherwise a
    # client could claim HTTPS over plain HTTP.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The addresses gunicorn believes X-Forwarded-Proto from (gunicorn_conf.py reads this): nobody's
# while the header is not trusted (gunicorn alone would believe 127.0.0.1, and then tell Django
# the request came over HTTPS whatever the setting above says); otherwise the proxy's.
FORWARDED_ALLOW_IPS = (
    env_list("FORWARDED_ALLOW_IPS", ["127.0.0.1", "::1"]) if TRUST_X_FORWARDED_PROTO else []
)
if env_list("FORWARDED_ALLOW_IPS", []) and not TRUST_X_FORWARDED_PROTO:
    raise ImproperlyConfigured(
        "FORWARDED_ALLOW_IPS is set but TRUST_X_FORWARDED_PROTO is off, so no proxy is trusted. "
        "Set TRUST_X_FORWARDED_PROTO=true if that proxy sets X-Forwarded-Proto itself, "
        "or leave FORWARDED_ALLOW_IPS out."
    )
for _address in FORWARDED_ALLOW_IPS:
    if _address != "*":
        try:
            ipaddress.ip_network(_address)
        except ValueError:
            raise ImproperlyConfigured(
                f"FORWARDED_ALLOW_IPS must list IP addresses or networks, not {_address!r}"
            ) from None
# htmx sends the CSRF token from the page (hx-headers on <body>), so no script reads the cookie.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"


def _origin(url: str, name: str) -> str:
    """The scheme://host[:port] of a URL, as a CSP source; fails loudly on anything else."""
    from urllib.parse import urlsplit  # imported here to keep this block in one piece

    parts = urlsplit(url)
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise ImproperlyConfigured(f"{name} must be a full http(s) URL, not {url!r}")
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname}{port}"


# Content-Security-Policy: the pages load only our own CSS and JavaScript files; nothing inline
# (no style= attributes, no <script> or <style> blocks), no eval. Logging in with municipal
# single sign-on sends the browser to the OpenID provider, so its host may receive forms.
_FORM_ACTION = ["'self'"]
if os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT"):
    _FORM_ACTION.append(
        _origin(os.environ["OIDC_OP_AUTHORIZATION_ENDPOINT"], "OIDC_OP_AUTHORIZATION_ENDPOINT")
    )
if DIGID_ENABLED:
    _FORM_ACTION.append(
        _origin(DIGID_OIDC_OP_AUTHORIZATION_ENDPOINT, "DIGID_OIDC_OP_AUTHORIZATION_ENDPOINT")
    )
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": _FORM_ACTION,
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# How many days without a logged contact before a household needs attention.
CONTACT_ATTENTION_DAYS = env_int("CONTACT_ATTENTION_DAYS", 14)
# The weekly rhythm: days without a visit or call (app messages aside) before a gentle flag.
VISIT_RHYTHM_DAYS = env_int("VISIT_RHYTHM_DAYS", 7)

# The address of this site, for the links in e-mails sent without a request to take it from
# (`kansrijk remind`, run by cron), e.g. https://kansrijk.example.nl.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")
if SITE_URL:
    _origin(SITE_URL, "SITE_URL")  # stops the start on a value that is not a full http(s) URL

# ---- Consent at referral ----
# The consent a referrer records covers finding a buddy for this many months; after that a
# coordinator asks the participant again before proposing anyone (matching refuses until then).
REFERRAL_CONSENT_MONTHS = env_int("REFERRAL_CONSENT_MONTHS", 12)
if REFERRAL_CONSENT_MONTHS < 1:
    raise ImproperlyConfigured("REFERRAL_CONSENT_MONTHS must be at least 1")

# ---- Retention ----
# `kansrijk retention` (run it daily) erases households whose last trajectory ended more than
# RETENTION_YEARS_AFTER_END years ago, and referrals that never started (dropped out before a
# buddy was found) RETENTION_MONTHS_UNMATCHED months after they ended. The defaults are only a
# starting point: each municipality sets its own periods, as the Archiefwet and its selection
# list (selectielijst) decide (README, "Rights of the participant: export, erasure, retention").
# Erasure keeps the counts (trajectories, dates, scores) and removes who it was.
RETENTION_YEARS_AFTER_END = env_int("RETENTION_YEARS_AFTER_END", 2)
RETENTION_MONTHS_UNMATCHED = env_int("RETENTION_MONTHS_UNMATCHED", 12)
if RETENTION_YEARS_AFTER_END < 1 or RETENTION_MONTHS_UNMATCHED < 1:
    raise ImproperlyConfigured(
        "RETENTION_YEARS_AFTER_END and RETENTION_MONTHS_UNMATCHED must be at least 1"
    )
# The audit log is kept whole unless AUDIT_RETENTION_MONTHS is set: then `kansrijk
# audit_partitions` (daily) removes entries older than that many months, on PostgreSQL by
# dropping whole months. Unset by default: NEN 7513 asks to keep the log as long as it is
# needed to account for who read a file, which is for the municipality to decide, not for us
# (docs/scaling.md, "Keeping the audit log"). Less than a year is refused as a likely mistake.
_AUDIT_RETENTION = env_str("AUDIT_RETENTION_MONTHS", "").strip()
AUDIT_RETENTION_MONTHS: int | None = (
    env_int("AUDIT_RETENTION_MONTHS", 0) if _AUDIT_RETENTION else None
)
if AUDIT_RETENTION_MONTHS is not None and AUDIT_RETENTION_MONTHS < 12:
    raise ImproperlyConfigured("AUDIT_RETENTION_MONTHS must be at least 12, or left unset")
# A partner's referral (partners) that was not accepted keeps who it was about only so long:
# RETENTION_DECLINED_REFERRAL_DAYS after the decline its names, contact details and texts are
# blanked (the row stays, so the figures count it). One nobody decided on within
# RETENTION_UNDECIDED_REFERRAL_DAYS is declined by `kansrijk retention`, with a reason the
# referrer reads, and blanked in its turn. See docs/partners.md.
RETENTION_DECLINED_REFERRAL_DAYS = env_int("RETENTION_DECLINED_REFERRAL_DAYS", 90)
RETENTION_UNDECIDED_REFERRAL_DAYS = env_int("RETENTION_UNDECIDED_REFERRAL_DAYS", 180)
if RETENTION_DECLINED_REFERRAL_DAYS < 1 or RETENTION_UNDECIDED_REFERRAL_DAYS < 1:
    raise ImproperlyConfigured(
        "RETENTION_DECLINED_REFERRAL_DAYS and RETENTION_UNDECIDED_REFERRAL_DAYS must be at least 1"
    )
# ---- Daily jobs ----
# `kansrijk daily` runs these commands one after the other, once a day, from a systemd timer or
# cron, on any or all nodes (core/jobs.py): each takes a lock of its own, so a second start exits
# at once. On SQLite the lock is a file next to the database; a database in memory (the tests)
# keeps its lock files in JOB_LOCK_DIR.
DAILY_JOBS = env_list(
    "DAILY_JOBS", ["remind", "retention", "academy_retention", "audit_partitions"]
)
JOB_LOCK_DIR = env_str("JOB_LOCK_DIR", tempfile.gettempdir())

# ---- Documents with the file ----
# A scanned consent form, an agency's letter, a buddy's VOG: PDF, JPEG or PNG up to this many
# megabytes, checked by content and kept encrypted in the database (core/files.py). Uploads stay
# in memory, never in a temporary file, and what passes the limit is not kept at all.
DOCUMENT_MAX_MB = env_int("DOCUMENT_MAX_MB", 10)
if not 1 <= DOCUMENT_MAX_MB <= 50:
    raise ImproperlyConfigured("DOCUMENT_MAX_MB must be between 1 and 50")
DOCUMENT_MAX_BYTES = DOCUMENT_MAX_MB * 1_000_000
FILE_UPLOAD_HANDLERS = ["kansrijk.core.files.InMemoryUploadHandler"]

# The body font of every PDF (core.pdf), embedded: Debian's DejaVu Sans by default (Latin, Greek,
# Cyrillic). Arabic and Ge'ez come from the Noto subsets shipped in the static files; letters
# neither has, and every letter when the file is missing or the setting is empty, come from the
# fonts fontconfig knows.
RIGHTS_PDF_FONT = env_str("RIGHTS_PDF_FONT", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# ---- Operations: logs, metrics, errors (README, "Operations: health, logs, metrics, cache") ----
# LOG_FORMAT=json writes one JSON object per line (python-json-logger) for a log collector;
# text (the default) stays readable in a terminal. Either way every line carries the request id
# (core/requestlog.py), and `kansrijk.requests` writes one line per request.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
_LOG_FIELDS = "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "kansrijk.core.requestlog.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": _LOG_FIELDS,
            # ISO 8601 with the offset: a collector in another time zone reads the moment right.
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-axes tells every successful login at INFO; our audit log records logins already.
    # WeasyPrint tells each step of every PDF at INFO, fontTools every table it trims.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}

# Prometheus reads /metrics with `Authorization: Bearer <METRICS_TOKEN>`; without a token the
# page does not exist. With several gunicorn workers set PROMETHEUS_MULTIPROC_DIR as well.
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("METRICS_TOKEN must be at least 32 characters")


def _start_sentry() -> bool:
    from kansrijk.core.sentry import start_sentry  # here to keep this block whole

    try:
        traces_sample_rate = float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0"))
    except ValueError:
        raise ImproperlyConfigured(
            "SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1"
        ) from None
    if not 0 <= traces_sample_rate <= 1:
        raise ImproperlyConfigured("SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1")
    return start_sentry(
        env_str("SENTRY_DSN", ""),
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=traces_sample_rate,
    )


# Errors to Sentry only when SENTRY_DSN is set (core/sentry.py says what is sent, and what not).
SENTRY_STARTED = _start_sentry()
