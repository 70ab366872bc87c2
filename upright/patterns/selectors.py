"""Reading repeat-pattern alerts and rules. Every alert read goes through AlertPolicy; the
evidence matters go through conduct's MatterPolicy as well."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from upright.conduct.selectors import matter_list_visible_to
from upright.core.exceptions import NotFound, ValidationFailed
from upright.core.history import HistoryEntry
from upright.patterns.models import AlertStatus, PatternAlert, PatternRule, PatternRun
from upright.patterns.permissions import access_alert, alert_policy
from upright.patterns.rules.definitions import parameters_describe


def pattern_alert_list_visible_to(*, user: Any, rule_code: str | None = None,
                                  status: str | None = None,
                                  person_id: int | None = None) -> QuerySet[PatternAlert]:
    """Alerts the user may see, open ones first then newest first, optionally filtered."""
    if status and status not in AlertStatus.values:
        raise ValidationFailed("Unknown status.", {"fields": {
            "status": f"Must be one of: {', '.join(AlertStatus.values)}."}})
    queryset = PatternAlert.objects.select_related("person", "rule", "decided_by")
    if rule_code:
        queryset = queryset.filter(rule_code=rule_code)
    if status:
        queryset = queryset.filter(status=status)
    if person_id is not None:
        queryset = queryset.filter(person_id=person_id)
    return alert_policy.instances_user_can_see(user=user, queryset=queryset).order_by(
        "-raised_at", "-id")


def pattern_alert_get(*, user: Any, alert_id: int) -> PatternAlert:
    """One alert; NotFound if the user may not see it (the caller audits the read)."""
    return access_alert(user=user, alert_id=alert_id)


@dataclass(frozen=True)
class EvidenceMatter:
    reference: str
    kind: str
    status: str  # MatterStatus label: the outcome so far, NFA and no case to answer included
    came_to_attention_at: Any
    closed_at: Any
    categories: tuple[str, ...]


@dataclass(frozen=True)
class AlertEvidence:
    matters: list[EvidenceMatter]  # the ones the reader may see, oldest first
    hidden: int  # evidence matters the reader may not see (compartments, conflicts)
    hit_ids: list[int]
    complainant_ids: list[int]


def pattern_alert_evidence(*, user: Any, alert: PatternAlert) -> AlertEvidence:
    """The alert's evidence as the reader may see it: each matter with where it stands now."""
    references = list(alert.evidence.get("matters", []))
    matters = (matter_list_visible_to(user=user).filter(reference__in=references)
               .prefetch_related("allegations__category").order_by("came_to_attention_at"))
    shown = []
    for matter in matters:
        codes = tuple(dict.fromkeys(a.category.code for a in matter.allegations.all()
                                    if a.subject_id == alert.person_id))
        shown.append(EvidenceMatter(matter.reference, matter.get_kind_display(),
                                    matter.get_status_display(), matter.came_to_attention_at,
                                    matter.closed_at, codes))
    return AlertEvidence(matters=shown, hidden=len(references) - len(shown),
                         hit_ids=list(alert.evidence.get("hits", [])),
                         complainant_ids=list(alert.evidence.get("complainants", [])))


def pattern_rule_list() -> list[PatternRule]:
    """The latest version of every rule, in code order."""
    from upright.patterns.services.runs import rules_current

    return rules_current()


def pattern_rule_versions(*, code: str) -> list[PatternRule]:
    """Every version of rule `code`, newest first; NotFound if there is no such rule."""
    versions = list(PatternRule.objects.filter(code=code).select_related("created_by")
                    .order_by("-version"))
    if not versions:
        raise NotFound("No such rule.")
    return versions


def pattern_rule_summary(rule: PatternRule) -> str:
    return parameters_describe(kind=rule.kind, parameters=rule.parameters)


def pattern_runs_recent(*, limit: int = 10) -> QuerySet[PatternRun]:
    return PatternRun.objects.order_by("-started_at", "-id")[:limit]


def pattern_alert_history_entries(*, user: Any, person_id: int) -> list[HistoryEntry]:
    """The person's repeat-pattern alerts for their history, as the user may see them under
    AlertPolicy (nothing for the person or their line of command, or without PATTERNS_VIEW).
    The merged history audits the read of the whole timeline (history_services), so this
    selector does not audit each source again. One query."""
    entries = []
    for alert in pattern_alert_list_visible_to(user=user, person_id=person_id):
        matters = alert.evidence.get("matters", [])
        status = ("open: awaiting a decision" if alert.is_open
                  else f"{alert.get_status_display().lower()}"
                       + (f": {alert.get_action_display().lower()}" if alert.action else ""))
        entries.append(HistoryEntry(
            occurred_at=alert.raised_at, kind="pattern_alert", ref=f"pattern-alert:{alert.pk}",
            title=f"Repeat-pattern alert: {alert.rule.name} ({len(matters)} "
                  f"matter{'s' if len(matters) != 1 else ''})",
            status=status, url=reverse("patterns:alert_detail", args=[alert.pk]),
            categories=(alert.rule_code,), closed_at=alert.decided_at))
    return entries
