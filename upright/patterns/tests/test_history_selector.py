"""The merged timeline: labels for closed matters, order, counts, filters, the source
registry, and a bounded number of queries whatever the size of the history."""

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from upright.access.roles import Role
from upright.conduct.tests.factories import matter_in, person_new
from upright.core.exceptions import NotFound
from upright.core.history import HISTORY_KINDS, HistoryEntry
from upright.patterns import history
from upright.patterns.history import HistorySource, person_history
from upright.patterns.tests.history_factories import (  # noqa: F401  (own_sources: fixture)
    OWN_SOURCES,
    own_sources,
    plant,
    refs,
)

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("own_sources")
def test_closed_matters_are_in_and_labelled(make_user: Any) -> None:
    planted = plant()
    entries = {e.ref: e for e in person_history(user=make_user(Role.APPROPRIATE_AUTHORITY),
                                                person_id=planted.person.id).entries}
    nfa, no_case = entries[planted.nfa.reference], entries[planted.no_case.reference]
    assert (nfa.kind, nfa.status) == ("conduct_matter", "closed: no further action")
    assert (no_case.kind, no_case.status) == ("conduct_matter", "closed: no case to answer")
    assert nfa.closed_at is not None
    assert no_case.closed_at is not None
    assert nfa.categories == ("G5",)
    assert no_case.categories == ("A1",)
    complaint = entries[planted.complaint.reference]
    assert (complaint.kind, complaint.status, complaint.closed_at) == (
        "complaint", "open: complaint: initial handling", None)
    assert complaint.url == f"/staff/conduct/matters/{planted.complaint.reference}/"
    assert entries[f"suspension:{planted.suspension.pk}"].status == "active"
    assert entries["TVP-1"].status == "no case to answer"
    assert history.entry_is_closed(nfa)
    assert not history.entry_is_closed(complaint)


@pytest.mark.usefixtures("own_sources")
def test_most_recent_first_with_counts_for_every_kind(make_user: Any) -> None:
    planted = plant()
    result = person_history(user=make_user(Role.APPROPRIATE_AUTHORITY), person_id=planted.person.id)
    times = [e.occurred_at for e in result.entries]
    assert times == sorted(times, reverse=True)
    assert result.entries[-1].ref == "TVP-1"  # 2015, the oldest
    assert list(result.counts) == list(HISTORY_KINDS)
    assert {k: n for k, n in result.counts.items() if n} == {
        "complaint": 1, "conduct_matter": 2, "suspension": 1, "screening_hit": 1,
        "prior_force": 1}
    assert result.kinds == ["complaint", "conduct_matter", "suspension", "screening_hit",
                            "prior_force"]
    assert result.person_name == planted.person.full_name


@pytest.mark.usefixtures("own_sources")
def test_filters_by_kind_and_date(make_user: Any) -> None:
    planted = plant()
    user = make_user(Role.APPROPRIATE_AUTHORITY)
    only = person_history(user=user, person_id=planted.person.id, kinds=["complaint", "prior_force"])
    assert refs(only) == {planted.complaint.reference, "TVP-1"}
    today = timezone.localdate()
    recent = person_history(user=user, person_id=planted.person.id,
                            date_from=today - dt.timedelta(days=400), date_to=today)
    assert planted.nfa.reference not in refs(recent)
    assert planted.complaint.reference in refs(recent)
    old = person_history(user=user, person_id=planted.person.id, date_to=dt.date(2015, 5, 1))
    assert refs(old) == {"TVP-1"}


def test_unknown_person_is_not_found(make_user: Any) -> None:
    with pytest.raises(NotFound):
        person_history(user=make_user(Role.APPROPRIATE_AUTHORITY), person_id=987654)


def _fake_entries(*, user: Any, person_id: int) -> list[HistoryEntry]:
    return [HistoryEntry(occurred_at=timezone.now(), kind="vetting", ref="clearance:1",
                         title="NPPV3 granted", status="active")]


def test_registry_skips_missing_sources_and_merges_the_rest(
        make_user: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history, "HISTORY_SOURCES", (
        HistorySource("missing_module", "upright.no_such_app.selectors", "x_history_entries"),
        HistorySource("missing_function", "upright.conduct.selectors", "no_such_entries"),
        HistorySource("fake", __name__, "_fake_entries"),
    ))
    result = person_history(user=make_user(Role.APPROPRIATE_AUTHORITY),
                            person_id=person_new().id)
    assert [e.ref for e in result.entries] == ["clearance:1"]
    assert result.skipped == ("missing_module", "missing_function")


def test_every_registered_source_runs_together(make_user: Any) -> None:
    """The real registry, other apps' sources included (those written so far)."""
    planted = plant()
    result = person_history(user=make_user(Role.APPROPRIATE_AUTHORITY), person_id=planted.person.id)
    assert {planted.nfa.reference, planted.complaint.reference, "TVP-1"} <= refs(result)
    assert set(result.skipped) <= {s.name for s in history.HISTORY_SOURCES} - {
        s.name for s in OWN_SOURCES}


@pytest.mark.usefixtures("own_sources")
def test_queries_do_not_grow_with_the_history(make_user: Any) -> None:
    reader = make_user(Role.APPROPRIATE_AUTHORITY)
    reader.compartment_codes()  # cached on the user after the first read

    def queries_for(matters: int) -> int:
        person = person_new()
        for _ in range(matters):
            matter_in("closed_nfa", subjects=[person])
        with CaptureQueriesContext(connection) as ctx:
            result = person_history(user=reader, person_id=person.id)
        assert result.counts["conduct_matter"] == matters
        return len(ctx.captured_queries)

    assert queries_for(2) == queries_for(7)


def _must_not_run(*, user: Any, person_id: int) -> list[HistoryEntry]:
    raise AssertionError("a source outside the kind filter was read")


def test_a_kind_filtered_read_skips_sources_that_cannot_match(
        make_user: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history, "HISTORY_SOURCES", (
        HistorySource("fake", __name__, "_fake_entries", ("vetting",)),
        HistorySource("other", __name__, "_must_not_run", ("list_check",)),
    ))
    result = person_history(user=make_user(Role.APPROPRIATE_AUTHORITY),
                            person_id=person_new().id, kinds=iter(["vetting"]))
    assert [e.ref for e in result.entries] == ["clearance:1"]
