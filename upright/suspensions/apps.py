from django.apps import AppConfig


class SuspensionsConfig(AppConfig):
    name = "upright.suspensions"
    label = "suspensions"
