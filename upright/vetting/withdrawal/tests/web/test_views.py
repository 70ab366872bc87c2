"""The withdrawal pages: list, open, detail with the actions allowed now, a step form."""

from upright.access.roles import Role
from upright.vetting.withdrawal.models import WithdrawalAssessment
from upright.vetting.withdrawal.states import WithdrawalStatus as S


def test_open_then_serve_the_notice_in_the_browser(client, vetting_officer, subject):
    client.force_login(vetting_officer)
    assert client.get("/staff/vetting/withdrawal/open/").status_code == 200
    response = client.post("/staff/vetting/withdrawal/open/", {
        "person_id": subject.pk, "trigger_kind": "adverse_information",
        "trigger_summary": "Association with an organised crime group"})
    a = WithdrawalAssessment.objects.get()
    assert response.url == f"/staff/vetting/withdrawal/{a.pk}/"
    page = client.get(response.url).content.decode()
    assert "Record the assessment notice served" in page
    assert "Record the decision" not in page
    response = client.post(f"/staff/vetting/withdrawal/{a.pk}/act/serve_notice/", {
        "notice_summary": "Served with the grounds", "service_method": "in_person"})
    assert response.status_code == 302
    assert WithdrawalAssessment.objects.get().status == S.NOTICE
    listing = client.get("/staff/vetting/withdrawal/").content.decode()
    assert a.reference in listing
    assert "Withdrawals" in listing  # the NAV line


def test_a_bad_form_is_shown_again_with_errors(client, walk, decider):
    a = walk(S.DECISION)
    client.force_login(decider)
    page = client.get(f"/staff/vetting/withdrawal/{a.pk}/").content.decode()
    assert "Record the decision" in page
    response = client.post(f"/staff/vetting/withdrawal/{a.pk}/act/decide/", {
        "decision": "retain_with_conditions", "reasons": "ok", "notice_summary": "n",
        "service_method": "email"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert WithdrawalAssessment.objects.get(pk=a.pk).status == S.DECISION


def test_an_action_not_allowed_now_is_refused(client, walk, vetting_officer):
    a = walk(S.TRIGGER)
    client.force_login(vetting_officer)
    response = client.post(f"/staff/vetting/withdrawal/{a.pk}/act/decide/", {})
    assert response.status_code == 403


def test_the_subject_cannot_open_the_page(client, walk, subject, make_user):
    a = walk(S.TRIGGER)
    client.force_login(make_user(Role.APPROPRIATE_AUTHORITY, person=subject))
    assert client.get(f"/staff/vetting/withdrawal/{a.pk}/").status_code == 404
    client.force_login(make_user(Role.INVESTIGATOR))
    assert client.get("/staff/vetting/withdrawal/").status_code == 403


def test_open_from_a_closed_vetting_review(client, vetting_officer, subject):
    from upright.vetting.services import vetting_review_close, vetting_review_request

    review = vetting_review_request(actor=None, person_id=subject.pk, source_kind="screening",
                                    source_ref="hit:4", reason="Association with an OCG nominal")
    client.force_login(vetting_officer)
    refused = client.post(f"/staff/vetting/withdrawal/open/from-review/{review.pk}/")
    assert refused.url == "/staff/vetting/withdrawal/"
    assert WithdrawalAssessment.objects.count() == 0
    vetting_review_close(actor=vetting_officer, request_id=review.pk,
                         outcome="withdrawal_assessment", notes="Assess withdrawal")
    response = client.post(f"/staff/vetting/withdrawal/open/from-review/{review.pk}/")
    a = WithdrawalAssessment.objects.get()
    assert response.url == f"/staff/vetting/withdrawal/{a.pk}/"
    assert a.review_request_id == review.pk
