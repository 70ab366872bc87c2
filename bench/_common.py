"""Shared by the benchmarks: a fresh PostgreSQL database, a production-mode gunicorn, an
open-loop HTTP load generator (asyncio, raw sockets, keep-alive), and result files.

Everything targets 127.0.0.1 only, and every step has a time limit.
"""

import asyncio
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
PG = "postgresql://postgres@127.0.0.1:5432/"


def db_create(prefix: str) -> str:
    """Create an empty database with a unique name; returns its name."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(PG + "postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


TEMPLATE = "upright_bench_base"  # the seeded 50,000-person force (bench/README.md)


def db_copy_template(*, prefix: str, template: str = TEMPLATE) -> str:
    """A copy of `template` under a unique name (the template itself is never written to).
    PostgreSQL refuses while anyone else is connected to the template, so it retries for a
    while before giving up."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    for attempt in range(20):
        try:
            with psycopg.connect(PG + "postgres", autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            return name
        except psycopg.errors.ObjectInUse:
            time.sleep(2 + attempt)
    raise RuntimeError(f"{template} stayed in use; could not copy it")


@contextmanager
def bench_database(*, prefix: str, db: str = "", template: str = TEMPLATE, keep: bool = False,
                   **settings: str) -> Iterator[str]:
    """A migrated copy of `template` (or the existing database `db`, used as it is and never
    dropped), with this process's environment pointed at it (local settings unless
    `settings` say otherwise); the copy is dropped afterwards unless `keep`."""
    name = db or db_copy_template(prefix=prefix, template=template)
    env = {**os.environ, "DATABASE_URL": PG + name,
           "DJANGO_SETTINGS_MODULE": "config.settings.local", **settings}
    try:
        manage(env, "migrate", "--noinput", "-v0", timeout=900)
        os.environ.update(env)
        yield name
    finally:
        if not db and not keep:
            db_drop(name)


def allegations_baseline() -> tuple[int, float]:
    """ANALYZE, then the baseline several benchmarks report beside their figures: one
    COUNT(*) over allegations joined to matters. (rows, seconds). Needs django.setup()."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        started = time.perf_counter()
        cursor.execute("SELECT COUNT(*) FROM conduct_allegation a"
                       " JOIN conduct_matter m ON m.id = a.matter_id")
        rows = cursor.fetchone()[0]
        return rows, time.perf_counter() - started


def db_drop(name: str) -> None:
    with psycopg.connect(PG + "postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(db: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),  # generated per run, never stored
        "DJANGO_SECURE_SSL_REDIRECT": "False",
        "DATABASE_URL": PG + db,
        "UPRIGHT_TRUSTED_PROXY_COUNT": "1",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    })
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: int = 600) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True,
                   timeout=timeout, stdout=subprocess.DEVNULL)


def db_prepare(env: dict[str, str]) -> None:
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")


@dataclass
class Server:
    env: dict[str, str]
    port: int = 8765
    workers: int = 2
    threads: int = 4
    proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60) -> None:
        self.proc = subprocess.Popen(
            [str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--worker-class", "gthread", "--threads",
             str(self.threads), "--keep-alive", "30", "--backlog", "2048",
             "--log-level", "warning"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not start in time")

    def pids(self) -> list[int]:
        """The master and its workers."""
        if self.proc is None:
            return []
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        kids = [int(p) for p in children.read_text().split()] if children.exists() else []
        return [self.proc.pid, *kids]

    def kill9(self) -> list[int]:
        pids = self.pids()
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.proc is not None:
            self.proc.wait(timeout=10)
        return pids

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


@dataclass
class Outcome:
    index: int
    key: str
    status: int  # 0: connection error
    latency: float
    reference: str = ""


@dataclass
class LoadResult:
    rate: float
    duration: float
    outcomes: list[Outcome] = field(default_factory=list)
    wall: float = 0.0

    def summary(self) -> dict[str, Any]:
        ok = [o for o in self.outcomes if o.status in (200, 201)]
        lat = sorted(o.latency * 1000 for o in ok)
        return {
            "target_rate": self.rate, "duration_s": self.duration, "sent": len(self.outcomes),
            "acknowledged": len(ok), "errors": len(self.outcomes) - len(ok),
            "error_statuses": _count(o.status for o in self.outcomes if o.status not in (200, 201)),
            "throughput_per_s": round(len(ok) / self.wall, 1) if self.wall else 0,
            "latency_ms": _percentiles(lat),
        }


def _count(values: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[str(v)] = out.get(str(v), 0) + 1
    return out


def _percentiles(lat: list[float]) -> dict[str, float]:
    if not lat:
        return {}

    def pct(p: float) -> float:
        return round(lat[min(len(lat) - 1, int(p / 100 * len(lat)))], 1)

    return {"p50": pct(50), "p95": pct(95), "p99": pct(99), "max": round(lat[-1], 1),
            "mean": round(statistics.fmean(lat), 1)}


def report_body(index: int) -> bytes:
    return json.dumps({
        "what_happened": f"Benchmark report {index}: an officer was rude at a roadside stop and "
                         "refused to give a name or number when asked.",
        "location": "Brixton, London", "occurred_text": "about 3pm", "anonymous": False,
        "reporter_name": "Sam Bench", "reporter_email": "sam.bench@example.com",
    }).encode()


class Conn:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer


async def _request(port: int, pool: asyncio.Queue[Conn | None], raw: bytes,
                   timeout: float) -> tuple[int, bytes]:
    conn = await pool.get()
    try:
        if conn is None:
            r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
            conn = Conn(r, w)
        conn.writer.write(raw)
        await conn.writer.drain()
        head = await asyncio.wait_for(conn.reader.readuntil(b"\r\n\r\n"), timeout)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
        body = await asyncio.wait_for(conn.reader.readexactly(int(headers.get("content-length", 0))),
                                      timeout)
        if headers.get("connection", "").lower() == "close":
            conn.writer.close()
            conn = None
        return status, body
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError):
        if conn is not None:
            conn.writer.close()
        conn = None
        return 0, b""
    finally:
        pool.put_nowait(conn)


def post_raw(port: int, path: str, body: bytes, *, key: str, client_ip: str) -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nIdempotency-Key: {key}\r\n"
            f"X-Forwarded-For: {client_ip}\r\nConnection: keep-alive\r\n\r\n").encode() + body


def get_raw(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n".encode()


def client_ip(index: int, clients: int) -> str:
    n = index % clients
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255 or 1}"


async def open_loop(port: int, *, rate: float, duration: float, connections: int, clients: int,
                    first_index: int = 0, timeout: float = 10.0,
                    keys: dict[int, str] | None = None) -> LoadResult:
    """POST one report every 1/rate seconds, whatever the server's pace (open loop); the
    latency of each is measured from its scheduled send time, so queueing counts."""
    pool: asyncio.Queue[Conn | None] = asyncio.Queue()
    for _ in range(connections):
        pool.put_nowait(None)
    result = LoadResult(rate=rate, duration=duration)
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.05
    total = int(rate * duration)

    async def one(i: int) -> None:
        scheduled = start + i / rate
        await asyncio.sleep(max(0.0, scheduled - loop.time()))
        index = first_index + i
        key = keys[index] if keys is not None and index in keys else str(uuid.uuid4())
        raw = post_raw(port, "/api/v1/reports", report_body(index), key=key,
                       client_ip=client_ip(index, clients))
        status, body = await _request(port, pool, raw, timeout)
        outcome = Outcome(index, key, status, loop.time() - scheduled)
        if status in (200, 201):
            try:
                outcome.reference = json.loads(body)["reference"]
            except (ValueError, KeyError):
                outcome.status = -1
        result.outcomes.append(outcome)

    began = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(total)))
    result.wall = time.perf_counter() - began
    return result


async def get_loop(port: int, path: str, *, rate: float, duration: float,
                   connections: int) -> dict[str, Any]:
    pool: asyncio.Queue[Conn | None] = asyncio.Queue()
    for _ in range(connections):
        pool.put_nowait(None)
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.05
    lat: list[float] = []
    errors = 0

    async def one(i: int) -> None:
        nonlocal errors
        scheduled = start + i / rate
        await asyncio.sleep(max(0.0, scheduled - loop.time()))
        status, _ = await _request(port, pool, get_raw(path), 10.0)
        if status == 200:
            lat.append((loop.time() - scheduled) * 1000)
        else:
            errors += 1

    await asyncio.gather(*(one(i) for i in range(int(rate * duration))))
    return {"path": path, "rate": rate, "duration_s": duration, "ok": len(lat), "errors": errors,
            "latency_ms": _percentiles(sorted(lat))}


def write_result(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, default=str))
    return path


def references_in_db(db: str, references: list[str]) -> dict[str, int]:
    """How many rows hold each reference."""
    with psycopg.connect(PG + db) as conn:
        rows = conn.execute(
            "SELECT reference, count(*) FROM intake_report WHERE reference = ANY(%s) GROUP BY 1",
            (references,)).fetchall()
    return {r: n for r, n in rows}


def keys_in_db(db: str, keys: list[str]) -> dict[str, list[str]]:
    with psycopg.connect(PG + db) as conn:
        rows = conn.execute(
            "SELECT idempotency_key, reference FROM intake_report WHERE idempotency_key = ANY(%s)",
            (keys,)).fetchall()
    out: dict[str, list[str]] = {}
    for key, ref in rows:
        out.setdefault(key, []).append(ref)
    return out
