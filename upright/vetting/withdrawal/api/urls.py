from django.urls import path

from upright.vetting.withdrawal.api import views

urlpatterns = [
    path("vetting/withdrawals", views.WithdrawalListApi.as_view(), name="withdrawal-list"),
    path("vetting/withdrawals/from-review", views.WithdrawalFromReviewApi.as_view(),
         name="withdrawal-from-review"),
    path("vetting/withdrawals/<int:assessment_id>", views.WithdrawalDetailApi.as_view(),
         name="withdrawal-detail"),
    *[path(f"vetting/withdrawals/<int:assessment_id>/{step.replace('_', '-')}", view.as_view(),
           name=f"withdrawal-{step.replace('_', '-')}") for step, view in views.STEP_VIEWS.items()],
]
