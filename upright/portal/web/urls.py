from django.urls import path

from upright.portal.web import commitment_staff_views, publication_views, statistics_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("report/", views.report, name="report"),
    path("report/follow-up/", views.follow_up, name="follow_up"),
    path("report/follow-up/messages/", views.follow_up_thread, name="follow_up_thread"),
    path("report/follow-up/close/", views.follow_up_close, name="follow_up_close"),
    path("hearings/", publication_views.hearing_list, name="hearing_list"),
    path("hearings/<int:item_id>/", publication_views.hearing_detail, name="hearing_detail"),
    path("outcomes/", publication_views.outcome_list, name="outcome_list"),
    path("outcomes/<int:item_id>/", publication_views.outcome_detail, name="outcome_detail"),
    path("statistics/", statistics_views.statistics_index, name="statistics"),
    path("statistics/<slug:slug>/", statistics_views.statistics_topic, name="statistics_topic"),
    path("commitments/", statistics_views.commitment_list, name="commitments"),
    path("open-data/", statistics_views.open_data, name="open_data"),
    path("open-data/statistics.csv", statistics_views.figures_csv, name="figures_csv"),
    path("open-data/commitments.csv", statistics_views.commitments_csv, name="commitments_csv"),
    path("staff/commitments/", commitment_staff_views.manage, name="commitments_manage"),
    path("staff/commitments/new/", commitment_staff_views.create, name="commitments_create"),
    path("staff/commitments/<int:commitment_id>/status/", commitment_staff_views.status_set,
         name="commitments_status"),
]
