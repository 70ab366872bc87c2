from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "upright.publication"
    label = "publication"
