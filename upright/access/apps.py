from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "upright.access"
    label = "access"

    def ready(self) -> None:
        from upright.access import audit_events  # noqa: F401  (registers actions)
