from django.urls import path  # noqa: F401

from upright.patterns.api import history as history_api
from upright.patterns.api import views as rules_api

urlpatterns: list = [
    path("people/<int:person_id>/history", history_api.PersonHistoryApi.as_view(),
         name="person-history"),
    path("patterns/alerts", rules_api.AlertListApi.as_view(), name="pattern-alert-list"),
    path("patterns/alerts/<int:alert_id>", rules_api.AlertDetailApi.as_view(),
         name="pattern-alert-detail"),
    path("patterns/alerts/<int:alert_id>/decision", rules_api.AlertDecideApi.as_view(),
         name="pattern-alert-decide"),
    path("patterns/rules", rules_api.RuleListApi.as_view(), name="pattern-rule-list"),
    path("patterns/rules/<slug:code>", rules_api.RuleDetailApi.as_view(),
         name="pattern-rule-detail"),
    path("patterns/rules/<slug:code>/versions", rules_api.RuleVersionApi.as_view(),
         name="pattern-rule-versions"),
]
