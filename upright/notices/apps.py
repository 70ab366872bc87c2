from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "upright.notices"
    label = "notices"

    def ready(self) -> None:
        from upright.notices import audit_events  # noqa: F401  (registers actions)
