from django.urls import path

from upright.intake.web import views

app_name = "intake"
urlpatterns = [
    path("triage/", views.triage_queue, name="triage"),
    path("confidential/", views.confidential_report, name="confidential"),
    path("reports/<str:reference>/", views.report_detail, name="report_detail"),
    path("reports/<str:reference>/record/", views.report_triage_record_view, name="report_record"),
    path("reports/<str:reference>/no-action/", views.report_triage_no_action_view,
         name="report_no_action"),
    path("reports/<str:reference>/messages/", views.report_question_view, name="report_question"),
]
