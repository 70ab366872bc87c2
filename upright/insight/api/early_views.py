"""Early-intervention API: model versions, training on the records (queued), activation,
scores for the people one manages, recording an intervention and its outcome, the list of
interventions (thin adapters over insight.early services and selectors)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.access.permissions import perm_require
from upright.access.roles import Perm
from upright.core.api import ERROR, WRITE_ERRORS, api_input_parse
from upright.insight.early.models import Intervention
from upright.insight.early.selectors import (
    early_models_list,
    early_scores_for_user,
    interventions_for_user,
)
from upright.insight.early.services import (
    earlymodel_activate,
    earlymodel_train_queue,
    intervention_outcome_record,
    intervention_record,
)


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


class InterventionListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    person_id = serializers.IntegerField()
    staff_number = serializers.CharField(source="person.staff_number")
    score_id = serializers.IntegerField()
    model_version = serializers.IntegerField(source="score.model.version")
    kind = serializers.CharField()
    notes = serializers.CharField()
    recorded_at = serializers.DateTimeField(source="created_at")
    outcome = serializers.CharField()
    outcome_notes = serializers.CharField()
    outcome_recorded_at = serializers.DateTimeField(allow_null=True)


class InterventionOutcomeInput(serializers.Serializer):
    outcome = serializers.CharField(max_length=12)
    notes = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")


class TrainInput(serializers.Serializer):
    cutoff = serializers.DateField(required=False, allow_null=True, default=None)


class EarlyModelsApi(APIView):
    @extend_schema(operation_id="insight_early_models", responses={200: EarlyModelOutput(many=True),
                                                                    403: ERROR})
    def get(self, request: Request) -> Response:
        perm_require(user=request.user, perm=Perm.INSIGHT_MODEL)
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
        perm_require(user=request.user, perm=Perm.INSIGHT_SCORES)
        return Response(EarlyScoreOutput(early_scores_for_user(user=request.user), many=True).data)


class InterventionRecordApi(APIView):
    @extend_schema(operation_id="insight_intervention_record", request=InterventionInput,
                   responses={201: InterventionOutput, **WRITE_ERRORS})
    def post(self, request: Request, score_id: int) -> Response:
        data = api_input_parse(serializer_cls=InterventionInput, request=request)
        item = intervention_record(actor=request.user, score_id=score_id, **data)
        return Response(InterventionOutput(item).data, status=201)


class EarlyModelTrainApi(APIView):
    @extend_schema(operation_id="insight_early_model_train", request=TrainInput,
                   responses={202: None, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=TrainInput, request=request)
        earlymodel_train_queue(actor=request.user, cutoff=data["cutoff"])
        return Response({"queued": True}, status=202)


class InterventionsApi(APIView):
    @extend_schema(operation_id="insight_interventions",
                   responses={200: InterventionListOutput(many=True), 403: ERROR})
    def get(self, request: Request) -> Response:
        perm_require(user=request.user, perm=Perm.INSIGHT_SCORES)
        return Response(InterventionListOutput(interventions_for_user(user=request.user),
                                               many=True).data)


class InterventionOutcomeApi(APIView):
    @extend_schema(operation_id="insight_intervention_outcome", request=InterventionOutcomeInput,
                   responses={200: InterventionOutput, **WRITE_ERRORS})
    def post(self, request: Request, intervention_id: int) -> Response:
        data = api_input_parse(serializer_cls=InterventionOutcomeInput, request=request)
        item = intervention_outcome_record(actor=request.user, intervention_id=intervention_id,
                                           outcome=data["outcome"], notes=data["notes"])
        return Response(InterventionOutput(item).data)
