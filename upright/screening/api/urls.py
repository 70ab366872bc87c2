from django.urls import path

from upright.screening.api.views import DashboardApi, HitDetailApi, HitDispositionApi, HitListApi

urlpatterns = [
    path("screening/hits", HitListApi.as_view(), name="screening-hit-list"),
    path("screening/hits/<int:hit_id>", HitDetailApi.as_view(), name="screening-hit-detail"),
    path("screening/hits/<int:hit_id>/disposition", HitDispositionApi.as_view(),
         name="screening-hit-disposition"),
    path("screening/dashboard", DashboardApi.as_view(), name="screening-dashboard"),
]
