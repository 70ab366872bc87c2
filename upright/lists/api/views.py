"""The lists API: thin adapters over the services and selectors."""


from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from upright.core.api import ERROR, WRITE_ERRORS, api_input_parse
from upright.lists.api.serializers import (
    CandidateResolveInput,
    CheckInput,
    CheckOutput,
    ImportInput,
    ImportOutput,
)
from upright.lists.permissions import lists_perm_has
from upright.lists.selectors import list_check_get, list_checks_visible_to, list_imports_visible_to
from upright.lists.services import (
    CheckRequest,
    list_candidate_resolve,
    list_check_run,
    list_check_view_record,
    list_import,
)


def _require(request: Request) -> None:
    if not lists_perm_has(user=request.user):
        raise PermissionDenied


class ListImportApi(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(operation_id="lists_imports_list", responses={200: ImportOutput(many=True)})
    def get(self, request: Request) -> Response:
        _require(request)
        return Response(ImportOutput(list_imports_visible_to(user=request.user)[:100],
                                     many=True).data)

    @extend_schema(operation_id="lists_import", request={"multipart/form-data": ImportInput},
                   description="Import a barred or advisory list CSV (docs/lists-format.md), "
                               "all rows or none; errors list every bad line and column.",
                   responses={201: ImportOutput, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=ImportInput, request=request)
        upload = data["file"]
        version = list_import(actor=request.user, list_kind=data["list_kind"],
                              data=upload.read(), file_name=upload.name)
        return Response(ImportOutput(version).data, status=201)


class ListCheckApi(APIView):
    @extend_schema(operation_id="lists_checks_list",
                   parameters=[OpenApiParameter("person_id", int)],
                   responses={200: CheckOutput(many=True)})
    def get(self, request: Request) -> Response:
        _require(request)
        person = request.query_params.get("person_id") or ""
        checks = list_checks_visible_to(user=request.user,
                                        person_id=int(person) if person.isdigit() else None)
        return Response(CheckOutput(checks[:100], many=True).data)

    @extend_schema(operation_id="lists_check_run", request=CheckInput,
                   description="Check one person (every name they have used) against both "
                               "lists with the screening linkage.",
                   responses={201: CheckOutput, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        data = api_input_parse(serializer_cls=CheckInput, request=request)
        check = list_check_run(actor=request.user, request=CheckRequest(
            subject_ref=data["subject_ref"], date_of_birth=data["date_of_birth"],
            names=tuple((n["forenames"], n["surname"]) for n in data["names"]),
            person_id=data.get("person_id"), sex=data.get("sex") or "",
            postcodes=tuple(data.get("postcodes") or ())))
        return Response(CheckOutput(check).data, status=201)


class ListCheckDetailApi(APIView):
    @extend_schema(operation_id="lists_check_retrieve",
                   responses={200: CheckOutput, 403: ERROR, 404: ERROR})
    def get(self, request: Request, check_id: int) -> Response:
        _require(request)
        check = list_check_get(user=request.user, check_id=check_id)
        list_check_view_record(actor=request.user, check=check)
        return Response(CheckOutput(check).data)


class ListCandidateResolveApi(APIView):
    @extend_schema(operation_id="lists_candidate_resolve", request=CandidateResolveInput,
                   responses={200: CheckOutput, **WRITE_ERRORS})
    def post(self, request: Request, candidate_id: int) -> Response:
        data = api_input_parse(serializer_cls=CandidateResolveInput, request=request)
        candidate = list_candidate_resolve(actor=request.user, candidate_id=candidate_id,
                                           resolution=data["resolution"], reason=data["reason"])
        return Response(CheckOutput(list_check_get(user=request.user,
                                                   check_id=candidate.check_run_id)).data)
