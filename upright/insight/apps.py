from django.apps import AppConfig


class InsightConfig(AppConfig):
    """Accountability figures computed from the caseworkers' own records: official returns,
    disproportionality, timeliness and early intervention. It reads other apps through their
    selectors; only portal and demo may read it."""

    name = "upright.insight"
    label = "insight"

    def ready(self) -> None:
        from upright.insight import audit_events  # noqa: F401  (registers actions)
