"""Checking a subject against both lists, and resolving what the check found."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from upright.audit.services import audit_record
from upright.core.clock import timezone_now
from upright.core.exceptions import ApplicationError, Conflict, NotFound, ValidationFailed
from upright.lists import audit_events as events
from upright.lists.matching import Entry, Subject, model_load, subject_score
from upright.lists.models import (
    CheckOutcome,
    ListCheck,
    ListCheckCandidate,
    ListEntry,
    ListImport,
    ListKind,
    ListMatchBand,
    Resolution,
)
from upright.lists.permissions import check_policy, lists_perm_require
from upright.people.selectors import person_get


@dataclass(frozen=True)
class CheckRequest:
    """Who to check. names: (forenames, surname) pairs, current first."""

    subject_ref: str
    names: tuple[tuple[str, str], ...]
    date_of_birth: dt.date
    person_id: int | None = None
    sex: str = ""
    postcodes: tuple[str, ...] = ()


def bands_current() -> dict[str, float]:
    bands = dict(ListMatchBand.objects.values_list("band", "min_evidence_weight"))
    if set(bands) != {ListMatchBand.MATCH, ListMatchBand.REVIEW}:
        raise ApplicationError("The list-check bands are missing; ask an administrator.")
    if bands[ListMatchBand.REVIEW] > bands[ListMatchBand.MATCH]:
        raise ApplicationError("The review band must not be above the match band.")
    return bands


def _request_check(request: CheckRequest) -> None:
    fields: dict[str, str] = {}
    names = [(f.strip(), s.strip()) for f, s in request.names if f.strip() and s.strip()]
    if not names:
        fields["names"] = "At least one forename and surname."
    if not isinstance(request.date_of_birth, dt.date):
        fields["date_of_birth"] = "Must be a date (YYYY-MM-DD)."
    if not request.subject_ref.strip() or len(request.subject_ref) > 60:
        fields["subject_ref"] = "Required, at most 60 characters."
    if fields:
        raise ValidationFailed(f"Some fields are not valid: {', '.join(fields)}.",
                               {"fields": fields})


def lists_imported() -> bool:
    return ListImport.objects.exists()


def _current(kind: str) -> ListImport | None:
    return ListImport.objects.filter(list_kind=kind).order_by("-created_at", "-id").first()


def _entries(versions: list[ListImport]) -> dict[str, ListEntry]:
    rows = ListEntry.objects.filter(list_import__in=versions)
    return {str(e.pk): e for e in rows}


def _inherited(request: CheckRequest, entry_ids: list[int]) -> dict[int, ListCheckCandidate]:
    """Earlier resolutions for the same subject and entry, newest first: a vetting officer
    who has ruled an entry out need not do it again at every check."""
    earlier = ListCheckCandidate.objects.filter(entry_id__in=entry_ids).exclude(
        resolution=Resolution.PENDING).order_by("-resolved_at", "-id")
    if request.person_id is not None:
        earlier = earlier.filter(check_run__person_id=request.person_id)
    else:
        earlier = earlier.filter(check_run__subject_ref=request.subject_ref,
                                 check_run__person__isnull=True)
    out: dict[int, ListCheckCandidate] = {}
    for candidate in earlier:
        out.setdefault(candidate.entry_id, candidate)
    return out


def list_check_run(*, actor: Any, request: CheckRequest, source: str = "manual") -> ListCheck:
    """Check the subject against the newest version of both lists; store the check and every
    candidate in the review band or above (uk-process.md §6.3: "vetting must query both").
    source "vetting" is vetting's own pre-decision check: vetting has checked its caller's
    permission, and the check runs whoever decides; "manual" needs Perm.VETTING_LISTS."""
    if source != "vetting":
        lists_perm_require(user=actor)
    _request_check(request)
    if request.person_id is not None and person_get(person_id=request.person_id) is None:
        raise ValidationFailed("No such person.", {"fields": {"person_id": "No such person."}})
    bands = bands_current()
    versions = {kind: _current(kind) for kind in ListKind.values}
    entries = _entries([v for v in versions.values() if v is not None])
    names = tuple((f.strip(), s.strip()) for f, s in request.names if f.strip() and s.strip())
    scored = subject_score(
        subject=Subject(names=names, date_of_birth=request.date_of_birth, sex=request.sex,
                        postcodes=request.postcodes),
        entries=[Entry(key=k, names=((e.forenames, e.surname),
                                     *[(n[0], n[1]) for n in e.other_names]),
                       date_of_birth=e.date_of_birth, sex=e.sex, postcode=e.postcode)
                 for k, e in entries.items()],
        floor_weight=bands[ListMatchBand.REVIEW])
    inherited = _inherited(request, [entries[s.key].pk for s in scored])
    with transaction.atomic():
        check = ListCheck.objects.create(
            subject_ref=request.subject_ref.strip(), person_id=request.person_id,
            forenames=names[0][0], surname=names[0][1],
            other_names=[list(n) for n in names[1:]], date_of_birth=request.date_of_birth,
            postcodes=list(request.postcodes), source=source, requested_by=actor,
            barred_import=versions[ListKind.BARRED], advisory_import=versions[ListKind.ADVISORY],
            model_sha256=model_load()[1], bands=bands, outcome=CheckOutcome.NO_MATCH)
        candidates = []
        for s in scored:
            entry = entries[s.key]
            band = (CheckOutcome.MATCH if s.evidence_weight >= bands[ListMatchBand.MATCH]
                    else CheckOutcome.REVIEW)
            earlier = inherited.get(entry.pk)
            candidates.append(ListCheckCandidate(
                check_run=check, entry=entry, list_kind=entry.list_kind,
                evidence_weight=s.evidence_weight, probability=s.probability, band=band,
                explanation=s.explanation,
                resolution=earlier.resolution if earlier else Resolution.PENDING,
                resolution_reason=earlier.resolution_reason if earlier else "",
                resolved_by=earlier.resolved_by if earlier else None,
                resolved_at=earlier.resolved_at if earlier else None, inherited_from=earlier))
        ListCheckCandidate.objects.bulk_create(candidates)
        check.outcome = outcome_of([(c.band, c.resolution) for c in candidates])
        check.save(update_fields=["outcome", "updated_at"])
        audit_record(action=events.CHECKED, actor=actor, target=check, extra={
            "subject_ref": check.subject_ref, "person_id": request.person_id,
            "outcome": check.outcome, "candidates": len(candidates), "source": source,
            "barred_import": check.barred_import_id, "advisory_import": check.advisory_import_id})
    return check


def list_candidate_resolve(*, actor: Any, candidate_id: int, resolution: str,
                           reason: str) -> ListCheckCandidate:
    """A vetting officer confirms the candidate is the subject, or rules it out, with reasons."""
    lists_perm_require(user=actor)
    fields = {}
    if resolution not in (Resolution.CONFIRMED, Resolution.NOT_SAME):
        fields["resolution"] = f"Must be one of: {Resolution.CONFIRMED}, {Resolution.NOT_SAME}."
    text = reason.strip() if isinstance(reason, str) else ""
    if not text:
        fields["reason"] = "This field is required."
    elif len(text) > 4000:
        fields["reason"] = "At most 4000 characters."
    if fields:
        raise ValidationFailed(f"Some fields are not valid: {', '.join(fields)}.",
                               {"fields": fields})
    with transaction.atomic():
        candidate = (ListCheckCandidate.objects.select_for_update().select_related("check_run")
                     .filter(id=candidate_id).first() if isinstance(candidate_id, int) else None)
        if candidate is None or actor is None or not check_policy.user_can_see(
                user=actor, instance=candidate.check_run):
            raise NotFound("No such candidate.")
        if candidate.resolution != Resolution.PENDING and candidate.inherited_from_id is None:
            raise Conflict("This candidate has already been resolved.",
                           {"resolution": candidate.resolution})
        old = candidate.resolution
        candidate.resolution, candidate.resolution_reason = resolution, text
        candidate.resolved_by, candidate.resolved_at = actor, timezone_now()
        candidate.inherited_from = None
        candidate.save(update_fields=["resolution", "resolution_reason", "resolved_by",
                                      "resolved_at", "inherited_from", "updated_at"])
        _outcome_refresh(candidate.check_run)
        audit_record(action=events.RESOLVED, actor=actor, target=candidate, extra={
            "check_id": candidate.check_run_id, "entry_id": candidate.entry_id,
            "old": old, "new": resolution, "reason": text,
            "person_id": candidate.check_run.person_id})
    return candidate


def outcome_of(candidates: list[tuple[str, str]]) -> str:
    """The check's outcome from its (band, resolution) pairs: a confirmed candidate, or an
    unresolved one in the match band, is a match (blocking); an unresolved review-band one
    asks for review; candidates ruled out count for nothing."""
    if any(r == Resolution.CONFIRMED or (b == CheckOutcome.MATCH and r == Resolution.PENDING)
           for b, r in candidates):
        return CheckOutcome.MATCH
    if any(r == Resolution.PENDING for _, r in candidates):
        return CheckOutcome.REVIEW
    return CheckOutcome.NO_MATCH


def _outcome_refresh(check: ListCheck) -> None:
    outcome = outcome_of(list(check.candidates.values_list("band", "resolution")))
    if outcome != check.outcome:
        check.outcome = outcome
        check.save(update_fields=["outcome", "updated_at"])


def list_check_view_record(*, actor: Any, check: ListCheck) -> None:
    audit_record(action=events.VIEWED, actor=actor, target=check,
                 extra={"person_id": check.person_id, "subject_ref": check.subject_ref})
