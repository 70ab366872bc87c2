"""The API and the staff pages: validation, permissions, audited reads, the main flow."""


import pytest
from django.urls import reverse

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.patterns.campaigns.models import Campaign, Item
from upright.patterns.campaigns.services import campaign_assign
from upright.patterns.campaigns.tests.factories import built, manager, person_new, reviewer, seeded

pytestmark = pytest.mark.django_db

API = "/api/v1/campaigns"


def _body(**overrides):
    body = {"name": "DA and sexual misconduct", "purpose": "Met-style review.",
            "category_codes": ["H1", "H2"], "attention_from": "2015-01-01",
            "attention_to": "2024-12-31", "outcomes": ["closed_any"],
            "employment_statuses": ["serving"], "panel_rate": "0.1"}
    body.update(overrides)
    return body


def test_api_preview_create_build_and_dashboard(api_as):
    person = person_new()
    seeded(subjects=[person], category="H1")
    seeded(subjects=[person], category="H2")
    client = api_as(Role.ANALYST)
    preview = client.post(f"{API}/preview", _body(), format="json")
    assert preview.status_code == 200
    assert preview.json() == {"people": 1, "matters": 2, "allegations": 2}
    created = client.post(API, _body(), format="json")
    assert created.status_code == 201
    campaign_id = created.json()["id"]
    assert created.json()["status"] == "draft"
    assert isinstance(created.json()["panel_seed"], int)
    built_ = client.post(f"{API}/{campaign_id}/build", format="json")
    assert built_.status_code == 200
    assert (built_.json()["people_count"], built_.json()["matters_count"]) == (1, 2)
    again = client.post(f"{API}/{campaign_id}/build", format="json")
    assert again.status_code == 409
    board = client.get(f"{API}/{campaign_id}/dashboard")
    assert board.status_code == 200
    assert board.json()["by_state"]["unassigned"] == 1
    assert board.json()["totals"]["no_formal_action"] == {"people": 0, "matters": 0}


@pytest.mark.parametrize(("overrides", "field"), [
    ({"outcomes": []}, "outcomes"),
    ({"outcomes": ["sometimes"]}, "outcomes"),
    ({"employment_statuses": ["retired"]}, "employment_statuses"),
    ({"attention_from": "yesterday"}, "attention_from"),
    ({"panel_rate": "2"}, "panel_rate"),
    ({"name": ""}, "name"),
])
def test_api_rejects_bad_input_by_field_and_writes_nothing(api_as, overrides, field):
    response = api_as(Role.ANALYST).post(API, _body(**overrides), format="json")
    assert response.status_code == 400
    assert field in response.json()["extra"]["fields"]
    assert Campaign.objects.count() == 0


def test_api_unknown_category_is_refused_by_the_service(api_as):
    response = api_as(Role.ANALYST).post(API, _body(category_codes=["Q9"]), format="json")
    assert response.status_code == 400
    assert "category_codes" in response.json()["extra"]["fields"]


def test_api_roles_that_may_not_manage_are_refused(api_as):
    for role in (Role.REVIEWER, Role.OVERSIGHT, Role.STAFF):
        assert api_as(role).post(API, _body(), format="json").status_code == 403
    assert api_as(Role.STAFF).get(API).status_code == 403
    assert api_as(Role.OVERSIGHT).get(API).status_code == 200  # aggregates only


def test_api_item_read_is_audited_and_limited_to_those_with_need_to_know(api_as):
    boss_person = person_new()
    person = person_new(line_manager=boss_person)
    seeded(subjects=[person])
    campaign = built()
    mine = api_as(Role.REVIEWER)
    campaign_assign(actor=manager(), campaign_id=campaign.pk, reviewer_ids=[mine.user.pk])
    item = Item.objects.get(campaign=campaign)
    response = mine.get(f"{API}/items/{item.pk}")
    assert response.status_code == 200
    assert response.json()["person_id"] == person.id
    assert len(response.json()["matters"]) == 1
    assert AuditEvent.objects.filter(action="campaigns.item.viewed", object_id=str(item.pk),
                                     actor_id=mine.user.pk).count() == 1
    assert api_as(Role.REVIEWER).get(f"{API}/items/{item.pk}").status_code == 404
    boss = api_as(Role.ANALYST, person=boss_person)  # a manager, but in the chain
    assert boss.get(f"{API}/items/{item.pk}").status_code == 404
    assert boss.get(f"{API}/{campaign.pk}/items").json()["count"] == 0
    assert api_as(Role.ANALYST).get(f"{API}/{campaign.pk}/items").json()["count"] == 1


def test_api_review_validation_then_submit(api_as):
    person = person_new()
    seeded(subjects=[person])
    campaign = built()
    mine = api_as(Role.REVIEWER)
    campaign_assign(actor=manager(), campaign_id=campaign.pk, reviewer_ids=[mine.user.pk])
    item = Item.objects.get(campaign=campaign)
    url = f"{API}/items/{item.pk}/review"
    bad = mine.post(url, {"outcome": "revet"}, format="json")
    assert bad.status_code == 400
    assert {"missed_lines", "victim_contact", "risk_level", "risk_rationale",
            "outcome_reason"} <= set(bad.json()["extra"]["fields"])
    assert mine.post(url, {"reopen_matter_ids": "x"}, format="json").status_code == 400
    good = mine.post(url, {"missed_lines": True, "missed_lines_detail": "No CCTV sought.",
                           "victim_contact": "attempted",
                           "victim_contact_detail": "Two letters, no reply.",
                           "risk_level": "medium", "risk_rationale": "Repeat pattern.",
                           "outcome": "revet", "outcome_reason": "Vetting must look again."},
                     format="json")
    assert good.status_code == 201
    assert good.json()["state"] == "complete"
    assert good.json()["reviews"][0]["outcome"] == "revet"
    assert mine.post(url, {}, format="json").status_code == 409


def test_api_assign_and_schema(api_as):
    seeded(subjects=[person_new()])
    campaign = built()
    a = reviewer()
    client = api_as(Role.ANALYST)
    response = client.post(f"{API}/{campaign.pk}/assignments", {"reviewer_ids": [a.pk]},
                           format="json")
    assert response.status_code == 200
    assert response.json() == {"assigned": {str(a.pk): 1}, "unassignable": []}
    bad = client.post(f"{API}/{campaign.pk}/assignments", {"reviewer_ids": [client.user.pk]},
                      format="json")
    assert bad.status_code == 400
    paths = client.get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    for path in ("/api/v1/campaigns", "/api/v1/campaigns/preview",
                 "/api/v1/campaigns/{campaign_id}/build",
                 "/api/v1/campaigns/items/{item_id}/review",
                 "/api/v1/campaigns/items/{item_id}/panel-review"):
        assert path in paths


# ---- the staff pages ------------------------------------------------------------------------

def test_staff_flow_create_with_preview_build_assign_review(client, make_user):
    person = person_new()
    seeded(subjects=[person], category="H1")
    analyst = make_user(Role.ANALYST)
    client.force_login(analyst)
    form = {"name": "Review", "purpose": "Why.", "category_codes": ["H1"],
            "outcomes": ["closed_any"], "employment_statuses": ["serving"],
            "panel_rate": "0", "attention_from": "", "attention_to": ""}
    page = client.post(reverse("patterns_campaigns:create"), {**form, "preview": "1"})
    assert page.status_code == 200
    assert "<strong>1</strong> people" in page.content.decode()
    assert Campaign.objects.count() == 0
    saved = client.post(reverse("patterns_campaigns:create"), {**form, "save": "1"})
    campaign = Campaign.objects.get()
    assert saved["Location"] == reverse("patterns_campaigns:detail", args=[campaign.pk])
    assert "Build the cohort" in client.get(saved["Location"]).content.decode()
    client.post(reverse("patterns_campaigns:build", args=[campaign.pk]))
    rev = make_user(Role.REVIEWER)
    client.post(reverse("patterns_campaigns:assign", args=[campaign.pk]),
                {"reviewer_ids": [rev.pk], "weight_by": "matters"})
    item = Item.objects.get(campaign=campaign)
    assert item.reviewer_id == rev.pk
    client.force_login(rev)
    mine = client.get(reverse("patterns_campaigns:my_items"))
    assert person.full_name in mine.content.decode()
    url = reverse("patterns_campaigns:item", args=[item.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Structured review" in page.content.decode()
    bad = client.post(url, {"outcome": "reopen"})
    assert bad.status_code == 400
    assert "Choose at least one of the item" in bad.content.decode()
    done = client.post(url, {"missed_lines": "no", "victim_contact": "not_appropriate",
                             "victim_contact_detail": "Victim asked not to be contacted.",
                             "risk_level": "low", "risk_rationale": "Isolated.",
                             "outcome": "no_change"})
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.final_outcome == "no_change"
    dashboard = client.get(reverse("patterns_campaigns:dashboard", args=[campaign.pk]))
    assert dashboard.status_code == 200
    assert "No formal action" in dashboard.content.decode()


def test_staff_pages_refuse_roles_without_permission(client, make_user):
    client.force_login(make_user(Role.STAFF))
    assert client.get(reverse("patterns_campaigns:list")).status_code == 403
    assert client.get(reverse("patterns_campaigns:create")).status_code == 403
    client.force_login(make_user(Role.OVERSIGHT))
    assert client.get(reverse("patterns_campaigns:list")).status_code == 200
    assert client.get(reverse("patterns_campaigns:create")).status_code == 403
    seeded(subjects=[person_new()])
    item = Item.objects.get(campaign=built())
    assert client.get(reverse("patterns_campaigns:item", args=[item.pk])).status_code == 404


def test_nav_shows_review_campaigns_to_those_who_may_see_them(client, make_user):
    client.force_login(make_user(Role.REVIEWER))
    assert "Review campaigns" in client.get(reverse("patterns_campaigns:list")).content.decode()


@pytest.mark.parametrize(("role", "sees"), [
    (Role.ANALYST, True),  # campaign manager
    (Role.REVIEWER, False),  # a reviewer the item is not assigned to
    (Role.APPROPRIATE_AUTHORITY, False),  # not this campaign's authority
    (Role.OVERSIGHT, False),  # aggregates only
    (Role.ASSESSOR, False),
    (Role.STAFF, False),
    (Role.AUDITOR, False),
])
def test_item_visibility_by_role(api_as, role, sees):
    seeded(subjects=[person_new()])
    item = Item.objects.get(campaign=built())
    client = api_as(role)
    status = client.get(f"{API}/items/{item.pk}").status_code
    assert status == (200 if sees else 404)
    listed = client.get(f"{API}/{item.campaign_id}/items")
    assert listed.status_code == (200 if role not in (Role.ASSESSOR, Role.STAFF, Role.AUDITOR)
                                  else 403)
    if listed.status_code == 200:
        assert listed.json()["count"] == (1 if sees else 0)


def test_the_campaign_authority_sees_items_and_retries_failed_effects(api_as):
    seeded(subjects=[person_new()])
    campaign = built()
    aa = api_as(Role.APPROPRIATE_AUTHORITY)
    assert aa.post(f"{API}/{campaign.pk}/authorise", format="json").status_code == 200
    item = Item.objects.get(campaign=campaign)
    assert aa.get(f"{API}/items/{item.pk}").status_code == 200
    assert api_as(Role.ANALYST).post(f"{API}/{campaign.pk}/authorise",
                                     format="json").status_code == 403


def test_staff_panel_flow_claim_and_disagree(client, make_user):
    from upright.patterns.campaigns.services import review_submit
    from upright.patterns.campaigns.tests.factories import review_data

    seeded(subjects=[person_new()])
    campaign = built(panel_rate="1")
    first = reviewer()
    campaign_assign(actor=manager(), campaign_id=campaign.pk, reviewer_ids=[first.pk])
    item = Item.objects.get(campaign=campaign)
    review_submit(actor=first, item_id=item.pk, data=review_data())
    panel = make_user(Role.REVIEWER)
    client.force_login(panel)
    queue = client.get(reverse("patterns_campaigns:panel_queue"))
    assert reverse("patterns_campaigns:item", args=[item.pk]) in queue.content.decode()
    page = client.get(reverse("patterns_campaigns:item", args=[item.pk]))
    assert "Take this item for the panel review" in page.content.decode()
    client.post(reverse("patterns_campaigns:claim", args=[item.pk]))
    url = reverse("patterns_campaigns:item", args=[item.pk])
    assert "Independent panel review" in client.get(url).content.decode()
    refused = client.post(url, {"agrees": "no", "outcome": "no_change"})
    assert refused.status_code == 400
    done = client.post(url, {"agrees": "no", "outcome": "revet",
                             "outcome_reason": "Vetting must look again.",
                             "disagreement_reason": "Risk understated."})
    assert done.status_code == 302
    item.refresh_from_db()
    assert (item.final_outcome, item.disagreement) == ("revet", True)
    client.force_login(first)  # the first reviewer cannot claim or review for the panel
    assert client.post(reverse("patterns_campaigns:claim", args=[item.pk])).status_code in (
        403, 409)
