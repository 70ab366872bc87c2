"""A real Upright server in a subprocess, with its own database, driven by Debian's Chromium.

The server runs exactly as a user would run it (manage.py runserver over a migrated database),
so the browser tests exercise the real middleware, CSRF, CSP and static files. Each session
gets a fresh database: a temporary SQLite file, or a new PostgreSQL database when the suite
itself runs on PostgreSQL.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "browser-test-password-42"

USERS_SCRIPT = f"""
from upright.access.services import user_create
from upright.people.importing import people_import
people_import(actor=None, text=(
    "staff_number,employment_kind,forenames,surname,date_of_birth,start_date,rank_or_grade,"
    "org_unit_path\\n"
    "200001,officer,Dana,Subject,1990-02-03,2015-01-05,PC,MPS/FL/CW\\n"))
for role in ("assessor", "appropriate_authority", "staff", "investigator"):
    user_create(username=role, password={PASSWORD!r}, role=role, actor=None,
                compartments=["anti-corruption"] if role == "assessor" else None)
"""


@dataclass
class LiveApp:
    url: str
    env: dict[str, str]

    def manage(self, *args: str) -> str:
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, check=True, timeout=300)
        return result.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_url(tmp: Path) -> tuple[str, str | None]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp / 'browser.sqlite3'}", None
    import psycopg

    name = f"upright_browser_{uuid.uuid4().hex[:8]}"
    base = url.rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}", name


def _drop(url: str, name: str) -> None:
    import psycopg

    base = url.rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    tmp = tmp_path_factory.mktemp("browser")
    url, pg_name = _database_url(tmp)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", "DATABASE_URL": url,
           "DJANGO_SECRET_KEY": uuid.uuid4().hex * 2, "DJANGO_DEBUG": "True",
           "UPRIGHT_FORM_MIN_SECONDS": "1", "UPRIGHT_INTAKE_RATE": "1000/m"}
    port = _free_port()
    app = LiveApp(url=f"http://127.0.0.1:{port}", env=env)
    app.manage("migrate", "--noinput")
    app.manage("shell", "-c", USERS_SCRIPT)
    server = subprocess.Popen([sys.executable, "manage.py", "runserver", "--noreload",
                               f"127.0.0.1:{port}"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield app
    finally:
        server.terminate()
        server.wait(timeout=10)
        if pg_name:
            _drop(url, pg_name)


@pytest.fixture
def page(live_app: LiveApp) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        context = browser.new_context(base_url=live_app.url)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.console_errors = errors  # type: ignore[attr-defined]
        yield page
        context.close()
        browser.close()
