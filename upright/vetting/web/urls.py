from django.urls import path

from upright.vetting.web import views

app_name = "vetting"
urlpatterns = [
    path("reviews/", views.review_queue, name="review_queue"),
    path("reviews/<int:request_id>/start/", views.review_start, name="review_start"),
    path("reviews/<int:request_id>/close/", views.review_close, name="review_close"),
]
