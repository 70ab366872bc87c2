from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "upright.audit"
    label = "audit"
