from django.urls import path
from django.views.generic import TemplateView

app_name = "intake"
urlpatterns = [
    path("triage/", TemplateView.as_view(template_name="base.html"), name="triage"),
    path("confidential/", TemplateView.as_view(template_name="base.html"), name="confidential"),
]
