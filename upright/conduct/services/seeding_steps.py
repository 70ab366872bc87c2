"""What each step of a seeded route records in the step tables, for the demo force's bulk
history (conduct.services.seeding): the rows the real services write when a matter takes that
step, with the values they would write. Pure: from a MatterSeed to plain facts, no queries.

Rates (assumptions, uk-process.md §7.2 and §7.3 headlines):
- meetings: misconduct proven for 79% of officers; a written (55%) or final written warning;
- hearings on gross misconduct: gross misconduct proven 78%, misconduct 9%, not proven 13%;
  most proven gross misconduct ends in dismissal (72%), a former officer "would have been
  dismissed"; accelerated hearings (special conditions met) prove gross misconduct 95%;
- an appeal from a meeting is upheld 30% of the time, a PAT appeal (12% of hearing outcomes
  with a finding) 20%; an upheld appeal supersedes the outcome as `decide_appeal` does;
- complaint outcomes: the IOPC headings, weighted by track; actions "putting it right" are
  recorded for 60% of outcomes where the service was not acceptable and 20% otherwise; a Sch 3
  review is upheld 20% of the time, with recommendations.
- complainants: one per complaint, self-described as a London-like mix (2021 Census, rounded:
  White 54%, Asian 21%, Black 13%, Mixed 6%, Other 6%), with 10% not stating it (half "not
  stated", half left blank); drawn from a stream of their own, independent of the outcome, so
  no disparity by complainant group is built in (any the statistics show is noise).
Each matter draws from its own random streams (seeded by its reference), so adding a table
here never shifts the history or the force generated before it.
"""

import datetime as dt
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.utils import timezone
from faker.providers.person.en_GB import Provider as PersonNames

from upright.conduct.choices import (
    AgeBand,
    AppealDecision,
    CaseToAnswer,
    ComplaintTrack,
    ContactMethod,
    DisciplinaryAction,
    Finding,
    ProceedingsForm,
    ReviewBody,
    ReviewConsequence,
    ReviewDecision,
)
from upright.conduct.states import CLOSED_STATES, MatterStatus
from upright.people.choices import Ethnicity, Sex

S = MatterStatus
DA = DisciplinaryAction
T = TypeVar("T")

# Routes that reach the reg 23 determination: (decision, proceedings, form).
_DETERMINATION: dict[str, tuple[str, bool, str]] = {
    "no_case_to_answer": (CaseToAnswer.NO_CASE, False, ""),
    "iopc_no_case_to_answer": (CaseToAnswer.NO_CASE, False, ""),
    "investigation_rprp": (CaseToAnswer.NO_CASE, False, ""),  # or misconduct, no proceedings
    "meeting": (CaseToAnswer.MISCONDUCT, True, ProceedingsForm.MEETING),
    "meeting_appeal": (CaseToAnswer.MISCONDUCT, True, ProceedingsForm.MEETING),
    "hearing": (CaseToAnswer.GROSS_MISCONDUCT, True, ProceedingsForm.HEARING),
    "iopc_hearing": (CaseToAnswer.GROSS_MISCONDUCT, True, ProceedingsForm.HEARING),
    "criminal_then_hearing": (CaseToAnswer.GROSS_MISCONDUCT, True, ProceedingsForm.HEARING),
    "withdrawn": (CaseToAnswer.GROSS_MISCONDUCT, True, ProceedingsForm.HEARING),
}
# Routes assessed as gross misconduct: the suspension register's candidates.
GROSS_ROUTES = frozenset({"hearing", "iopc_hearing", "criminal_then_hearing",
                          "accelerated_hearing", "withdrawn"})
_FINDINGS: dict[str, list[tuple[str, float]]] = {
    ProceedingsForm.MEETING: [(Finding.MISCONDUCT, 79), (Finding.NOT_MISCONDUCT, 21)],
    ProceedingsForm.HEARING: [(Finding.GROSS_MISCONDUCT, 78), (Finding.MISCONDUCT, 9),
                              (Finding.NOT_MISCONDUCT, 13)],
    ProceedingsForm.AMH: [(Finding.GROSS_MISCONDUCT, 95), (Finding.MISCONDUCT, 2),
                          (Finding.NOT_MISCONDUCT, 3)],
}
_OUTCOME_WEIGHTS: dict[str, list[tuple[str, float]]] = {
    ComplaintTrack.OUTSIDE_SCH3: [("service_acceptable", 40), ("service_not_acceptable", 12),
                                  ("unable_to_determine", 8), ("no_further_action", 25),
                                  ("regrettable_rprp_learning", 15)],
    ComplaintTrack.SCH3_OTHERWISE: [("service_acceptable", 45), ("service_not_acceptable", 15),
                                    ("unable_to_determine", 15), ("no_further_action", 15),
                                    ("regrettable_rprp_learning", 10)],
    ComplaintTrack.SCH3_INVESTIGATION: [("service_acceptable", 50), ("service_not_acceptable", 25),
                                        ("unable_to_determine", 15),
                                        ("regrettable_rprp_learning", 10)],
}
_ACTIONS = ["An apology was given and the officer's supervisor discussed the incident with them.",
            "The team was reminded of the policy and the procedure was changed.",
            "The complainant's property was returned and the record corrected."]
_CONTACT_METHODS = [(ContactMethod.EMAIL, 50), (ContactMethod.PHONE, 25), (ContactMethod.POST, 20),
                    (ContactMethod.PORTAL, 5)]
RATIONALE = "Synthetic demo record"
E = Ethnicity
# Within each census group, London's larger categories (2021 Census, rounded) [U].
_ETHNICITY: list[tuple[str, float]] = [
    (E.WHITE_BRITISH, 37), (E.WHITE_IRISH, 2), (E.WHITE_GYPSY_TRAVELLER, 0.5), (E.WHITE_ROMA, 0.5),
    (E.WHITE_OTHER, 14), (E.ASIAN_INDIAN, 7.5), (E.ASIAN_PAKISTANI, 3.5),
    (E.ASIAN_BANGLADESHI, 3.5), (E.ASIAN_CHINESE, 1.5), (E.ASIAN_OTHER, 5), (E.BLACK_AFRICAN, 8),
    (E.BLACK_CARIBBEAN, 4), (E.BLACK_OTHER, 1), (E.MIXED_WHITE_BLACK_CARIBBEAN, 1.5),
    (E.MIXED_WHITE_BLACK_AFRICAN, 1), (E.MIXED_WHITE_ASIAN, 1.5), (E.MIXED_OTHER, 2),
    (E.OTHER_ARAB, 1.5), (E.OTHER_ANY, 4.5)]
_SEX = [(Sex.MALE, 55), (Sex.FEMALE, 42), (Sex.NOT_STATED, 3)]
_AGE = [(AgeBand.UNDER_18, 3), (AgeBand.AGE_18_24, 12), (AgeBand.AGE_25_34, 24),
        (AgeBand.AGE_35_44, 22), (AgeBand.AGE_45_54, 18), (AgeBand.AGE_55_64, 12),
        (AgeBand.AGE_65_PLUS, 6), (AgeBand.NOT_STATED, 3)]
# Faker's en_GB name lists, drawn with the complainant's own stream (no Faker instance: a
# reseed per complainant costs more than the rest of the complaint's facts).
_FORENAMES = {True: PersonNames.first_names_female, False: PersonNames.first_names_male}
_SURNAMES = list(PersonNames.last_names)
_SURNAME_WEIGHTS = list(itertools.accumulate(PersonNames.last_names.values()))
_STREET_SUFFIXES = ["Road", "Street", "Avenue", "Lane", "Close", "Gardens", "Way", "Grove",
                    "Place", "Crescent", "Court", "Terrace"]


@dataclass(frozen=True)
class OutcomeFacts:
    """One Outcome row and its AllegationFinding rows (allegation index in the seed)."""

    subject_id: int
    forum: str
    finding: str
    action: str
    concluded_on: dt.date
    notified_at: dt.datetime | None
    superseded: bool = False
    findings: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class ComplainantFacts:
    """The complainant of a seeded complaint (self-described fields may be blank)."""

    name: str
    email: str
    phone: str
    address: str
    preferred_contact: str
    ethnicity: str
    sex: str
    age_band: str


@dataclass(frozen=True)
class ProceedingsCase:
    """A matter assessed as gross misconduct, for the suspension register: when it was assessed
    and when (and how) it ended, if it has."""

    reference: str
    compartment: str
    subject_ids: tuple[int, ...]
    assessed_at: dt.datetime
    ended_at: dt.datetime | None
    end_reason: str  # "proceedings_concluded" | "no_proceedings" | ""
    criminal: bool


@dataclass
class StepFacts:
    """Matter columns and step-table rows a seeded matter's history implies."""

    complaint_track: str = ""
    special_procedures: bool = False
    complaint_outcome: str = ""
    complainant_notified_at: dt.datetime | None = None
    review_body: str = ""
    review_body_reason: str = ""
    proceedings_form: str = ""
    former_officer: bool = False
    investigator_id: int | None = None
    # The reg 23 decision: decision, whether proceedings follow, form, severity day, when.
    case_decision: tuple[str, bool, str, dt.date | None, dt.datetime] | None = None
    proceedings_on: dt.date | None = None  # the day proceedings were held, once they were
    # The complaint's outcome: track, category code, actions taken, RPRP, when decided.
    complaint_outcome_row: tuple[str, str, str, bool, dt.datetime] | None = None
    # Updates to the complainant: stage, action, when, method, summary.
    contacts: list[tuple[str, str, dt.datetime, str, str]] = field(default_factory=list)
    # A review: received, last day, body and why, grounds, decision, consequence, when.
    review: tuple[dt.date, dt.date, str, str, str, str, str, str, dt.datetime | None] | None = (
        None)
    outcomes: list[OutcomeFacts] = field(default_factory=list)
    # Appeals: kind, grounds, day lodged, decision, substituted action, when decided.
    appeals: list[tuple[str, list[str], dt.date, str, str, dt.datetime | None]] = field(
        default_factory=list)
    gross_case: ProceedingsCase | None = None
    complainant: ComplainantFacts | None = None


@dataclass(frozen=True)
class StepContext:
    """What the facts depend on beyond the seed: the investigators to appoint (user id,
    person id or None), each person's last day (for former officers), and the cut-off."""

    investigators: Sequence[tuple[int, int | None]]
    person_end: dict[int, dt.date | None]
    cutoff: dt.datetime


class _Steps:
    """When each status of a route was reached, for the steps taken so far."""

    def __init__(self, route: Sequence[str], times: Sequence[dt.datetime]) -> None:
        self.taken = list(route[: len(times)])
        self.times = list(times)

    def at(self, status: str) -> dt.datetime | None:
        return self.times[self.taken.index(status)] if status in self.taken else None

    def after(self, status: str) -> dt.datetime | None:
        """When the step out of `status` was taken (its first visit)."""
        if status not in self.taken:
            return None
        index = self.taken.index(status) + 1
        return self.times[index] if index < len(self.times) else None

    @property
    def closed_at(self) -> dt.datetime | None:
        return self.times[-1] if self.taken and self.taken[-1] in CLOSED_STATES else None


def step_facts(*, reference: str, kind: str, track: str, route: str,
               route_statuses: Sequence[str], step_times: Sequence[dt.datetime],
               subject_ids: Sequence[int], compartment: str, attention: dt.datetime,
               context: StepContext) -> StepFacts:
    """The facts for one seeded matter (see the module docstring for the rates)."""
    rng = random.Random(f"steps:{reference}")  # noqa: S311 (synthetic demo data)
    steps = _Steps(route_statuses, step_times)
    facts = StepFacts()
    _investigator(facts, rng, steps, subject_ids, context)
    _determination(facts, rng, route, steps)
    _outcomes(facts, rng, route, steps, subject_ids, context)
    if kind == "complaint":
        _complaint(facts, rng, track, route, steps, attention, context)
        facts.complainant = _complainant(reference, facts.contacts)
    if route in GROSS_ROUTES:
        assessed = steps.after(S.SEVERITY_ASSESSMENT_PENDING)
        if assessed is not None:
            ended = steps.at(S.OUTCOME_NOTIFIED) or steps.at(S.WITHDRAWN)
            reason = ("" if ended is None else "no_proceedings" if route == "withdrawn"
                      else "proceedings_concluded")
            facts.gross_case = ProceedingsCase(
                reference=reference, compartment=compartment,
                subject_ids=tuple(dict.fromkeys(subject_ids)), assessed_at=assessed,
                ended_at=ended, end_reason=reason, criminal=route == "criminal_then_hearing")
    return facts


def _investigator(facts: StepFacts, rng: random.Random, steps: _Steps,
                  subject_ids: Sequence[int], context: StepContext) -> None:
    if S.UNDER_INVESTIGATION not in steps.taken or not context.investigators:
        return
    pool = context.investigators
    start = rng.randrange(len(pool))
    for offset in range(len(pool)):  # never the subject of the matter (conflict of interest)
        user_id, person_id = pool[(start + offset) % len(pool)]
        if person_id is None or person_id not in subject_ids:
            facts.investigator_id = user_id
            return


def _determination(facts: StepFacts, rng: random.Random, route: str, steps: _Steps) -> None:
    severity_at = steps.after(S.SEVERITY_ASSESSMENT_PENDING)
    severity_on = timezone.localdate(severity_at) if severity_at else None
    if route == "accelerated_hearing":  # reg 49: special conditions met, straight to an AMH
        decided = steps.at(S.AMH_PATH)
        if decided is not None:
            facts.case_decision = (CaseToAnswer.GROSS_MISCONDUCT, True, ProceedingsForm.AMH,
                                   severity_on, decided)
            facts.proceedings_form = ProceedingsForm.AMH
        return
    if route not in _DETERMINATION:
        return
    decided = steps.after(S.CASE_TO_ANSWER_DETERMINATION)
    if decided is None:
        return
    decision, proceedings, form = _DETERMINATION[route]
    if route == "investigation_rprp" and rng.random() < 0.4:
        decision = CaseToAnswer.MISCONDUCT  # a case to answer, but reflective practice instead
    facts.case_decision = (decision, proceedings, form, severity_on, decided)
    facts.proceedings_form = form
    held = steps.at(S.PROCEEDINGS_HELD)
    facts.proceedings_on = timezone.localdate(held) if held else None


def _outcomes(facts: StepFacts, rng: random.Random, route: str, steps: _Steps,
              subject_ids: Sequence[int], context: StepContext) -> None:
    form = facts.proceedings_form
    held = steps.at(S.OUTCOME_NOTIFIED) if form == ProceedingsForm.AMH else steps.at(
        S.PROCEEDINGS_HELD)
    if not form or held is None:
        return
    concluded_on = timezone.localdate(held)
    notified = steps.at(S.OUTCOME_NOTIFIED)
    subjects = list(dict.fromkeys(subject_ids))
    former = all((end := context.person_end.get(pid)) is not None and end <= concluded_on
                 for pid in subjects)
    facts.former_officer = former and form != ProceedingsForm.MEETING
    for number, subject in enumerate(subjects):
        finding = _weighted(rng, _FINDINGS[form])
        if route == "meeting_appeal" and number == 0:
            finding = Finding.MISCONDUCT  # an appeal needs a finding to appeal against
        mine = [i for i, pid in enumerate(subject_ids) if pid == subject]
        per_allegation = [(i, finding if (n == 0 or rng.random() < 0.7) else
                           Finding.NOT_MISCONDUCT) for n, i in enumerate(mine)]
        if finding == Finding.NOT_MISCONDUCT:
            per_allegation = [(i, Finding.NOT_MISCONDUCT) for i in mine]
        facts.outcomes.append(OutcomeFacts(
            subject_id=subject, forum=form, finding=finding,
            action=_action(rng, form, finding, facts.former_officer),
            concluded_on=concluded_on, notified_at=notified, findings=tuple(per_allegation)))
    _appeals(facts, rng, route, steps, context)


def _action(rng: random.Random, form: str, finding: str, former: bool) -> str:
    """A disciplinary action reg 42 allows for the finding (conduct.services.warnings)."""
    if finding not in (Finding.MISCONDUCT, Finding.GROSS_MISCONDUCT):
        return DA.NO_ACTION
    if former:
        return (DA.WOULD_HAVE_BEEN_DISMISSED if finding == Finding.GROSS_MISCONDUCT
                and rng.random() < 0.88 else DA.NO_ACTION)
    if finding == Finding.MISCONDUCT:
        return DA.WRITTEN_WARNING if rng.random() < (0.55 if form == ProceedingsForm.MEETING
                                                      else 0.4) else DA.FINAL_WRITTEN_WARNING
    dismissal = 0.88 if form == ProceedingsForm.AMH else 0.72
    return _weighted(rng, [(DA.DISMISSAL_WITHOUT_NOTICE, dismissal),
                           (DA.FINAL_WRITTEN_WARNING, (1 - dismissal) * 0.7),
                           (DA.REDUCTION_IN_RANK, (1 - dismissal) * 0.3)])


_LESSER: dict[str, str] = {DA.DISMISSAL_WITHOUT_NOTICE: DA.FINAL_WRITTEN_WARNING,
           DA.REDUCTION_IN_RANK: DA.FINAL_WRITTEN_WARNING,
           DA.FINAL_WRITTEN_WARNING: DA.WRITTEN_WARNING, DA.WRITTEN_WARNING: DA.NO_ACTION}


def _appeals(facts: StepFacts, rng: random.Random, route: str, steps: _Steps,
             context: StepContext) -> None:
    found = [o for o in facts.outcomes if o.finding in (Finding.MISCONDUCT,
                                                        Finding.GROSS_MISCONDUCT)]
    if not found:
        return
    if route == "meeting_appeal":
        lodged = steps.at(S.APPEAL_MEETING)
        if lodged is None:
            return
        decided = steps.closed_at
        upheld = decided is not None and rng.random() < 0.3
        _appeal_add(facts, "meeting", ["a"] if rng.random() < 0.7 else ["a", "c"],
                    timezone.localdate(lodged), decided, upheld)
        return
    notified = steps.at(S.OUTCOME_NOTIFIED)
    if facts.proceedings_form == ProceedingsForm.MEETING or notified is None or (
            rng.random() >= 0.12):
        return
    lodged_on = timezone.localdate(notified) + dt.timedelta(days=rng.randint(10, 25))
    if lodged_on >= timezone.localdate(context.cutoff):
        return
    decided_at: dt.datetime | None = notified + dt.timedelta(days=rng.randint(90, 240))
    if decided_at is not None and decided_at >= context.cutoff:
        decided_at = None
    _appeal_add(facts, "pat", ["a"], lodged_on, decided_at,
                decided_at is not None and rng.random() < 0.2)


def _appeal_add(facts: StepFacts, kind: str, grounds: list[str], lodged_on: dt.date,
                decided_at: dt.datetime | None, upheld: bool) -> None:
    """An appeal, and on an upheld one the replacement outcomes `decide_appeal` writes: the
    lesser action (no action clears the finding), concluded and notified on the decision, no
    allegation findings of their own; the originals are kept, superseded."""
    decision = "" if decided_at is None else (AppealDecision.UPHELD if upheld
                                              else AppealDecision.DISMISSED)
    substituted = ""
    if upheld and decided_at is not None:
        worst = min(facts.outcomes, key=lambda o: list(_LESSER).index(o.action)
                    if o.action in _LESSER else len(_LESSER))
        substituted = _LESSER.get(worst.action, str(DA.NO_ACTION))
        if kind == "meeting" and substituted not in (DA.NO_ACTION, DA.WRITTEN_WARNING,
                                                     DA.FINAL_WRITTEN_WARNING):
            substituted = DA.WRITTEN_WARNING
        originals = [OutcomeFacts(**{**o.__dict__, "superseded": True}) for o in facts.outcomes]
        replacements = [OutcomeFacts(
            subject_id=o.subject_id, forum=o.forum,
            finding=o.finding if substituted != DA.NO_ACTION else Finding.NOT_MISCONDUCT,
            action=substituted, concluded_on=timezone.localdate(decided_at),
            notified_at=decided_at) for o in facts.outcomes]
        facts.outcomes = originals + replacements
    facts.appeals.append((kind, grounds, lodged_on, decision, substituted, decided_at))


def _complaint(facts: StepFacts, rng: random.Random, track: str, route: str, steps: _Steps,
               attention: dt.datetime, context: StepContext) -> None:
    # The track is known once the complaint is handled, assessed for investigation or closed.
    if track == "outside_sch3" and steps.taken:
        facts.complaint_track = ComplaintTrack.OUTSIDE_SCH3
    elif S.INVESTIGATOR_APPOINTMENT_PENDING in steps.taken:
        facts.complaint_track = ComplaintTrack.SCH3_INVESTIGATION
        facts.special_procedures = True  # assessed as misconduct (seeding._SEVERITY)
    elif set(steps.taken) & {S.HANDLED_OTHERWISE, S.CLOSED_NFA, S.RPRP, S.VETTING_ROUTE}:
        facts.complaint_track = ComplaintTrack.SCH3_OTHERWISE
    first = attention + dt.timedelta(days=rng.lognormvariate(1.0, 0.6))
    if first < context.cutoff:
        facts.contacts.append(("recorded", "update", first, _weighted(rng, _CONTACT_METHODS),
                               "We have recorded your complaint and will keep you updated."))
    decided, code, rprp = _complaint_outcome_point(rng, route, steps, facts.complaint_track)
    if decided is None or not facts.complaint_track:
        return
    acceptable = code == "service_acceptable"
    actions = rng.choice(_ACTIONS) if rng.random() < (0.6 if code == "service_not_acceptable"
                                                      else 0.2 if not acceptable else 0.1) else ""
    facts.complaint_outcome_row = (facts.complaint_track, code, actions, rprp, decided)
    facts.complaint_outcome = code
    review_at = steps.at(S.REVIEW_REQUESTED)
    notified = (decided + (review_at - decided) * 0.3 if review_at is not None
                else steps.closed_at)
    if notified is None:
        return
    facts.complainant_notified_at = notified
    body = (ReviewBody.IOPC if facts.complaint_track == ComplaintTrack.SCH3_INVESTIGATION
            else ReviewBody.LOCAL_POLICING_BODY)
    facts.review_body = body
    facts.review_body_reason = ("The complaint was investigated (CMR reg 32)."
                                if body == ReviewBody.IOPC else
                                "None of the reg 32 conditions for an IOPC review applies.")
    facts.contacts.append(("outcome", "notify_complainant_outcome", notified,
                           _weighted(rng, _CONTACT_METHODS), f"Outcome letter: {code}."))
    if review_at is not None:
        closed = steps.closed_at
        upheld = closed is not None and rng.random() < 0.2
        facts.review = (
            timezone.localdate(review_at), timezone.localdate(notified) + dt.timedelta(days=28),
            body, facts.review_body_reason, "The complainant disagrees with the outcome.",
            "" if closed is None else ReviewDecision.UPHELD if upheld else ReviewDecision.NOT_UPHELD,
            ReviewConsequence.RECOMMENDATIONS if upheld else "",
            "Apologise to the complainant and record the learning." if upheld else "", closed)


def _complainant(reference: str, contacts: Sequence[tuple[str, str, dt.datetime, str, str]]
                 ) -> ComplainantFacts:
    """Who complained. Their own stream, so the step draws above never move and nothing here
    depends on the outcome; they prefer the way they were first contacted."""
    rng = random.Random(f"complainant:{reference}")  # noqa: S311 (synthetic demo data)
    stated = rng.random() >= 0.10
    ethnicity = (_weighted(rng, _ETHNICITY) if stated else
                 E.NOT_STATED if rng.random() < 0.5 else "")
    sex = _weighted(rng, _SEX)
    female = sex == Sex.FEMALE or (sex == Sex.NOT_STATED and rng.random() < 0.5)
    forename = rng.choice(_FORENAMES[female])
    surname = rng.choices(_SURNAMES, cum_weights=_SURNAME_WEIGHTS)[0]
    method = contacts[0][3] if contacts else _weighted(rng, _CONTACT_METHODS)
    local = "".join(c for c in f"{forename}.{surname}".lower() if c.isalnum() or c == ".")
    email = (f"{local}{rng.randint(1, 99)}@example.org"
             if method in (ContactMethod.EMAIL, ContactMethod.PORTAL) else "")
    phone = (f"+447{rng.randint(100, 999)}{rng.randint(0, 999999):06d}"
             if method == ContactMethod.PHONE else "")
    address = (f"{rng.randint(1, 240)} {rng.choice(_SURNAMES)} {rng.choice(_STREET_SUFFIXES)}, London"
               if method == ContactMethod.POST else "")
    return ComplainantFacts(name=f"{forename} {surname}", email=email, phone=phone,
                            address=address, preferred_contact=method, ethnicity=ethnicity,
                            sex=sex, age_band=_weighted(rng, _AGE))


def _complaint_outcome_point(rng: random.Random, route: str, steps: _Steps, track: str
                             ) -> tuple[dt.datetime | None, str, bool]:
    """When the complaint's outcome was decided (None: not yet), its heading, and RPRP."""
    if route in ("nfa_at_recording", "nfa_at_severity"):
        return steps.at(S.CLOSED_NFA), "no_further_action", False
    if route == "rprp":
        return steps.at(S.RPRP), "regrettable_rprp_learning", True
    if route == "handled_otherwise_review":
        handled, review = steps.at(S.HANDLED_OTHERWISE), steps.at(S.REVIEW_REQUESTED)
        decided = None if handled is None or review is None else handled + (review - handled) / 2
    elif route == "handled_otherwise":
        decided = steps.after(S.HANDLED_OTHERWISE)
    else:
        decided = steps.after(S.CASE_TO_ANSWER_DETERMINATION)
    if decided is None or not track:
        return None, "", False
    code = _weighted(rng, _OUTCOME_WEIGHTS[track])
    return decided, code, route == "investigation_rprp" or (
        code == "regrettable_rprp_learning" and route != "handled_otherwise")


def _weighted(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    draw = rng.random() * sum(w for _, w in options)
    for value, weight in options:
        draw -= weight
        if draw < 0:
            return value
    return options[-1][0]
