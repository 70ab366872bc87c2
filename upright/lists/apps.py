from django.apps import AppConfig


class ListsConfig(AppConfig):
    """The police barred and advisory lists (uk-process.md §6.3), imported from the College of
    Policing and checked with the screening linkage. It sits above screening (it uses the
    linkage) and plugs its check into vetting through upright.vetting.checks."""

    name = "upright.lists"
    label = "lists"
