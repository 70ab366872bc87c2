"""The JSON API: every app's api/urls.py under /api/v1/, plus the generated OpenAPI schema."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("", include("upright.intake.api.urls")),
    path("", include("upright.conduct.api.urls")),
    path("", include("upright.suspensions.api.urls")),
    path("", include("upright.notices.api.urls")),
    path("", include("upright.publication.api.urls")),
    path("", include("upright.vetting.api.urls")),
    path("", include("upright.screening.api.urls")),
    path("", include("upright.vetting.withdrawal.api.urls")),
    path("", include("upright.lists.api.urls")),
    path("", include("upright.patterns.api.urls")),
    path("", include("upright.patterns.campaigns.api.urls")),
    path("", include("upright.insight.api.urls")),
]
