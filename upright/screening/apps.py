from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "upright.screening"
    label = "screening"

    def ready(self) -> None:
        from upright.screening import audit_events  # noqa: F401  (registers actions)
