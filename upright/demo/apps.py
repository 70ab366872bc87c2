from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "upright.demo"
    label = "demo"

    def ready(self) -> None:
        from upright.demo import audit_events  # noqa: F401  (registers actions)
