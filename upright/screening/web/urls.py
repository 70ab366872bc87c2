from django.urls import path

from upright.screening.web import views

app_name = "screening"
urlpatterns = [
    path("hits/", views.hit_queue_page, name="hit_queue"),
    path("hits/victim-witness/", views.victim_witness_queue_page, name="victim_witness_queue"),
    path("hits/<int:hit_id>/", views.hit_detail_page, name="hit_detail"),
    path("hits/<int:hit_id>/dispose/", views.hit_dispose_action, name="hit_dispose"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("runs/", views.run_list_page, name="run_list"),
    path("runs/start/", views.run_start_action, name="run_start"),
    path("runs/<int:run_id>/", views.run_detail_page, name="run_detail"),
    path("runs/<int:run_id>/resume/", views.run_resume_action, name="run_resume"),
]
