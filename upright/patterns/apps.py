from django.apps import AppConfig


class PatternsConfig(AppConfig):
    name = "upright.patterns"
    label = "patterns"

    def ready(self) -> None:
        from upright.conduct.signals import allegations_recorded
        from upright.patterns import audit_events  # noqa: F401  (registers actions)
        from upright.patterns.receivers import on_allegations_recorded

        # conduct cannot import patterns (the layers contract): it sends, patterns listens.
        allegations_recorded.connect(on_allegations_recorded,
                                     dispatch_uid="patterns.on_allegations_recorded")
