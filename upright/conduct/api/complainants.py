"""Complainants API: record a complainant once, link them to complaint matters."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.conduct.choices import AgeBand, ComplainantRole, ContactMethod
from upright.conduct.services.complainants import complainant_link, complainant_record
from upright.people.choices import Ethnicity, Sex

ERROR = OpenApiResponse(description='{"message": str, "extra": {...}}')


class ComplainantInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    preferred_contact = serializers.ChoiceField(choices=ContactMethod.choices)
    email = serializers.CharField(required=False, allow_blank=True, default="", max_length=254)
    phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
    address = serializers.CharField(required=False, allow_blank=True, default="",
                                    max_length=1000)
    ethnicity = serializers.ChoiceField(choices=Ethnicity.choices, required=False,
                                        allow_blank=True, default="")
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, allow_blank=True,
                                  default="")
    age_band = serializers.ChoiceField(choices=AgeBand.choices, required=False, allow_blank=True,
                                       default="")
    source_report_reference = serializers.CharField(required=False, allow_blank=True,
                                                    default="", max_length=40)


class ComplainantCreatedOutput(serializers.Serializer):
    complainant_id = serializers.IntegerField()


class ComplainantLinkInput(serializers.Serializer):
    complainant_id = serializers.IntegerField()
    role = serializers.ChoiceField(choices=ComplainantRole.choices, required=False,
                                   default=ComplainantRole.COMPLAINANT)


class ComplainantLinkOutput(serializers.Serializer):
    complainant_id = serializers.IntegerField()
    matter_reference = serializers.CharField()
    role = serializers.CharField()


class ComplainantCreateApi(APIView):
    @extend_schema(operation_id="complainants_create", request=ComplainantInput,
                   responses={201: ComplainantCreatedOutput, 400: ERROR, 403: ERROR})
    def post(self, request: Request) -> Response:
        serializer = ComplainantInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        complainant = complainant_record(actor=request.user, **serializer.validated_data)
        return Response({"complainant_id": complainant.pk}, status=201)


class ComplainantLinkApi(APIView):
    @extend_schema(operation_id="matters_complainants_link", request=ComplainantLinkInput,
                   responses={201: ComplainantLinkOutput, 400: ERROR, 403: ERROR, 404: ERROR,
                              409: ERROR})
    def post(self, request: Request, reference: str) -> Response:
        serializer = ComplainantLinkInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        link = complainant_link(actor=request.user, matter_reference=reference,
                                **serializer.validated_data)
        return Response({"complainant_id": link.complainant_id,
                         "matter_reference": link.matter.reference, "role": link.role},
                        status=201)
