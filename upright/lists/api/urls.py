from django.urls import path

from upright.lists.api import views

urlpatterns = [
    path("lists/imports", views.ListImportApi.as_view(), name="lists-imports"),
    path("lists/checks", views.ListCheckApi.as_view(), name="lists-checks"),
    path("lists/checks/<int:check_id>", views.ListCheckDetailApi.as_view(),
         name="lists-check-detail"),
    path("lists/candidates/<int:candidate_id>/resolve", views.ListCandidateResolveApi.as_view(),
         name="lists-candidate-resolve"),
]
