"""Developer and demo mode: debug pages, SQLite by default, console e-mail.

The first run makes its own secret key into the git-ignored `.env.local`, so no secret is ever
committed and nobody has to invent one to try Upright.
"""

import environ
from django.core.management.utils import get_random_secret_key

from config.env import LOCAL_ENV_FILE

if LOCAL_ENV_FILE.exists():
    environ.Env.read_env(str(LOCAL_ENV_FILE), overwrite=False)

from .base import *  # noqa: E402, F403
from .base import env  # noqa: E402

DEBUG = env.bool("DJANGO_DEBUG", default=True)
if not globals().get("SECRET_KEY"):
    SECRET_KEY = get_random_secret_key()
    with LOCAL_ENV_FILE.open("a", encoding="utf-8") as handle:
        handle.write(f"DJANGO_SECRET_KEY={SECRET_KEY}\n")
    LOCAL_ENV_FILE.chmod(0o600)
