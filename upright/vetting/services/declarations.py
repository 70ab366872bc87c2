"""Self-declarations of associations, business interests and secondary employment (Vetting
Regs 2025 reg 5: officers must promptly notify anything that may affect their suitability),
and their assessment by a vetting officer. A declared association is a review trigger: it
raises a vetting review at once; other declarations do when the officer refers them."""

from typing import Any

from django.db import transaction

from upright.audit.services import audit_record
from upright.core.clock import timezone_now
from upright.core.exceptions import ActionForbidden, NotFound, TransitionNotAllowed
from upright.vetting import audit_events as events
from upright.vetting.models import (
    AssociationType,
    Declaration,
    DeclarationKind,
    DeclarationStatus,
    ReviewSource,
)
from upright.vetting.permissions import DECLARE, MANAGE, record_policy, vetting_perm_require
from upright.vetting.services.common import Fields
from upright.vetting.services.reviews import vetting_review_request

ASSESSMENTS = {"accept": DeclarationStatus.ACCEPTED,
               "accept_with_conditions": DeclarationStatus.ACCEPTED_WITH_CONDITIONS,
               "refer": DeclarationStatus.REFERRED}


def _refer(declaration: Declaration, why: str) -> None:
    declaration.review_request = vetting_review_request(
        actor=None, person_id=declaration.person_id, source_kind=ReviewSource.DECLARATION,
        source_ref=f"declaration:{declaration.pk}",
        reason=f"{why}: {declaration.get_kind_display().lower()}, {declaration.subject}")


def declaration_make(*, actor: Any, kind: str, subject: str, details: str,
                     association_type: str = "") -> Declaration:
    """The user declares something about themself (only about themself: the declaration is
    made for the workforce record linked to their log-in)."""
    vetting_perm_require(user=actor, perm=DECLARE)
    if getattr(actor, "person_id", None) is None:
        raise ActionForbidden("Your log-in is not linked to a workforce record.")
    fields = Fields()
    kind = fields.choice("kind", kind, DeclarationKind.values)
    is_association = kind == DeclarationKind.ASSOCIATION
    association_type = fields.choice("association_type", association_type,
                                     AssociationType.values, required=is_association)
    if association_type and not is_association:
        fields.errors["association_type"] = "Only for an association."
    subject = fields.text("subject", subject, limit=200)
    details = fields.text("details", details, limit=4000)
    fields.raise_if_any()
    with transaction.atomic():
        declaration = Declaration.objects.create(
            person_id=actor.person_id, kind=kind, association_type=association_type,
            subject=subject, details=details, declared_by=actor)
        if is_association:
            _refer(declaration, f"Declared association with "
                                f"{AssociationType(association_type).label.lower()}")
            declaration.save(update_fields=["review_request", "updated_at"])
        audit_record(action=events.DECLARATION_MADE, actor=actor, target=declaration,
                     extra={"person_id": actor.person_id, "kind": kind,
                            "association_type": association_type})
    return declaration


def declaration_assess(*, actor: Any, declaration_id: int, decision: str, notes: str = "",
                       conditions: str = "") -> Declaration:
    """Accept, accept with conditions (conditions required), or refer for a vetting review
    (notes required)."""
    vetting_perm_require(user=actor, perm=MANAGE)
    fields = Fields()
    decision = fields.choice("decision", decision, list(ASSESSMENTS))
    notes = fields.text("notes", notes, required=decision == "refer", limit=4000)
    conditions = fields.text("conditions", conditions,
                             required=decision == "accept_with_conditions", limit=4000)
    if conditions and decision != "accept_with_conditions":
        fields.errors["conditions"] = "Only when accepting with conditions."
    fields.raise_if_any()
    with transaction.atomic():
        declaration = (Declaration.objects.select_for_update().filter(id=declaration_id).first()
                       if isinstance(declaration_id, int) else None)
        if declaration is None or not record_policy.person_is_visible(
                user=actor, person_id=declaration.person_id, perm=MANAGE):
            raise NotFound("No such declaration.")
        if declaration.status != DeclarationStatus.SUBMITTED:
            raise TransitionNotAllowed("The declaration has already been assessed.",
                                       {"status": declaration.status})
        declaration.status, declaration.assessed_by = ASSESSMENTS[decision], actor
        declaration.assessed_at, declaration.assessment_notes = timezone_now(), notes
        declaration.conditions = conditions
        if decision == "refer":
            _refer(declaration, f"Declaration referred by the vetting unit ({notes})")
        declaration.save(update_fields=["status", "assessed_by", "assessed_at",
                                        "assessment_notes", "conditions", "review_request",
                                        "updated_at"])
        audit_record(action=events.DECLARATION_ASSESSED, actor=actor, target=declaration,
                     extra={"person_id": declaration.person_id, "decision": decision,
                            "review_request_id": declaration.review_request_id})
    return declaration
