"""The commitments tracker: permission, validation, status history, audit, page and CSV."""

import csv
import io
import re

import pytest

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, NotFound, ValidationFailed
from upright.portal.models import Commitment, CommitmentStatusChange
from upright.portal.services import (
    CASEY_COMMITMENTS,
    commitment_create,
    commitment_status_set,
    commitments_seed_demo,
)


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN)


def _create(actor, **overrides):
    values = {"reference": "casey-x-1", "title": "Faster cases", "source": "Casey Review",
              "owner": "Director of Professional Standards", "deadline": "2026-03-31"}
    return commitment_create(actor=actor, **{**values, **overrides})


@pytest.mark.django_db
def test_admin_creates_a_commitment_with_history_and_audit(admin):
    commitment = _create(admin)
    assert commitment.status == "not_started"
    assert commitment.deadline.isoformat() == "2026-03-31"
    assert list(commitment.status_changes.values_list("from_status", "to_status")) == [
        ("", "not_started")]
    assert AuditEvent.objects.filter(action="portal.commitment.created",
                                     actor=admin).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.ASSESSOR, Role.APPROPRIATE_AUTHORITY, Role.INVESTIGATOR])
def test_other_roles_cannot_create_or_change(make_user, admin, role):
    commitment = _create(admin)
    before = AuditEvent.objects.count()
    user = make_user(role)
    with pytest.raises(ActionForbidden):
        _create(user, reference="casey-x-2")
    with pytest.raises(ActionForbidden):
        commitment_status_set(actor=user, commitment_id=commitment.pk, status="delivered",
                              note="Done.")
    commitment.refresh_from_db()
    assert commitment.status == "not_started"
    assert Commitment.objects.count() == 1
    assert CommitmentStatusChange.objects.count() == 1
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_bad_input_is_rejected_and_nothing_written(admin):
    with pytest.raises(ValidationFailed) as exc:
        _create(admin, reference="Not A Slug", title="", deadline="31/03/2026",
                evidence_url="javascript:alert(1)")
    assert set(exc.value.extra["fields"]) == {"reference", "title", "deadline", "evidence_url"}
    _create(admin)
    with pytest.raises(ValidationFailed):
        _create(admin)  # the same reference again
    assert Commitment.objects.count() == 1
    assert AuditEvent.objects.filter(action="portal.commitment.created").count() == 1


@pytest.mark.django_db
def test_status_changes_are_history_and_audited_with_old_and_new(admin):
    commitment = _create(admin)
    commitment_status_set(actor=admin, commitment_id=commitment.pk, status="in_progress",
                          note="Team set up.", evidence_url="https://example.org/team")
    commitment_status_set(actor=admin, commitment_id=commitment.pk, status="delivered",
                          note="Time limits in force.")
    commitment.refresh_from_db()
    assert commitment.status == "delivered"
    assert commitment.evidence == "Time limits in force."
    assert commitment.evidence_url == "https://example.org/team"
    assert list(commitment.status_changes.values_list("from_status", "to_status")) == [
        ("", "not_started"), ("not_started", "in_progress"), ("in_progress", "delivered")]
    events = AuditEvent.objects.filter(action="portal.commitment.status_changed").order_by("id")
    assert [(e.extra["old"]["status"], e.extra["new"]["status"]) for e in events] == [
        ("not_started", "in_progress"), ("in_progress", "delivered")]
    with pytest.raises(ValidationFailed):
        commitment_status_set(actor=admin, commitment_id=commitment.pk, status="finished",
                              note="")
    with pytest.raises(NotFound):
        commitment_status_set(actor=admin, commitment_id=999999, status="delivered",
                              note="x")
    assert commitment.status_changes.count() == 3


@pytest.mark.django_db
def test_demo_seed_is_idempotent():
    assert commitments_seed_demo() == len(CASEY_COMMITMENTS)
    assert commitments_seed_demo() == 0
    assert Commitment.objects.count() == len(CASEY_COMMITMENTS)
    delivered = Commitment.objects.get(reference="casey-interim-3")
    assert delivered.status == "delivered"
    assert delivered.status_changes.count() == 2


@pytest.mark.django_db
def test_public_page_and_csv_show_status_and_history(client, admin):
    commitment = _create(admin)
    commitment_status_set(actor=admin, commitment_id=commitment.pk, status="in_progress",
                          note="Team set up.")
    response = client.get("/commitments/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Faster cases" in body
    assert "In progress" in body
    assert "Team set up." in body
    assert "Status history of casey-x-1" in body
    rows = list(csv.DictReader(io.StringIO(client.get("/open-data/commitments.csv")
                                           .content.decode())))
    assert len(rows) == 1
    assert rows[0]["status"] == "in_progress"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d not_started; \d{4}-\d\d-\d\d in_progress",
                        rows[0]["history"])


@pytest.mark.django_db
def test_staff_pages_add_and_change_a_commitment(client, admin):
    client.force_login(admin)
    assert client.get("/staff/commitments/").status_code == 200
    response = client.post("/staff/commitments/new/", {
        "reference": "casey-final-9", "title": "Publish stage time limits",
        "source": "Casey Review", "owner": "Director of Professional Standards",
        "deadline": "2026-06-30"})
    assert response.status_code == 302
    commitment = Commitment.objects.get(reference="casey-final-9")
    response = client.post(f"/staff/commitments/{commitment.pk}/status/", {
        "status": "in_progress", "note": "Limits drafted.",
        "evidence_url": "https://example.org/limits"})
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == "in_progress"
    assert commitment.evidence_url == "https://example.org/limits"
    # A duplicate reference is refused with the form shown again and nothing written.
    response = client.post("/staff/commitments/new/", {
        "reference": "casey-final-9", "title": "Again", "source": "S", "owner": "O"})
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert Commitment.objects.count() == 1


@pytest.mark.django_db
def test_staff_pages_refuse_other_roles_and_anonymous(client, make_user):
    assert client.get("/staff/commitments/").status_code == 302  # to the log-in page
    client.force_login(make_user(Role.APPROPRIATE_AUTHORITY))
    assert client.get("/staff/commitments/").status_code == 403
    response = client.post("/staff/commitments/new/", {
        "reference": "casey-final-9", "title": "T", "source": "S", "owner": "O"})
    assert response.status_code == 403
    assert Commitment.objects.count() == 0
