"""Editing the city's organisation for a year: departments (部) and their sections (課)."""

import pytest

from hoshin_desktop.storage.repository import DepartmentHasPlan


def names(session, year=2024):
    return [d.name for d in session.departments(year)]


def test_departments_reordered_added_and_removed(session):
    original = names(session)
    wanted = ["総務部", "政策部", "デジタル推進部"] + [n for n in original if n not in ("総務部", "政策部", "会計課")]
    assert session.set_departments(2024, wanted).organisation
    assert names(session) == wanted
    assert session.department(2024, "デジタル推進部").sections == ()
    assert session.department(2024, "政策部").sections[0].name == "政策経営課"  # kept with its sections


def test_department_with_a_plan_cannot_go_and_nothing_changes(session):
    editor = session.editor(2024, "会計課")
    editor.add_goal()
    before = names(session)
    with pytest.raises(DepartmentHasPlan, match="会計課"):
        session.set_departments(2024, [n for n in before if n != "会計課"] + ["新しい部"])
    assert names(session) == before


def test_blank_and_repeated_names_are_ignored_and_an_empty_list_refused(session):
    assert names(session)[:2] == ["政策部", "総務部"]
    session.set_departments(2024, ["政策部", "  ", "政策部", "総務部"])
    assert names(session) == ["政策部", "総務部"]
    with pytest.raises(ValueError, match="1つ以上"):
        session.set_departments(2024, ["", " "])


def test_sections_keep_goals_that_stay(session):
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_owner_sections(goal, ["政策経営課", "政策法務課"])
    session.set_sections(2024, "政策部", ["政策法務課", "新設の課"])
    plan = session.load_plan(2024, "政策部")
    assert plan.goals[0].owner_sections == ["政策法務課"]
    assert [s.name for s in session.department(2024, "政策部").sections] == ["政策法務課", "新設の課"]


def test_names_in_another_width_are_the_same_department_and_section(session):
    """ｾｲｻｸ課 typed where セイサク課 is kept: the same 課, respelled in place (its goals keep it), never two."""
    session.set_sections(2024, "政策部", ["セイサク課", "政策法務課"])
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_owner_sections(goal, ["セイサク課"])
    session.set_sections(2024, "政策部", ["ｾｲｻｸ課", "政策法務課", "セイサク課"])
    assert [s.name for s in session.department(2024, "政策部").sections] == ["ｾｲｻｸ課", "政策法務課"]
    assert session.load_plan(2024, "政策部").goal(goal).owner_sections == ["ｾｲｻｸ課"]


def test_a_department_is_found_and_respelled_whatever_the_width_it_is_typed_in(session):
    session.set_departments(2024, [("ＩＴ推進部" if n == "総務部" else n) for n in names(session)], {"総務部": "ＩＴ推進部"})
    assert session.department(2024, "IT推進部").name == "ＩＴ推進部"
    sections = session.department(2024, "ＩＴ推進部").sections
    session.set_departments(2024, [("IT推進部" if n == "ＩＴ推進部" else n) for n in names(session)])
    assert "IT推進部" in names(session) and "ＩＴ推進部" not in names(session)
    assert session.department(2024, "IT推進部").sections == sections  # the same 部, not one removed and one added
