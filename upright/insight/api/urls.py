from django.urls import path  # noqa: F401

from upright.insight.api import early_views, returns_views, timeliness_views

urlpatterns: list = [
    path("insight/summaries/<slug:name>/", returns_views.SummaryApi.as_view(),
         name="insight-summary"),
    path("insight/summaries/<slug:name>/refresh/", returns_views.SummaryRefreshApi.as_view(),
         name="insight-summary-refresh"),
    path("insight/returns/<slug:name>/drill/", returns_views.ReturnDrillApi.as_view(),
         name="insight-return-drill"),
    path("insight/timeliness/", timeliness_views.TimelinessApi.as_view(), name="insight-timeliness"),
    path("insight/early/models/", early_views.EarlyModelsApi.as_view(), name="insight-early-models"),
    path("insight/early/models/<int:model_id>/activate/", early_views.EarlyModelActivateApi.as_view(),
         name="insight-early-model-activate"),
    path("insight/early/scores/", early_views.EarlyScoresApi.as_view(), name="insight-early-scores"),
    path("insight/early/scores/<int:score_id>/interventions/",
         early_views.InterventionRecordApi.as_view(), name="insight-intervention-record"),
    path("insight/early/models/train/", early_views.EarlyModelTrainApi.as_view(),
         name="insight-early-model-train"),
    path("insight/early/interventions/", early_views.InterventionsApi.as_view(),
         name="insight-interventions"),
    path("insight/early/interventions/<int:intervention_id>/outcome/",
         early_views.InterventionOutcomeApi.as_view(), name="insight-intervention-outcome"),
]
