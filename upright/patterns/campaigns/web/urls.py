from django.urls import path

from upright.patterns.campaigns.web import views

app_name = "patterns_campaigns"
urlpatterns = [
    path("", views.campaign_list_page, name="list"),
    path("new/", views.campaign_create_page, name="create"),
    path("mine/", views.my_items_page, name="my_items"),
    path("panel/", views.panel_queue_page, name="panel_queue"),
    path("<int:pk>/", views.campaign_detail_page, name="detail"),
    path("<int:pk>/build/", views.campaign_build_page, name="build"),
    path("<int:pk>/authorise/", views.campaign_authorise_page, name="authorise"),
    path("<int:pk>/assign/", views.campaign_assign_page, name="assign"),
    path("<int:pk>/retry/", views.campaign_retry_page, name="retry"),
    path("<int:pk>/dashboard/", views.dashboard_page, name="dashboard"),
    path("items/<int:pk>/", views.item_page, name="item"),
    path("items/<int:pk>/claim/", views.item_claim_page, name="claim"),
    path("items/<int:pk>/reassign/", views.item_reassign_page, name="reassign"),
]
