"""A synthetic force shaped like the Metropolitan Police Service: org units, a rank pyramid and
a line-management tree, with each person's identities (names, addresses, phones, e-mails,
vehicles). Deterministic: the same seed and `as_of` date give the same force.

Shape (approximate Met figures, rounded; the exact mix emerges from the team structure):
- force -> 6 commands -> up to 12 units ("BCUs") each -> teams of about 6-10 people;
- about 60% officers (most constables: a sergeant per team, an inspector per 5 teams, a chief
  inspector per 20), about 32% police staff (Bands E-A), 3% specials, 3% volunteers, 2%
  contractors, one Commissioner and one Deputy;
- every person except the Commissioner has exactly one line manager, so the tree has one root.

Ethnicity (workforce, by census group): White 82%, Asian 8%, Black 4%, Mixed 4%, Other 2%.
Source/assumption: the Met workforce figures given in the project brief, consistent with the
Home Office "Police workforce, England and Wales" tables (31 March 2023) for the Met, where
about 18% of the workforce state a minority-ethnic background. The split inside each group
(e.g. Indian vs Pakistani) is our assumption, following London's 2021 Census proportions.
A small share (3%) have "not stated".
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from upright.demo.identity import IdentityMaker, Name
from upright.people.choices import EmploymentKind, EmploymentStatus, Ethnicity, OrgUnitKind
from upright.people.models import Address, Email, OrgUnit, Person, PersonName, Phone, Vehicle

E = Ethnicity
ETHNICITY_WEIGHTS: dict[str, float] = {
    E.WHITE_BRITISH: 66.0, E.WHITE_IRISH: 2.0, E.WHITE_OTHER: 11.4, E.WHITE_GYPSY_TRAVELLER: 0.2,
    E.WHITE_ROMA: 0.2,  # White 79.8 of 97.3 stated = 82%
    E.ASIAN_INDIAN: 2.9, E.ASIAN_PAKISTANI: 1.3, E.ASIAN_BANGLADESHI: 1.2, E.ASIAN_CHINESE: 0.5,
    E.ASIAN_OTHER: 1.9,  # Asian 7.8 = 8%
    E.BLACK_AFRICAN: 1.8, E.BLACK_CARIBBEAN: 1.6, E.BLACK_OTHER: 0.5,  # Black 3.9 = 4%
    E.MIXED_WHITE_BLACK_CARIBBEAN: 1.2, E.MIXED_WHITE_BLACK_AFRICAN: 0.5,
    E.MIXED_WHITE_ASIAN: 1.0, E.MIXED_OTHER: 1.2,  # Mixed 3.9 = 4%
    E.OTHER_ARAB: 0.5, E.OTHER_ANY: 1.4,  # Other 1.9 = 2%
    E.NOT_STATED: 2.7,
}
_ETH_CODES = list(ETHNICITY_WEIGHTS)
_ETH_CUM = [sum(list(ETHNICITY_WEIGHTS.values())[: i + 1]) for i in range(len(_ETH_CODES))]

# (code, name, share of the workforce, share of officers, unit names). Frontline Policing's
# twelve units are the Met's real BCUs; the other commands' units are representative.
COMMANDS: list[tuple[str, str, float, float, list[tuple[str, str]]]] = [
    ("FL", "Frontline Policing", 0.55, 0.80, [
        ("CW", "Central West"), ("CN", "Central North"), ("AS", "Central South"),
        ("CE", "Central East"), ("NW", "North West"), ("NA", "North Area"),
        ("NE", "North East"), ("EA", "East Area"), ("SE", "South East"), ("SN", "South Area"),
        ("SW", "South West"), ("WA", "West Area")]),
    ("MO", "Met Operations", 0.15, 0.70, [
        ("TF", "Taskforce"), ("RTPC", "Roads and Transport Policing"), ("MO19", "Specialist Firearms"),
        ("MI", "Met Intelligence"), ("SCO", "Specialist Crime"), ("CC", "Met Command and Control"),
        ("CUS", "Custody"), ("PO", "Public Order"), ("DOG", "Dog Support"), ("MAR", "Marine Policing"),
        ("TRI", "Trident and Area Crime"), ("CYB", "Cyber Crime")]),
    ("SO", "Specialist Operations", 0.10, 0.75, [
        ("CT", "Counter Terrorism Command"), ("RASP", "Royalty and Specialist Protection"),
        ("PADP", "Parliamentary and Diplomatic Protection"), ("AVS", "Aviation Security"),
        ("CTPHQ", "Counter Terrorism Policing HQ"), ("SB", "Special Branch Liaison"),
        ("PROT", "Protection Command"), ("SOIN", "Specialist Operations Intelligence"),
        ("SOSU", "Specialist Operations Support"), ("CTBP", "Counter Terrorism Borders"),
        ("CTIU", "Counter Terrorism Internet Unit"), ("NCTPS", "National CT Security")]),
    ("PR", "Professionalism", 0.07, 0.45, [
        ("DPS", "Directorate of Professional Standards"), ("AC", "Anti-Corruption"),
        ("VET", "Vetting"), ("TRN", "Training"), ("LEG", "Legal Services"),
        ("CJ", "Criminal Justice"), ("IOS", "Inspection and Oversight"),
        ("ETH", "Ethics and Standards"), ("REC", "Recruitment"), ("POL", "Policy"),
        ("CAS", "Complaints Assessment"), ("LRN", "Organisational Learning")]),
    ("PRS", "People and Resources", 0.08, 0.10, [
        ("HR", "Human Resources"), ("FIN", "Finance"), ("PROP", "Property Services"),
        ("FLT", "Fleet Services"), ("COM", "Commercial Services"), ("PAY", "Pay and Pensions"),
        ("OH", "Occupational Health"), ("WEL", "Wellbeing"), ("EST", "Estates"),
        ("PRC", "Procurement"), ("SEC", "Corporate Security"), ("AUD", "Internal Audit")]),
    ("DDT", "Digital, Data and Technology", 0.05, 0.05, [
        ("INF", "Infrastructure"), ("APP", "Applications"), ("DAT", "Data Office"),
        ("CYS", "Cyber Security"), ("SVC", "Service Desk"), ("ARC", "Architecture"),
        ("DEV", "Software Engineering"), ("ANA", "Analytics"), ("RMS", "Records Management"),
        ("PMO", "Portfolio Office"), ("TEL", "Telecoms"), ("GIS", "Geospatial")]),
]

# Years of service: (low, high, mode) of a triangular draw, by rank or grade.
_SERVICE: dict[str, tuple[float, float, float]] = {
    "PC": (0, 25, 3), "PS": (4, 28, 10), "INSP": (7, 30, 14), "CI": (10, 30, 18),
    "SUPT": (12, 32, 20), "CSUPT": (15, 32, 22), "CMDR": (18, 34, 24), "DAC": (20, 35, 26),
    "AC": (20, 36, 27), "DC": (22, 36, 28), "COMM": (24, 38, 30), "SC": (0, 10, 2),
    "Band E": (0, 20, 3), "Band D": (0, 25, 6), "Band C": (3, 28, 10), "Band B": (5, 30, 14),
    "Band A": (8, 32, 18), "Volunteer": (0, 15, 3), "Contractor": (0, 6, 1),
    "PCSO": (0, 15, 4), "Designated Detention Officer": (0, 20, 5),
}
# Police staff below the bands' managers: PCSOs (the Met has about 1,200 among some 11,000
# staff) and designated detention officers (PRA 2002 s.38), then Band E and D. The Home
# Office return splits staff by these grades (insight.returns.workforce_group).
_STAFF_GRADES: tuple[tuple[float, str], ...] = (
    (0.10, "PCSO"), (0.13, "Designated Detention Officer"), (0.65, "Band E"), (1.0, "Band D"))


def _staff_grade(draw: float) -> str:
    return next(grade for upper, grade in _STAFF_GRADES if draw < upper)
_FEMALE_SHARE: dict[str, float] = {EmploymentKind.OFFICER: 0.31, EmploymentKind.STAFF: 0.60,
                 EmploymentKind.SPECIAL: 0.30, EmploymentKind.VOLUNTEER: 0.50,
                 EmploymentKind.CONTRACTOR: 0.40}
_STAFF_NUMBER_PREFIX: dict[str, str] = {EmploymentKind.OFFICER: "", EmploymentKind.SPECIAL: "SC",
                        EmploymentKind.STAFF: "P", EmploymentKind.VOLUNTEER: "V",
                        EmploymentKind.CONTRACTOR: "C"}


@dataclass
class ForceResult:
    units: int = 0
    people: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_rank: dict[str, int] = field(default_factory=dict)
    identities: dict[str, int] = field(default_factory=dict)
    # Serving person ids with their kind, used to pick subjects and demo log-ins.
    person_ids: list[int] = field(default_factory=list)


class ForceBuilder:
    """Builds the force in memory (people grouped by depth in the tree), then inserts it."""

    def __init__(self, *, people: int, seed: int, as_of: dt.date) -> None:
        if people < 60:
            raise ValueError("a demo force needs at least 60 people")
        self.target = people
        self.rng = random.Random(seed)
        self.ids = IdentityMaker(rng=self.rng, seed=seed)
        self.as_of = as_of
        self.numbers = self.rng.sample(range(100_000, 1_000_000), people)
        self.count = 0
        self.units_by_depth: list[list[OrgUnit]] = [[], [], [], []]
        self.people_by_depth: list[list[Person]] = []
        self.depth: dict[int, int] = {}  # id(person) -> depth in the tree
        self.details: dict[str, list] = {"names": [], "addresses": [], "phones": [],
                                         "emails": [], "vehicles": []}

    # -- structure -----------------------------------------------------------------------
    def build(self) -> None:
        rng = self.rng
        force = self._unit("MPS", "Metropolitan Police Service", OrgUnitKind.FORCE, None)
        comm = self._person(EmploymentKind.OFFICER, "COMM", force, None)
        dc = self._person(EmploymentKind.OFFICER, "DC", force, comm)
        per_command = max(1, min(12, self.target // 700))
        plan: list[tuple[OrgUnit, Person, float, float]] = []  # (bcu, head's manager, weight, share)
        for code, name, weight, officer_share, units in COMMANDS:
            command = self._unit(code, name, OrgUnitKind.COMMAND, force)
            ac = self._person(EmploymentKind.OFFICER, "AC", command, dc)
            dac = self._person(EmploymentKind.OFFICER, "DAC", command, ac)
            commander: Person = dac
            for index, (ucode, uname) in enumerate(units[:per_command]):
                if index % 3 == 0:
                    commander = self._person(EmploymentKind.OFFICER, "CMDR", command, dac)
                bcu = self._unit(ucode if code == "FL" else f"{code}-{ucode}", uname,
                                 OrgUnitKind.BCU, command)
                plan.append((bcu, commander, weight / per_command * rng.uniform(0.8, 1.2),
                             officer_share))
        budgets = self._split(self.target - self.count, [w for _, _, w, _ in plan])
        for (bcu, manager, _, share), budget in zip(plan, budgets, strict=True):
            self._bcu(bcu, manager, budget, share)
        if self.count != self.target:
            raise RuntimeError(f"built {self.count} people, not {self.target}")

    def _split(self, total: int, weights: list[float]) -> list[int]:
        scale = total / sum(weights)
        shares = [int(w * scale) for w in weights]
        shares[0] += total - sum(shares)
        return shares

    def _bcu(self, bcu: OrgUnit, manager: Person, budget: int, officer_share: float) -> None:
        before = self.count
        if officer_share >= 0.3:
            head = self._person(EmploymentKind.OFFICER, "CSUPT", bcu, manager)
            supts = [self._person(EmploymentKind.OFFICER, "SUPT", bcu, head)
                     for _ in range(2 if budget > 300 else 1)]
            band_a = self._person(EmploymentKind.STAFF, "Band A", bcu, head)
        else:  # staff-led units (finance, technology): a staff head, officers report to them
            head = band_a = self._person(EmploymentKind.STAFF, "Band A", bcu, manager)
            supts = [head]
        remaining = budget - (self.count - before)
        officers = round(remaining * officer_share)
        if officers < 4:  # too few for a team of their own
            officers = 0
        self._officer_teams(bcu, supts, officers)
        self._staff_teams(bcu, band_a, remaining - officers)

    def _officer_teams(self, bcu: OrgUnit, supts: list[Person], budget: int) -> None:
        rng, used, team_no = self.rng, 0, 0
        ci = insp = sgt = None
        sgt_unit = bcu
        while used < budget:
            left = budget - used
            if sgt is not None and left < 4:  # too few for a new team: join the last one
                for _ in range(left):
                    self._person(self._pc_or_special(), None, sgt_unit, sgt)
                break
            if team_no % 20 == 0 or ci is None:
                ci = self._person(EmploymentKind.OFFICER, "CI", bcu, supts[(team_no // 20) % len(supts)])
                used += 1
            if team_no % 5 == 0 or insp is None:
                insp = self._person(EmploymentKind.OFFICER, "INSP", bcu, ci)
                used += 1
            team_no += 1
            sgt_unit = self._unit(f"{bcu.code}-T{team_no:03d}", f"{bcu.name} team {team_no}",
                                  OrgUnitKind.TEAM, bcu)
            sgt = self._person(EmploymentKind.OFFICER, "PS", sgt_unit, insp)
            used += 1
            for _ in range(min(rng.randint(6, 10), max(0, budget - used))):
                self._person(self._pc_or_special(), None, sgt_unit, sgt)
                used += 1

    def _pc_or_special(self) -> str:
        return EmploymentKind.SPECIAL if self.rng.random() < 0.055 else EmploymentKind.OFFICER

    def _staff_teams(self, bcu: OrgUnit, band_a: Person, budget: int) -> None:
        rng, used, team_no = self.rng, 0, 0
        band_b = leader = None
        unit = bcu
        while used < budget:
            left = budget - used
            if leader is not None and left < 4:
                for _ in range(left):
                    self._person(self._staff_member_kind(), None, unit, leader)
                break
            if team_no % 4 == 0 or band_b is None:
                band_b = self._person(EmploymentKind.STAFF, "Band B", bcu, band_a)
                used += 1
                if used >= budget:
                    break
            team_no += 1
            unit = self._unit(f"{bcu.code}-S{team_no:03d}", f"{bcu.name} staff team {team_no}",
                              OrgUnitKind.TEAM, bcu)
            leader = self._person(EmploymentKind.STAFF, "Band C", unit, band_b)
            used += 1
            for _ in range(min(rng.randint(5, 9), max(0, budget - used))):
                self._person(self._staff_member_kind(), None, unit, leader)
                used += 1

    def _staff_member_kind(self) -> str:
        draw = self.rng.random()
        if draw < 0.09:
            return EmploymentKind.VOLUNTEER
        if draw < 0.15:
            return EmploymentKind.CONTRACTOR
        return EmploymentKind.STAFF

    def _unit(self, code: str, name: str, kind: str, parent: OrgUnit | None) -> OrgUnit:
        path = f"{parent.path if parent else '/'}{code}/"
        unit = OrgUnit(code=code, name=name, kind=kind, parent=parent, path=path)
        self.units_by_depth[path.count("/") - 2].append(unit)
        return unit

    # -- people --------------------------------------------------------------------------
    def _person(self, kind: str, rank: str | None, unit: OrgUnit, manager: Person | None) -> Person:
        rng = self.rng
        if rank is None:
            defaults: dict[str, str] = {
                EmploymentKind.OFFICER: "PC", EmploymentKind.SPECIAL: "SC",
                EmploymentKind.VOLUNTEER: "Volunteer", EmploymentKind.CONTRACTOR: "Contractor"}
            rank = defaults.get(kind) or _staff_grade(rng.random())
        sex = "female" if rng.random() < _FEMALE_SHARE[kind] else "male"
        if rng.random() < 0.004:
            sex = "not_stated"
        ethnicity = _ETH_CODES[_bisect(_ETH_CUM, rng.random() * _ETH_CUM[-1])]
        low, high, mode = _SERVICE[rank]
        service_days = int(rng.triangular(low, high, mode) * 365.25)
        start = self.as_of - dt.timedelta(days=service_days + rng.randint(0, 200))
        join_age = rng.triangular(18.5, 50, 25) if rank not in {"PC", "SC"} else rng.triangular(18.5, 45, 23)
        dob = start - dt.timedelta(days=int(join_age * 365.25) + rng.randint(0, 364))
        status, end = EmploymentStatus.SERVING, None
        if manager is not None and rank in {"PC", "SC", "Band E", "Band D", "PCSO",
                                            "Designated Detention Officer", "Volunteer",
                                            "Contractor"}:
            draw = rng.random()
            # Suspended and restricted people come from the register the history seeds
            # (suspensions.services.seeding), so every such status has its entry.
            if draw < 0.10 and service_days > 60:  # leavers keep their last manager
                status = EmploymentStatus.LEFT
                end = start + dt.timedelta(days=rng.randint(30, service_days))
        birth_name = self.ids.name(ethnicity=ethnicity, sex=sex)
        surname, married_on = birth_name.surname, None
        age = (self.as_of - dob).days / 365.25
        if sex == "female" and age > 24 and rng.random() < 0.4:
            married_on = dob + dt.timedelta(days=int(rng.uniform(22, min(age, 45)) * 365.25))
            surname = self.ids.surname()
        number = self.numbers[self.count]
        self.count += 1
        person = Person(
            staff_number=f"{_STAFF_NUMBER_PREFIX[kind]}{number}", employment_kind=kind,
            rank_or_grade=rank, org_unit=unit, line_manager=manager, start_date=start,
            end_date=end, status=status, forenames=birth_name.forenames, surname=surname,
            date_of_birth=dob, sex=sex, ethnicity=ethnicity,
        )
        depth = 0 if manager is None else self.depth[id(manager)] + 1
        self.depth[id(person)] = depth
        while len(self.people_by_depth) <= depth:
            self.people_by_depth.append([])
        self.people_by_depth[depth].append(person)
        self._identities(person, birth_name.surname, married_on)
        return person

    def _identities(self, person: Person, birth_surname: str, married_on: dt.date | None) -> None:
        rng, ids, d = self.rng, self.ids, self.details
        d["names"].append(PersonName(person=person, kind=PersonName.Kind.CURRENT,
                                     forenames=person.forenames, surname=person.surname,
                                     valid_from=married_on))
        if married_on is not None:
            d["names"].append(PersonName(person=person, kind=PersonName.Kind.PREVIOUS,
                                         forenames=person.forenames, surname=birth_surname,
                                         valid_to=married_on))
        moved_in = self.as_of - dt.timedelta(days=rng.randint(30, 3650))
        line, postcode = ids.address()
        d["addresses"].append(Address(person=person, address=line, postcode=postcode,
                                      valid_from=moved_in))
        for _ in range(rng.choice((0, 1, 1, 2, 3))):  # earlier addresses, most recent first
            left_on = moved_in - dt.timedelta(days=1)
            moved_in = left_on - dt.timedelta(days=rng.randint(180, 2500))
            line, postcode = ids.address()
            d["addresses"].append(Address(person=person, address=line, postcode=postcode,
                                          valid_from=moved_in, valid_to=left_on))
        if rng.random() < 0.97:
            d["phones"].append(Phone(person=person, number=ids.mobile()))
        if rng.random() < 0.25:
            d["phones"].append(Phone(person=person, number=ids.landline()))
        if rng.random() < 0.9:
            d["emails"].append(Email(person=person,
                                     address=ids.email(Name(person.forenames, person.surname))))
        for _ in range(rng.choice((0, 0, 0, 1, 1, 1, 1, 2))):
            registered = self.as_of - dt.timedelta(days=rng.randint(60, 15 * 365))
            d["vehicles"].append(Vehicle(person=person, vrm=ids.vrm(registered=registered),
                                         valid_from=registered))

    # -- insert --------------------------------------------------------------------------
    def save(self, *, batch_size: int = 2000) -> ForceResult:
        """Insert everything, parents before children, so each row's foreign keys are known.
        mgmt_path is filled in on the way down (a manager's path plus the manager's id)."""
        result = ForceResult()
        with transaction.atomic():
            for units in self.units_by_depth:
                OrgUnit.objects.bulk_create(units, batch_size=batch_size)
                result.units += len(units)
            for level in self.people_by_depth:
                for person in level:
                    manager = person.line_manager
                    person.mgmt_path = "/" if manager is None else f"{manager.mgmt_path}{manager.pk}/"
                Person.objects.bulk_create(level, batch_size=batch_size)
            models: dict[str, Any] = {"names": PersonName, "addresses": Address, "phones": Phone,
                      "emails": Email, "vehicles": Vehicle}
            for key, model in models.items():
                rows = self.details[key]
                for row in rows:
                    row.person_id = row.person.pk
                model.objects.bulk_create(rows, batch_size=batch_size)
                result.identities[key] = len(rows)
        for level in self.people_by_depth:
            for person in level:
                result.people += 1
                result.by_kind[person.employment_kind] = result.by_kind.get(person.employment_kind, 0) + 1
                result.by_rank[person.rank_or_grade] = result.by_rank.get(person.rank_or_grade, 0) + 1
        return result


def _bisect(cumulative: list[float], value: float) -> int:
    for index, bound in enumerate(cumulative):
        if value < bound:
            return index
    return len(cumulative) - 1
