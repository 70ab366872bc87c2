from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "upright.publication"
    label = "publication"

    def ready(self) -> None:
        from upright.publication import audit_events  # noqa: F401  (registers actions)
