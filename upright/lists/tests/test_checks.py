
"""Checking people against the lists with the screening linkage, not exact match."""

import datetime as dt
from typing import cast

import pytest

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.core.exceptions import ActionForbidden, NotFound
from upright.lists.models import ListCheck, ListEntry
from upright.lists.selectors import list_check_history_entries, list_checks_visible_to
from upright.lists.services import CheckRequest, list_candidate_resolve, list_check_run
from upright.lists.vetting_check import NAME
from upright.people.models import Person
from upright.people.tests.factories import PersonFactory
from upright.vetting.checks import CheckSubject, vetting_checks_run


def _check(actor, names, dob, **kw):
    return list_check_run(actor=actor, request=CheckRequest(
        subject_ref=kw.pop("ref", "manual"), names=names, date_of_birth=dob, **kw))


def _exact_match_finds(names, dob):
    """What an exact look-up on name and date of birth would find."""
    return ListEntry.objects.filter(forenames__iexact=names[0][0], surname__iexact=names[0][1],
                                    date_of_birth=dob).exists()


@pytest.mark.parametrize(("names", "dob", "level"), [
    ((("Bill", "Hargreaves"),), dt.date(1984, 7, 3), ("forename", {"nickname-equivalent"})),
    # The alias HARGREAVES-BOYD scores higher on Jaro-Winkler than HARGREAVES on the typo.
    ((("William", "Hargraves"),), dt.date(1984, 3, 7),
     ("surname", {"one-letter typo", "Jaro-Winkler >= 0.88"})),
    ((("Will", "Hargreaves-Boyd"),), dt.date(1984, 3, 7), ("surname", {"exact"})),
])
def test_variants_an_exact_match_misses_are_found(lists, vetting_officer, names, dob, level):
    assert not _exact_match_finds(names, dob)
    check = _check(vetting_officer, names, dob, sex="M")
    top = check.candidates.first()
    assert (check.outcome, top.entry.entry_ref, top.band) == ("match", "BL-T1", "match")
    parts = {p["comparison"]: p["level"] for p in top.explanation["comparisons"]}
    assert parts[level[0]] in level[1]
    assert top.probability > 0.99


def test_transposed_date_of_birth_is_found(lists, vetting_officer):
    check = _check(vetting_officer, (("William", "Hargreaves"),), dt.date(1984, 7, 3))
    top = check.candidates.first()
    assert (top.entry.entry_ref, top.band) == ("BL-T1", "match")
    parts = {p["comparison"]: p["level"] for p in top.explanation["comparisons"]}
    assert parts["dob"] == "day and month transposed"


def test_a_previous_name_is_checked_against_the_advisory_list(lists, vetting_officer):
    check = _check(vetting_officer, (("Sarah", "Jones"), ("Sarah", "Pennington")),
                   dt.date(1990, 11, 23))
    top = check.candidates.first()
    assert (top.entry.entry_ref, top.list_kind, top.band) == ("AL-1", "advisory", "match")


def test_a_different_person_with_a_similar_name_is_not_blocking(lists, vetting_officer):
    similar = _check(vetting_officer, (("William", "Hargraves"),), dt.date(1979, 6, 14))
    assert similar.outcome == "no_match"
    assert similar.candidates.count() == 0
    namesake = _check(vetting_officer, (("William", "Hargreaves"),), dt.date(1962, 1, 30))
    # Same name, another date of birth: at most a possible match to review, never blocking.
    assert namesake.outcome in ("review", "no_match")
    assert [c for c in namesake.candidates.all() if c.blocking] == []


def test_the_vetting_check_blocks_a_probable_match_until_ruled_out(lists, vetting_officer):
    person = cast(Person, PersonFactory(forenames="Bill", surname="Hargreaves",
                           date_of_birth=dt.date(1984, 7, 3)))
    subject = CheckSubject(ref=f"person:{person.pk}", forenames="Bill", surname="Hargreaves",
                           date_of_birth=dt.date(1984, 7, 3), person_id=person.pk)
    [finding] = [f for f in vetting_checks_run(actor=vetting_officer, subject=subject)
                 if f.check == NAME]
    assert (finding.blocking, finding.ref) == (True, "barred:BL-T1")
    check = ListCheck.objects.get()
    assert f"list check {check.pk}" in finding.summary
    candidate = check.candidates.get(entry__entry_ref="BL-T1")
    list_candidate_resolve(actor=vetting_officer, candidate_id=candidate.pk,
                           resolution="not_same_person",
                           reason="Different force history; verified with the College")
    check.refresh_from_db()
    assert check.outcome == "no_match"
    # The next check of the same person carries the resolution: no longer blocking.
    assert [f for f in vetting_checks_run(actor=vetting_officer, subject=subject)
            if f.check == NAME] == []
    event = AuditEvent.objects.get(action="lists.candidate.resolved")
    assert event.extra["new"] == "not_same_person"


def test_no_lists_imported_means_no_finding_and_no_linkage(db, vetting_officer):
    check = _check(vetting_officer, (("Ann", "Lee"),), dt.date(1980, 1, 1))
    assert (check.outcome, check.barred_import_id, check.candidates.count()) == ("no_match",
                                                                                 None, 0)
    subject = CheckSubject(ref="application:1", forenames="Ann", surname="Lee",
                           date_of_birth=dt.date(1980, 1, 1))
    assert [f for f in vetting_checks_run(actor=None, subject=subject) if f.check == NAME] == []
    assert ListCheck.objects.count() == 1  # the vetting call wrote nothing


def test_an_applicant_is_checked_with_every_name_through_vetting(lists, make_user):
    """The grant flow's check needs no lists permission of its own (vetting checked)."""
    subject = CheckSubject(ref="application:9", forenames="Sarah", surname="Jones",
                           date_of_birth=dt.date(1990, 11, 23),
                           other_names=(("Sarah", "Pennington"),), postcodes=("LS1 1AA",))
    [finding] = [f for f in vetting_checks_run(actor=make_user(Role.APPROPRIATE_AUTHORITY),
                                               subject=subject) if f.check == NAME]
    assert (finding.ref, finding.blocking) == ("advisory:AL-1", True)


def test_permissions_and_history(lists, vetting_officer, make_user):
    person = cast(Person, PersonFactory(forenames="William", surname="Hargreaves"))
    check = _check(vetting_officer, (("William", "Hargreaves"),), dt.date(1984, 3, 7),
                   person_id=person.pk, ref=f"person:{person.pk}")
    [entry] = list_check_history_entries(user=vetting_officer, person_id=person.pk)
    assert (entry.kind, entry.ref) == ("list_check", f"listcheck:{check.pk}")
    assert list_check_history_entries(user=make_user(Role.ASSESSOR), person_id=person.pk) == []
    own = make_user(Role.VETTING_OFFICER, person=person)
    assert list(list_checks_visible_to(user=own)) == []
    with pytest.raises(NotFound):
        list_candidate_resolve(actor=own, candidate_id=check.candidates.first().pk,
                               resolution="not_same_person", reason="It is not me")
    with pytest.raises(ActionForbidden):
        _check(make_user(Role.ASSESSOR), (("A", "B"),), dt.date(1980, 1, 1))
