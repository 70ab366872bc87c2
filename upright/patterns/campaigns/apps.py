from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """Retrospective review campaigns (uk-process.md §8.3): a sub-app of patterns with its own
    tables and migrations, so its history stays separate from the pattern rules'."""

    name = "upright.patterns.campaigns"
    label = "patterns_campaigns"

    def ready(self) -> None:
        from upright.patterns.campaigns import audit_events  # noqa: F401  (registers actions)
