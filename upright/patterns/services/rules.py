"""Writing repeat-pattern rules. A rule is never edited in place: each change writes the next
version (old versions stay, and the alerts they raised keep pointing at them)."""

from typing import Any

from django.db import IntegrityError, transaction

from upright.audit.services import audit_record
from upright.conduct.selectors import allegation_category_choices
from upright.core.exceptions import Conflict, NotFound, ValidationFailed
from upright.patterns.audit_events import RULE_VERSION_WRITTEN
from upright.patterns.models import PatternRule, RuleKind
from upright.patterns.permissions import RULES, patterns_perm_require
from upright.patterns.rules.definitions import parameters_validate

_LIMITS = {"name": 200, "description": 5000, "note": 5000}


def _known_codes() -> set[str]:
    return {code for code, _ in allegation_category_choices()}


def _clean(*, kind: str, name: str, description: str, note: str, parameters: Any,
           note_required: bool) -> tuple[dict[str, str], dict[str, Any]]:
    text = {"name": (name or "").strip(), "description": (description or "").strip(),
            "note": (note or "").strip()}
    errors: dict[str, Any] = {}
    for field, limit in _LIMITS.items():
        if len(text[field]) > limit:
            errors[field] = f"At most {limit} characters."
    if not text["name"]:
        errors["name"] = "A name is required."
    if note_required and not text["note"]:
        errors["note"] = "Say why the rule is changing (kept with the version)."
    cleaned, problems = parameters_validate(kind=kind, parameters=parameters,
                                            known_codes=_known_codes())
    if problems:
        errors["parameters"] = problems
    if errors:
        raise ValidationFailed("The rule could not be saved.", {"fields": errors})
    return text, cleaned


def pattern_rule_create(*, actor: Any, code: str, kind: str, name: str, parameters: Any,
                        description: str = "", active: bool = True,
                        note: str = "") -> PatternRule:
    """Write version 1 of a new rule."""
    patterns_perm_require(user=actor, perm=RULES)
    code = (code or "").strip().lower()
    errors: dict[str, Any] = {}
    if kind not in RuleKind.values:
        errors["kind"] = f"Must be one of: {', '.join(RuleKind.values)}."
    if not code or len(code) > 60 or not all(c.isalnum() or c in "_-" for c in code):
        errors["code"] = "Letters, digits, '_' and '-' only, at most 60."
    if errors:
        raise ValidationFailed("The rule could not be saved.", {"fields": errors})
    text, cleaned = _clean(kind=kind, name=name, description=description, note=note,
                           parameters=parameters, note_required=False)
    if PatternRule.objects.filter(code=code).exists():
        raise Conflict("A rule with this code exists: write a new version of it instead.")
    return _write(actor=actor, code=code, version=1, kind=kind, text=text, cleaned=cleaned,
                  active=active)


def pattern_rule_revise(*, actor: Any, code: str, name: str, parameters: Any,
                        description: str, active: bool, note: str,
                        based_on_version: int | None = None) -> PatternRule:
    """Write the next version of rule `code` (its kind stays). `note` (why) is required.
    `based_on_version`: the version the editor saw; a newer one written meanwhile is a
    Conflict, so one edit never silently overwrites another."""
    patterns_perm_require(user=actor, perm=RULES)
    with transaction.atomic():
        current = (PatternRule.objects.select_for_update().filter(code=code)
                   .order_by("-version").first())
        if current is None:
            raise NotFound("No such rule.")
        if based_on_version is not None and based_on_version != current.version:
            raise Conflict(f"The rule has changed since version {based_on_version}: it is now "
                           f"at version {current.version}. Reload and edit again.")
        text, cleaned = _clean(kind=current.kind, name=name, description=description,
                               note=note, parameters=parameters, note_required=True)
        return _write(actor=actor, code=code, version=current.version + 1, kind=current.kind,
                      text=text, cleaned=cleaned, active=active)


def _write(*, actor: Any, code: str, version: int, kind: str, text: dict[str, str],
           cleaned: dict[str, Any], active: bool) -> PatternRule:
    try:
        with transaction.atomic():
            rule = PatternRule(code=code, version=version, kind=kind, parameters=cleaned,
                               active=bool(active), created_by=actor, **text)
            rule.full_clean()
            rule.save()
            audit_record(action=RULE_VERSION_WRITTEN, actor=actor, target=rule,
                         extra={"new": {"code": code, "version": version, "kind": kind,
                                        "parameters": cleaned, "active": rule.active,
                                        "note": rule.note}})
    except IntegrityError as exc:  # the same version written concurrently
        raise Conflict("Another version of this rule was written at the same time.") from exc
    return rule
