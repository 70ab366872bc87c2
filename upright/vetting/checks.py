"""Checks a vetting decision must run before it is made, supplied by apps above vetting.

The barred and advisory list check (uk-process.md §6.3: "vetting must query both lists") uses
the screening linkage, which sits above vetting, so vetting cannot import it. Instead the
`lists` app registers its check here in its AppConfig.ready(), and vetting services call
`vetting_checks_run` before granting a clearance to an applicant or transferee.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CheckSubject:
    """Who is being vetted: an applicant (no Person row yet), a transferee or a serving
    person. ref: the vetting record being decided ("application:12"). person_id: the
    workforce record, None for an applicant. other_names: previous and alternative
    (forenames, surname) pairs; every one is checked. postcodes: current and previous."""

    ref: str
    forenames: str
    surname: str
    date_of_birth: dt.date
    person_id: int | None = None
    other_names: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    postcodes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CheckFinding:
    """check: the registered check's name ("barred_list"). ref: the finding's own record
    ("listcheck:7"). summary: one line for the vetting officer. blocking: True when the
    decision must not go ahead until a person has resolved the finding."""

    check: str
    ref: str
    summary: str
    blocking: bool


VettingCheck = Callable[..., list[CheckFinding]]  # called as check(actor=..., subject=...)

_CHECKS: dict[str, VettingCheck] = {}


def vetting_check_register(*, name: str, check: VettingCheck) -> None:
    _CHECKS[name] = check


def vetting_checks_run(*, actor: object, subject: CheckSubject) -> list[CheckFinding]:
    """Every registered check's findings for `subject`, in registration order."""
    findings: list[CheckFinding] = []
    for check in _CHECKS.values():
        findings.extend(check(actor=actor, subject=subject))
    return findings
