from django.urls import path

from upright.suspensions.web import views

app_name = "suspensions"
urlpatterns = [
    path("", views.register, name="register"),
    path("reviews/overdue/", views.review_queue, name="review_queue"),
    path("impose/", views.impose, name="impose"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/act/<str:action>/", views.act, name="act"),
]
