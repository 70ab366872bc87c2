from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "upright.intake"
    label = "intake"

    def ready(self) -> None:
        from upright.intake import audit_events  # noqa: F401  (registers actions)
