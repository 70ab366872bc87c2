from django.apps import AppConfig


class PatternsConfig(AppConfig):
    name = "upright.patterns"
    label = "patterns"
