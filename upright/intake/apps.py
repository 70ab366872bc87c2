from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "upright.intake"
    label = "intake"
