from django.urls import path

from upright.conduct.api.complainants import ComplainantCreateApi, ComplainantLinkApi
from upright.conduct.api.views import MatterDetailApi, MatterListApi, MatterTransitionApi

urlpatterns = [
    path("matters", MatterListApi.as_view(), name="matter-list"),
    path("matters/<str:reference>", MatterDetailApi.as_view(), name="matter-detail"),
    path("matters/<str:reference>/transitions", MatterTransitionApi.as_view(),
         name="matter-transition"),
    path("matters/<str:reference>/complainants", ComplainantLinkApi.as_view(),
         name="matter-complainant-link"),
    path("complainants", ComplainantCreateApi.as_view(), name="complainant-create"),
]
