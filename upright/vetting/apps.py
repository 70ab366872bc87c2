from django.apps import AppConfig


class VettingConfig(AppConfig):
    name = "upright.vetting"
    label = "vetting"
