from django.apps import AppConfig


class WithdrawalConfig(AppConfig):
    """Withdrawal assessments under the Police (Vetting) Regulations 2025 (uk-process.md §6.2):
    a sub-app of vetting with its own tables and migrations."""

    name = "upright.vetting.withdrawal"
    label = "vetting_withdrawal"

    def ready(self) -> None:
        from upright.vetting.withdrawal import audit_events  # noqa: F401  (registers actions)
