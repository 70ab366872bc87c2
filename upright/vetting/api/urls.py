from django.urls import path

from upright.vetting.api.views import ReviewRequestListApi

urlpatterns = [
    path("vetting/review-requests", ReviewRequestListApi.as_view(),
         name="vetting-review-request-list"),
]
