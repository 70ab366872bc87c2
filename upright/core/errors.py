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


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = "The request could not be read. It may be too large or malformed; nothing was saved."
    if request.path.startswith("/api/"):
        return JsonResponse({"message": message, "extra": {}}, status=400)
    return render(request, "errors/400.html", {"message": message}, status=400)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"message": "You do not have permission to do this.", "extra": {}}, status=403)
    return render(request, "errors/403.html", status=403)
