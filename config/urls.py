"""Wiring only: each app's web URLs, the API under /api/v1/, and the schema."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("upright.portal.web.urls")),
    path("staff/", include("upright.access.web.urls")),
    path("staff/intake/", include("upright.intake.web.urls")),
    path("staff/conduct/", include("upright.conduct.web.urls")),
    path("staff/suspensions/", include("upright.suspensions.web.urls")),
    path("staff/notices/", include("upright.notices.web.urls")),
    path("staff/publication/", include("upright.publication.web.urls")),
    path("staff/vetting/withdrawal/", include("upright.vetting.withdrawal.web.urls")),
    path("staff/vetting/", include("upright.vetting.web.urls")),
    path("staff/lists/", include("upright.lists.web.urls")),
    path("staff/patterns/campaigns/", include("upright.patterns.campaigns.web.urls")),
    path("staff/patterns/", include("upright.patterns.web.urls")),
    path("staff/insight/", include("upright.insight.web.urls")),
    path("staff/screening/", include("upright.screening.web.urls")),
    path("api/v1/", include("config.api")),
    path("django-admin/", admin.site.urls),
]

handler404 = "upright.core.errors.not_found"
handler500 = "upright.core.errors.server_error"
handler400 = "upright.core.errors.bad_request"
handler403 = "upright.core.errors.forbidden"
