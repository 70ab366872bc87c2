from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "upright.portal"
    label = "portal"

    def ready(self) -> None:
        from upright.portal import audit_events  # noqa: F401  (registers actions)
