"""A corrected basic policy of the same year: directives keep their identity through the mapping."""

from __future__ import annotations

import pytest

from hoshin_desktop.services.policy_import import PinsWouldBeLost, import_policy

from .policy_variants import SEED, New, as_is, edit, render, title


@pytest.fixture
def pinned(session):
    """政策部's plan with goals pinned to 1(4), 3(6) and 4(2), and answers to 1(4) and 3(6)."""
    editor = session.editor(2024, "政策部")
    for code in ("1(4)", "3(6)", "4(2)"):
        editor.pin(editor.add_goal().select, code)
    editor.set_answer("1(4)", "デジタル化の部の方針")
    editor.set_answer("3(6)", "個人情報の部の方針")
    return session


def correct(session, tmp_path, sections, **options):
    source = tmp_path / "r6_corrected.txt"
    source.write_text(render("令和6", sections), encoding="utf-8")
    return import_policy(session, source, replace=True, **options)


def plan(session):
    return session.load_plan(2024, "政策部")


def test_renumbered_and_reworded_directives_keep_their_pins_and_answers(pinned, tmp_path):
    sections = as_is()
    sections[0] = (title(1), [New("訂正で加わった項目として、市民協働を推進すること。")] + sections[0][1])
    sections[0][1][4] = edit("1(4)", ("積極的に", "より積極的に"))
    sections[2] = (title(3), [c for c in sections[2][1] if c != "3(6)"])
    sections[3] = (title(4), sections[3][1] + ["3(6)"])
    correct(pinned, tmp_path, sections)
    stored = plan(pinned)
    assert [g.directives for g in stored.goals] == [["1(5)"], ["4(5)"], ["4(2)"]]
    assert stored.answer("1(5)") == "デジタル化の部の方針"
    assert stored.answer("4(5)") == "個人情報の部の方針"
    assert stored.answer("1(4)") == ""
    policy = pinned.policy(2024)
    assert policy.directive("1(5)").text.startswith("『国分寺市行政デジタル化推進計画』に基づき、急速な")
    assert "より積極的に" in policy.directive("1(5)").text
    assert policy.directive("1(1)").text.startswith("訂正で加わった項目")
    assert len(policy.directives) == len(SEED.directives) + 1


def test_a_dropped_directive_with_a_pin_is_refused_and_nothing_changes(pinned, tmp_path):
    sections = [(t, [c for c in codes if c != "3(6)"]) for t, codes in as_is()]
    with pytest.raises(PinsWouldBeLost) as refused:
        correct(pinned, tmp_path, sections)
    assert refused.value.lost == ["3(6)"]
    assert pinned.policy(2024).directive("3(9)") is not None
    assert [g.directives for g in plan(pinned).goals] == [["1(4)"], ["3(6)"], ["4(2)"]]
    assert not list((pinned.data_dir / "backups").glob("before-import*"))


def test_a_dropped_directive_without_pins_goes_quietly(pinned, tmp_path):
    sections = [(t, [c for c in codes if c != "2(2)"]) for t, codes in as_is()]
    correct(pinned, tmp_path, sections)
    assert [g.directives for g in plan(pinned).goals] == [["1(4)"], ["3(6)"], ["4(2)"]]
    assert pinned.policy(2024).directive("2(2)").text == SEED.directive("2(3)").text


def test_allowed_loss_keeps_the_rest(pinned, tmp_path):
    sections = [(t, [c for c in codes if c != "3(6)"]) for t, codes in as_is()]
    correct(pinned, tmp_path, sections, allow_lost_pins=True)
    stored = plan(pinned)
    assert [g.directives for g in stored.goals] == [["1(4)"], [], ["4(2)"]]
    assert stored.answer("1(4)") == "デジタル化の部の方針"
    assert list((pinned.data_dir / "backups").glob("before-import*"))
