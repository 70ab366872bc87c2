from typing import Any, cast

import pytest
from django.test import Client
from django.urls import reverse

from upright.access.roles import Role
from upright.conduct.selectors import matter_list_visible_to
from upright.people.models import Person
from upright.people.tests.factories import PersonFactory
from upright.screening.models import Hit, HitStatus
from upright.screening.services import hits_import, screening_run_create
from upright.screening.tests.hits_factories import association_row, identity_row, run_new

pytestmark = pytest.mark.django_db


def _hits() -> tuple[Hit, Hit]:
    person, victim = cast(Person, PersonFactory()), cast(Person, PersonFactory())
    hits_import(actor=None, run_id=run_new().pk,
                rows=[identity_row(person.staff_number),
                      association_row(victim.staff_number, victim_witness_only=True)])
    return Hit.objects.get(employee=person), Hit.objects.get(employee=victim)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_api_lists_the_two_queues(api_as: Any) -> None:
    hit, victim = _hits()
    client = api_as(Role.ANALYST)
    main = client.get("/api/v1/screening/hits").json()
    welfare = client.get("/api/v1/screening/hits", {"queue": "victim_witness"}).json()
    assert [(r["id"], r["kind"], r["band"]) for r in main] == [(hit.pk, "identity", "match")]
    assert [r["id"] for r in welfare] == [victim.pk]
    assert client.get("/api/v1/screening/hits", {"queue": "x"}).status_code == 400
    assert api_as(Role.ASSESSOR).get("/api/v1/screening/hits").json() == []


def test_api_detail_and_disposition(api_as: Any) -> None:
    hit, victim = _hits()
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    detail = client.get(f"/api/v1/screening/hits/{hit.pk}").json()
    assert detail["explanation"]["comparisons"][0]["comparison"] == "surname"
    assert client.get("/api/v1/screening/hits/999999").status_code == 404
    refused = client.post(f"/api/v1/screening/hits/{victim.pk}/disposition",
                          {"disposition": "disciplinary_investigation", "rationale": "x"},
                          format="json")
    assert refused.status_code == 400
    assert "disposition" in refused.json()["extra"]["fields"]
    done = client.post(f"/api/v1/screening/hits/{hit.pk}/disposition",
                       {"disposition": "disciplinary_investigation", "rationale": "Refer."},
                       format="json")
    assert done.status_code == 200
    [matter] = matter_list_visible_to(user=client.user)
    assert done.json()["matter_reference"] == matter.reference
    again = client.post(f"/api/v1/screening/hits/{hit.pk}/disposition",
                        {"disposition": "no_further_action", "rationale": "x"}, format="json")
    assert again.status_code == 409


def test_api_disposition_forbidden_for_vetting_officer(api_as: Any) -> None:
    hit, _ = _hits()
    response = api_as(Role.VETTING_OFFICER).post(
        f"/api/v1/screening/hits/{hit.pk}/disposition",
        {"disposition": "no_further_action", "rationale": "x"}, format="json")
    assert response.status_code == 403
    assert Hit.objects.get(pk=hit.pk).status == HitStatus.OPEN


def test_api_dashboard(api_as: Any) -> None:
    _hits()
    body = api_as(Role.ANALYST).get("/api/v1/screening/dashboard").json()
    assert body["open_by_band"] == {"match": 1, "review": 0}
    assert body["victim_witness_open"] == 1
    assert api_as(Role.ASSESSOR).get("/api/v1/screening/dashboard").status_code == 403


def test_web_pages(make_user: Any) -> None:
    hit, victim = _hits()
    screening_run_create(actor=None, index_folder="/data/index/nov")
    client = _client(make_user(Role.ANALYST))
    queue = client.get(reverse("screening:hit_queue")).content.decode()
    assert f"Hit {hit.pk}<" in queue
    assert f"Hit {victim.pk}<" not in queue
    welfare = client.get(reverse("screening:victim_witness_queue")).content.decode()
    assert f"Hit {victim.pk}<" in welfare
    detail = client.get(reverse("screening:hit_detail", args=[hit.pk])).content.decode()
    assert "<th scope=\"row\">surname</th>" in detail
    assert "Exact match" in detail
    path = client.get(reverse("screening:hit_detail", args=[victim.pk])).content.decode()
    assert "Association path" in path
    assert "disciplinary_investigation" not in path
    assert "/data/index/nov" in client.get(reverse("screening:run_list")).content.decode()
    assert "Vetting review" in client.get(reverse("screening:dashboard")).content.decode()


def test_web_dispose(make_user: Any) -> None:
    hit, victim = _hits()
    client = _client(make_user(Role.ANALYST))
    bad = client.post(reverse("screening:hit_dispose", args=[victim.pk]),
                      {"disposition": "vetting_review", "rationale": "x"})
    assert bad.status_code == 200
    assert Hit.objects.get(pk=victim.pk).status == HitStatus.OPEN
    ok = client.post(reverse("screening:hit_dispose", args=[hit.pk]),
                     {"disposition": "no_further_action", "rationale": "Not them."})
    assert ok.status_code == 302
    assert Hit.objects.get(pk=hit.pk).disposition == "no_further_action"


def test_web_refuses_other_roles(make_user: Any) -> None:
    hit, _ = _hits()
    client = _client(make_user(Role.ASSESSOR))
    assert client.get(reverse("screening:hit_queue")).status_code == 403
    assert client.post(reverse("screening:hit_dispose", args=[hit.pk]),
                       {"disposition": "no_further_action", "rationale": "x"}).status_code == 403
