from django.urls import path

from upright.screening.api.views import (
    DashboardApi,
    HitDetailApi,
    HitDispositionApi,
    HitListApi,
    RunDetailApi,
    RunListApi,
    RunResumeApi,
)

urlpatterns = [
    path("screening/hits", HitListApi.as_view(), name="screening-hit-list"),
    path("screening/hits/<int:hit_id>", HitDetailApi.as_view(), name="screening-hit-detail"),
    path("screening/hits/<int:hit_id>/disposition", HitDispositionApi.as_view(),
         name="screening-hit-disposition"),
    path("screening/dashboard", DashboardApi.as_view(), name="screening-dashboard"),
    path("screening/runs", RunListApi.as_view(), name="screening-run-list"),
    path("screening/runs/<int:run_id>", RunDetailApi.as_view(), name="screening-run-detail"),
    path("screening/runs/<int:run_id>/resume", RunResumeApi.as_view(),
         name="screening-run-resume"),
]
