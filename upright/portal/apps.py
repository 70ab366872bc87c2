from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "upright.portal"
    label = "portal"
