"""Environment access for settings: every secret and deployment choice comes from here."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local, git-ignored file written by `make demo`; production sets real environment variables.
LOCAL_ENV_FILE = BASE_DIR / ".env.local"
if LOCAL_ENV_FILE.exists():
    environ.Env.read_env(str(LOCAL_ENV_FILE), overwrite=False)
