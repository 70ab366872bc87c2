"""Settings shared by every mode. Per-mode files override what differs."""

from pathlib import Path

from config.env import BASE_DIR, env

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = False
ALLOWED_HOSTS: list[str] = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "upright.core",
    "upright.audit",
    "upright.access",
    "upright.people",
    "upright.notices",
    "upright.publication",
    "upright.vetting",
    "upright.vetting.withdrawal",
    "upright.conduct",
    "upright.suspensions",
    "upright.screening",
    "upright.lists",
    "upright.patterns",
    "upright.patterns.campaigns",
    "upright.insight",
    "upright.intake",
    "upright.portal",
    "upright.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "upright.core.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "access.User"
LOGIN_URL = "access:login"
LOGIN_REDIRECT_URL = "access:home"
LOGOUT_REDIRECT_URL = "access:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "upright" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "upright.access.context_processors.navigation",
            ],
        },
    }
]

# SQLite with no set-up by default; DATABASE_URL=postgres://... switches to PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'upright.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer proceed together; a busy timeout avoids spurious lock errors.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            # Writers take the lock when the transaction starts, never mid-way (no busy upgrades).
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "upright" / "static"]

# Nothing relies on a shared cache (rate limits are counted in the database: core.ratelimit).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Bodies larger than this are refused before any view runs (reports are text, not uploads).
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "upright.core.exception_handler.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Upright API",
    "DESCRIPTION": "Professional standards: reports, triage and the statutory conduct process.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Several apps have a "kind", "status" or "method": name each choice set after its owner.
    "ENUM_NAME_OVERRIDES": {
        "MatterKindEnum": "upright.conduct.choices.MatterKind",
        "MatterStatusEnum": "upright.conduct.states.MatterStatus",
        "DisciplinaryActionEnum": "upright.conduct.choices.DisciplinaryAction",
        "ConductServiceMethodEnum": "upright.conduct.choices.ServiceMethod",
        "NoticeKindEnum": "upright.notices.choices.NoticeKind",
        "NoticeServiceMethodEnum": "upright.notices.choices.ServiceMethod",
        "TimelinessStatusEnum": "upright.notices.choices.TimelinessStatus",
        "SuspensionKindEnum": "upright.suspensions.choices.Kind",
        "SuspensionNotificationMethodEnum": "upright.suspensions.choices.NotificationMethod",
        "PublicationKindEnum": "upright.publication.models.PublicationKind",
        "PublicationStatusEnum": "upright.publication.models.PublicationStatus",
        "ListReportStatusEnum": "upright.publication.models.ListReportStatus",
        "ListKindEnum": "upright.publication.models.ListKind",
        "VettingReviewStatusEnum": "upright.vetting.models.ReviewStatus",
        "VettingReviewSourceEnum": "upright.vetting.models.ReviewSource",
        "ReportStatusEnum": "upright.intake.models.ReportStatus",
        "ReportChannelEnum": "upright.intake.models.Channel",
        "CaseToAnswerEnum": "upright.conduct.choices.CaseToAnswer",
        "ProceedingsFormEnum": "upright.conduct.choices.ProceedingsForm",
        "MeetingOrHearingEnum": ["meeting", "hearing"],
        "CaseFoundEnum": ["misconduct", "gross_misconduct"],
        "WithoutProceedingsRouteEnum": ["rprp", "nfa"],
        "ComplainantContactMethodEnum": "upright.conduct.choices.ContactMethod",
        "SuspensionReviewOutcomeEnum": "upright.suspensions.choices.ReviewOutcome",
        "PatternRuleKindEnum": "upright.patterns.models.RuleKind",
        "PatternAlertStatusEnum": "upright.patterns.models.AlertStatus",
        "ClearanceLevelEnum": "upright.vetting.models.ClearanceLevel",
        "ListCheckOutcomeEnum": "upright.lists.models.CheckOutcome",
        "WithdrawalStatusEnum": "upright.vetting.withdrawal.states.WithdrawalStatus",
        "OffenceCategoryEnum": "upright.vetting.models.OffenceCategory",
        "DisposalEnum": "upright.vetting.models.Disposal",
    },
}

# Public intake limits: per client address, over the web form and the API together.
UPRIGHT_INTAKE_RATE = env("UPRIGHT_INTAKE_RATE", default="10/m")
# How many reverse proxies in front of us append to X-Forwarded-For (0: trust only REMOTE_ADDR).
UPRIGHT_TRUSTED_PROXY_COUNT = env.int("UPRIGHT_TRUSTED_PROXY_COUNT", default=0)
# Seconds a human needs at least to fill in the public form (a cheap, local anti-bot check).
UPRIGHT_FORM_MIN_SECONDS = env.int("UPRIGHT_FORM_MIN_SECONDS", default=3)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Background jobs (DESIGN.md): Django's Tasks API; each job is a row in the database, run by
# `upright worker`, so no broker is needed. Screening runs have their own queue so that one
# long run never holds up the daily jobs when a worker is started per queue.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "screening"],
    }
}
# Integrity screening: people choose an index extract among the folders under the index root
# (the command line may name any folder), and runs they start write under the runs root.
UPRIGHT_SCREENING_INDEX_ROOT = Path(env("UPRIGHT_SCREENING_INDEX_ROOT",
                                         default=str(BASE_DIR / "var" / "screening" / "index")))
UPRIGHT_SCREENING_OUT_ROOT = Path(env("UPRIGHT_SCREENING_OUT_ROOT",
                                       default=str(BASE_DIR / "var" / "screening" / "runs")))
# A working run writes a heartbeat this often; one silent for the stale period was interrupted
# (its worker was killed) and may be resumed.
UPRIGHT_SCREENING_HEARTBEAT_SECONDS = env.int("UPRIGHT_SCREENING_HEARTBEAT_SECONDS", default=30)
UPRIGHT_SCREENING_STALE_SECONDS = env.int("UPRIGHT_SCREENING_STALE_SECONDS", default=300)

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="psd@upright.invalid")
# Where reminders go for matters with no investigator yet.
UPRIGHT_PSD_EMAIL = env("UPRIGHT_PSD_EMAIL", default="psd-deadlines@upright.invalid")
