from django.apps import AppConfig


class SuspensionsConfig(AppConfig):
    name = "upright.suspensions"
    label = "suspensions"

    def ready(self) -> None:
        from upright.suspensions import audit_events  # noqa: F401  (registers actions)
