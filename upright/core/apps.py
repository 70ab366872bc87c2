from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "upright.core"
    label = "core"
