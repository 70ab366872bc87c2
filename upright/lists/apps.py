from django.apps import AppConfig


class ListsConfig(AppConfig):
    """The police barred and advisory lists (uk-process.md §6.3), imported from the College of
    Policing and checked with the screening linkage. It sits above screening (it uses the
    linkage) and plugs its check into vetting through upright.vetting.checks."""

    name = "upright.lists"
    label = "lists"

    def ready(self) -> None:
        from upright.lists import audit_events  # noqa: F401  (registers actions)
        from upright.lists.reporting import withdrawal_list_report
        from upright.lists.vetting_check import NAME, lists_vetting_check
        from upright.vetting.checks import vetting_check_register
        from upright.vetting.withdrawal.reporting import withdrawal_list_reporter_register

        vetting_check_register(name=NAME, check=lists_vetting_check)
        withdrawal_list_reporter_register(name="publication", reporter=withdrawal_list_report)
