"""Every setting Veiviser reads from the environment, each with a documented default.

README.md lists each one (a test fails when one is missing there). Production is
`PRODUCTION=1` with `SECRET_KEY`, `ALLOWED_HOSTS` and `DATABASE_URL` set: then
`manage.py check --deploy` is clean.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

from veiviser.content.records import Language
from veiviser.content.seed import read_languages

BASE_DIR = Path(__file__).resolve().parent.parent
# Local state of a development checkout: the SQLite file, the secret key, static files.
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_flag(name: str, default: bool = False) -> bool:
    """A boolean environment variable: 1/true/yes/on are true, 0/false/no/off/empty false."""
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name}={os.environ[name]!r} is not a boolean (use 1 or 0)")


def env_list(name: str, default: str) -> list[str]:
    """A comma-separated environment variable, with blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_number(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = float(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}={value!r} is not a number") from error
    if number < 0:
        raise ImproperlyConfigured(f"{name}={value!r} must not be negative")
    return number


def development_secret_key() -> str:
    """A random key kept in var/secret_key, so sessions of `make run` agree with each other."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def registered_languages(content_dir: Path) -> list[Language]:
    """The language registry (content/languages.yaml): every language Veiviser can serve.

    A registered language Django does not know gets its LANG_INFO entry from the registry,
    so adding a language is a data change.
    """
    languages, problems = read_languages(content_dir)
    if problems:
        raise ImproperlyConfigured(
            "The language registry has problems:\n" + "\n".join(map(str, problems))
        )
    for language in languages:
        LANG_INFO.setdefault(
            language.code,
            {
                "bidi": language.bidi,
                "code": language.code,
                "name": language.english_name,
                "name_local": language.name,
            },
        )
    return list(languages)


def served_languages(registry: list[Language], codes: list[str]) -> list[tuple[str, str]]:
    """(code, name in its own script) for each language the LANGUAGES setting serves."""
    names = {language.code: language.name for language in registry}
    for code in codes:
        if code not in names:
            raise ImproperlyConfigured(
                f"LANGUAGES: {code!r} is not in the language registry ({', '.join(names)})"
            )
    if "en" not in codes:
        # English is the source language and the fallback for every missing text.
        raise ImproperlyConfigured("LANGUAGES must include en, the source language")
    # In the registry's order, whatever the setting's: the language list reads the same.
    return [(language.code, language.name) for language in registry if language.code in codes]


PRODUCTION = env_flag("PRODUCTION")
DEBUG = env_flag("DEBUG")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is required when PRODUCTION=1")
    SECRET_KEY = development_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when PRODUCTION=1")

DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Keep connections for a minute (checked before reuse): the snapshot poll asks often.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database that does not answer must not hold a request for long: public pages are
    # served from the snapshot in memory, and only its periodic check waits on this.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite backend, except that a missing file is an error instead of a new,
    # empty database (veiviser/content/sqlite/base.py); only `migrate` creates it.
    DATABASES["default"]["ENGINE"] = "veiviser.content.sqlite"
    # Connections are opened per request (cheap for a file): a persistent one would keep
    # reading a file that has been moved or replaced.

# Where the quick exit leads: a neutral, common site that raises no questions.
EXIT_URL = os.environ.get("EXIT_URL", "https://www.yr.no")
if not EXIT_URL.startswith("https://"):
    raise ImproperlyConfigured("EXIT_URL must be an https:// address")

# The address of the live site: where an exported copy's guide form sends its answers.
PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:8000")

# The licence of the open data (/hsds/, the download): an SPDX licence identifier.
DATA_LICENSE = os.environ.get("DATA_LICENSE", "CC-BY-4.0").strip()
if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.+-]*", DATA_LICENSE):
    raise ImproperlyConfigured(
        f"DATA_LICENSE={DATA_LICENSE!r} is not an SPDX licence identifier (e.g. CC-BY-4.0)"
    )

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
# How often each process asks the database whether a newer snapshot was published.
SNAPSHOT_POLL_SECONDS = env_number("SNAPSHOT_POLL_SECONDS", 5)
# Proxies whose X-Forwarded-Proto (and -For) are believed: addresses or networks, or `*`.
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# The seed files that `loadcontent` and `checkcontent` read.
CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", BASE_DIR / "content"))
# Every registered language, in the registry's order (content/languages.yaml).
LANGUAGE_REGISTRY = registered_languages(CONTENT_DIR)
# The languages served: all registered ones unless the LANGUAGES setting names fewer.
LANGUAGES = served_languages(
    LANGUAGE_REGISTRY,
    env_list("LANGUAGES", ",".join(language.code for language in LANGUAGE_REGISTRY)),
)
LANGUAGE_CODE = "en"

# Host names that serve the staff area (/staff/); empty: the same host as the public site.
# When set, /staff/ on any other host is a 404 (veiviser.staff.middleware).
STAFF_HOSTS = env_list("STAFF_HOSTS", "")

INSTALLED_APPS = [
    "django.contrib.staticfiles",
    # The staff area (veiviser.staff) is Django's admin with a second factor.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "veiviser.web",
    "veiviser.content",
    "veiviser.pages",
    "veiviser.guide",
    "veiviser.frontline",
    "veiviser.staff",
]

MIDDLEWARE = [
    # Outermost, so that every response — errors and static files included — gets the
    # fixed header set, and every request is counted in the access log.
    "veiviser.web.headers.SecurityHeadersMiddleware",
    "veiviser.web.access_log.AccessLogMiddleware",
    # HSTS and the HTTPS redirect in production (its other headers are set by ours).
    "django.middleware.security.SecurityMiddleware",
    # Accept-Encoding read properly once (gzip;q=0 is a refusal), for the two below.
    "veiviser.web.compression.AcceptEncodingMiddleware",
    # Every answer is compressed: each must arrive in the first round trip. (Public pages
    # already answered are kept, compressed, by veiviser.web.page_cache in wsgi.py.)
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The language comes from the URL only (i18n_patterns); no cookie is ever set.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Nothing published yet: a 503 page in the layout instead of an error.
    "veiviser.web.unavailable.NoSnapshotMiddleware",
    # A method a page does not take: 405 in the layout, before CSRF is even considered.
    "veiviser.web.methods.MethodsMiddleware",
    # Sessions, sign-in (with its second factor) and messages, only under /staff/; and
    # /staff/ only on STAFF_HOSTS when set.
    "veiviser.staff.middleware.StaffOnlyMiddleware",
    # For the staff pages; public forms are exempt because they change nothing.
    "django.middleware.csrf.CsrfViewMiddleware",
]

# The staff area's cookies: the only cookies the site ever sets, and only under /staff/
# (a __Host- name would need Path=/ and so reach every public page). Secure except in
# DEBUG (a development server has no TLS), never readable by script, never sent with a
# request started by another site. The session ends when the browser closes, and after
# eight hours at most. Messages live in the session, not in a cookie of their own.
SESSION_COOKIE_PATH = "/staff/"
CSRF_COOKIE_PATH = "/staff/"
SESSION_COOKIE_NAME = "veiviser_staff"
CSRF_COOKIE_NAME = "veiviser_staff_csrf"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SAMESITE = "Strict"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 8 * 60 * 60
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
LOGIN_URL = "/staff/login/"
# The issuer shown in an authenticator app beside the account name.
OTP_TOTP_ISSUER = "Veiviser"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# No public form or API call takes more than 4 KB (the guide's and the API's own limits).
# A body larger than this is refused by Django from its Content-Length, before a byte of
# it is read, instead of being read into memory first (Django's default is 2.5 MB).
DATA_UPLOAD_MAX_MEMORY_SIZE = 16_384

ROOT_URLCONF = "veiviser.urls"
WSGI_APPLICATION = "veiviser.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "veiviser.web.context.layout",
                # For the staff area (Django's admin); they read request.user and the
                # messages only where the staff middleware set them.
                "veiviser.staff.context.staff_request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Oslo"
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Static files are for this site's own pages only (no CORS header for other sites).
WHITENOISE_ALLOW_ALL_ORIGINS = False
STORAGES = {
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Headers: veiviser.web.headers sets the fixed set; these keep Django's own middleware
# consistent with it and satisfy `check --deploy`.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = True
    # Whether a request came over HTTPS is what the TLS proxy in front says, believed only
    # from FORWARDED_ALLOW_IPS (veiviser.web.forwarded sets wsgi.url_scheme); Django's
    # SECURE_PROXY_SSL_HEADER would believe the header from anyone, so it is not used.
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True

SILENCED_SYSTEM_CHECKS = [
    # The admin looks for the session, authentication and message middleware in
    # MIDDLEWARE; they run inside veiviser.staff.middleware.StaffOnlyMiddleware instead,
    # for /staff/ only, so that no public request ever touches a session.
    "admin.E408",
    "admin.E409",
    "admin.E410",
    # The admin wants Django's request context processor; veiviser.staff.context gives
    # the request to staff pages only (public contexts never hold the query string).
    "admin.W411",
    # X-Frame-Options and frame-ancestors are set by veiviser.web.headers on every response.
    "security.W002",
    # HSTS preloading is a commitment for the whole domain: its owner decides, not the app.
    "security.W021",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        # No %(request)s or client address: log lines never hold who the visitor is.
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {"refused_host": {"()": "veiviser.web.access_log.RefusedHost"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django logs every 404 and 5xx; the access log already counts them, so only
        # real errors (with their tracebacks) come from here.
        "django.request": {"level": "ERROR"},
        "django.security": {"level": "ERROR"},
        # A refused Host: one short line, no traceback (veiviser.web.access_log).
        "django.security.DisallowedHost": {"level": "ERROR", "filters": ["refused_host"]},
    },
}
