"""How an event's hash is computed. Kept apart so the writer and the verifier cannot drift."""

import datetime as dt
import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def event_digest(
    *,
    seq: int,
    occurred_at: dt.datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    matter_ref: str,
    extra: dict[str, Any],
    correlation_id: str,
    prev_hash: str,
) -> str:
    body = json.dumps(
        [
            seq,
            occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            actor_id,
            actor_label,
            action,
            object_type,
            object_id,
            matter_ref,
            extra,
            correlation_id,
            prev_hash,
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
