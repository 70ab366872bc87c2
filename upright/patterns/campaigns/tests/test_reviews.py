"""The structured review, each outcome's routing, the panel, disagreements and the totals."""

import datetime as dt
from typing import Any

import pytest

from upright.audit.models import AuditEvent
from upright.conduct.selectors import matter_list_visible_to
from upright.core.clock import local_today
from upright.core.exceptions import ActionForbidden, NotFound, TransitionNotAllowed, ValidationFailed
from upright.patterns.campaigns.models import Effect, IopcReferral, Item, Review, RiskPlan
from upright.patterns.campaigns.selectors import campaign_dashboard, item_detail
from upright.patterns.campaigns.services import (
    campaign_assign,
    campaign_authorise,
    panel_claim,
    panel_submit,
    review_submit,
)
from upright.patterns.campaigns.tests.factories import (
    AT_2021,
    authority,
    built,
    manager,
    person_new,
    review_data,
    reviewer,
    seeded,
    status_of,
)
from upright.vetting.models import VettingReviewRequest

pytestmark = pytest.mark.django_db


def _assigned(*, routes: list[tuple[str, dt.datetime | None]] | None = None, rate: str = "0",
              authorised: bool = True) -> tuple[Item, Any, list[str]]:
    person = person_new()
    refs = []
    for route, at in routes or [("nfa_at_recording", None)]:
        refs.append(seeded(subjects=[person], route=route, at=at or AT_2021))
    campaign = built(panel_rate=rate)
    if authorised:
        campaign_authorise(actor=authority(), campaign_id=campaign.pk)
    first = reviewer()
    campaign_assign(actor=manager(), campaign_id=campaign.pk, reviewer_ids=[first.pk])
    return Item.objects.get(campaign=campaign), first, refs


def _ids(item: Item) -> dict[str, int]:
    return dict(item.matters.values_list("reference", "matter_id"))


def test_the_form_names_every_missing_part_and_writes_nothing():
    item, first, _ = _assigned()
    with pytest.raises(ValidationFailed) as caught:
        review_submit(actor=first, item_id=item.pk, data=review_data(
            missed_lines=None, victim_contact="", risk_level="", risk_rationale="",
            outcome="both"))
    assert set(caught.value.extra["fields"]) == {
        "missed_lines", "victim_contact", "risk_level", "risk_rationale", "outcome"}
    assert Review.objects.count() == 0


@pytest.mark.parametrize(("overrides", "field"), [
    ({"missed_lines": True}, "missed_lines_detail"),
    ({"victim_contact": "attempted"}, "victim_contact_detail"),
    ({"victim_contact": "not_appropriate"}, "victim_contact_detail"),
    ({"outcome": "revet"}, "outcome_reason"),
    ({"risk_level": "high"}, "outcome_reason"),  # no change despite a high risk: say why
    ({"outcome": "reopen", "outcome_reason": "Missed CCTV."}, "reopen_matter_ids"),
    ({"outcome": "risk_management", "outcome_reason": "Pattern."}, "risk_owner_id"),
])
def test_reasons_are_required_where_they_matter(overrides, field):
    item, first, _ = _assigned()
    with pytest.raises(ValidationFailed) as caught:
        review_submit(actor=first, item_id=item.pk, data=review_data(**overrides))
    assert field in caught.value.extra["fields"]


def test_only_the_assigned_reviewer_may_review():
    item, _, _ = _assigned()
    with pytest.raises(NotFound):  # another reviewer does not even see it
        review_submit(actor=reviewer(), item_id=item.pk, data=review_data())


def test_no_change_completes_with_no_effects():
    item, first, _ = _assigned()
    review_submit(actor=first, item_id=item.pk, data=review_data())
    item.refresh_from_db()
    assert (item.state, item.final_outcome) == ("complete", "no_change")
    assert Effect.objects.filter(item=item).count() == 0
    with pytest.raises(TransitionNotAllowed):
        review_submit(actor=first, item_id=item.pk, data=review_data())


def test_reopen_reopens_an_nfa_matter_through_conduct(django_capture_on_commit_callbacks):
    item, first, (ref,) = _assigned()
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(actor=first, item_id=item.pk, data=review_data(
            outcome="reopen", outcome_reason="The victim was never spoken to.",
            reopen_matter_ids=[_ids(item)[ref]]))
    effect = Effect.objects.get(item=item)
    assert (effect.kind, effect.status, effect.target_ref) == ("reopen_matter", "done", ref)
    assert status_of(ref) == "severity_assessment_pending"


def test_reopen_of_a_matter_closed_with_outcome_records_a_new_linked_matter(
        django_capture_on_commit_callbacks):
    item, first, refs = _assigned(routes=[("meeting", None), ("nfa_at_recording", dt.datetime(
        2018, 5, 1, 10, tzinfo=dt.UTC))])  # closed with outcome; NFA under the 2012 rules
    ids = _ids(item)
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(actor=first, item_id=item.pk, data=review_data(
            outcome="reopen", outcome_reason="Looked at separately; must be seen together.",
            reopen_matter_ids=[ids[r] for r in refs]))
    (effect,) = Effect.objects.filter(item=item)
    assert (effect.kind, effect.status) == ("new_assessment", "done")
    new = matter_list_visible_to(user=authority()).get(reference=effect.target_ref)
    assert new.status == "recorded"
    assert all(r in new.summary for r in refs)
    assert list(new.allegations.values_list("subject_id", flat=True)) == [item.person_id]
    assert status_of(refs[0]) == "closed_with_outcome"  # history is not rewritten


def test_revet_opens_a_vetting_review(django_capture_on_commit_callbacks):
    item, first, _ = _assigned()
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(actor=first, item_id=item.pk, data=review_data(
            outcome="revet", outcome_reason="Pattern of abuse of position."))
    request = VettingReviewRequest.objects.get(person_id=item.person_id)
    assert request.source_kind == "campaign"
    assert request.source_ref == f"campaign {item.campaign_id} item {item.pk}"
    assert Effect.objects.get(item=item).status == "done"


def test_risk_management_records_a_plan_with_owner_and_review_date():
    item, first, _ = _assigned()
    owner = authority()
    due = local_today() + dt.timedelta(days=90)
    review_submit(actor=first, item_id=item.pk, data=review_data(
        outcome="risk_management", outcome_reason="Managed risk.", risk_owner_id=owner.pk,
        risk_review_on=due, risk_measures="No lone working with the public."))
    plan = RiskPlan.objects.get(item=item)
    assert (plan.owner_id, plan.review_on, plan.person_id) == (owner.pk, due, item.person_id)
    assert Effect.objects.get(item=item).kind == "risk_plan"


def test_risk_plan_owner_may_not_be_in_the_persons_line_of_command():
    boss = person_new()
    person = person_new(line_manager=boss)
    seeded(subjects=[person])
    campaign = built()
    first = reviewer()
    campaign_assign(actor=manager(), campaign_id=campaign.pk, reviewer_ids=[first.pk])
    item = Item.objects.get(campaign=campaign)
    with pytest.raises(ValidationFailed) as caught:
        review_submit(actor=first, item_id=item.pk, data=review_data(
            outcome="risk_management", outcome_reason="Managed.",
            risk_owner_id=reviewer(person=boss).pk,
            risk_review_on=local_today() + dt.timedelta(days=30), risk_measures="Supervision."))
    assert "risk_owner_id" in caught.value.extra["fields"]


def test_refer_iopc_of_closed_matters_is_recorded_with_its_reason():
    item, first, (ref,) = _assigned()
    review_submit(actor=first, item_id=item.pk, data=review_data(
        outcome="refer_iopc", outcome_reason="Possible serious sexual offence."))
    referral = IopcReferral.objects.get(item=item)
    assert referral.matter_references == [ref]
    assert referral.reason == "Possible serious sexual offence."
    assert Effect.objects.get(item=item).kind == "iopc_referral_record"


def test_refer_iopc_of_a_recorded_matter_goes_through_the_referral_check(
        django_capture_on_commit_callbacks):
    person = person_new()
    ref = seeded(subjects=[person], route="nfa_at_recording", complete=False)  # closed...
    from upright.conduct.tests.factories import matter_in

    open_matter = matter_in("recorded", subjects=[person], category="H1")
    campaign = built(outcomes=["any"])
    campaign_authorise(actor=authority(), campaign_id=campaign.pk)
    first = reviewer()
    campaign_assign(actor=manager(), campaign_id=campaign.pk, reviewer_ids=[first.pk])
    item = Item.objects.get(campaign=campaign)
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(actor=first, item_id=item.pk, data=review_data(
            outcome="refer_iopc", outcome_reason="Gravity."))
    kinds = dict(Effect.objects.filter(item=item).values_list("kind", "status"))
    assert kinds == {"iopc_referral_check": "done", "iopc_referral_record": "done"}
    assert status_of(open_matter.reference) == "referred_to_iopc"
    assert IopcReferral.objects.get(item=item).matter_references == [ref]


def test_effects_wait_for_an_authority_then_run(django_capture_on_commit_callbacks):
    item, first, (ref,) = _assigned(authorised=False)
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(actor=first, item_id=item.pk, data=review_data(
            outcome="reopen", outcome_reason="R.", reopen_matter_ids=list(_ids(item).values())))
    assert Effect.objects.get(item=item).status == "pending"
    assert status_of(ref) == "closed_nfa"
    with pytest.raises(ActionForbidden):
        campaign_authorise(actor=manager(), campaign_id=item.campaign_id)
    with django_capture_on_commit_callbacks(execute=True):
        campaign_authorise(actor=authority(), campaign_id=item.campaign_id)
    assert Effect.objects.get(item=item).status == "done"
    assert status_of(ref) == "severity_assessment_pending"


def test_an_effect_the_authority_may_not_take_is_recorded_as_failed(
        django_capture_on_commit_callbacks):
    aa = authority()
    aa.person = person_new()
    aa.save()
    person = person_new(line_manager=aa.person)  # the authority manages the subject
    ref = seeded(subjects=[person])
    campaign = built()
    campaign_authorise(actor=aa, campaign_id=campaign.pk)
    first = reviewer()
    campaign_assign(actor=manager(), campaign_id=campaign.pk, reviewer_ids=[first.pk])
    item = Item.objects.get(campaign=campaign)
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(actor=first, item_id=item.pk, data=review_data(
            outcome="reopen", outcome_reason="R.", reopen_matter_ids=list(_ids(item).values())))
    effect = Effect.objects.get(item=item)
    assert effect.status == "failed"
    assert "No such matter" in effect.detail
    assert status_of(ref) == "closed_nfa"
    assert Item.objects.get(pk=item.pk).state == "complete"  # the review stands


# ---- the panel ------------------------------------------------------------------------------

def _sampled_and_reviewed(outcome: str = "no_change", **extra: Any) -> tuple[Item, Any]:
    item, first, _ = _assigned(rate="1")
    review_submit(actor=first, item_id=item.pk, data=review_data(outcome=outcome, **extra))
    item.refresh_from_db()
    return item, first


def test_a_sampled_item_waits_for_the_panel_and_its_effects_wait_too():
    item, first = _sampled_and_reviewed("revet", outcome_reason="Concern.")
    assert item.state == "reviewed"
    assert Effect.objects.filter(item=item).count() == 0
    detail = item_detail(item=item, user=first)
    assert "panel" not in detail.reviews


def test_the_panel_reviewer_must_be_a_different_person():
    item, first = _sampled_and_reviewed()
    with pytest.raises(ActionForbidden):  # the first reviewer holds CAMPAIGNS_PANEL too
        panel_claim(actor=first, item_id=item.pk)
    panel = reviewer()
    panel_claim(actor=panel, item_id=item.pk)
    item.refresh_from_db()
    assert (item.state, item.panel_reviewer_id) == ("second_review_pending", panel.pk)
    with pytest.raises(ActionForbidden):
        panel_submit(actor=first, item_id=item.pk, data=review_data(agrees=True))


def test_panel_agreement_settles_the_first_outcome(django_capture_on_commit_callbacks):
    item, _ = _sampled_and_reviewed("revet", outcome_reason="Concern.")
    panel = reviewer()
    panel_claim(actor=panel, item_id=item.pk)
    with django_capture_on_commit_callbacks(execute=True):
        panel_submit(actor=panel, item_id=item.pk, data=review_data(agrees=True, outcome=""))
    item.refresh_from_db()
    assert (item.state, item.final_outcome, item.disagreement) == ("complete", "revet", False)
    assert VettingReviewRequest.objects.filter(person_id=item.person_id).count() == 1


def test_panel_disagreement_needs_reasons_and_its_outcome_prevails(
        django_capture_on_commit_callbacks):
    item, _ = _sampled_and_reviewed()
    panel = reviewer()
    panel_claim(actor=panel, item_id=item.pk)
    with pytest.raises(ValidationFailed) as caught:
        panel_submit(actor=panel, item_id=item.pk, data=review_data(agrees=False,
                                                                     outcome="no_change"))
    assert {"disagreement_reason", "outcome"} <= set(caught.value.extra["fields"])
    with django_capture_on_commit_callbacks(execute=True):
        panel_submit(actor=panel, item_id=item.pk, data=review_data(
            agrees=False, outcome="revet", outcome_reason="Vetting must look again.",
            disagreement_reason="The first review overlooked the 2019 intelligence."))
    item.refresh_from_db()
    assert (item.final_outcome, item.disagreement) == ("revet", True)
    assert Review.objects.get(item=item, kind="first").outcome == "no_change"
    assert VettingReviewRequest.objects.filter(person_id=item.person_id).exists()
    dashboard = campaign_dashboard(user=manager(), campaign_id=item.campaign_id)
    assert dashboard.panel["disagreements"] == 1
    assert dashboard.panel["disagreement_rate"] == 1.0
    assert dashboard.disagreements == [{"item_id": item.pk, "first_outcome": "no_change",
                                        "panel_outcome": "revet"}]
    assert AuditEvent.objects.filter(action="campaigns.panel.submitted").count() == 1


# ---- the dashboard --------------------------------------------------------------------------

def test_dashboard_counts_states_workloads_and_met_shaped_totals():
    people = [person_new() for _ in range(5)]
    counts = [1, 2, 3, 1, 2]
    for person, n in zip(people, counts, strict=True):
        for _ in range(n):
            seeded(subjects=[person])
    campaign = built()
    first = reviewer()
    campaign_assign(actor=manager(), campaign_id=campaign.pk, reviewer_ids=[first.pk])
    items = {i.person_id: i for i in Item.objects.filter(campaign=campaign)}
    plan = {"risk_owner_id": authority().pk, "risk_measures": "Supervision.",
            "risk_review_on": local_today() + dt.timedelta(days=60)}
    decisions = [("no_change", {}), ("reopen", {}), ("revet", {}),
                 ("risk_management", plan)]
    for person, (outcome, extra) in zip(people, decisions, strict=False):
        item = items[person.id]
        if outcome == "reopen":
            extra = {"reopen_matter_ids": list(item.matters.values_list("matter_id", flat=True))}
        review_submit(actor=first, item_id=item.pk, data=review_data(
            outcome=outcome, outcome_reason="Because.", **extra))
    dashboard = campaign_dashboard(user=manager(), campaign_id=campaign.pk)
    assert dashboard.by_state == {"unassigned": 0, "assigned": 1, "reviewed": 0,
                                  "second_review_pending": 0, "complete": 4}
    assert dashboard.totals["no_formal_action"] == {"people": 1, "matters": 1}
    assert dashboard.totals["new_assessment"] == {"people": 1, "matters": 2}
    assert dashboard.totals["risk_management"] == {"people": 2, "matters": 4}  # incl. re-vet
    assert dashboard.totals["revet"] == {"people": 1, "matters": 3}
    assert dashboard.totals["iopc_referral"] == {"people": 0, "matters": 0}
    (row,) = dashboard.reviewers
    assert (row["items"], row["matters"], row["open_items"], row["open_matters"]) == (5, 9, 1, 2)
