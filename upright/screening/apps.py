from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "upright.screening"
    label = "screening"
