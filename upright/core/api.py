"""What every app's API views share: the documented error body and reading a request's input."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse
from rest_framework.request import Request

# The body of every refusal (core.exception_handler): a message and the details behind it.
ERROR = OpenApiResponse(description='{"message": str, "extra": {...}}')
WRITE_ERRORS = {400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR}


def api_input_parse(*, serializer_cls: Any, request: Request) -> dict[str, Any]:
    """The request body validated by `serializer_cls`; a 400 naming each bad field otherwise."""
    serializer = serializer_cls(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
