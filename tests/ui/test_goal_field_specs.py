"""A text added to every goal is one spec (domain/goal_fields.py) plus one column in ``goals``: with that
alone the field is in the form, is stored, undone, searched, carried by plan files, and printed on the
plan's paper and on the review sheet."""

from __future__ import annotations

import sqlite3

import pytest

from hoshin_desktop.domain import goal_fields
from hoshin_desktop.domain.goal_fields import ACTIONS_COLUMN, LABELLED, GoalField
from hoshin_desktop.services.session import Session
from hoshin_desktop.storage.database import WORKING_DB_NAME
from tests.export.conftest import docx_paragraphs
from tests.ui.helpers import type_text

BUDGET = GoalField("budget", "予算額", ACTIONS_COLUMN, LABELLED, hint="いくらで", lines=(1, 2), example="例: 120万円")


@pytest.fixture
def budget_field(data_dir):
    """The spec, and the column its migration would add (on a data folder made by this version)."""
    Session.open(data_dir).close()
    with sqlite3.connect(data_dir / WORKING_DB_NAME) as conn:
        conn.execute("ALTER TABLE goals ADD COLUMN budget TEXT NOT NULL DEFAULT ''")
    goal_fields.GOAL_FIELDS.append(BUDGET)
    yield BUDGET
    goal_fields.GOAL_FIELDS.remove(BUDGET)


def test_a_spec_row_and_a_column_make_a_field_everywhere(budget_field, data_dir, tmp_path, open_window, qtbot):
    from hoshin_desktop.export.docx_writer import write_docx
    from hoshin_desktop.export.review_sheets import write_review_docx
    from hoshin_desktop.services.plan_files import read_plan_file, write_plan_file
    from hoshin_desktop.services.search import SearchIndex

    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_goal_field(goal, "title", "防災訓練の充実")
    change = editor.set_goal_field(goal, "budget", "120万円")
    assert change.label == "予算額の編集" and session.load_plan(2024, "政策部").goal(goal).text("budget") == "120万円"
    editor.seal()
    editor.set_goal_field(goal, "budget", "150万円")
    editor.undo()  # the row log keeps the new column as any other
    assert session.load_plan(2024, "政策部").goal(goal).text("budget") == "120万円" == editor.plan.goal(goal).text("budget")

    hits, _more = SearchIndex(session).search("120万円")
    assert [(hit.field, hit.location) for hit in hits][:1] == [("予算額", "令和6年度 政策部 目標1")]

    path = write_plan_file(session, editor.plan, tmp_path / "plan.json")
    assert '"budget": "120万円"' in path.read_text(encoding="utf-8")
    assert read_plan_file(session, path).plan.goals[0].text("budget") == "120万円"

    paper = docx_paragraphs(write_docx(editor.plan, editor.policy, tmp_path / "plan.docx"))
    assert any("予算額：120万円" in line for line in paper)
    sheet = docx_paragraphs(write_review_docx(editor.plan, editor.policy, tmp_path / "review.docx", "interim",
                                              session.review_marks(), landscape=True))
    assert any("予算額：120万円" in line for line in sheet)
    session.close()

    window = open_window()
    window.select_goal(goal)
    field = window.panes.goal_editor.fields["budget"]
    assert field.isVisible() and field.toPlainText() == "120万円"  # placed in the form, not only built
    assert window.panes.goal_editor.blocks["budget"].findChild(type(window.panes.plan_heading)).text() == "予算額"
    field.setFocus()
    field.selectAll()
    type_text(qtbot, field, "200万円")
    window.commit_edits()
    assert Session.open(data_dir).load_plan(2024, "政策部").goal(goal).text("budget") == "200万円"
