from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "upright.people"
    label = "people"

    def ready(self) -> None:
        from upright.people import audit_events  # noqa: F401  (registers actions)
