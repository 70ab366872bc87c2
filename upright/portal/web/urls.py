from django.urls import path

from upright.portal.web import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("report/", views.report, name="report"),
    path("report/follow-up/", views.follow_up, name="follow_up"),
    path("report/follow-up/messages/", views.follow_up_thread, name="follow_up_thread"),
    path("report/follow-up/close/", views.follow_up_close, name="follow_up_close"),
]
