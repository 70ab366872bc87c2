"""Ten years (by default) of reports and matters for the demo force, at published rates.

Rates (uk-process.md §7.3, IOPC complaints statistics; §7.2 Home Office misconduct), per year for
the Met, scaled per head of a 50,000-strong workforce (the Met's "all 50,000 employees", §8.2):
- 8,339 complaint cases handled outside Schedule 3  -> 166.8 per 1,000 people a year;
- 4,400 complaint cases under Schedule 3            ->  88.0 per 1,000;
- 1,668 misconduct (conduct matter) reports          ->  33.4 per 1,000.
So 288.2 matters per 1,000 people a year: 50,000 people over 10 years give about 144,000.

How they end (assumptions, tuned to the published shape): outside-Sch 3 complaints settle in
about 11 days (Met average); Sch 3 complaints are mostly handled otherwise than by investigation
(about 200 days on average, Met figure 202); conduct matters end "no case to answer" or NFA in
about 55-60% of cases (Casey), the rest in reflective practice or proceedings. A matter whose
later steps fall after the cut-off date is still open there, so the open backlog (a few thousand
for a Met-sized force) comes from the same durations rather than being set by hand.

Subjects: allegations fall mostly on constables and sergeants. Each person has a heavy-tailed
propensity, so a few accumulate many allegations (Casey: "a small cadre ... with a pattern").
Internal misconduct allegations carry the disparity Casey found in the most recent year: Black
staff 81%, Asian 55% and Mixed 41% more likely than White colleagues.
"""

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.utils import timezone

from upright.conduct.choices import MatterKind
from upright.conduct.services.seeding import ROUTE_LENGTHS, AllegationSeed, MatterSeed
from upright.demo.identity import LONDON_DISTRICTS, IdentityMaker
from upright.demo.references import demo_reference
from upright.intake.services.seeding import ReportSeed
from upright.people.models import Person

T = TypeVar("T")

PER_PERSON_YEAR = {"outside_sch3": 8339 / 50_000, "sch3": 4400 / 50_000, "conduct": 1668 / 50_000}
MATTERS_PER_PERSON_YEAR = sum(PER_PERSON_YEAR.values())  # 0.2881

# Route mix per track: (route name, weight). Route names are conduct.services.seeding.ROUTES.
ROUTE_MIX: dict[str, list[tuple[str, float]]] = {
    "outside_sch3": [("handled_otherwise", 1.0)],
    "sch3": [("handled_otherwise", 55), ("handled_otherwise_review", 8), ("nfa_at_recording", 8),
             ("nfa_at_severity", 10), ("no_case_to_answer", 10), ("investigation_rprp", 3),
             ("rprp", 3), ("iopc_no_case_to_answer", 2), ("meeting", 1)],
    "conduct": [("nfa_at_severity", 20), ("no_case_to_answer", 27), ("rprp", 12),
                ("investigation_rprp", 6), ("meeting", 12), ("meeting_appeal", 2), ("hearing", 8),
                ("iopc_hearing", 3), ("criminal_then_hearing", 2), ("accelerated_hearing", 3),
                ("withdrawn", 3), ("vetting", 2)],
}
# Median days from attention to the end of each route (log-normal spread around it).
ROUTE_DAYS = {
    "handled_otherwise": 150, "handled_otherwise_review": 320, "nfa_at_recording": 40,
    "nfa_at_severity": 90, "rprp": 150, "vetting": 200, "no_case_to_answer": 330,
    "investigation_rprp": 300, "iopc_no_case_to_answer": 450, "meeting": 420,
    "meeting_appeal": 500, "hearing": 560, "iopc_hearing": 700, "criminal_then_hearing": 900,
    "accelerated_hearing": 150, "withdrawn": 500,
}
OUTSIDE_SCH3_DAYS = 9
# Allegation category groups (IOPC scheme, §7.3): public complaints vs internal conduct.
CATEGORY_MIX: dict[str, dict[str, float]] = {
    "complaint": {"A": 45, "B": 22, "G": 14, "C": 4, "D": 3, "F": 4, "E": 1.5, "K": 2, "H": 0.5,
                  "J": 0.5, "L": 3.5},
    "conduct": {"K": 25, "G": 15, "D": 12, "H": 10, "J": 10, "A": 12, "F": 6, "B": 5, "C": 2,
                "E": 2, "L": 1},
}
STANDARD_FOR_GROUP = {
    "A": "duties_responsibilities", "B": "orders_instructions", "C": "duties_responsibilities",
    "D": "confidentiality", "E": "duties_responsibilities", "F": "equality_diversity",
    "G": "authority_respect_courtesy", "H": "discreditable_conduct", "J": "honesty_integrity",
    "K": "discreditable_conduct", "L": "discreditable_conduct",
}
WHAT = {
    "A": ["did not attend or call back after a report of {crime} in {place}",
          "failed to update the victim on the investigation into {crime} in {place}"],
    "B": ["carried out a stop and search in {place} without stating the grounds",
          "arrested the complainant in {place} and handcuffed them without need",
          "used force during an arrest in {place}, causing injury to the wrist"],
    "C": ["damaged the front door during a search of a flat in {place}",
          "lost property seized during an arrest in {place}"],
    "D": ["looked up a neighbour's record on police systems without a policing purpose",
          "disclosed details of an investigation in {place} to a friend"],
    "E": ["drove a marked car at speed through {place} without lights or need"],
    "F": ["made remarks about the complainant's race during a stop in {place}",
          "treated the complainant differently because of their religion at a station in {place}"],
    "G": ["was rude and swore at the complainant at a roadside stop in {place}",
          "shouted at and belittled a colleague in front of the team in {place}"],
    "H": ["sent unwanted sexual messages to a colleague",
          "touched a colleague inappropriately at a leaving event in {place}"],
    "J": ["contacted a victim of {crime} from {place} for a personal relationship",
          "accepted gifts from a local business owner in {place}"],
    "K": ["was arrested off duty after an altercation in {place}",
          "posted offensive messages in a group chat with other officers"],
    "L": ["behaved in a way the reporter found concerning at an incident in {place}"],
}
CRIMES = ["burglary", "a stolen car", "criminal damage", "a street robbery", "domestic abuse",
          "harassment", "a hate crime", "fraud", "theft from a shop"]
CHANNELS_PUBLIC = [("web", 45), ("phone", 22), ("email", 23), ("api", 10)]


@dataclass
class HistoryPlan:
    matters: list[MatterSeed]
    reports: list[ReportSeed]


class SubjectPicker:
    """Draws allegation subjects: employed on the day, weighted by role and propensity."""

    _ROLE = {"PC": 1.0, "SC": 0.4, "PS": 0.9, "INSP": 0.5, "CI": 0.3, "SUPT": 0.2,
             "CSUPT": 0.15}
    _ETHNIC_DISPARITY = {"black": 1.81, "asian": 1.55, "mixed": 1.41}

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        rows = list(Person.objects.order_by("id").values_list(
            "id", "start_date", "end_date", "employment_kind", "rank_or_grade", "ethnicity",
            "surname", "staff_number"))
        self.rows = rows
        complaint_w, conduct_w = [], []
        for _, _, _, kind, rank, ethnicity, _, _ in rows:
            propensity = rng.lognormvariate(0, 0.9)
            role = self._ROLE.get(rank, 0.05 if kind in {"officer", "special"} else 0.0)
            complaint_w.append(propensity * role)
            staff_factor = 0.35 if kind == "staff" else (0.1 if kind in {"volunteer", "contractor"} else 0)
            internal = max(role, staff_factor) * self._ETHNIC_DISPARITY.get(ethnicity.split("_")[0], 1.0)
            conduct_w.append(propensity * internal)
        self.cum = {"complaint": list(itertools.accumulate(complaint_w)),
                    "conduct": list(itertools.accumulate(conduct_w))}

    def pick(self, track: str, day: dt.date) -> tuple:
        cum = self.cum["complaint" if track != "conduct" else "conduct"]
        row = self.rows[0]
        for _ in range(30):
            index = min(bisect.bisect(cum, self.rng.random() * cum[-1]), len(cum) - 1)
            row = self.rows[index]
            if row[1] <= day and (row[2] is None or row[2] >= day):
                return row
        return row


class HistoryBuilder:
    def __init__(self, *, rng: random.Random, ids: IdentityMaker, categories: dict[str, list[str]],
                 cutoff: dt.datetime, years: int) -> None:
        self.rng, self.ids, self.categories = rng, ids, categories
        self.cutoff, self.years = cutoff, years
        self.subjects = SubjectPicker(rng)
        self.plan = HistoryPlan([], [])

    def build(self, *, matters: int) -> HistoryPlan:
        rng = self.rng
        tracks = list(PER_PERSON_YEAR)
        weights = list(itertools.accumulate(PER_PERSON_YEAR.values()))
        span = self.years * 365 * 86400
        attention = sorted(self.cutoff - dt.timedelta(seconds=rng.randrange(3600, span))
                           for _ in range(matters))
        for at in attention:
            track = tracks[bisect.bisect(weights, rng.random() * weights[-1])]
            self._matter(track, _office_hours(at, rng))
        self._untriaged_and_rejected(matters)
        return self.plan

    def _matter(self, track: str, at: dt.datetime) -> None:
        rng = self.rng
        route = _weighted(rng, ROUTE_MIX[track])
        if route == "vetting" and at.date() < dt.date(2025, 5, 28):
            route = "rprp"  # the vetting route exists only from 28 May 2025 (SI 2025/558)
        median = OUTSIDE_SCH3_DAYS if track == "outside_sch3" else ROUTE_DAYS[route]
        total = rng.lognormvariate(0, 0.5) * median
        step_times = self._steps(at, ROUTE_LENGTHS[route], total)
        kind = MatterKind.COMPLAINT if track != "conduct" else (
            MatterKind.RECORDABLE_CONDUCT_MATTER if "iopc" in route or "criminal" in route
            else MatterKind.CONDUCT_MATTER)
        mix = "complaint" if kind == MatterKind.COMPLAINT else "conduct"
        allegations, place, group, subject = self._allegations(mix, at.date())
        text = self._text(group, place)
        secret = mix == "conduct" and group in {"J", "D"} and rng.random() < 0.4
        compartment = "anti-corruption" if secret else ""
        reference = demo_reference(rng, "M")
        seed = MatterSeed(
            reference=reference, kind=kind, came_to_attention_at=at, route=route,
            summary=f"It is alleged that the officer {text}.", step_times=step_times,
            allegations=allegations, compartment=compartment, track=track,
            investigation_mode=_weighted(rng, [("local", 60), ("directed", 15), ("independent", 15),
                                               ("returned", 10)]),
        )
        if mix == "complaint" or rng.random() < 0.35:
            seed.source_report_reference = self._report_for(seed, mix, text, place, subject)
        self.plan.matters.append(seed)

    def _steps(self, at: dt.datetime, count: int, total_days: float) -> list[dt.datetime]:
        cuts = sorted(self.rng.random() for _ in range(count - 1)) + [1.0]
        times = []
        for fraction in cuts:
            step = at + dt.timedelta(days=total_days * fraction, minutes=5)
            if step >= self.cutoff:
                break
            times.append(step)
        return times

    def _allegations(self, mix: str, day: dt.date) -> tuple[list[AllegationSeed], str, str, tuple]:
        rng = self.rng
        count = _weighted(rng, [(1, 65), (2, 22), (3, 9), (4, 4)] if mix == "complaint"
                          else [(1, 55), (2, 25), (3, 12), (4, 5), (5, 3)])
        track = "conduct" if mix == "conduct" else "complaint"
        subjects = [self.subjects.pick(track, day)]
        if rng.random() < (0.2 if mix == "complaint" else 0.15):
            subjects.append(self.subjects.pick(track, day))
        seeds, first_group = [], ""
        for index in range(count):
            group = _weighted(rng, list(CATEGORY_MIX[mix].items()))
            codes = self.categories.get(group) or self.categories["L"]
            code = codes[0] if group == "F" and rng.random() < 0.5 else rng.choice(codes)
            first_group = first_group or group
            seeds.append(AllegationSeed(subject_id=subjects[index % len(subjects)][0],
                                        standard=STANDARD_FOR_GROUP[group], category_code=code))
        return seeds, rng.choice(LONDON_DISTRICTS)[1], first_group, subjects[0]

    def _text(self, group: str, place: str) -> str:
        return self.rng.choice(WHAT[group]).format(crime=self.rng.choice(CRIMES), place=place)

    def _report_for(self, seed: MatterSeed, mix: str, text: str, place: str, subject: tuple) -> str:
        rng = self.rng
        received = seed.came_to_attention_at - dt.timedelta(minutes=rng.randint(20, 2 * 24 * 60))
        report = self._report(received, mix, text, place, subject)
        report.status, report.matter_reference = "triaged", seed.reference
        report.triaged_at = seed.came_to_attention_at
        if mix == "conduct" and seed.compartment:
            report.compartment = seed.compartment
        self.plan.reports.append(report)
        return report.reference

    def _report(self, received: dt.datetime, mix: str, text: str, place: str, subject: tuple) -> ReportSeed:
        rng = self.rng
        channel = "staff_confidential" if mix == "conduct" else _weighted(rng, CHANNELS_PUBLIC)
        anonymous = rng.random() < (0.25 if mix == "conduct" else 0.05)
        people = ""
        if rng.random() < 0.4:
            _, _, _, _, rank, _, surname, number = subject
            people = f"{rank} {surname} ({number})"
        name = self.ids.name(ethnicity="white_british" if rng.random() < 0.6 else "asian_indian",
                             sex=rng.choice(("female", "male")))
        who = "a colleague" if mix == "conduct" else "an officer"
        return ReportSeed(
            reference=demo_reference(rng, "R"), channel=channel, received_at=received,
            what_happened=f"On {received:%d %B %Y}, {who} {text}. I would like this looked into.",
            occurred_on=(received - dt.timedelta(days=rng.randint(0, 20))).date(),
            location=f"{place}, London", people_involved=people, anonymous=anonymous,
            reporter_name="" if anonymous else f"{name.forenames} {name.surname}",
            reporter_email="" if anonymous or rng.random() < 0.3 else self.ids.email(name),
            reporter_phone="" if anonymous or rng.random() < 0.5 else self.ids.mobile(),
        )

    def _untriaged_and_rejected(self, matters: int) -> None:
        """Reports closed without a matter (about 8%: not a complaint, or a duplicate), and
        the live triage queue: everything received in the last two and a half days."""
        rng = self.rng
        span = self.years * 365 * 86400
        for _ in range(int(matters * 0.08)):
            received = self.cutoff - dt.timedelta(seconds=rng.randrange(4 * 86400, span))
            subject = self.subjects.pick("complaint", received.date())
            place = rng.choice(LONDON_DISTRICTS)[1]
            text = self._text(_weighted(rng, list(CATEGORY_MIX["complaint"].items())), place)
            report = self._report(_office_hours(received, rng), "complaint", text, place, subject)
            duplicate = rng.random() < 0.3
            report.status = "duplicate" if duplicate else "no_action"
            report.triage_reason = (
                "Already reported; the same incident is being handled." if duplicate
                else "Not a complaint about the conduct of a person serving with the police.")
            report.triaged_at = report.received_at + dt.timedelta(hours=rng.randint(2, 72))
            self.plan.reports.append(report)
        per_day = matters * 1.05 / (self.years * 365)
        for _ in range(max(3, round(per_day * 2.5))):
            received = self.cutoff - dt.timedelta(seconds=rng.randrange(60, int(2.5 * 86400)))
            mix = "conduct" if rng.random() < 0.12 else "complaint"
            group = _weighted(rng, list(CATEGORY_MIX[mix].items()))
            place = rng.choice(LONDON_DISTRICTS)[1]
            report = self._report(received, mix, self._text(group, place), place,
                                  self.subjects.pick(mix, received.date()))
            if mix == "conduct" and group == "J":
                report.compartment = "anti-corruption"
            self.plan.reports.append(report)


def _weighted(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    total = sum(w for _, w in options)
    draw = rng.random() * total
    for value, weight in options:
        draw -= weight
        if draw < 0:
            return value
    return options[-1][0]


def _office_hours(at: dt.datetime, rng: random.Random) -> dt.datetime:
    """Most matters are recorded in the working day: move the time to 08:00-19:00 London."""
    local = timezone.localtime(at)
    hour = rng.randint(8, 18)
    return local.replace(hour=hour, minute=rng.randint(0, 59), second=rng.randint(0, 59),
                         microsecond=0)
