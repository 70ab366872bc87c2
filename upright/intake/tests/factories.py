"""Reports made through the real service, so every test row carries its audit event."""

from typing import Any

from upright.intake.services import SubmitResult, report_submit


def report_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "what_happened": "An officer pushed me over outside the station.",
        "occurred_text": "about 10pm",
        "location": "High Street",
        "people_involved": "PC 1234",
        "anonymous": False,
        "reporter_name": "Alex Reporter",
        "reporter_email": "alex@example.org",
    }
    data.update(overrides)
    return data


def report_make(*, channel: str = "web", actor: Any = None, **overrides: Any) -> SubmitResult:
    return report_submit(data=report_data(**overrides), channel=channel, actor=actor)


def anonymous_data(**overrides: Any) -> dict[str, Any]:
    return report_data(anonymous=True, reporter_name="", reporter_email="", **overrides)


def person_make(**kwargs: Any) -> Any:
    """A workforce person (typed loosely: factory-boy's stubs return the factory type)."""
    from upright.people.tests.factories import PersonFactory

    return PersonFactory(**kwargs)
