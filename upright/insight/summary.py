"""Summary tables: compute a figure from the records and store it with when and from what it
was computed, so dashboards read a stored row instead of the raw tables (conventions.md
"snapshot tables that record computed_at, the source version and parameters")."""

import time
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from upright.audit.services import audit_record
from upright.core.exceptions import ValidationFailed
from upright.insight import selectors
from upright.insight.audit_events import SUMMARY_REFRESHED
from upright.insight.disproportion import WORKFORCES
from upright.insight.models import SummaryTable
from upright.insight.timeliness_selectors import compute_timeliness

# name -> (computation, the params it takes and their defaults)
SUMMARIES: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {
    "home_office_return": (selectors.compute_home_office_return, {"year": None, "unit": ""}),
    "iopc_bulletin": (selectors.compute_iopc_bulletin, {"year": None, "unit": ""}),
    "dispro": (selectors.compute_disproportion,
               {"year": None, "unit": "", "workforce": "officers"}),
    "timeliness": (compute_timeliness, {"year": None, "unit": ""}),
}


def summary_params_clean(*, name: str, params: dict[str, Any]) -> dict[str, Any]:
    """The full params for `name` (defaults filled in), or ValidationFailed naming the bad
    one. Nothing is written."""
    if name not in SUMMARIES:
        raise ValidationFailed(f"Unknown summary {name!r}.", extra={"fields": {"name": "unknown"}})
    defaults = SUMMARIES[name][1]
    unknown = sorted(set(params) - set(defaults))
    if unknown:
        raise ValidationFailed(f"Unknown parameter(s) {', '.join(unknown)} for {name}.")
    clean = {**defaults, **params}
    year = clean.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2100:
        raise ValidationFailed("year must be a financial year's first calendar year, "
                               "e.g. 2024 for 2024/25.", extra={"fields": {"year": "invalid"}})
    if not isinstance(clean["unit"], str) or len(clean["unit"]) > 400:
        raise ValidationFailed("unit must be an org unit path such as /MPS/FL/.",
                               extra={"fields": {"unit": "invalid"}})
    if "workforce" in clean and clean["workforce"] not in WORKFORCES:
        raise ValidationFailed(f"workforce must be one of {', '.join(sorted(WORKFORCES))}.",
                               extra={"fields": {"workforce": "invalid"}})
    return clean


def summary_refresh(*, name: str, params: dict[str, Any], actor: Any = None) -> SummaryTable:
    """Recompute summary `name` for `params` from the records and store it (replacing the
    previous version), with computed_at, the source stamp and the elapsed time. Audited."""
    clean = summary_params_clean(name=name, params=params)
    compute = SUMMARIES[name][0]
    started = time.perf_counter()
    stamp = selectors.source_stamp()
    rows = compute(**clean)
    elapsed_ms = int(1000 * (time.perf_counter() - started))
    with transaction.atomic():
        summary, _ = SummaryTable.objects.update_or_create(
            name=name, params_key=selectors.params_key(clean),
            defaults={"params": clean, "computed_at": timezone.now(), "source": stamp,
                      "rows": rows, "elapsed_ms": elapsed_ms})
        audit_record(action=SUMMARY_REFRESHED, actor=actor, target=summary,
                     extra={"name": name, "params": clean, "source": stamp,
                            "elapsed_ms": elapsed_ms})
    return summary


def summary_refresh_all(*, years: list[int], actor: Any = None) -> list[SummaryTable]:
    """Every summary, for the whole force, for each of `years`."""
    return [summary_refresh(name=name, params={"year": year}, actor=actor)
            for year in years for name in SUMMARIES]
