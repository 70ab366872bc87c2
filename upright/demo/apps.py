from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "upright.demo"
    label = "demo"
