"""The daily publication job: the same service as `upright publication expire`."""

import io

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from upright.publication.models import PublicationItem
from upright.publication.tasks import publication_expire_job
from upright.publication.tests.factories import aa, outcome_new, published

pytestmark = pytest.mark.django_db


def test_expire_job_takes_down_items_past_their_display_period() -> None:
    actor = aa()
    with freeze_time("2025-03-13 10:00:00+00:00"):
        item = published(outcome_new(actor=actor), actor=actor)
    with freeze_time("2025-04-11 00:00:00+00:00"):
        result = publication_expire_job.enqueue()  # the immediate backend: runs now
    assert (result.status, result.return_value) == ("SUCCESSFUL", {"expired": 1})
    assert PublicationItem.objects.get(pk=item.pk).status == "expired"


def test_expire_command_can_queue_the_job() -> None:
    stdout = io.StringIO()
    call_command("publication_expire", "--background", stdout=stdout)
    assert stdout.getvalue().startswith("Queued job ")
