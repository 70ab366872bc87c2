from django.urls import path

from upright.vetting.withdrawal.web import views

app_name = "vetting_withdrawal"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("open/", views.open_assessment, name="open"),
    path("open/from-review/<int:review_id>/", views.open_from_review, name="open_from_review"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/act/<str:step>/", views.act, name="act"),
]
