"""Environment access for settings: every secret and deployment choice comes from here."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A git-ignored file that local (demo) mode writes and reads; production never reads it and
# takes real environment variables only.
LOCAL_ENV_FILE = BASE_DIR / ".env.local"
