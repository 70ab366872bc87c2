"""The annual integrity review (APP Vetting Appendix B): one per person per year, every
active question answered, ending in an outcome; a referral raises a vetting review."""

from typing import Any

from django.db import IntegrityError, transaction

from upright.audit.services import audit_record
from upright.core.clock import local_today, timezone_now
from upright.core.exceptions import Conflict
from upright.vetting import audit_events as events
from upright.vetting.models import (
    IntegrityOutcome,
    IntegrityQuestion,
    IntegrityReview,
    ReviewSource,
)
from upright.vetting.permissions import MANAGE, vetting_perm_require
from upright.vetting.services.common import Fields, person_for_vetting
from upright.vetting.services.reviews import vetting_review_request


def integrity_review_record(*, actor: Any, person_id: int, year: int, answers: Any,
                            outcome: str, notes: str = "") -> IntegrityReview:
    """`answers`: {question code: answer text} for every active question. Notes are
    required unless the outcome is satisfactory."""
    vetting_perm_require(user=actor, perm=MANAGE)
    fields = Fields()
    year = fields.integer("year", year, low=2000, high=local_today().year)
    outcome = fields.choice("outcome", outcome, IntegrityOutcome.values)
    notes = fields.text("notes", notes, required=outcome not in ("", "satisfactory"),
                        limit=4000)
    questions = list(IntegrityQuestion.objects.filter(active=True))
    rows = []
    if not isinstance(answers, dict):
        fields.errors["answers"] = "Must map each question code to its answer."
    else:
        unknown = sorted(set(answers) - {q.code for q in questions})
        missing = [q.code for q in questions
                   if not isinstance(answers.get(q.code), str) or not answers[q.code].strip()]
        if unknown or missing:
            fields.errors["answers"] = "; ".join(
                ([f"unknown: {', '.join(unknown)}"] if unknown else [])
                + ([f"unanswered: {', '.join(missing)}"] if missing else []))
        rows = [{"code": q.code, "question": q.text, "answer": str(answers.get(q.code, ""))
                 .strip()[:4000]} for q in questions]
    fields.raise_if_any()
    person = person_for_vetting(actor=actor, person_id=person_id, perm=MANAGE)
    try:
        with transaction.atomic():
            review = IntegrityReview.objects.create(
                person=person, year=year, answers=rows, reviewer=actor, outcome=outcome,
                notes=notes, completed_at=timezone_now())
            if outcome == IntegrityOutcome.REFER_FOR_REVIEW:
                review.review_request = vetting_review_request(
                    actor=None, person_id=person.pk, source_kind=ReviewSource.INTEGRITY_REVIEW,
                    source_ref=f"integrity:{review.pk}",
                    reason=f"Annual integrity review {year} referred: {notes}")
                review.save(update_fields=["review_request", "updated_at"])
            audit_record(action=events.INTEGRITY_REVIEW_RECORDED, actor=actor, target=review,
                         extra={"person_id": person.pk, "year": year, "outcome": outcome})
    except IntegrityError as exc:
        raise Conflict(f"The {year} integrity review of this person is already recorded.",
                       {"year": year}) from exc
    return review
