from django.urls import path

from upright.lists.web import views

app_name = "lists"
urlpatterns = [
    path("", views.home, name="home"),
    path("import/", views.upload, name="import"),
    path("check/", views.check, name="check"),
    path("checks/<int:pk>/", views.check_detail, name="check_detail"),
    path("checks/<int:pk>/candidates/<int:candidate_id>/resolve/", views.resolve,
         name="resolve"),
]
