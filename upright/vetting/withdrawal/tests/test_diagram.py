from pathlib import Path

from upright.vetting.withdrawal.diagram import withdrawal_states_document

DOC = Path(__file__).resolve().parents[4] / "docs" / "withdrawal-states.md"


def test_the_state_diagram_in_docs_is_current():
    assert DOC.read_text(encoding="utf-8") == withdrawal_states_document(), (
        "docs/withdrawal-states.md is stale: run "
        "`upright withdrawal diagram > docs/withdrawal-states.md`")
