"""Error pages: plain, helpful, and never a stack trace (API paths get JSON)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"message": "Not found.", "extra": {}}, status=404)
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"message": "Something went wrong on our side; nothing was saved.",
                             "extra": {}}, status=500)
    return render(request, "errors/500.html", status=500)
