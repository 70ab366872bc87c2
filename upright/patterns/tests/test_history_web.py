"""The full history page, the panel on the decision pages, and the API."""

from typing import Any

import pytest
from django.template import engines
from django.test import RequestFactory

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.conduct.tests.factories import matter_in
from upright.patterns import history
from upright.patterns.history import HistorySource
from upright.patterns.history_audit import PERSON_HISTORY_READ
from upright.patterns.tests.history_factories import (  # noqa: F401  (own_sources: fixture)
    own_sources,
    plant,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_sources")]


def _url(person_id: int) -> str:
    return f"/staff/patterns/people/{person_id}/history/"


def _reads() -> list[dict[str, Any]]:
    return [e.extra for e in AuditEvent.objects.filter(action=PERSON_HISTORY_READ).order_by("seq")]


def _login(client: Any, make_user: Any, role: str = Role.APPROPRIATE_AUTHORITY, **kw: Any) -> Any:
    user = make_user(role, **kw)
    client.force_login(user)
    return user


def test_page_shows_the_whole_timeline_and_audits_the_read(client: Any, make_user: Any) -> None:
    planted = plant()
    _login(client, make_user)
    response = client.get(_url(planted.person.id))
    body = response.content.decode()
    assert response.status_code == 200
    for ref in (planted.nfa.reference, planted.no_case.reference, planted.complaint.reference,
                "TVP-1", f"hit:{planted.hit.pk}"):
        assert ref in body
    assert planted.secret.reference not in body
    assert "closed: no case to answer" in body
    assert "closed: no further action" in body
    assert [r["channel"] for r in _reads()] == ["page"]


def test_page_filters_by_kind(client: Any, make_user: Any) -> None:
    planted = plant()
    _login(client, make_user)
    body = client.get(_url(planted.person.id), {"kind": ["complaint"]}).content.decode()
    assert planted.complaint.reference in body
    assert planted.nfa.reference not in body
    assert _reads()[0]["filters"]["kinds"] == ["complaint"]


def test_bad_filter_reads_nothing(client: Any, make_user: Any) -> None:
    planted = plant()
    _login(client, make_user)
    response = client.get(_url(planted.person.id),
                          {"date_from": "2024-05-01", "date_to": "2024-01-01"})
    assert response.status_code == 400
    assert "The end date is before the start date." in response.content.decode()
    assert _reads() == []


@pytest.mark.parametrize(("role", "status"), [(Role.STAFF, 403), (Role.AUDITOR, 403),
                                              (Role.REVIEWER, 200)])
def test_page_needs_the_history_permission(client: Any, make_user: Any, role: str,
                                           status: int) -> None:
    planted = plant()
    _login(client, make_user, role)
    assert client.get(_url(planted.person.id)).status_code == status
    assert len(_reads()) == (1 if status == 200 else 0)


def test_line_manager_is_refused_and_unknown_person_is_404(client: Any, make_user: Any) -> None:
    planted = plant()
    _login(client, make_user, person=planted.manager)
    assert client.get(_url(planted.person.id)).status_code == 403
    assert client.get(_url(999999)).status_code == 404
    assert _reads() == []


def _panel(user: Any, person_id: Any) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = engines["django"].from_string(
        "{% load patterns_history %}{% person_history_panel pid %}")
    return template.render({"pid": person_id}, request)


def test_panel_renders_compactly_and_audits(make_user: Any) -> None:
    planted = plant()
    html = _panel(make_user(Role.APPROPRIATE_AUTHORITY), planted.person.id)
    assert "Complaints: <strong>1</strong>" in html
    assert "Conduct matters: <strong>2</strong>" in html
    assert html.count('class="status closed"') == 2  # the NFA and no-case-to-answer matters
    assert f'href="{_url(planted.person.id)}"' in html
    assert [r["channel"] for r in _reads()] == ["panel"]


def test_panel_says_so_when_the_reader_may_not_see(make_user: Any) -> None:
    planted = plant()
    for user in (make_user(Role.STAFF), make_user(Role.ASSESSOR, person=planted.manager)):
        html = _panel(user, planted.person.id)
        assert "You cannot see this person's history." in html
        assert planted.nfa.reference not in html
    assert _reads() == []


def _broken(*, user: Any, person_id: int) -> list[Any]:
    raise RuntimeError("source down")


def test_panel_never_breaks_the_page(make_user: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    user = make_user(Role.APPROPRIATE_AUTHORITY)
    assert "No person is recorded here" in _panel(user, "")
    assert "No person is recorded here" in _panel(user, 999999)
    monkeypatch.setattr(history, "HISTORY_SOURCES",
                        (HistorySource("broken", __name__, "_broken"),))
    assert "could not be shown just now" in _panel(user, plant().person.id)


def test_severity_assessment_page_shows_each_subjects_history(client: Any, make_user: Any) -> None:
    planted = plant()
    matter = matter_in("severity_assessment_pending", subjects=[planted.person, planted.co_subject])
    _login(client, make_user)
    body = client.get(f"/staff/conduct/matters/{matter.reference}/").content.decode()
    assert f'id="history-panel-{planted.person.id}"' in body
    assert f'id="history-panel-{planted.co_subject.id}"' in body
    assert planted.nfa.reference in body
    assert sorted(r["channel"] for r in _reads()) == ["panel", "panel"]


def test_suspension_decision_page_shows_the_history(client: Any, make_user: Any) -> None:
    planted = plant()
    _login(client, make_user)
    body = client.get("/staff/suspensions/impose/", {"person": planted.person.id}).content.decode()
    assert f'id="history-panel-{planted.person.id}"' in body
    assert planted.no_case.reference in body


def test_suspension_review_page_shows_the_history_to_the_decider(client: Any,
                                                                 make_user: Any) -> None:
    planted = plant()
    _login(client, make_user)
    body = client.get(f"/staff/suspensions/{planted.suspension.pk}/").content.decode()
    assert f'id="history-panel-{planted.person.id}"' in body
    _login(client, make_user, Role.ASSESSOR)  # reads the register, decides nothing: no panel
    body = client.get(f"/staff/suspensions/{planted.suspension.pk}/").content.decode()
    assert "history-panel" not in body


def test_triage_page_shows_the_history_of_the_person_found(client: Any, make_user: Any) -> None:
    from upright.intake.tests.factories import report_make

    planted = plant()
    report = report_make().report
    _login(client, make_user, Role.ASSESSOR)
    body = client.get(f"/staff/intake/reports/{report.reference}/",
                      {"person_q": planted.person.staff_number}).content.decode()
    assert f'id="history-panel-{planted.person.id}"' in body
    assert planted.nfa.reference in body


# ---- API -----------------------------------------------------------------------------------

def test_api_returns_the_history(api_as: Any) -> None:
    planted = plant()
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    response = client.get(f"/api/v1/people/{planted.person.id}/history")
    assert response.status_code == 200
    data = response.json()
    assert data["person_id"] == planted.person.id
    assert data["counts"]["conduct_matter"] == 2
    assert data["total"] == 6
    by_ref = {e["ref"]: e for e in data["entries"]}
    assert by_ref[planted.no_case.reference]["closed"] is True
    assert by_ref[planted.no_case.reference]["status"] == "closed: no case to answer"
    assert by_ref[planted.complaint.reference]["closed"] is False
    assert [r["channel"] for r in _reads()] == ["api"]


def test_api_filters_and_validates(api_as: Any) -> None:
    planted = plant()
    client = api_as(Role.APPROPRIATE_AUTHORITY)
    url = f"/api/v1/people/{planted.person.id}/history"
    data = client.get(url, {"kind": "complaint,suspension"}).json()
    assert {e["kind"] for e in data["entries"]} == {"complaint", "suspension"}
    bad = client.get(url, {"kind": "gossip"})
    assert bad.status_code == 400
    assert "kind" in bad.json()["extra"]["fields"]
    assert client.get(url, {"date_from": "2024-13-01"}).status_code == 400
    assert len(_reads()) == 1


def test_api_refuses_and_hides(api_as: Any) -> None:
    planted = plant()
    assert api_as(Role.STAFF).get(f"/api/v1/people/{planted.person.id}/history").status_code == 403
    manager = api_as(Role.APPROPRIATE_AUTHORITY, person=planted.manager)
    assert manager.get(f"/api/v1/people/{planted.person.id}/history").status_code == 403
    assert api_as(Role.ASSESSOR).get("/api/v1/people/999999/history").status_code == 404
    assert _reads() == []


def test_schema_documents_the_endpoint(api_as: Any) -> None:
    paths = api_as(Role.ANALYST).get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    operation = paths["/api/v1/people/{person_id}/history"]["get"]
    assert operation["operationId"] == "people_history"
    assert {p["name"] for p in operation["parameters"]} >= {"kind", "date_from", "date_to"}
    assert set(operation["responses"]) == {"200", "400", "403", "404"}
