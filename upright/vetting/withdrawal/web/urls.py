from django.urls import path  # noqa: F401

app_name = "vetting_withdrawal"
urlpatterns: list = []
