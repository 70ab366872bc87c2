"""The barred and advisory list check that vetting runs before granting a clearance
(upright.vetting.checks; registered in ListsConfig.ready)."""

import logging
from typing import Any

from upright.lists.models import Resolution
from upright.lists.services import CheckRequest, list_check_run, lists_imported
from upright.vetting.checks import CheckFinding, CheckSubject

logger = logging.getLogger(__name__)

NAME = "barred_advisory_lists"


def lists_vetting_check(*, actor: Any, subject: CheckSubject) -> list[CheckFinding]:
    """One finding per list entry the check could not rule out: blocking for a probable (or
    confirmed) match, advisory for a possible one. The finding's ref names the entry
    ("barred:BL00042"), not the check, so vetting keeps one finding per entry across re-runs
    with any resolution already recorded; an entry ruled out in the lists pages stays out.

    Before any list has been imported there is nothing to check against: no finding, and a
    warning in the log (the lists page shows that none is imported)."""
    if not lists_imported():
        logger.warning("barred/advisory lists not imported: %s not checked", subject.ref)
        return []
    check = list_check_run(actor=actor, source="vetting", request=CheckRequest(
        subject_ref=subject.ref, person_id=subject.person_id,
        names=((subject.forenames, subject.surname), *subject.other_names),
        date_of_birth=subject.date_of_birth, postcodes=tuple(subject.postcodes)))
    findings = []
    for c in check.candidates.select_related("entry"):
        if c.resolution == Resolution.NOT_SAME:
            continue
        what = "Probable match" if c.blocking else "Possible match to review"
        findings.append(CheckFinding(
            check=NAME, ref=f"{c.list_kind}:{c.entry.entry_ref}", blocking=c.blocking,
            summary=f"{what} on the {c.get_list_kind_display().lower()}: {c.entry.entry_ref} "
                    f"{c.entry.forenames} {c.entry.surname}, {c.entry.former_force} "
                    f"({c.evidence_weight:.1f} bits; list check {check.pk})"))
    return findings
