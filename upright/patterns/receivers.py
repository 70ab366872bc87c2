"""Patterns' reaction to conduct's `allegations_recorded` signal (sent after commit)."""

from typing import Any


def on_allegations_recorded(sender: Any, *, matter_reference: str, subject_ids: list[int],
                            **kwargs: Any) -> None:
    """Queue the rules for the subjects of the new allegations (thin: the job calls the
    service). Under the test settings the task backend runs it at once."""
    from upright.patterns.tasks import pattern_rules_people_job

    if subject_ids:
        pattern_rules_people_job.enqueue(person_ids=list(subject_ids),
                                         trigger_ref=matter_reference)
