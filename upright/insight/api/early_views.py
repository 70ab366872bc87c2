"""Early-intervention API: model versions, activation, scores for the people one manages,
recording an intervention (thin adapters over insight.early services and selectors)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.access.permissions import user_has_perm
from upright.access.roles import Perm
from upright.core.api import ERROR, WRITE_ERRORS, api_input_parse
from upright.core.exceptions import ActionForbidden
from upright.insight.early.models import Intervention
from upright.insight.early.selectors import early_models_list, early_scores_for_user
from upright.insight.early.services import earlymodel_activate, intervention_record


class EarlyModelOutput(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    trained_at = serializers.DateTimeField()
    cutoff = serializers.DateField()
    metrics = serializers.JSONField()
    fairness = serializers.JSONField()
    passed = serializers.BooleanField()
    active = serializers.BooleanField()


class EarlyScoreOutput(serializers.Serializer):
    id = serializers.IntegerField()
    person_id = serializers.IntegerField()
    staff_number = serializers.CharField(source="person.staff_number")
    score = serializers.FloatField()
    percentile = serializers.FloatField()
    factors = serializers.JSONField()


class InterventionInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Intervention.Kind.choices)
    notes = serializers.CharField(max_length=20000)


class InterventionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    outcome = serializers.CharField()


class EarlyModelsApi(APIView):
    @extend_schema(operation_id="insight_early_models", responses={200: EarlyModelOutput(many=True),
                                                                    403: ERROR})
    def get(self, request: Request) -> Response:
        if not user_has_perm(user=request.user, perm=Perm.INSIGHT_MODEL):
            raise ActionForbidden("Your role does not allow this (insight.model).")
        return Response(EarlyModelOutput(early_models_list(user=request.user), many=True).data)


class EarlyModelActivateApi(APIView):
    @extend_schema(operation_id="insight_early_model_activate", request=None,
                   responses={200: EarlyModelOutput, **WRITE_ERRORS})
    def post(self, request: Request, model_id: int) -> Response:
        return Response(EarlyModelOutput(earlymodel_activate(actor=request.user,
                                                             model_id=model_id)).data)


class EarlyScoresApi(APIView):
    @extend_schema(operation_id="insight_early_scores", responses={200: EarlyScoreOutput(many=True),
                                                                    403: ERROR})
    def get(self, request: Request) -> Response:
        if not user_has_perm(user=request.user, perm=Perm.INSIGHT_SCORES):
            raise ActionForbidden("Your role does not allow this (insight.scores).")
        return Response(EarlyScoreOutput(early_scores_for_user(user=request.user), many=True).data)


class InterventionRecordApi(APIView):
    @extend_schema(operation_id="insight_intervention_record", request=InterventionInput,
                   responses={201: InterventionOutput, **WRITE_ERRORS})
    def post(self, request: Request, score_id: int) -> Response:
        data = api_input_parse(serializer_cls=InterventionInput, request=request)
        item = intervention_record(actor=request.user, score_id=score_id, **data)
        return Response(InterventionOutput(item).data, status=201)
