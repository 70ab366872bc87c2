from django.urls import path

from upright.patterns.campaigns.api import views as v

urlpatterns = [
    path("campaigns", v.CampaignListApi.as_view(), name="campaign-list"),
    path("campaigns/preview", v.CampaignPreviewApi.as_view(), name="campaign-preview"),
    path("campaigns/items/mine", v.MyItemsApi.as_view(), name="campaign-my-items"),
    path("campaigns/items/panel-queue", v.PanelQueueApi.as_view(), name="campaign-panel-queue"),
    path("campaigns/items/<int:item_id>", v.ItemDetailApi.as_view(), name="campaign-item"),
    path("campaigns/items/<int:item_id>/review", v.ItemReviewApi.as_view(),
         name="campaign-item-review"),
    path("campaigns/items/<int:item_id>/reassign", v.ItemReassignApi.as_view(),
         name="campaign-item-reassign"),
    path("campaigns/items/<int:item_id>/panel-claim", v.ItemPanelClaimApi.as_view(),
         name="campaign-item-panel-claim"),
    path("campaigns/items/<int:item_id>/panel-review", v.ItemPanelReviewApi.as_view(),
         name="campaign-item-panel-review"),
    path("campaigns/<int:campaign_id>", v.CampaignDetailApi.as_view(), name="campaign-detail"),
    path("campaigns/<int:campaign_id>/build", v.CampaignBuildApi.as_view(),
         name="campaign-build"),
    path("campaigns/<int:campaign_id>/authorise", v.CampaignAuthoriseApi.as_view(),
         name="campaign-authorise"),
    path("campaigns/<int:campaign_id>/assignments", v.CampaignAssignApi.as_view(),
         name="campaign-assign"),
    path("campaigns/<int:campaign_id>/dashboard", v.CampaignDashboardApi.as_view(),
         name="campaign-dashboard"),
    path("campaigns/<int:campaign_id>/items", v.CampaignItemListApi.as_view(),
         name="campaign-items"),
]
