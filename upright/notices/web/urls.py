from django.urls import path

from upright.notices.web import views

app_name = "notices"
urlpatterns = [
    path("", views.notice_list, name="notice_list"),
    path("<int:notice_id>/", views.notice_detail, name="notice_detail"),
    path("<int:notice_id>/pdf/", views.notice_pdf_download, name="notice_pdf"),
    path("<int:notice_id>/serve/", views.notice_serve_view, name="notice_serve"),
    path("timeliness/", views.timeliness_list, name="timeliness_list"),
    path("timeliness/<int:report_id>/", views.timeliness_detail, name="timeliness_detail"),
    path("timeliness/<int:report_id>/send/", views.timeliness_send, name="timeliness_send"),
]
