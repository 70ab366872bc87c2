"""vetting_history_entries: everything vetting holds about a person, filtered by the
reader's permissions (nothing about themselves or anyone they manage)."""

import pytest

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.vetting.models import VettingReviewRequest
from upright.vetting.selectors import vetting_history_entries
from upright.vetting.services import (
    clearance_grant,
    conviction_record,
    declaration_make,
    integrity_review_record,
)
from upright.vetting.tests.factories import person_new

pytestmark = pytest.mark.django_db


def test_history_entries_by_reader() -> None:
    manager = person_new()
    person = person_new(line_manager=manager)
    officer = UserFactory(role=Role.VETTING_OFFICER)
    clearance = clearance_grant(actor=officer, person_id=person.pk, level="RV")
    record = conviction_record(actor=officer, person_id=person.pk, offence_category="drugs",
                               offence_date="2020-01-01", disposal="caution",
                               description="Possession", source="pnc")
    subject = UserFactory(role=Role.STAFF, person=person)
    declaration = declaration_make(actor=subject, kind="association",
                                   association_type="criminal_record", subject="Cousin",
                                   details="Family")
    review = integrity_review_record(actor=officer, person_id=person.pk, year=2025, answers={
        q: "No" for q in ("changes", "associations", "business_interests", "finances",
                          "contact_police", "social_media", "wellbeing")},
        outcome="satisfactory")
    entries = vetting_history_entries(user=officer, person_id=person.pk)
    assert sorted((e.kind, e.ref) for e in entries) == sorted([
        ("vetting", f"clearance:{clearance.pk}"), ("conviction", f"conviction:{record.pk}"),
        ("declaration", f"declaration:{declaration.pk}"),
        ("vetting", f"integrity_review:{review.pk}"),
        *(("vetting", f"vetting_review:{pk}") for pk in VettingReviewRequest.objects.filter(
            person=person).values_list("id", flat=True))])
    assert VettingReviewRequest.objects.filter(person=person).count() == 2
    conviction = next(e for e in entries if e.kind == "conviction")
    assert (conviction.categories, conviction.status) == (("drugs",), "while serving")
    # The AA may see vetting records but not the vetting unit's review queue.
    aa = UserFactory(role=Role.APPROPRIATE_AUTHORITY)
    assert sorted(e.ref.split(":")[0] for e in vetting_history_entries(
        user=aa, person_id=person.pk)) == ["clearance", "conviction", "declaration",
                                           "integrity_review"]
    managing_officer = UserFactory(role=Role.VETTING_OFFICER, person=manager)
    assert vetting_history_entries(user=managing_officer, person_id=person.pk) == []
    assert vetting_history_entries(user=subject, person_id=person.pk) == []
    assert vetting_history_entries(user=UserFactory(role=Role.ANALYST),
                                   person_id=person.pk) == []
