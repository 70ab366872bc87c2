from pathlib import Path

from upright.conduct.diagram import states_document

DOC = Path(__file__).resolve().parents[3] / "docs" / "conduct-states.md"


def test_docs_diagram_is_generated_from_the_current_table():
    assert DOC.read_text(encoding="utf-8") == states_document(), (
        "docs/conduct-states.md is stale: run `upright conduct diagram > docs/conduct-states.md`"
    )
