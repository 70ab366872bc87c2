"""Review triggers: a conviction or caution, a declared association, an integrity review
referral, randomised re-vetting; and the existing conduct and screening triggers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from upright.access.roles import Role
from upright.access.tests.factories import UserFactory
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, Conflict, ValidationFailed
from upright.people.choices import EmploymentStatus
from upright.vetting.models import (
    ConvictionRecord,
    Declaration,
    IntegrityQuestion,
    RevettingDraw,
    VettingReviewRequest,
)
from upright.vetting.services import (
    clearance_grant,
    conviction_record,
    declaration_assess,
    declaration_make,
    integrity_review_record,
    revetting_draw,
    revetting_draw_if_due,
    revetting_rate_set,
    vetting_review_close,
    vetting_review_request,
)
from upright.vetting.services.revetting import revetting_eligible_ids, revetting_sample
from upright.vetting.tests.factories import officer_new, person_new, user_new

pytestmark = pytest.mark.django_db


def _conviction(officer, person, **kwargs):
    values = {"offence_category": "dishonesty", "offence_date": "2024-03-01",
              "disposal": "caution", "description": "Theft from a shop", "source": "pnc",
              **kwargs}
    return conviction_record(actor=officer, person_id=person.pk, **values)


def test_conviction_derives_while_serving_and_triggers_a_review() -> None:
    officer = officer_new()
    person = person_new(start_date=dt.date(2015, 4, 1))
    during = _conviction(officer, person)
    before = _conviction(officer, person, offence_date="2010-01-01", offence_category="motoring",
                         disposal="fixed_penalty", minor=True, description="Speeding")
    assert (during.while_serving, before.while_serving) == (True, False)
    reviews = VettingReviewRequest.objects.order_by("id")
    assert [(r.source_kind, r.source_ref) for r in reviews] == [
        ("conviction", f"conviction:{during.pk}"), ("conviction", f"conviction:{before.pk}")]
    left = person_new(start_date=dt.date(2000, 1, 1), end_date=dt.date(2020, 1, 1),
                      status=EmploymentStatus.LEFT)
    after_leaving = _conviction(officer, left, offence_date="2021-05-05")
    assert after_leaving.while_serving is False
    assert VettingReviewRequest.objects.count() == 2  # nobody to re-vet once they have left
    assert AuditEvent.objects.filter(action="vetting.conviction.recorded").count() == 3


def test_conviction_input_errors_and_permissions() -> None:
    with pytest.raises(ValidationFailed) as exc:
        _conviction(officer_new(), person_new(), offence_category="arson", disposal="",
                    offence_date="yesterday", description="", source="rumour")
    assert set(exc.value.extra["fields"]) == {"offence_category", "disposal", "offence_date",
                                              "description", "source"}
    with pytest.raises(ActionForbidden):
        _conviction(user_new(Role.APPROPRIATE_AUTHORITY), person_new())
    assert ConvictionRecord.objects.count() == 0


def test_declared_association_triggers_review_and_assessment_flow() -> None:
    staff = UserFactory(role=Role.STAFF, person=person_new())
    association = declaration_make(actor=staff, kind="association",
                                   association_type="journalist", subject="A. Reporter",
                                   details="My brother-in-law writes for a newspaper.")
    interest = declaration_make(actor=staff, kind="business_interest", subject="Cakes Ltd",
                                details="Director of my partner's bakery.")
    assert association.review_request is not None
    assert association.review_request.source_kind == "declaration"
    assert interest.review_request is None
    officer = officer_new()
    accepted = declaration_assess(actor=officer, declaration_id=interest.pk,
                                  decision="accept_with_conditions",
                                  conditions="No trading with the force.")
    assert (accepted.status, accepted.conditions) == ("accepted_with_conditions",
                                                      "No trading with the force.")
    referred = declaration_assess(actor=officer, declaration_id=association.pk,
                                  decision="refer", notes="Contact is frequent.")
    assert referred.review_request_id == association.review_request_id  # one review, not two
    assert VettingReviewRequest.objects.count() == 1
    with pytest.raises(Conflict):
        declaration_assess(actor=officer, declaration_id=interest.pk, decision="accept")
    assert AuditEvent.objects.filter(action="vetting.declaration.assessed").count() == 2


def test_declaration_validation_and_only_for_oneself() -> None:
    staff = UserFactory(role=Role.STAFF, person=person_new())
    with pytest.raises(ValidationFailed) as exc:
        declaration_make(actor=staff, kind="association", subject="", details="x")
    assert exc.value.extra["fields"] == {
        "association_type": "Must be one of: criminal_record, journalist, "
                            "private_investigator, organised_crime, other.",
        "subject": "This field is required."}
    with pytest.raises(ValidationFailed):
        declaration_make(actor=staff, kind="secondary_employment",
                         association_type="journalist", subject="S", details="D")
    with pytest.raises(ActionForbidden):
        declaration_make(actor=UserFactory(role=Role.STAFF), kind="business_interest",
                         subject="S", details="D")  # no workforce record
    with pytest.raises(ActionForbidden):
        declaration_assess(actor=staff, declaration_id=1, decision="accept")
    assert Declaration.objects.count() == 0


def test_integrity_review_once_a_year_all_questions_and_referral() -> None:
    officer, person = officer_new(), person_new()
    codes = list(IntegrityQuestion.objects.filter(active=True).values_list("code", flat=True))
    assert len(codes) == 7
    answers = {code: "No" for code in codes}
    with pytest.raises(ValidationFailed) as exc:
        integrity_review_record(actor=officer, person_id=person.pk, year=2025,
                                answers={**answers, "finances": " ", "extra": "x"},
                                outcome="satisfactory")
    assert exc.value.extra["fields"] == {"answers": "unknown: extra; unanswered: finances"}
    review = integrity_review_record(actor=officer, person_id=person.pk, year=2025,
                                     answers=answers, outcome="refer_for_review",
                                     notes="Undeclared debts.")
    assert [a["code"] for a in review.answers] == codes
    assert review.review_request is not None
    assert review.review_request.source_kind == "integrity_review"
    with pytest.raises(Conflict):
        integrity_review_record(actor=officer, person_id=person.pk, year=2025,
                                answers=answers, outcome="satisfactory")


def test_random_revetting_rate_reproducible_and_exclusions() -> None:
    officer = officer_new()
    people = [person_new() for _ in range(20)]
    for p in people[:18]:
        clearance_grant(actor=officer, person_id=p.pk, level="RV")
    # people[18], [19]: no clearance. people[0]: already under review. people[1]: has left.
    vetting_review_request(actor=None, person_id=people[0].pk, reason="Caution",
                           source_kind="conduct", source_ref="M-1")
    people[1].end_date, people[1].status = dt.date(2026, 1, 1), EmploymentStatus.LEFT
    people[1].save(update_fields=["end_date", "status"])
    eligible = revetting_eligible_ids()
    assert eligible == [p.pk for p in people[2:18]]
    revetting_rate_set(actor=user_new(Role.ADMIN), percent="25", interval_days=30)
    draw = revetting_draw(actor=officer, seed=42)
    assert len(draw.person_ids) == 4  # ceil(16 * 25%)
    assert draw.person_ids == revetting_sample(eligible=eligible, percent=Decimal(25), seed=42)
    assert set(draw.person_ids) <= set(eligible)
    requests = VettingReviewRequest.objects.filter(source_kind="random")
    assert sorted(requests.values_list("person_id", flat=True)) == sorted(draw.person_ids)
    event = AuditEvent.objects.get(action="vetting.revetting.drawn")
    assert (event.extra["seed"], event.extra["picked"]) == (42, draw.person_ids)
    second = revetting_draw(actor=officer, seed=42)  # those picked are now under review
    assert not set(second.person_ids) & set(draw.person_ids)
    with pytest.raises(ActionForbidden):
        revetting_draw(actor=user_new(Role.ANALYST))
    with pytest.raises(ActionForbidden):
        revetting_rate_set(actor=officer, percent="5", interval_days=30)


def test_daily_revetting_job_draws_only_when_due() -> None:
    officer = officer_new()
    clearance_grant(actor=officer, person_id=person_new().pk, level="RV")
    with freeze_time("2026-03-01 08:00:00"):
        first = revetting_draw_if_due(actor=None)
        assert first is not None
        assert first.seed == 20260301
        assert revetting_draw_if_due(actor=None) is None
    with freeze_time("2026-03-20 08:00:00"):
        call_command("vetting_revet")
        assert RevettingDraw.objects.count() == 1  # 30-day interval not yet passed
    with freeze_time("2026-04-01 08:00:00"):
        call_command("vetting_revet")
        assert RevettingDraw.objects.count() == 2


def test_existing_conduct_and_screening_sources_still_work() -> None:
    person = person_new()
    for kind in ("conduct", "screening"):
        vetting_review_request(actor=None, person_id=person.pk, reason="R", source_kind=kind,
                               source_ref="X-1")
    officer = officer_new()
    for request in VettingReviewRequest.objects.all():
        vetting_review_close(actor=officer, request_id=request.pk,
                             outcome="clearance_retained")
    assert VettingReviewRequest.objects.filter(status="closed").count() == 2
