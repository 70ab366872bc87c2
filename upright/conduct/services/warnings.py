"""Live warnings and what reg 42 allows (PCR 2020 reg 42, uk-process.md §2.5).

How long a warning stays live is reference data ([U]: DeadlineRule "warning_written" and
"warning_final", seeded 18 and 24 months); a warning takes effect when notified (reg 42(4)).
"""

import datetime as dt

from django.utils import timezone

from upright.conduct.choices import DisciplinaryAction as DA
from upright.conduct.choices import Finding, ProceedingsForm
from upright.conduct.models import Outcome
from upright.conduct.services.deadlines import WARNING_FINAL, WARNING_WRITTEN, rule_period_end

_DURATION_RULE = {DA.WRITTEN_WARNING: WARNING_WRITTEN, DA.FINAL_WRITTEN_WARNING: WARNING_FINAL}


def person_has_live_warning(*, person_id: int, on: dt.date, action: str = DA.FINAL_WRITTEN_WARNING
                            ) -> bool:
    """Whether a warning of kind `action` from an earlier outcome in Upright was live on `on`."""
    outcomes = Outcome.objects.filter(subject_id=person_id, disciplinary_action=action,
                                      superseded=False, notified_at__isnull=False)
    for outcome in outcomes:
        assert outcome.notified_at is not None  # noqa: S101 (filtered above)
        start = timezone.localdate(outcome.notified_at)
        end = rule_period_end(code=_DURATION_RULE[DA(action)], start=start)
        if end is not None and start <= on < end:
            return True
    return False


def reg42_allowed(*, forum: str, finding: str, former_officer: bool, dismissal_open: bool
                  ) -> frozenset[str]:
    """The disciplinary actions reg 42 allows. dismissal_open: reg 42(5) or (6) applies."""
    if finding in (Finding.NOT_MISCONDUCT, Finding.DISCONTINUED):
        return frozenset({DA.NO_ACTION})
    allowed: frozenset[str]
    if forum == ProceedingsForm.MEETING:  # reg 42(2): a meeting decides misconduct only
        allowed = (frozenset({DA.WRITTEN_WARNING, DA.FINAL_WRITTEN_WARNING})
                   if finding == Finding.MISCONDUCT else frozenset())
    elif finding == Finding.GROSS_MISCONDUCT:  # reg 42(3); AMH: dismissal or lesser (reg 55)
        allowed = frozenset({DA.FINAL_WRITTEN_WARNING, DA.REDUCTION_IN_RANK,
                             DA.DISMISSAL_WITHOUT_NOTICE})
    else:  # misconduct at a hearing or AMH: dismissal only under reg 42(5)/(6)
        allowed = frozenset({DA.WRITTEN_WARNING, DA.FINAL_WRITTEN_WARNING})
        if dismissal_open:
            allowed |= {DA.REDUCTION_IN_RANK, DA.DISMISSAL_WITHOUT_NOTICE}
    if former_officer:  # the only action for a former officer (PATR r.3; Part 3A)
        return (frozenset({DA.NO_ACTION, DA.WOULD_HAVE_BEEN_DISMISSED})
                if DA.DISMISSAL_WITHOUT_NOTICE in allowed else frozenset({DA.NO_ACTION}))
    return allowed
