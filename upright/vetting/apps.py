from django.apps import AppConfig


class VettingConfig(AppConfig):
    name = "upright.vetting"
    label = "vetting"

    def ready(self) -> None:
        from upright.vetting import audit_events  # noqa: F401  (registers actions)
