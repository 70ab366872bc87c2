from django.urls import path

from upright.conduct.web import overdue, views

app_name = "conduct"
urlpatterns = [
    path("matters/", views.matter_list, name="matter_list"),
    path("matters/<str:reference>/", views.matter_detail, name="matter_detail"),
    path("matters/<str:reference>/act/<str:action>/", views.matter_action, name="matter_action"),
    path("people/<int:person_id>/", views.person_history, name="person_history"),
    path("search/", views.search, name="search"),
    path("overdue/", overdue.overdue_queue, name="overdue"),
]
