from django.urls import path

from upright.portal.web import publication_views, views

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
]
