"""The planted part of a synthetic intelligence extract: employees' own records under realistic
corruption, their associates, and hard negatives, with the truth about each.

Small (about 1-3% of the workforce), so plain Python from one seeded `random.Random`. The bulk
background population is in ``synthetic``.
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

import nicknames

from upright.screening.formats import ROLES, VICTIM_WITNESS

CORRUPTIONS = ("typo", "nickname", "swapped", "maiden_name", "married_name", "dob_transposed",
               "dob_off_by_one", "moved", "missing")
# Two corruptions of the same field cannot both be applied to one record.
_CONFLICTS = {"maiden_name": "married_name", "married_name": "maiden_name",
              "dob_transposed": "dob_off_by_one", "dob_off_by_one": "dob_transposed"}
PATHS = ("shared_phone", "shared_address", "shared_vehicle", "link", "group")
NEGATIVES = ("same_name_dob", "relative_same_address", "former_occupant")
# A planted associate has an offending record: screening reports associations with offenders.
CONCERN_ROLES = ("suspect", "accused", "convicted")
CATEGORIES = ("violence", "drugs", "theft", "fraud", "public order", "sexual offences",
              "weapons", "criminal damage", "burglary", "domestic abuse", "organised crime")
SOURCES = ("PNC", "PND", "CRIMINT", "Connect", "CAD")
LINK_KINDS = ("associate", "family", "co-accused")
GROUP_SIZE = 3  # associates in a planted group, besides the employee's own record

Address = tuple[str | None, str | None, dt.date | None, dt.date | None]


@dataclass
class Employee:
    employee_id: str
    dob: dt.date | None
    sex: str | None
    forenames: str
    surname: str
    previous: list[str] = field(default_factory=list)  # previous or alias surnames
    addresses: list[Address] = field(default_factory=list)  # current (to is None) first
    phones: list[str] = field(default_factory=list)
    vehicles: list[str] = field(default_factory=list)

    @property
    def current(self) -> Address | None:
        return self.addresses[0] if self.addresses else None


@dataclass
class Record:
    forenames: str | None
    surname: str | None
    dob: dt.date | None
    sex: str | None
    address: str | None
    postcode: str | None
    addresses: list[Address] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    vehicles: list[str] = field(default_factory=list)
    events: list[tuple[str, str, dt.date | None, str]] = field(default_factory=list)


@dataclass
class Planted:
    """Records (by local index), links between them and truth rows naming them by index."""

    records: list[Record] = field(default_factory=list)
    links: list[tuple[int, int, str]] = field(default_factory=list)
    truth: list[dict[str, Any]] = field(default_factory=list)
    requested: dict[str, int] = field(default_factory=dict)
    planted: dict[str, int] = field(default_factory=dict)


class Planter:
    """Draws every planted record. `pools` supplies names and addresses for new people."""

    def __init__(self, *, employees: list[Employee], rates: Any, seed: int, as_of: dt.date,
                 pools: Any) -> None:
        self.rng = random.Random(seed * 7919 + 17)  # noqa: S311 (synthetic data)
        self.employees, self.rates, self.as_of, self.pools = employees, rates, as_of, pools
        self.out = Planted()
        self.own_record: dict[str, int] = {}
        self.nicks = nicknames.NickNamer()

    def plant(self) -> Planted:
        self._identities()
        self._associations()
        self._negatives()
        return self.out

    # -- identities ------------------------------------------------------------------------
    def _identities(self) -> None:
        n = round(self.rates.identities * len(self.employees))
        chosen = self._sample("identities", self.employees, n)
        applied: dict[str, set[str]] = {e.employee_id: set() for e in chosen}
        for kind in CORRUPTIONS:
            eligible = [e for e in chosen if self._eligible(kind, e)
                        and _CONFLICTS.get(kind) not in applied[e.employee_id]]
            for e in self._sample(kind, eligible, round(getattr(self.rates, kind) * n)):
                applied[e.employee_id].add(kind)
        for e in chosen:
            kinds = [k for k in CORRUPTIONS if k in applied[e.employee_id]]
            record = self._corrupt(e, kinds)
            if record.forenames and " " in record.forenames.strip() \
                    and self.rng.random() < self.rates.middle_dropped:
                record.forenames = record.forenames.split()[0]
            if e.phones and self.rng.random() < self.rates.own_phone:
                # Written as local systems do (07...), not in HR's E.164 (+447...).
                record.phones.append(_national(self.rng.choice(e.phones)))
            only_vw = self.rng.random() < self.rates.victim_witness_only
            record.events = self._events(victim_witness_only=only_vw)
            index = self._add(record)
            self.own_record[e.employee_id] = index
            self._truth("identity", e, index, ";".join(kinds) or "exact", only_vw)

    def _eligible(self, kind: str, e: Employee) -> bool:
        first = e.forenames.split()[0] if e.forenames else ""
        if kind == "nickname":
            return bool(self.nicks.nicknames_of(first.lower())) or len(first) >= 6
        if kind == "maiden_name":
            return any(s != e.surname for s in e.previous)
        if kind == "dob_transposed":
            return e.dob is not None and e.dob.day <= 12 and e.dob.day != e.dob.month
        if kind in ("dob_off_by_one",):
            return e.dob is not None
        if kind == "moved":
            return bool(self._previous_addresses(e))
        return True

    @staticmethod
    def _previous_addresses(e: Employee) -> list[Address]:
        return [a for a in e.addresses[1:] if a[1]]

    def _corrupt(self, e: Employee, kinds: list[str]) -> Record:
        rng = self.rng
        current = e.current or (None, None, None, None)
        r = Record(e.forenames, e.surname, e.dob, e.sex, current[0], current[1])
        if "nickname" in kinds:
            first = e.forenames.split()[0]
            options = sorted(self.nicks.nicknames_of(first.lower()))
            short = rng.choice(options).title() if options else first[:rng.randint(3, 4)]
            r.forenames = short
        if "maiden_name" in kinds:
            r.surname = rng.choice(sorted(s for s in e.previous if s != e.surname))
        if "married_name" in kinds:
            r.surname = self._other(self.pools.surname, e.surname)
        if "typo" in kinds:
            if rng.random() < 0.5 and r.surname:
                r.surname = _typo(rng, r.surname)
            elif r.forenames:
                r.forenames = _typo(rng, r.forenames)
        if "swapped" in kinds:
            r.forenames, r.surname = r.surname, (r.forenames or "").split()[0] or None
        if "dob_transposed" in kinds and e.dob:
            r.dob = e.dob.replace(month=e.dob.day, day=e.dob.month)
        if "dob_off_by_one" in kinds and e.dob:
            r.dob = _off_by_one(rng, e.dob)
        if "moved" in kinds:
            # The record predates a move: it holds an address the employee declared as
            # a previous one (vetting collects the address history).
            previous = rng.choice(self._previous_addresses(e))
            r.address, r.postcode = previous[0], previous[1]
        if "missing" in kinds:
            fields = ["sex"] + [f for f, touched in (
                ("dob", {"dob_transposed", "dob_off_by_one"}),
                ("address", {"moved"}), ("forenames", {"nickname", "typo", "swapped"}))
                if not touched & set(kinds)]
            missing = rng.choice(fields)
            if missing == "address":
                r.address = r.postcode = None
            else:
                setattr(r, missing, None)
        if r.address or r.postcode:
            r.addresses.append((r.address, r.postcode, self._since(), None))
        return r

    # -- associations ----------------------------------------------------------------------
    def _associations(self) -> None:
        n = round(self.rates.associations * len(self.employees))
        with_record = [e for e in self.employees if e.employee_id in self.own_record]
        eligible = {
            "shared_phone": [e for e in self.employees if e.phones],
            "shared_address": [e for e in self.employees if any(a[1] for a in e.addresses)],
            "shared_vehicle": [e for e in self.employees if e.vehicles],
            "link": with_record, "group": with_record,
        }
        for path in PATHS:
            for e in self._sample(path, eligible[path], round(getattr(self.rates, path) * n)):
                if path == "group":
                    members = [self._associate(e, path) for _ in range(GROUP_SIZE)]
                    nodes = [self.own_record[e.employee_id], *members]
                    self.out.links += [(a, b, "group") for i, a in enumerate(nodes)
                                       for b in nodes[i + 1:]]
                    continue
                index = self._associate(e, path)
                record = self.out.records[index]
                if path == "shared_phone":
                    record.phones.append(self.rng.choice(e.phones))
                elif path == "shared_vehicle":
                    record.vehicles.append(self.rng.choice(e.vehicles))
                elif path == "shared_address":
                    address = self.rng.choice([a for a in e.addresses if a[1]])
                    record.addresses.append(self._overlapping(address))
                    if address[3] is None:
                        record.address, record.postcode = address[0], address[1]
                else:
                    self.out.links.append((self.own_record[e.employee_id], index,
                                           self.rng.choice(LINK_KINDS)))

    def _associate(self, e: Employee, path: str) -> int:
        only_vw = self.rng.random() < self.rates.victim_witness_only
        record = self._stranger()
        record.events = self._events(victim_witness_only=only_vw)
        index = self._add(record)
        self._truth("association", e, index, path, only_vw)
        return index

    def _overlapping(self, address: Address) -> Address:
        start, end = address[2], address[3]
        begin = (start or self.as_of - dt.timedelta(days=730))
        latest = (end or self.as_of) - dt.timedelta(days=1)
        span = max(0, (latest - begin).days)
        moved_in = begin + dt.timedelta(days=self.rng.randint(0, min(span, 365)))
        return address[0], address[1], moved_in, end if self.rng.random() < 0.5 else None

    # -- hard negatives --------------------------------------------------------------------
    def _negatives(self) -> None:
        rng, n = self.rng, len(self.employees)
        for e in self._sample("same_name_dob", [e for e in self.employees if e.dob],
                              round(self.rates.same_name_dob * n)):
            record = self._stranger()
            record.forenames, record.surname, record.dob, record.sex = (
                e.forenames.split()[0], e.surname, e.dob, e.sex)
            record.events = self._events(victim_witness_only=False)
            self._truth("hard_negative", e, self._add(record), "same_name_dob", False)
        at_home = [e for e in self.employees if e.current and e.current[1]]
        for e in self._sample("relative_same_address", at_home, round(self.rates.relatives * n)):
            home = e.current or (None, None, None, None)
            record = self._stranger()
            record.surname = e.surname
            if e.dob:
                years = rng.choice((-30, -26, -4, -2, 3, 6))  # parents, siblings
                record.dob = _years_later(e.dob, years, rng)
            record.address, record.postcode = home[0], home[1]
            record.addresses = [self._overlapping(home)]
            record.events = self._events(victim_witness_only=rng.random() < 0.5)
            index = self._add(record)
            self._truth("hard_negative", e, index, "relative_same_address", False)
            only_vw = all(ev[0] in VICTIM_WITNESS for ev in record.events)
            self._truth("association", e, index, "shared_address", only_vw)
        dated = [e for e in at_home if e.current and e.current[2]
                 and e.current[2] < self.as_of - dt.timedelta(days=400)]
        for e in self._sample("former_occupant", dated, round(self.rates.former_occupants * n)):
            home = e.current or (None, None, self.as_of, None)
            record = self._stranger()
            left = (home[2] or self.as_of) - dt.timedelta(days=rng.randint(1, 300))
            record.addresses.append((home[0], home[1],
                                     left - dt.timedelta(days=rng.randint(200, 2000)), left))
            record.events = self._events(victim_witness_only=False)
            self._truth("hard_negative", e, self._add(record), "former_occupant", False)

    # -- helpers ---------------------------------------------------------------------------
    def _sample(self, what: str, items: list[Employee], n: int) -> list[Employee]:
        self.out.requested[what] = n
        chosen = self.rng.sample(items, min(n, len(items)))
        self.out.planted[what] = len(chosen)
        return chosen

    def _add(self, record: Record) -> int:
        self.out.records.append(record)
        return len(self.out.records) - 1

    def _truth(self, kind: str, e: Employee, index: int, detail: str, only_vw: bool) -> None:
        self.out.truth.append({"kind": kind, "employee_id": e.employee_id, "record": index,
                               "detail": detail, "victim_witness_only": only_vw})

    def _stranger(self) -> Record:
        rng, pools = self.rng, self.pools
        sex = rng.choice("MF")
        address, postcode = pools.address(rng)
        dob = self.as_of - dt.timedelta(days=rng.randint(16 * 365, 70 * 365))
        return Record(pools.forename(rng, sex), pools.surname(rng), dob, sex, address, postcode,
                      addresses=[(address, postcode, self._since(), None)])

    def _events(self, *, victim_witness_only: bool) -> list[tuple[str, str, dt.date | None, str]]:
        rng = self.rng
        roles = VICTIM_WITNESS if victim_witness_only else CONCERN_ROLES
        events: list[tuple[str, str, dt.date | None, str]] = []
        for i in range(rng.choice((1, 1, 2, 3))):
            # A person of concern may also have been a victim or witness on another occasion.
            role = rng.choice(roles if i == 0 or victim_witness_only else ROLES)
            day = self.as_of - dt.timedelta(days=rng.randint(30, 15 * 365))
            events.append((role, rng.choice(CATEGORIES), day, rng.choice(SOURCES)))
        return events

    def _since(self) -> dt.date:
        return self.as_of - dt.timedelta(days=self.rng.randint(30, 3650))

    def _other(self, draw: Any, avoid: str) -> str:
        for _ in range(20):
            value = draw(self.rng)
            if value != avoid:
                return str(value)
        return f"{avoid}-{draw(self.rng)}"


def _typo(rng: random.Random, text: str) -> str:
    """One keyboard-style edit: substitution, deletion, insertion or adjacent transposition."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    for _ in range(10):
        i = rng.randrange(1, len(text)) if len(text) > 1 else 0
        op = rng.choice(("sub", "del", "ins", "swap"))
        if op == "sub":
            out = text[:i] + rng.choice(letters) + text[i + 1:]
        elif op == "del" and len(text) > 3:
            out = text[:i] + text[i + 1:]
        elif op == "ins":
            out = text[:i] + rng.choice(letters) + text[i:]
        elif i + 1 < len(text):
            out = text[:i] + text[i + 1] + text[i] + text[i + 2:]
        else:
            continue
        if out.lower() != text.lower():
            return out
    return text + "e"


def _national(number: str) -> str:
    """+447700900123 -> 07700 900123."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if not (number.startswith("+44") and len(digits) > 6):
        return number
    national = "0" + digits[2:]
    return f"{national[:5]} {national[5:]}"


def _off_by_one(rng: random.Random, day: dt.date) -> dt.date:
    for _ in range(10):
        part, step = rng.choice(("day", "month", "year")), rng.choice((-1, 1))
        try:
            if part == "day":
                return day + dt.timedelta(days=step)
            if part == "month" and 1 <= day.month + step <= 12:
                return day.replace(month=day.month + step)
            if part == "year":
                return day.replace(year=day.year + step)
        except ValueError:
            continue
    return day + dt.timedelta(days=1)


def _years_later(day: dt.date, years: int, rng: random.Random) -> dt.date:
    shifted = dt.date(day.year + years, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
    return shifted if shifted != day else shifted + dt.timedelta(days=1)
