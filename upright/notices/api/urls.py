from django.urls import path

from upright.notices.api.views import NoticeDetailApi, NoticeListApi, NoticePdfApi, NoticeServeApi

urlpatterns = [
    path("notices", NoticeListApi.as_view(), name="notice-list"),
    path("notices/<int:notice_id>", NoticeDetailApi.as_view(), name="notice-detail"),
    path("notices/<int:notice_id>.pdf", NoticePdfApi.as_view(), name="notice-pdf"),
    path("notices/<int:notice_id>/serve", NoticeServeApi.as_view(), name="notice-serve"),
]
