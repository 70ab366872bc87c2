from django.apps import AppConfig


class ConductConfig(AppConfig):
    name = "upright.conduct"
    label = "conduct"

    def ready(self) -> None:
        from upright.conduct import audit_events  # noqa: F401  (registers actions)
