from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "upright.notices"
    label = "notices"
