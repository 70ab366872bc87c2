"""Cross-cutting views: rate-limit refusals and error pages that never leak internals."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = "Too many submissions from your connection. Please wait a minute and try again."
    if request.path.startswith("/api/"):
        return JsonResponse({"message": message, "extra": {}}, status=429)
    return render(request, "errors/429.html", {"message": message}, status=429)
