"""Render the withdrawal state table as a Mermaid diagram, so docs/ never drifts from
states.py."""

from upright.vetting.withdrawal.states import ACTIONS, TRANSITIONS


def withdrawal_states_mermaid() -> str:
    labelled: dict[tuple[str, str], list[str]] = {}
    for action in ACTIONS.values():
        for source in sorted(action.sources):
            for target in sorted(action.targets & TRANSITIONS[source]):
                labelled.setdefault((source, target), []).append(action.name)
    lines = ["stateDiagram-v2"]
    for source in TRANSITIONS:
        for target in sorted(TRANSITIONS[source]):
            names = labelled.get((source, target))
            suffix = f" : {', '.join(sorted(names))}" if names else ""
            lines.append(f"    {source} --> {target}{suffix}")
    return "\n".join(lines) + "\n"


def withdrawal_states_document() -> str:
    return (
        "# Vetting withdrawal states (Police (Vetting) Regulations 2025, Part 3)\n\n"
        "Generated from `upright/vetting/withdrawal/states.py` by `upright withdrawal diagram > "
        "docs/withdrawal-states.md`; a test fails when this file is out of date. V0 trigger, "
        "V1 notice, V2 information gathering, V3 representations, V4 decision, V5 dismissed "
        "without notice, V6 appeal panel, V7 Police Appeals Tribunal, V8 closed. The time "
        "allowed for each step is reference data (WithdrawalStepRule), unverified [U].\n\n"
        f"```mermaid\n{withdrawal_states_mermaid()}```\n"
    )
