"""Signals conduct sends so that apps above it can react without conduct importing them
(the layers contract: conduct must not import patterns). Sent only after the transaction that
recorded the allegations has committed, so a receiver never sees a rolled-back matter.

This is the one extension point of its kind: the domain flow of conduct itself never runs
through signals (conventions, "Domain flow through signals").
"""

import logging

from django.dispatch import Signal

logger = logging.getLogger(__name__)

# kwargs: matter_reference (str), subject_ids (list[int]: the people the new allegations are
# against, each once).
allegations_recorded = Signal()


def allegations_recorded_send(*, matter_reference: str, subject_ids: list[int]) -> None:
    """Send `allegations_recorded`; a failing receiver is logged, never raised: the matter is
    already committed and acknowledged, and it must not look as if it failed."""
    results = allegations_recorded.send_robust(
        sender="conduct.matter_record", matter_reference=matter_reference,
        subject_ids=subject_ids)
    for receiver, result in results:
        if isinstance(result, Exception):
            logger.error("allegations_recorded receiver %r failed for %s: %r",
                         receiver, matter_reference, result, exc_info=result)

