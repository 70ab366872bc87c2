from django.urls import path

from upright.intake.api import views

urlpatterns = [
    path("reports", views.ReportSubmitApi.as_view(), name="intake-report-submit"),
    path("reports/triage", views.TriageQueueApi.as_view(), name="intake-report-triage-queue"),
    path("reports/<str:reference>", views.ReportDetailApi.as_view(), name="intake-report-detail"),
    path("reports/<str:reference>/triage", views.ReportTriageApi.as_view(), name="intake-report-triage"),
]
