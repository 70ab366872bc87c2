from django.urls import path

from upright.publication.web import views

app_name = "publication"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("items/<int:item_id>/", views.item_detail, name="item_detail"),
    path("items/<int:item_id>/act/<str:action>/", views.item_action, name="item_action"),
    path("list-reports/", views.list_reports, name="list_reports"),
    path("list-reports/<int:task_id>/reported/", views.list_report_mark_reported,
         name="list_report_mark_reported"),
]
