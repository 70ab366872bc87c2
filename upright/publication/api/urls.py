from django.urls import path

from upright.publication.api import views

urlpatterns = [
    path("publications", views.PublicationListApi.as_view(), name="publication-list"),
    path("publications/<int:item_id>", views.PublicationDetailApi.as_view(),
         name="publication-detail"),
    path("publications/<int:item_id>/review", views.PublicationReviewApi.as_view(),
         name="publication-review"),
    path("publications/<int:item_id>/directions", views.PublicationDirectionsApi.as_view(),
         name="publication-directions"),
    path("publications/<int:item_id>/approve", views.PublicationApproveApi.as_view(),
         name="publication-approve"),
    path("publications/<int:item_id>/publish", views.PublicationPublishApi.as_view(),
         name="publication-publish"),
    path("publications/<int:item_id>/withdraw", views.PublicationWithdrawApi.as_view(),
         name="publication-withdraw"),
    path("list-report-tasks", views.ListReportTaskListApi.as_view(),
         name="list-report-task-list"),
    path("list-report-tasks/<int:task_id>/reported", views.ListReportTaskReportedApi.as_view(),
         name="list-report-task-reported"),
]
