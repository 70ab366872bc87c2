from django.urls import path
from django.views.generic import TemplateView

app_name = "conduct"
urlpatterns = [
    path("matters/", TemplateView.as_view(template_name="base.html"), name="matter_list"),
    path("search/", TemplateView.as_view(template_name="base.html"), name="search"),
]
