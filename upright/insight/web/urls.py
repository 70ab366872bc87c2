from django.urls import path  # noqa: F401

from upright.insight.web import dashboard_views, early_views, returns_views, timeliness_views

app_name = "insight"
urlpatterns: list = [
    path("", returns_views.index, name="index"),
    path("returns/<slug:name>/", returns_views.return_page, name="return"),
    path("returns/<slug:name>/drill/", returns_views.return_drill, name="return_drill"),
    path("returns/<slug:name>/export.<str:fmt>", returns_views.return_export,
         name="return_export"),
    path("disproportionality/", returns_views.dispro_page, name="dispro"),
    path("refresh/", returns_views.refresh, name="refresh"),
    path("timeliness/", timeliness_views.timeliness_page, name="timeliness"),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("dashboard/refresh/", dashboard_views.dashboard_refresh, name="dashboard_refresh"),
    path("disproportionality/drill/", dashboard_views.dispro_drill, name="dispro_drill"),
    path("early/", early_views.early_page, name="early"),
    path("early/models/<int:model_id>/activate/", early_views.early_activate, name="early_activate"),
    path("early/scores/<int:score_id>/intervention/", early_views.early_intervention,
         name="early_intervention"),
    path("early/train/", early_views.early_train, name="early_train"),
    path("early/interventions/<int:intervention_id>/outcome/", early_views.early_outcome,
         name="early_outcome"),
]
