"""The publication state table: each action and the statuses it may be taken from."""

from upright.publication.models import PublicationStatus as S

ACTION_SOURCES: dict[str, frozenset[str]] = {
    "directions": frozenset({S.DRAFT, S.REDACTION_REVIEW, S.APPROVED}),  # chair's directions
    "review": frozenset({S.DRAFT, S.REDACTION_REVIEW, S.APPROVED}),  # redaction review
    "approve": frozenset({S.REDACTION_REVIEW}),  # the appropriate authority approves
    "publish": frozenset({S.APPROVED}),
    "withdraw": frozenset({S.DRAFT, S.REDACTION_REVIEW, S.APPROVED, S.PUBLISHED}),
    "expire": frozenset({S.PUBLISHED}),  # the system, at the end of the display period
}


def actions_from(status: str) -> list[str]:
    return [name for name, sources in ACTION_SOURCES.items() if status in sources]
