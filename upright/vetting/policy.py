"""Policy simulation over the convictions and cautions register: a proposed rule is a
validated filter (never code), and its effect on the serving workforce is counted by rank,
BCU and ethnic group in the database: one grouped aggregate query per dimension (each a
conditional count over a semi-join with the register), whatever the size of the force, then
a roll-up of a few dozen rows in Python."""

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, When

from upright.core.exceptions import ValidationFailed
from upright.people.choices import EmploymentStatus, EthnicGroup, OrgUnitKind, ethnic_group_of
from upright.people.models import OrgUnit, Person
from upright.vetting.models import ConvictionRecord, Disposal, OffenceCategory

WHILE_SERVING = ("any", "yes", "no")
RULE_KEYS = {"categories", "disposals", "exempt_minor_motoring", "within_years",
             "while_serving"}


@dataclass(frozen=True)
class PolicyRule:
    """Who a proposed rule affects: anyone serving with at least one record that matches.
    categories / disposals: the offence categories and disposals the rule counts (empty:
    all). exempt_minor_motoring: records of a motoring offence marked minor do not count.
    within_years: only offences in the N years up to the as-of date (None: any time).
    while_serving: "yes" only offences committed while serving, "no" only before, "any"."""

    categories: tuple[str, ...] = ()
    disposals: tuple[str, ...] = ()
    exempt_minor_motoring: bool = False
    within_years: int | None = None
    while_serving: str = "any"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["categories"], data["disposals"] = list(self.categories), list(self.disposals)
        return data


def _codes(errors: dict[str, str], name: str, value: Any, allowed: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        errors[name] = "Must be a list of codes."
        return ()
    bad = [v for v in value if v not in allowed]
    if bad:
        errors[name] = f"Unknown: {', '.join(bad)}. Allowed: {', '.join(allowed)}."
    return tuple(sorted(set(value)))


def policy_rule_parse(data: Any) -> PolicyRule:
    """Validate a rule given as a dict (JSON); every problem is named in one error."""
    if not isinstance(data, dict):
        raise ValidationFailed("The rule must be an object.", {"fields": {"rule": "Must be an "
                                                                          "object."}})
    errors: dict[str, str] = {}
    unknown = sorted(set(data) - RULE_KEYS)
    if unknown:
        errors["rule"] = f"Unknown keys: {', '.join(unknown)}."
    categories = _codes(errors, "categories", data.get("categories"), OffenceCategory.values)
    disposals = _codes(errors, "disposals", data.get("disposals"), Disposal.values)
    exempt = data.get("exempt_minor_motoring", False)
    if not isinstance(exempt, bool):
        errors["exempt_minor_motoring"] = "Must be true or false."
    within = data.get("within_years")
    if within is not None and (isinstance(within, bool) or not isinstance(within, int)
                               or not 1 <= within <= 100):
        errors["within_years"] = "Must be a whole number of years from 1 to 100, or null."
    serving = data.get("while_serving", "any")
    if serving not in WHILE_SERVING:
        errors["while_serving"] = f"Must be one of: {', '.join(WHILE_SERVING)}."
    if errors:
        raise ValidationFailed("The rule is not valid.", {"fields": errors})
    return PolicyRule(categories=categories, disposals=disposals,
                      exempt_minor_motoring=exempt is True, within_years=within,
                      while_serving=serving)


def policy_rule_records(*, rule: PolicyRule, as_of: dt.date) -> QuerySet[ConvictionRecord]:
    """The register records the rule counts."""
    records = ConvictionRecord.objects.filter(offence_date__lte=as_of)
    if rule.categories:
        records = records.filter(offence_category__in=rule.categories)
    if rule.disposals:
        records = records.filter(disposal__in=rule.disposals)
    if rule.exempt_minor_motoring:
        records = records.exclude(Q(offence_category=OffenceCategory.MOTORING) & Q(minor=True))
    if rule.within_years is not None:
        records = records.filter(offence_date__gt=as_of - relativedelta(years=rule.within_years))
    if rule.while_serving != "any":
        records = records.filter(while_serving=rule.while_serving == "yes")
    return records


def policy_workforce() -> QuerySet[Person]:
    """The serving workforce the rule would apply to."""
    return Person.objects.filter(end_date__isnull=True).exclude(status=EmploymentStatus.LEFT)


def policy_affected_people(*, rule: PolicyRule, as_of: dt.date) -> QuerySet[Person]:
    matching = policy_rule_records(rule=rule, as_of=as_of).filter(person_id=OuterRef("pk"))
    return policy_workforce().filter(Exists(matching))


@dataclass(frozen=True)
class SimulationResult:
    workforce: int
    affected: int
    breakdown: dict[str, list[dict[str, Any]]]


def _counts(*, rule: PolicyRule, as_of: dt.date, dimension: Any) -> list[dict[str, Any]]:
    """One grouped query: per value of `dimension`, the serving headcount and how many of
    them the rule affects. The register's matching people are an uncorrelated IN subquery,
    which PostgreSQL hashes once (a correlated EXISTS is costed so high it triggers JIT)."""
    matching = policy_rule_records(rule=rule, as_of=as_of).values("person_id")
    grouped: Any = (policy_workforce().annotate(dim=dimension).order_by().values("dim")
                    .annotate(workforce=Count("id"),
                              affected=Count("id", filter=Q(id__in=matching))))
    return [dict(row) for row in grouped]


# A team's BCU is its parent; anyone attached higher up stands for their own unit.
BCU_OF_PERSON = Case(When(org_unit__kind=OrgUnitKind.TEAM, then=F("org_unit__parent_id")),
                     default=F("org_unit_id"))


def _unit_labels() -> dict[int, tuple[str, str]]:
    return {pk: (code, name) for pk, code, name in OrgUnit.objects.values_list("id", "code",
                                                                             "name")}


def _rows(totals: dict[tuple[str, str], list[int]]) -> list[dict[str, Any]]:
    rows = []
    for (key, label), (workforce, affected) in totals.items():
        rate = round(affected * 1000 / workforce, 1) if workforce else 0.0
        rows.append({"key": key, "label": label, "workforce": workforce, "affected": affected,
                     "rate_per_1000": rate})
    return sorted(rows, key=lambda r: (-r["affected"], -r["workforce"], r["key"]))


def policy_simulate(*, rule: PolicyRule, as_of: dt.date) -> SimulationResult:
    """Headcounts of the serving workforce and of those the rule affects, overall and per
    rank, BCU and ethnic group (with the rate per 1,000 of each group's workforce). Three
    grouped queries (rank, BCU, ethnicity) of a few dozen rows each."""
    units = _unit_labels()
    group_label = dict(EthnicGroup.choices)
    dims: dict[str, dict[tuple[str, str], list[int]]] = {
        "rank": defaultdict(lambda: [0, 0]), "unit": defaultdict(lambda: [0, 0]),
        "ethnic_group": defaultdict(lambda: [0, 0])}
    for dim, expression in (("rank", F("rank_or_grade")), ("unit", BCU_OF_PERSON),
                            ("ethnic_group", F("ethnicity"))):
        for row in _counts(rule=rule, as_of=as_of, dimension=expression):
            if dim == "rank":
                key = (row["dim"] or "(none)",) * 2
            elif dim == "unit":
                key = units.get(row["dim"], ("(none)", "No unit"))
            else:
                group = ethnic_group_of(row["dim"]).value
                key = (group, group_label[group])
            dims[dim][key][0] += row["workforce"]
            dims[dim][key][1] += row["affected"]
    totals = [sum(v[i] for v in dims["rank"].values()) for i in (0, 1)]
    return SimulationResult(workforce=totals[0], affected=totals[1],
                            breakdown={dim: _rows(values) for dim, values in dims.items()})
