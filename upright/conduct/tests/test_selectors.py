import datetime as dt

import pytest
from django.utils import timezone
from freezegun import freeze_time

from upright.access.roles import Role
from upright.conduct.selectors import (
    deadlines_overdue_visible_to,
    investigator_candidates,
    matter_timeline,
    person_matters_visible_to,
)
from upright.conduct.tests.factories import matter_in, matter_new, person_new

pytestmark = pytest.mark.django_db


def test_person_history_includes_closed_nfa_and_respects_policy(make_user):
    manager = person_new()
    subject = person_new(line_manager=manager)
    open_matter = matter_in("recorded", subjects=[subject])
    closed = matter_in("closed_nfa", subjects=[subject])
    matter_new()  # someone else's
    viewer = make_user(Role.REVIEWER)
    assert set(person_matters_visible_to(user=viewer, person_id=subject.id)) == {open_matter,
                                                                                 closed}
    conflicted = make_user(Role.REVIEWER, person=manager)
    assert person_matters_visible_to(user=conflicted, person_id=subject.id).count() == 0
    assert person_matters_visible_to(user=make_user(Role.STAFF), person_id=subject.id).count() == 0


def test_overdue_deadlines(make_user):
    with freeze_time("2025-01-06 10:00:00+00:00"):
        late = matter_new(came_to_attention_at=timezone.now() - dt.timedelta(days=2))
        closed = matter_in("closed_nfa")
    with freeze_time("2025-01-09 10:00:00+00:00"):
        overdue = list(deadlines_overdue_visible_to(user=make_user(Role.ASSESSOR)))
    assert [(d.matter, d.code) for d in overdue] == [(late, "iopc_referral")]
    assert closed not in [d.matter for d in overdue]


def test_timeline_merges_history_and_audit():
    matter = matter_in("closed_nfa")
    kinds = [(e.kind, e.action) for e in matter_timeline(matter=matter)]
    assert kinds == [("status", "record"), ("audit", "conduct.matter.recorded"),
                     ("status", "close_nfa"), ("audit", "conduct.matter.closed_nfa")]


def test_investigator_candidates_exclude_conflicted(make_user):
    manager = person_new()
    matter = matter_new(subjects=[person_new(line_manager=manager)])
    free = make_user(Role.INVESTIGATOR)
    make_user(Role.INVESTIGATOR, person=manager)
    make_user(Role.ASSESSOR)
    assert investigator_candidates(matter=matter) == [free]
