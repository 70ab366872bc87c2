
import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from upright.access.roles import Role
from upright.conduct.tests.factories import matter_new, person_new

pytestmark = pytest.mark.django_db


def test_overdue_queue_lists_past_due_steps_on_visible_matters_only(client, make_user):
    manager = person_new()
    with freeze_time("2026-06-12 10:00"):
        visible = matter_new(came_to_attention_at=timezone.now())
        conflicted = matter_new(subjects=[person_new(line_manager=manager)],
                                came_to_attention_at=timezone.now())
    reader = make_user(Role.ASSESSOR, person=manager)
    client.force_login(reader)
    with freeze_time("2026-06-17 09:00"):
        html = client.get(reverse("conduct:overdue")).content.decode()
    assert visible.reference in html
    assert conflicted.reference not in html  # the reader manages its subject
    assert "CMR 2020 reg 4" in html or "reg 4" in html
    assert "1 overdue" in html


def test_overdue_queue_needs_the_matter_permission(client, make_user):
    client.force_login(make_user(Role.AUDITOR))
    assert client.get(reverse("conduct:overdue")).status_code == 403
