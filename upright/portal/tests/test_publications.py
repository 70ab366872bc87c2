import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from upright.publication.services import (
    publication_item_approve,
    publication_item_directions_record,
    publication_item_publish,
    publication_item_review,
    publication_item_withdraw,
)
from upright.publication.tests.factories import aa, notice_new, outcome_new, person_new, published

pytestmark = pytest.mark.django_db
NOW = "2025-03-13 10:00:00+00:00"  # outcomes concluded 3 Mar 2025 are in their window


@freeze_time(NOW)
def test_outcomes_page_shows_only_published_redacted_text() -> None:
    actor = aa()
    person = person_new(forenames="John", surname="Smith")
    shown = published(outcome_new(actor=actor, person=person, matter_ref="M-SHOWN"), actor=actor)
    outcome_new(actor=actor, matter_ref="M-DRAFT")  # never reviewed or published
    gone = published(outcome_new(actor=actor, matter_ref="M-GONE"), actor=actor)
    publication_item_withdraw(actor=actor, item_id=gone.pk, reason="Error",
                              direction="Chair's direction")
    response = Client().get(reverse("portal:outcome_list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('href="/outcomes/') == 1
    assert f'href="/outcomes/{shown.pk}/"' in page
    assert "John Smith (Constable)" in page
    detail = Client().get(reverse("portal:outcome_detail", args=[shown.pk])).content.decode()
    assert "An officer used excessive force." in detail
    assert "PC Smith pushed" not in detail  # the unredacted source text never appears


@freeze_time(NOW)
def test_anonymity_direction_hides_the_name_everywhere() -> None:
    actor = aa()
    person = person_new(forenames="John", surname="Smith")
    item = outcome_new(actor=actor, person=person)
    publication_item_directions_record(actor=actor, item_id=item.pk, officer_not_named=True,
                                       other_names_withheld=True, restricted=False)
    publication_item_review(actor=actor, item_id=item.pk,
                            public_summary="PC Smith pushed a member of the public.",
                            public_finding="Gross misconduct", public_action="Dismissal")
    publication_item_approve(actor=actor, item_id=item.pk)
    publication_item_publish(actor=actor, item_id=item.pk)
    page = Client().get(reverse("portal:outcome_detail", args=[item.pk])).content.decode()
    assert "Smith" not in page
    assert "John" not in page
    assert "An officer" in page
    assert "PC the officer pushed a member of the public." in page
    assert "Other names have been withheld" in page


@freeze_time("2025-04-14 10:00:00+01:00")
def test_hearings_page_lists_upcoming_notices_and_hides_past_ones() -> None:
    actor = aa()
    upcoming = published(notice_new(actor=actor, hearing_date=dt.date(2025, 5, 6)), actor=actor)
    soon = published(notice_new(actor=actor, hearing_date=dt.date(2025, 4, 15),
                                matter_ref="M-SOON"), actor=actor, override_reason="Late listing")
    client = Client()
    assert client.get(reverse("portal:hearing_detail", args=[upcoming.pk])).status_code == 200
    assert client.get(reverse("portal:outcome_detail", args=[upcoming.pk])).status_code == 404
    with freeze_time("2025-04-16 09:00:00+01:00"):
        page = client.get(reverse("portal:hearing_list")).content.decode()
        assert f'href="/hearings/{upcoming.pk}/"' in page
        assert f'href="/hearings/{soon.pk}/"' not in page
        assert client.get(reverse("portal:hearing_detail", args=[soon.pk])).status_code == 404


@freeze_time(NOW)
def test_unpublished_item_is_not_found() -> None:
    item = outcome_new()
    assert Client().get(reverse("portal:outcome_detail", args=[item.pk])).status_code == 404


def test_home_links_to_hearings_and_outcomes(db: None) -> None:
    page = Client().get(reverse("portal:home")).content.decode()
    assert 'href="/hearings/"' in page
    assert 'href="/outcomes/"' in page
