from django.urls import path  # noqa: F401

from upright.patterns.web import history as history_views
from upright.patterns.web import views as rules_views

app_name = "patterns"
urlpatterns: list = [
    path("people/<int:person_id>/history/", history_views.person_history_page,
         name="person_history"),
    path("alerts/", rules_views.alert_queue, name="alert_queue"),
    path("alerts/<int:pk>/", rules_views.alert_detail, name="alert_detail"),
    path("alerts/<int:pk>/decide/", rules_views.alert_decide, name="alert_decide"),
    path("rules/", rules_views.rule_list, name="rule_list"),
    path("rules/<slug:code>/", rules_views.rule_detail, name="rule_detail"),
]
