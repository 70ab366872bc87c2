from django.urls import path

from upright.suspensions.api import views

urlpatterns = [
    path("suspensions", views.SuspensionListApi.as_view(), name="suspension-list"),
    path("suspensions/<int:suspension_id>", views.SuspensionDetailApi.as_view(),
         name="suspension-detail"),
    path("suspensions/<int:suspension_id>/reviews", views.SuspensionReviewApi.as_view(),
         name="suspension-review"),
    path("suspensions/<int:suspension_id>/representations",
         views.SuspensionRepresentationApi.as_view(), name="suspension-representation"),
    path("suspensions/<int:suspension_id>/end", views.SuspensionEndApi.as_view(),
         name="suspension-end"),
    path("suspensions/<int:suspension_id>/confirmation", views.SuspensionConfirmApi.as_view(),
         name="suspension-confirm"),
]
