"""The lists pages and API: import by upload, run a check by hand, resolve a candidate."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.lists.models import ListCheck, ListCheckCandidate, ListImport
from upright.lists.tests.conftest import ADVISORY, barred_csv


def _api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_upload_check_and_resolve_in_the_pages(client, vetting_officer):
    client.force_login(vetting_officer)
    home = client.get("/staff/lists/").content.decode()
    assert "Not imported yet." in home
    assert "Barred lists" in home  # the NAV line
    response = client.post("/staff/lists/import/", {
        "list_kind": "barred",
        "file": SimpleUploadedFile("barred.csv", barred_csv(50).encode(), "text/csv")})
    assert response.status_code == 302
    assert ListImport.objects.get().row_count == 51
    response = client.post("/staff/lists/check/", {
        "forenames": "Bill", "surname": "Hargreaves", "date_of_birth": "1984-07-03",
        "subject_ref": "application:7", "other_names": "William|Hargreaves-Boyd"})
    check = ListCheck.objects.get()
    assert response.url == f"/staff/lists/checks/{check.pk}/"
    page = client.get(response.url).content.decode()
    assert "BL-T1" in page
    assert "nickname-equivalent" in page
    candidate = check.candidates.get(entry__entry_ref="BL-T1")
    response = client.post(f"/staff/lists/checks/{check.pk}/candidates/{candidate.pk}/resolve/",
                           {"resolution": "confirmed", "reason": "Same PNC ID"})
    assert response.status_code == 302
    assert ListCheckCandidate.objects.get(pk=candidate.pk).resolution == "confirmed"
    assert AuditEvent.objects.filter(action="lists.check.viewed").count() == 1


def test_a_bad_upload_shows_every_error(client, vetting_officer):
    client.force_login(vetting_officer)
    response = client.post("/staff/lists/import/", {
        "list_kind": "advisory",
        "file": SimpleUploadedFile("a.csv", ADVISORY.replace("1990-11-23", "23/11/1990")
                                   .encode(), "text/csv")})
    assert response.status_code == 400
    assert "line 2, date_of_birth: &#x27;23/11/1990&#x27; is not a date" in \
        response.content.decode()
    assert ListImport.objects.count() == 0


def test_pages_need_the_lists_permission(client, make_user):
    client.force_login(make_user(Role.ASSESSOR))
    assert client.get("/staff/lists/").status_code == 403


def test_api_import_check_resolve(vetting_officer):
    api = _api(vetting_officer)
    response = api.post("/api/v1/lists/imports", {
        "list_kind": "barred", "file": SimpleUploadedFile("b.csv", barred_csv().encode())},
        format="multipart")
    assert response.status_code == 201
    assert response.json()["row_count"] == 401
    response = api.post("/api/v1/lists/checks", {
        "subject_ref": "transfer:3", "date_of_birth": "1984-03-07",
        "names": [{"forenames": "William", "surname": "Hargraves"}]}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["outcome"] == "match"
    top = body["candidates"][0]
    assert (top["entry_ref"], top["band"], top["blocking"]) == ("BL-T1", "match", True)
    assert [p["comparison"] for p in top["explanation"]["comparisons"]] == [
        "forename", "surname", "dob", "address", "sex", "middle", "phone"]
    response = api.post(f"/api/v1/lists/candidates/{top['id']}/resolve",
                        {"resolution": "not_same_person", "reason": "Different DOB on PNC"},
                        format="json")
    assert response.status_code == 200
    assert response.json()["outcome"] == "no_match"
    assert api.get(f"/api/v1/lists/checks/{body['id']}").status_code == 200


def test_api_validation(vetting_officer, make_user):
    api = _api(vetting_officer)
    response = api.post("/api/v1/lists/checks", {"subject_ref": "x", "names": [],
                                                 "date_of_birth": "nope"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["extra"]["fields"]) == {"names", "date_of_birth"}
    response = api.post("/api/v1/lists/imports", {
        "list_kind": "barred", "file": SimpleUploadedFile("b.csv", b"entry_ref\nx\n")},
        format="multipart")
    assert response.status_code == 400
    assert response.json()["extra"]["errors"][0]["field"] == "header"
    assert _api(make_user(Role.ASSESSOR)).get("/api/v1/lists/checks").status_code == 403
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()
    assert {"/api/v1/lists/imports", "/api/v1/lists/checks",
            "/api/v1/lists/candidates/{candidate_id}/resolve"} <= set(schema["paths"])
