"""Rule kinds and their parameters. Every parameter is reference data an administrator can
change (none of these thresholds comes from a regulation), so each kind validates what it is
given and says clearly what is wrong.

Windows: "within Y years" / "within M months" means the first and the last of the counted
matters came to the authority's attention at most Y x 365.25 days (M x 30.4375 days) apart,
measured to the second, so 12 months and 1 year are the same window. Counting is per matter:
one matter with two sexual-misconduct allegations is one occasion, not a pattern.
"""

from dataclasses import dataclass
from typing import Any

from upright.patterns.models import RuleKind

DAYS_PER_YEAR = 365.25
DAYS_PER_MONTH = DAYS_PER_YEAR / 12
SECONDS_PER_DAY = 86400


@dataclass(frozen=True)
class Parameter:
    name: str
    label: str
    kind: str  # "int" | "codes" (a list of allegation category codes)
    minimum: int = 1
    maximum: int = 1000
    optional: bool = False


PARAMETERS: dict[str, tuple[Parameter, ...]] = {
    RuleKind.CATEGORY_COUNT_WINDOW: (
        Parameter("min_count", "At least this many matters", "int", 2, 100),
        Parameter("window_years", "Within this many years", "int", 1, 50),
        Parameter("category_codes", "Allegation categories", "codes"),
    ),
    RuleKind.COMPLAINT_COUNT_WINDOW: (
        Parameter("min_count", "At least this many complaints", "int", 2, 100),
        Parameter("window_months", "Within this many months", "int", 1, 600),
    ),
    RuleKind.ALLEGATION_WITH_SCREENING_HIT: (
        Parameter("window_years", "Allegation and hit within this many years of each other",
                  "int", 1, 50),
        Parameter("category_codes", "Only allegations in these categories (empty: any)",
                  "codes", optional=True),
    ),
    RuleKind.UNCONNECTED_COMPLAINANTS: (
        Parameter("min_complainants", "At least this many unconnected complainants", "int",
                  2, 100),
    ),
}


def window_seconds(parameters: dict[str, Any]) -> float:
    """The rule's window in seconds (see the module docstring)."""
    if "window_months" in parameters:
        return parameters["window_months"] * DAYS_PER_MONTH * SECONDS_PER_DAY
    return parameters["window_years"] * DAYS_PER_YEAR * SECONDS_PER_DAY


def parameters_validate(*, kind: str, parameters: Any,
                        known_codes: set[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """(cleaned parameters, errors by parameter name). `known_codes`: the allegation category
    codes that exist. Unknown names, wrong types and out-of-range values are errors."""
    if kind not in PARAMETERS:
        return {}, {"kind": f"Must be one of: {', '.join(PARAMETERS)}."}
    if not isinstance(parameters, dict):
        return {}, {"parameters": "Must be an object of parameter names and values."}
    specs = {p.name: p for p in PARAMETERS[kind]}
    errors = {name: f"Not a parameter of this kind of rule (expected: {', '.join(specs)})."
              for name in parameters if name not in specs}
    cleaned: dict[str, Any] = {}
    for spec in specs.values():
        value = parameters.get(spec.name)
        if value is None or value == "" or value == []:
            if spec.optional:
                cleaned[spec.name] = []
            else:
                errors[spec.name] = "This parameter is required."
            continue
        if spec.kind == "int":
            ok, result = _int(value, spec)
        else:
            ok, result = _codes(value, known_codes)
        if ok:
            cleaned[spec.name] = result
        else:
            errors[spec.name] = str(result)
    return cleaned, errors


def _int(value: Any, spec: Parameter) -> tuple[bool, Any]:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return False, "Must be a whole number."
    try:
        number = int(value)
    except ValueError:
        return False, "Must be a whole number."
    if not spec.minimum <= number <= spec.maximum:
        return False, f"Must be between {spec.minimum} and {spec.maximum}."
    return True, number


def _codes(value: Any, known: set[str]) -> tuple[bool, Any]:
    if isinstance(value, str):
        value = [part for part in value.replace(",", " ").split() if part]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return False, "Must be a list of allegation category codes."
    codes = sorted({v.strip().upper() for v in value if v.strip()})
    unknown = [code for code in codes if code not in known]
    if unknown:
        return False, f"Unknown allegation categories: {', '.join(unknown)}."
    if not codes:
        return False, "Name at least one allegation category."
    return True, codes


def parameters_describe(*, kind: str, parameters: dict[str, Any]) -> str:
    """One line for people: "2+ matters in H1, H2 within 10 years"."""
    p = parameters
    codes = ", ".join(p.get("category_codes") or []) or "any category"
    if kind == RuleKind.CATEGORY_COUNT_WINDOW:
        return f"{p.get('min_count')}+ matters in {codes} within {p.get('window_years')} years"
    if kind == RuleKind.COMPLAINT_COUNT_WINDOW:
        return f"{p.get('min_count')}+ complaints within {p.get('window_months')} months"
    if kind == RuleKind.ALLEGATION_WITH_SCREENING_HIT:
        return (f"an allegation ({codes}) and a screening hit within "
                f"{p.get('window_years')} years of each other")
    return f"complaints from {p.get('min_complainants')}+ unconnected complainants"
