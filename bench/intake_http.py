"""Intake under load: POST /api/v1/reports at a fixed rate against production-mode gunicorn on
a fresh PostgreSQL database; then check that every acknowledged reference is in the database.

Targets: >= 200 reports/s sustained, p99 < 250 ms, 0 lost.
Run: .venv/bin/python bench/intake_http.py [--rate 200] [--duration 30]
"""

import argparse
import asyncio
import sys
import time

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    Server,
    db_create,
    db_drop,
    db_prepare,
    get_loop,
    open_loop,
    references_in_db,
    server_env,
    write_result,
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=210)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--baseline-rate", type=float, default=20)
    parser.add_argument("--clients", type=int, default=2000,
                        help="simulated client addresses; each stays under the per-client limit")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    db = db_create("upright_bench_http")
    server = Server(server_env(db), workers=args.workers, threads=args.threads)
    try:
        db_prepare(server.env)
        server.start()
        warm = asyncio.run(open_loop(server.port, rate=20, duration=2, connections=8,
                                     clients=args.clients, first_index=10_000_000))
        baseline_get = asyncio.run(get_loop(server.port, "/", rate=args.baseline_rate,
                                            duration=10, connections=8))
        baseline = asyncio.run(open_loop(server.port, rate=args.baseline_rate, duration=10,
                                         connections=8, clients=args.clients,
                                         first_index=20_000_000))
        t0 = time.perf_counter()
        load = asyncio.run(open_loop(server.port, rate=args.rate, duration=args.duration,
                                     connections=args.connections, clients=args.clients))
        elapsed = time.perf_counter() - t0
        server.stop()
        acked = [o.reference for o in load.outcomes + baseline.outcomes + warm.outcomes
                 if o.reference]
        present = references_in_db(db, acked)
        lost = [r for r in acked if present.get(r) != 1]
        s, b = load.summary(), baseline.summary()
        result = {
            "target": {"throughput_per_s": 200, "p99_ms": 250, "lost": 0},
            "server": {"workers": args.workers, "threads": args.threads, "worker_class": "gthread",
                       "settings": "config.settings.production", "database": "postgresql"},
            "clients": args.clients, "connections": args.connections,
            "load": s, "baseline_post_low_rate": b, "baseline_get_home": baseline_get,
            "lost": len(lost), "lost_references": lost[:20], "elapsed_s": round(elapsed, 1),
            "p99_ratio_to_low_rate_post": (round(s["latency_ms"]["p99"] / b["latency_ms"]["p99"], 2)
                                           if s["latency_ms"] and b["latency_ms"] else None),
        }
        result["passed"] = (s["throughput_per_s"] >= 200 and s["errors"] == 0 and not lost
                            and bool(s["latency_ms"]) and s["latency_ms"]["p99"] < 250)
        path = write_result("intake_http", result)
        print(f"intake_http: {s['acknowledged']}/{s['sent']} acknowledged at "
              f"{s['throughput_per_s']}/s (target {args.rate}/s), errors {s['errors']} "
              f"{s['error_statuses']}, latency {s['latency_ms']}, lost {len(lost)}")
        print(f"  baseline POST at {args.baseline_rate}/s: {b['latency_ms']}; "
              f"GET / : {baseline_get['latency_ms']}")
        print(f"  {'PASS' if result['passed'] else 'FAIL'}; written to {path}")
        return 0 if result["passed"] else 1
    finally:
        server.stop()
        db_drop(db)


if __name__ == "__main__":
    sys.exit(main())
