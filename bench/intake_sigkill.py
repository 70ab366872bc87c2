"""Crash safety: submit reports continuously, SIGKILL the gunicorn master and every worker
part-way, restart, keep submitting, and retry every unacknowledged report with its original
Idempotency-Key. Then every acknowledged reference must exist exactly once, and each key must
map to exactly one report (retries created no duplicates). Exits 1 on any loss or duplicate.

Run: .venv/bin/python bench/intake_sigkill.py [--rate 60] [--duration 20]
"""

import argparse
import asyncio
import sys
import threading
import time
import uuid

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    Server,
    db_create,
    db_drop,
    db_prepare,
    keys_in_db,
    open_loop,
    references_in_db,
    server_env,
    write_result,
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=60)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--kill-at", type=float, default=8, help="seconds into the run")
    parser.add_argument("--down-for", type=float, default=2, help="seconds before restarting")
    args = parser.parse_args()

    db = db_create("upright_bench_kill")
    server = Server(server_env(db))
    total = int(args.rate * args.duration)
    keys = {i: str(uuid.uuid4()) for i in range(total)}
    killed: list[int] = []
    try:
        db_prepare(server.env)
        server.start()

        def killer() -> None:
            time.sleep(args.kill_at)
            killed.extend(server.kill9())
            time.sleep(args.down_for)
            server.start()

        thread = threading.Thread(target=killer)
        thread.start()
        first = asyncio.run(open_loop(server.port, rate=args.rate, duration=args.duration,
                                      connections=16, clients=1000, keys=keys, timeout=5))
        thread.join(timeout=120)
        references = {o.index: o.reference for o in first.outcomes if o.reference}
        failed_first = total - len(references)
        retried = 0
        for _ in range(10):  # retry unacknowledged ones with the same key until all answered
            pending = {i: keys[i] for i in range(total) if i not in references}
            if not pending:
                break
            retried += len(pending)
            again = asyncio.run(_retry(server.port, pending))
            for o in again:
                if o.reference:
                    references[o.index] = o.reference
        server.stop()
        acked = list(references.values())
        counts = references_in_db(db, acked)
        lost = [r for r in acked if counts.get(r, 0) == 0]
        duplicated_refs = [r for r in acked if counts.get(r, 0) > 1]
        by_key = keys_in_db(db, list(keys.values()))
        duplicate_keys = [k for k, refs in by_key.items() if len(refs) > 1]
        mismatched = [i for i, ref in references.items() if by_key.get(keys[i]) != [ref]]
        unacknowledged = total - len(references)
        result = {
            "submitted": total, "acknowledged_first_try": total - failed_first,
            "retried_requests": retried, "acknowledged_in_the_end": len(references),
            "never_acknowledged": unacknowledged, "killed_pids": killed,
            "lost": len(lost), "duplicate_references": len(duplicated_refs),
            "duplicate_keys": len(duplicate_keys), "key_reference_mismatches": len(mismatched),
            "rows_for_our_keys": sum(len(v) for v in by_key.values()),
        }
        result["passed"] = bool(killed) and not (lost or duplicated_refs or duplicate_keys
                                                 or mismatched or unacknowledged)
        path = write_result("intake_sigkill", result)
        print(f"intake_sigkill: killed {len(killed)} processes; {total} submitted, "
              f"{total - failed_first} acknowledged first time, {retried} retries, "
              f"{len(references)} acknowledged in the end; lost {len(lost)}, duplicate refs "
              f"{len(duplicated_refs)}, duplicate keys {len(duplicate_keys)}, mismatches "
              f"{len(mismatched)}")
        print(f"  {'PASS' if result['passed'] else 'FAIL'}; written to {path}")
        return 0 if result["passed"] else 1
    finally:
        server.stop()
        db_drop(db)


async def _retry(port: int, pending: dict[int, str]) -> list:
    """Re-send each pending report (same index, so same body, and same key) at 50/s."""
    indexes = sorted(pending)
    outcomes = []
    for start in range(0, len(indexes), 50):
        batch = indexes[start:start + 50]
        for index in batch:
            result = await open_loop(port, rate=1000, duration=0.001, connections=1, clients=1000,
                                     first_index=index, keys={index: pending[index]}, timeout=5)
            outcomes.extend(result.outcomes)
        await asyncio.sleep(1)
    return outcomes


if __name__ == "__main__":
    sys.exit(main())
