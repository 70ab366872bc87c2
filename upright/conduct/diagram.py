"""Render the state table as a Mermaid diagram, so docs/ never drifts from states.py."""

from upright.conduct.states import ACTIONS, TRANSITIONS


def states_mermaid() -> str:
    labelled: dict[tuple[str, str], list[str]] = {}
    for action in ACTIONS.values():
        for source in sorted(action.sources):
            for target in sorted(action.targets):
                labelled.setdefault((source, target), []).append(action.name)
    lines = ["stateDiagram-v2"]
    for source in sorted(TRANSITIONS):
        for target in sorted(TRANSITIONS[source]):
            names = labelled.get((source, target))
            suffix = f" : {', '.join(sorted(names))}" if names else ""
            lines.append(f"    {source} --> {target}{suffix}")
    return "\n".join(lines) + "\n"


def states_document() -> str:
    return (
        "# Conduct and complaint states\n\n"
        "Generated from `upright/conduct/states.py` by `upright conduct diagram > "
        "docs/conduct-states.md`; a test fails when this file is out of date. Edges labelled "
        "with an action have a service today; the others are allowed by the table and get "
        "their services as the statutory process is completed.\n\n"
        f"```mermaid\n{states_mermaid()}```\n"
    )
