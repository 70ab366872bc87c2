from django.apps import AppConfig


class ConductConfig(AppConfig):
    name = "upright.conduct"
    label = "conduct"
