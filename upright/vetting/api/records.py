"""The vetting records API: clearances, the register, declarations, integrity reviews,
applications, policy simulations and vetting settings (one APIView per operation)."""

from typing import Any, cast

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.access.permissions import perm_require
from upright.core.api import ERROR, WRITE_ERRORS, api_input_parse
from upright.core.exceptions import NotFound, ValidationFailed
from upright.vetting import selectors as sel
from upright.vetting import services as svc
from upright.vetting.api import serializers as s
from upright.vetting.models import ClearanceLevel, ClearanceStatus, OffenceCategory
from upright.vetting.permissions import ADMINISTER, MANAGE, SIMULATE, VIEW, vetting_perm_has

LIMIT = 500


def _int_param(request: Request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    if not value.isdigit():
        raise ValidationFailed(f"Bad {name}.", {"fields": {name: "Must be a whole number."}})
    return int(value)


def _choice_param(request: Request, name: str, allowed: list[str]) -> str | None:
    value = request.query_params.get(name) or None
    if value is not None and value not in allowed:
        raise ValidationFailed(f"Unknown {name}.", {"fields": {
            name: f"Must be one of: {', '.join(allowed)}."}})
    return value


class ClearanceListApi(APIView):
    @extend_schema(operation_id="vetting_clearances_list",
                   parameters=[OpenApiParameter("person_id", int),
                               OpenApiParameter("status", str, enum=ClearanceStatus.values),
                               OpenApiParameter("level", str, enum=ClearanceLevel.values)],
                   responses={200: s.ClearanceOutput(many=True), 400: ERROR, 403: ERROR})
    def get(self, request: Request) -> Response:
        perm_require(user=request.user, perm=VIEW)
        person_id = _int_param(request, "person_id")
        queryset = sel.clearances_visible_to(
            user=request.user, person_id=person_id,
            status=_choice_param(request, "status", ClearanceStatus.values),
            level=_choice_param(request, "level", ClearanceLevel.values))
        svc.vetting_records_view_record(actor=request.user, person_id=person_id,
                                        what="clearances")
        return Response(s.ClearanceOutput(queryset[:LIMIT], many=True).data)

    @extend_schema(operation_id="vetting_clearances_grant", request=s.ClearanceGrantInput,
                   description="Grant a clearance to a member of the workforce. The "
                               "pre-decision checks run first; a blocking finding gives 409.",
                   responses={201: s.ClearanceOutput, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=s.ClearanceGrantInput, request=request)
        clearance = svc.clearance_grant(actor=request.user, **data)
        return Response(s.ClearanceOutput(clearance).data, status=201)


class ClearanceExpiringApi(APIView):
    @extend_schema(operation_id="vetting_clearances_expiring",
                   parameters=[OpenApiParameter("within_days", int)],
                   responses={200: s.ClearanceOutput(many=True), 400: ERROR, 403: ERROR})
    def get(self, request: Request) -> Response:
        perm_require(user=request.user, perm=VIEW)
        within = _int_param(request, "within_days")
        if within is not None and within > 3650:
            raise ValidationFailed("Bad within_days.", {"fields": {
                "within_days": "At most 3650."}})
        queryset = sel.clearance_expiry_queue(user=request.user,
                                              within_days=90 if within is None else within)
        return Response(s.ClearanceOutput(queryset[:LIMIT], many=True).data)


class ClearanceDetailApi(APIView):
    @extend_schema(operation_id="vetting_clearances_get",
                   responses={200: s.ClearanceOutput, 403: ERROR, 404: ERROR})
    def get(self, request: Request, clearance_id: int) -> Response:
        perm_require(user=request.user, perm=VIEW)
        clearance = sel.clearance_get(user=request.user, clearance_id=clearance_id)
        svc.vetting_records_view_record(actor=request.user, person_id=clearance.person_id,
                                        what="clearance", object_id=str(clearance.pk))
        return Response(s.ClearanceOutput(clearance).data)


class ClearanceRenewApi(APIView):
    @extend_schema(operation_id="vetting_clearances_renew", request=None,
                   responses={200: s.ClearanceOutput, **WRITE_ERRORS})
    def post(self, request: Request, clearance_id: int) -> Response:
        clearance = svc.clearance_renew(actor=request.user, clearance_id=clearance_id)
        return Response(s.ClearanceOutput(clearance).data)


class ClearanceConditionsApi(APIView):
    @extend_schema(operation_id="vetting_clearances_conditions", request=s.ConditionsInput,
                   responses={200: s.ClearanceOutput, **WRITE_ERRORS})
    def post(self, request: Request, clearance_id: int) -> Response:
        data = api_input_parse(serializer_cls=s.ConditionsInput, request=request)
        clearance = svc.clearance_conditions_set(actor=request.user, clearance_id=clearance_id,
                                                 **data)
        return Response(s.ClearanceOutput(clearance).data)


class ClearanceTerminateApi(APIView):
    @extend_schema(operation_id="vetting_clearances_terminate", request=s.TerminateInput,
                   responses={200: s.ClearanceOutput, **WRITE_ERRORS})
    def post(self, request: Request, clearance_id: int) -> Response:
        data = api_input_parse(serializer_cls=s.TerminateInput, request=request)
        clearance = svc.clearance_terminate(actor=request.user, clearance_id=clearance_id,
                                            **data)
        return Response(s.ClearanceOutput(clearance).data)


class RenewalIntervalApi(APIView):
    @extend_schema(operation_id="vetting_renewal_intervals_list",
                   responses={200: s.RenewalIntervalOutput(many=True), 403: ERROR})
    def get(self, request: Request) -> Response:
        if not vetting_perm_has(user=request.user, perm=ADMINISTER):
            perm_require(user=request.user, perm=VIEW)
        return Response(s.RenewalIntervalOutput(sel.renewal_intervals_current(), many=True).data)

    @extend_schema(operation_id="vetting_renewal_intervals_set", request=s.RenewalIntervalInput,
                   description="Publish a new version of a level's renewal interval "
                               "(administrators).",
                   responses={201: s.RenewalIntervalOutput, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=s.RenewalIntervalInput, request=request)
        return Response(s.RenewalIntervalOutput(svc.renewal_interval_set(
            actor=request.user, **data)).data, status=201)


class ConvictionListApi(APIView):
    @extend_schema(operation_id="vetting_convictions_list",
                   parameters=[OpenApiParameter("person_id", int),
                               OpenApiParameter("category", str, enum=OffenceCategory.values)],
                   responses={200: s.ConvictionOutput(many=True), 400: ERROR, 403: ERROR})
    def get(self, request: Request) -> Response:
        perm_require(user=request.user, perm=VIEW)
        person_id = _int_param(request, "person_id")
        queryset = sel.convictions_visible_to(
            user=request.user, person_id=person_id,
            category=_choice_param(request, "category", OffenceCategory.values))
        svc.vetting_records_view_record(actor=request.user, person_id=person_id,
                                        what="register")
        return Response(s.ConvictionOutput(queryset[:LIMIT], many=True).data)

    @extend_schema(operation_id="vetting_convictions_record", request=s.ConvictionInput,
                   description="Record a conviction or caution; a serving person's clearance "
                               "is put up for vetting review.",
                   responses={201: s.ConvictionOutput, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=s.ConvictionInput, request=request)
        return Response(s.ConvictionOutput(svc.conviction_record(actor=request.user,
                                                                 **data)).data, status=201)


class DeclarationListApi(APIView):
    @extend_schema(operation_id="vetting_declarations_list",
                   parameters=[OpenApiParameter("mine", bool,
                                                description="only the caller's own"),
                               OpenApiParameter("status", str), OpenApiParameter("person_id",
                                                                                 int)],
                   responses={200: s.DeclarationOutput(many=True), 400: ERROR, 403: ERROR})
    def get(self, request: Request) -> Response:
        if request.query_params.get("mine") in ("1", "true"):
            return Response(s.DeclarationOutput(sel.declarations_mine(user=request.user)
                                                [:LIMIT], many=True).data)
        perm_require(user=request.user, perm=VIEW)
        queryset = sel.declarations_visible_to(
            user=request.user, status=request.query_params.get("status") or None,
            person_id=_int_param(request, "person_id"))
        return Response(s.DeclarationOutput(queryset[:LIMIT], many=True).data)

    @extend_schema(operation_id="vetting_declarations_make", request=s.DeclarationInput,
                   description="Declare an association, business interest or secondary "
                               "employment of one's own. An association raises a vetting "
                               "review at once.",
                   responses={201: s.DeclarationOutput, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=s.DeclarationInput, request=request)
        return Response(s.DeclarationOutput(svc.declaration_make(actor=request.user,
                                                                 **data)).data, status=201)


class DeclarationAssessApi(APIView):
    @extend_schema(operation_id="vetting_declarations_assess", request=s.AssessInput,
                   responses={200: s.DeclarationOutput, **WRITE_ERRORS})
    def post(self, request: Request, declaration_id: int) -> Response:
        data = api_input_parse(serializer_cls=s.AssessInput, request=request)
        return Response(s.DeclarationOutput(svc.declaration_assess(
            actor=request.user, declaration_id=declaration_id, **data)).data)


class IntegrityReviewListApi(APIView):
    @extend_schema(operation_id="vetting_integrity_reviews_list",
                   parameters=[OpenApiParameter("person_id", int), OpenApiParameter("year", int)],
                   responses={200: s.IntegrityReviewOutput(many=True), 400: ERROR, 403: ERROR})
    def get(self, request: Request) -> Response:
        perm_require(user=request.user, perm=VIEW)
        queryset = sel.integrity_reviews_visible_to(
            user=request.user, person_id=_int_param(request, "person_id"),
            year=_int_param(request, "year"))
        return Response(s.IntegrityReviewOutput(queryset[:LIMIT], many=True).data)

    @extend_schema(operation_id="vetting_integrity_reviews_record",
                   request=s.IntegrityReviewInput,
                   description="answers maps every active question code to its answer.",
                   responses={201: s.IntegrityReviewOutput, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=s.IntegrityReviewInput, request=request)
        return Response(s.IntegrityReviewOutput(svc.integrity_review_record(
            actor=request.user, **data)).data, status=201)


class ApplicationListApi(APIView):
    @extend_schema(operation_id="vetting_applications_list",
                   parameters=[OpenApiParameter("status", str)],
                   responses={200: s.ApplicationOutput(many=True), 403: ERROR})
    def get(self, request: Request) -> Response:
        perm_require(user=request.user, perm=MANAGE)
        queryset = sel.applications_visible_to(user=request.user,
                                               status=request.query_params.get("status") or None)
        return Response(s.ApplicationOutput(queryset.prefetch_related("findings")[:LIMIT],
                                            many=True).data)

    @extend_schema(operation_id="vetting_applications_create", request=s.ApplicationInput,
                   responses={201: s.ApplicationOutput, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=s.ApplicationInput, request=request)
        return Response(s.ApplicationOutput(svc.vetting_application_create(
            actor=request.user, **data)).data, status=201)


class ApplicationDetailApi(APIView):
    @extend_schema(operation_id="vetting_applications_get",
                   responses={200: s.ApplicationOutput, 403: ERROR, 404: ERROR})
    def get(self, request: Request, application_id: int) -> Response:
        perm_require(user=request.user, perm=MANAGE)
        return Response(s.ApplicationOutput(sel.application_get(
            user=request.user, application_id=application_id)).data)


class ApplicationChecksApi(APIView):
    @extend_schema(operation_id="vetting_applications_checks", request=None,
                   responses={200: s.FindingOutput(many=True), **WRITE_ERRORS})
    def post(self, request: Request, application_id: int) -> Response:
        findings = svc.vetting_application_checks_run(actor=request.user,
                                                      application_id=application_id)
        return Response(s.FindingOutput(findings, many=True).data)


class FindingResolveApi(APIView):
    @extend_schema(operation_id="vetting_findings_resolve", request=s.ResolveInput,
                   responses={200: s.FindingOutput, **WRITE_ERRORS})
    def post(self, request: Request, finding_id: int) -> Response:
        data = api_input_parse(serializer_cls=s.ResolveInput, request=request)
        return Response(s.FindingOutput(svc.application_finding_resolve(
            actor=request.user, finding_id=finding_id, **data)).data)


class ApplicationGrantApi(APIView):
    @extend_schema(operation_id="vetting_applications_grant", request=s.GrantInput,
                   description="Run the checks again and grant; 409 while a blocking finding "
                               "has no recorded resolution.",
                   responses={201: s.ClearanceOutput, **WRITE_ERRORS})
    def post(self, request: Request, application_id: int) -> Response:
        data = api_input_parse(serializer_cls=s.GrantInput, request=request)
        clearance = svc.vetting_application_grant(actor=request.user,
                                                  application_id=application_id, **data)
        return Response(s.ClearanceOutput(clearance).data, status=201)


class ApplicationRefuseApi(APIView):
    @extend_schema(operation_id="vetting_applications_refuse", request=s.RefuseInput,
                   responses={200: s.ApplicationOutput, **WRITE_ERRORS})
    def post(self, request: Request, application_id: int) -> Response:
        data = api_input_parse(serializer_cls=s.RefuseInput, request=request)
        return Response(s.ApplicationOutput(svc.vetting_application_refuse(
            actor=request.user, application_id=application_id, **data)).data)


class SimulationListApi(APIView):
    @extend_schema(operation_id="vetting_simulations_list",
                   responses={200: s.SimulationOutput(many=True), 403: ERROR})
    def get(self, request: Request) -> Response:
        perm_require(user=request.user, perm=SIMULATE)
        return Response(s.SimulationOutput(sel.simulations_visible_to(user=request.user)[:100],
                                           many=True).data)

    @extend_schema(operation_id="vetting_simulations_run", request=s.SimulationInput,
                   description="Count whom a proposed rule over the convictions and cautions "
                               "register would affect, by rank, BCU and ethnic group; saved.",
                   responses={201: s.SimulationOutput, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        api_input_parse(serializer_cls=s.SimulationInput, request=request)
        # The service validates the rule as sent, so an unknown key is refused, not dropped.
        raw = cast(dict[str, Any], request.data)
        simulation = svc.policy_simulation_run(actor=request.user, name=raw["name"],
                                               rule=raw["rule"])
        return Response(s.SimulationOutput(simulation).data, status=201)


class SimulationDetailApi(APIView):
    @extend_schema(operation_id="vetting_simulations_get",
                   responses={200: s.SimulationOutput, 403: ERROR, 404: ERROR})
    def get(self, request: Request, simulation_id: int) -> Response:
        perm_require(user=request.user, perm=SIMULATE)
        found = sel.simulations_visible_to(user=request.user).filter(id=simulation_id).first()
        if found is None:
            raise NotFound("No such simulation.")
        return Response(s.SimulationOutput(found).data)


class SimulationPeopleApi(APIView):
    @extend_schema(operation_id="vetting_simulations_people",
                   description="Who the saved rule affects as the register stands now "
                               "(needs VETTING_VIEW; the first 500).",
                   responses={200: s.AffectedPersonOutput(many=True), 403: ERROR, 404: ERROR})
    def get(self, request: Request, simulation_id: int) -> Response:
        perm_require(user=request.user, perm=SIMULATE)
        perm_require(user=request.user, perm=VIEW)
        found = sel.simulations_visible_to(user=request.user).filter(id=simulation_id).first()
        if found is None:
            raise NotFound("No such simulation.")
        people = sel.simulation_affected_people(user=request.user, simulation=found)[:LIMIT]
        svc.vetting_records_view_record(actor=request.user, person_id=None,
                                        what="simulation_people", object_id=str(found.pk))
        return Response(s.AffectedPersonOutput(people, many=True).data)


class RevettingDrawApi(APIView):
    @extend_schema(operation_id="vetting_revetting_draws_list",
                   responses={200: s.DrawOutput(many=True), 403: ERROR})
    def get(self, request: Request) -> Response:
        perm_require(user=request.user, perm=MANAGE)
        return Response(s.DrawOutput(sel.revetting_draws_visible_to(user=request.user)[:100],
                                     many=True).data)

    @extend_schema(operation_id="vetting_revetting_draw", request=s.DrawInput,
                   responses={201: s.DrawOutput, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=s.DrawInput, request=request)
        return Response(s.DrawOutput(svc.revetting_draw(actor=request.user, **data)).data,
                        status=201)


class RevettingRateApi(APIView):
    @extend_schema(operation_id="vetting_revetting_rate_get",
                   responses={200: s.RevettingRateOutput, 403: ERROR})
    def get(self, request: Request) -> Response:
        perm_require(user=request.user, perm=MANAGE)
        return Response(s.RevettingRateOutput(svc.revetting_rate_current()).data)

    @extend_schema(operation_id="vetting_revetting_rate_set", request=s.RevettingRateInput,
                   responses={201: s.RevettingRateOutput, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=s.RevettingRateInput, request=request)
        return Response(s.RevettingRateOutput(svc.revetting_rate_set(actor=request.user,
                                                                     **data)).data, status=201)
