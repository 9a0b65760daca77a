"""Django settings, read from the environment.

Defaults serve one office on one machine: SQLite under the data directory, debug off unless
YINGSHANG_DEBUG=1. Production sets YINGSHANG_PROFILE=production, YINGSHANG_SECRET_KEY,
YINGSHANG_ALLOWED_HOSTS and DATABASE_URL (PostgreSQL); that profile passes `check --deploy`.
"""

import os
import tempfile
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

import dj_database_url

from yingshang.config.errors import ConfigurationError

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("YINGSHANG_DATA_DIR", Path.cwd() / "var")).resolve()
PROFILE = os.environ.get("YINGSHANG_PROFILE", "development")
PRODUCTION = PROFILE == "production"

_DEV_SECRET = "django-insecure-yingshang-development-only-set-YINGSHANG_SECRET_KEY"
SECRET_KEY = os.environ.get("YINGSHANG_SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ConfigurationError("生产环境必须设置 YINGSHANG_SECRET_KEY (至少 50 个字符)")

DEBUG = os.environ.get("YINGSHANG_DEBUG", "0") == "1" and not PRODUCTION
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("YINGSHANG_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("YINGSHANG_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # kernel: organisation, access, audit trail, working-day calendar
    "yingshang.kernel",
    "yingshang.audit",
    "yingshang.calendars",
    # modules
    "yingshang.enterprises",
    "yingshang.evaluation",
    "yingshang.rectification",
    "yingshang.appeals",
    # shell
    "yingshang.web",
    "yingshang.api",
    "yingshang.demo",
    # shell: throttles password logins by account and by address (see AXES_* below)
    "axes",
]

MIDDLEWARE = [
    "yingshang.web.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Reads the body before any process_view (the CSRF check) or view does; after the
    # authentication middleware so that its 413 page can show the navigation.
    "yingshang.web.middleware.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Scripts and styles only from /static/: chart data travels in json_script blocks, which are not
# run, and no template has a <style> block or a style attribute (tests/web/test_csp.py scans
# them); htmx is told not to add its own (the htmx-config meta of base.html), and ECharts draws
# its tooltips on the canvas, as its HTML ones carry style attributes (static/js/app.js).
# element.style, set by ECharts and htmx from JS, is not governed by style-src.
YINGSHANG_CSP = os.environ.get(
    "YINGSHANG_CSP",
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
    "form-action 'self'",
)

# django-ninja is not an installed app: importing the package (pydantic, every ninja module)
# would cost each command about 0.2 s in django.setup(). Its docs page template and the Swagger
# UI files are found in its directory instead (find_spec locates it without importing it).
_NINJA_DIR = Path(find_spec("ninja").origin).parent

ROOT_URLCONF = "yingshang.config.urls"
WSGI_APPLICATION = "yingshang.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates", _NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "yingshang.web.context.navigation",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'yingshang.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _default_db),
        conn_max_age=int(os.environ.get("YINGSHANG_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets pages read while an import writes; IMMEDIATE avoids lock upgrades mid-write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A file, not shared-cache memory, so that tests see the same locking as production.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"yingshang-test-{os.getpid()}.sqlite3")
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "registry.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# Login protection (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one account, or
# from one address, further attempts are refused, even with the right password, until the
# cool-off ends or an administrator deletes the attempt records (admin "Access attempts" or
# `yingshang axes_reset_username USER`). Each parameter locks on its own: by account and by
# address. The axes backend comes first so that it refuses before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("YINGSHANG_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static", _NINJA_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A body over this (file parts of a form not counted) is answered 413 (web/middleware.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_BACKEND = os.environ.get(
    "YINGSHANG_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("YINGSHANG_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("YINGSHANG_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("YINGSHANG_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("YINGSHANG_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("YINGSHANG_EMAIL_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("YINGSHANG_EMAIL_FROM", "yingshang@localhost")

if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("YINGSHANG_SSL_REDIRECT", "1") == "1"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("YINGSHANG_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SESSION_COOKIE_AGE = 8 * 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("YINGSHANG_LOG_LEVEL", "WARNING")},
}

# Limits on one imported file (enterprise and problem imports, evaluation datasets), checked
# before the work where possible: a small compressed file can hold millions of rows.
YINGSHANG_IMPORT_MAX_ROWS = int(os.environ.get("YINGSHANG_IMPORT_MAX_ROWS", "1100000"))
YINGSHANG_IMPORT_MAX_COLUMNS = 200
YINGSHANG_IMPORT_MAX_CELL_CHARS = 10_000
YINGSHANG_IMPORT_MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
