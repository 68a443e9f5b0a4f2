"""提出前の確認: each kind of finding on a constructed plan, the rules as data, and the CLI."""

from __future__ import annotations

import json

import pytest

from hoshin_desktop.app import main
from hoshin_desktop.domain.checks import CheckRules, RulesError, check_plan
from hoshin_desktop.domain.cycle import Review, ReviewMark
from hoshin_desktop.domain.models import Answer, Goal, Plan, Signer
from hoshin_desktop.domain.numbering import goal_numbers
from hoshin_desktop.services.plan_files import PlanFile, import_plan
from hoshin_desktop.services.submission import findings, load_rules

from .export.conftest import sample_plan

RULES = CheckRules(("title", "indicator", "target", "schedule", "owner_sections"), {"actions": 20, "answer": 30})


def complete_plan() -> Plan:
    """A plan a recipient would accept: nothing to find."""
    return Plan(2024, "政策部", signers=[Signer("政策部長", "山田 太郎")], preamble="下記のとおり定める。",
                answers=[Answer("1(1)", "＊記念事業を実施する。")],
                goals=[Goal("記念事業の実施", "", "式典の開催", "参加者数", "100人", "300人", "11月", ["政策経営課"],
                            ["1(1)"], None, 1)])


def found(plan, policy, rules=RULES):
    return check_plan(plan, policy, rules, goal_numbers(plan))


def test_a_complete_plan_has_nothing_to_find(session):
    assert found(complete_plan(), session.policy(2024)) == []


@pytest.mark.parametrize("edit, category, place, words", [
    (lambda p: setattr(p.signers[0], "name", ""), "未記入", ("signers", 0, ""), ["政策部長", "氏名"]),
    (lambda p: setattr(p, "preamble", " "), "未記入", ("preamble", None, ""), ["前文"]),
    (lambda p: setattr(p, "answers", []), "未記入", ("answer", "1(1)", ""), ["施政方針", "【部の方針】"]),
    (lambda p: setattr(p.goals[0], "directives", []), "関連付け", ("goal", 1, "directives"), ["No.1"]),
    (lambda p: setattr(p.goals[0], "target", ""), "未記入", ("goal", 1, "target"), ["目標値"]),
    (lambda p: setattr(p.goals[0], "owner_sections", []), "未記入", ("goal", 1, "owner_sections"), ["担当課"]),
    (lambda p: setattr(p.goals[0], "actions", "あ" * 20 + "a"), "字数", ("goal", 1, "actions"), ["20字", "20.5字"]),
    (lambda p: setattr(p.answers[0], "text", "い" * 31), "字数", ("answer", "1(1)", ""), ["30字", "31字"]),
])
def test_each_finding_names_its_place(session, edit, category, place, words):
    plan = complete_plan()
    edit(plan)
    (finding,) = found(plan, session.policy(2024))
    assert finding.category == category
    assert (finding.place.kind, finding.place.key, finding.place.field) == place
    assert all(word in finding.message for word in words)


def test_twenty_characters_are_within_a_budget_of_twenty(session):
    plan = complete_plan()
    plan.goals[0].actions = "あ" * 19 + "ab"  # 19 + ½ + ½ = 20
    assert found(plan, session.policy(2024)) == []


@pytest.mark.parametrize("texts, kind, word", [
    (("令和6年度に着手", "R7年3月に完了"), "和暦", "R7"),
    (("令和６年度と令和７年度", "Ｒ８．３に完了"), "和暦", "Ｒ８"),
    (("定員100人", "年１２回"), "数字", "１２"),
])
def test_notation_mixes_point_at_the_rarer_form(session, texts, kind, word):
    plan = complete_plan()
    plan.goals[0].background, plan.goals[0].schedule = texts[0], texts[1]
    mixes = [f for f in found(plan, session.policy(2024)) if f.category == "表記" and f.message.startswith(kind)]
    assert [f.place.word for f in mixes] == [word]


def test_one_form_alone_is_no_mix(session):
    plan = complete_plan()
    plan.goals[0].background = "令和6年度に着手し令和7年度に完了。100人から300人へ"
    assert found(plan, session.policy(2024)) == []


def test_the_mayors_words_quoted_as_issued_are_no_mix(session):
    """The default preamble quotes the policy's title as the mayor issued it; a title with
    full-width digits (「令和７年度市政運営の基本方針」) beside the drafter's half-width numbers is not
    the drafter's mix. A full-width digit the drafter typed still is."""
    from dataclasses import replace

    policy = session.policy(2024)
    issued = replace(policy, title="令和７年度市政運営の基本方針", references=("第２次国分寺市総合ビジョン",))
    plan = complete_plan()
    plan.preamble = "令和7年3月21日付けで示された「令和７年度市政運営の基本方針」に基づき、下記のとおり定める。"
    plan.goals[0].background = "『第２次国分寺市総合ビジョン』に基づき100人に"
    assert found(plan, issued) == []
    plan.goals[0].schedule = "１１月"
    (mix,) = found(plan, issued)
    assert mix.category == "表記" and mix.place.word == "１１"


def test_an_emoji_the_pdf_cannot_draw_is_found(session):
    """A goal pasted from a chat or a plan file with 🎉: the PDF draws nothing there."""
    plan = complete_plan()
    plan.goals[0].title = "🎉記念事業の実施🎉✨"
    (finding,) = found(plan, session.policy(2024))
    assert finding.category == "表記" and "絵文字「🎉」" in finding.message and "PDF には出ません" in finding.message
    assert (finding.place.kind, finding.place.key, finding.place.field, finding.place.word) == ("goal", 1, "title", "🎉")


@pytest.mark.parametrize("text", ["𠮷野家と髙﨑", "葛\U000E0100飾区", "★重点☆", "①②③", "〒と℃と※"])
def test_rare_kanji_and_the_symbols_of_the_fonts_are_not_emoji(session, text):
    plan = complete_plan()
    plan.goals[0].actions = text
    assert found(plan, session.policy(2024)) == []


@pytest.mark.parametrize("text, word", [
    ("担当 042-325-0111 まで", "042-325-0111"),
    ("携帯０９０－１２３４－５６７８へ", "０９０－１２３４－５６７８"),
    ("番号 1234 5678 9012 を控える", "1234 5678 9012"),
    ("yamada.t@example.jp に連絡", "yamada.t@example.jp"),
    ("〒185-8501 へ送付", "〒185-8501"),
    ("会場は国分寺市戸倉1-6-1です", "国分寺市戸倉1-6-1"),
    ("本町三丁目ではなく本町3丁目4番", "本町3丁目4番"),
])
def test_personal_information_is_found(session, text, word):
    plan = complete_plan()
    plan.goals[0].actions = text
    personal = [f for f in found(plan, session.policy(2024)) if f.category == "個人情報"]
    assert [f.place.word for f in personal] == [word]
    assert personal[0].place.field == "actions"


@pytest.mark.parametrize("text", ["令和6年度の予算 1,500件", "60周年記念事業", "市制施行60周年", "4月〜6月 現状把握",
                                  "2050年までに実質ゼロ", "参加者数 3,000人"])
def test_ordinary_numbers_are_not_personal_information(session, text):
    plan = complete_plan()
    plan.goals[0].actions = text
    assert [f for f in found(plan, session.policy(2024)) if f.category == "個人情報"] == []


def test_rules_are_data_and_bad_rules_are_refused(tmp_path):
    shipped = load_rules()
    assert "target" in shipped.required_goal_fields and shipped.budgets["actions"] > 0
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"required_goal_fields": ["baseline"], "budgets": {"title": 5}}), encoding="utf-8")
    assert load_rules(path) == CheckRules(("baseline",), {"title": 5})
    for bad in ({"required_goal_fields": ["氏名"]}, {"budgets": {"title": 0}}, {"budgets": {"title": "5"}}, []):
        path.write_text(json.dumps(bad), encoding="utf-8")
        with pytest.raises(RulesError):
            load_rules(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(RulesError):
        load_rules(path)


def test_the_sample_plan_lists_what_a_recipient_would_send_back(session):
    plan = sample_plan()
    plan.signers[1].name = ""
    messages = [f.line() for f in findings(plan, session.policy(2024))]
    assert any("政策部担当部長" in m for m in messages)
    assert any("まだ関連付けていない目標" in m and "関連付け" in m for m in messages)


def test_cli_check_prints_the_list_and_exits_1(data_dir, capsys):
    from hoshin_desktop.services.session import Session

    session = Session.open(data_dir)
    plan = sample_plan()
    plan.signers[1].name = ""
    import_plan(session, PlanFile(plan))
    other = next(d for d in session.departments(2024) if d.sections and d.name != "政策部")
    import_plan(session, PlanFile(_complete_for(other.name, other.sections[0].name)))
    session.close()
    assert main(["--data-dir", str(data_dir), "check", "--year", "2024", "--department", "政策部"]) == 1
    out = capsys.readouterr().out
    assert "［未記入］署名者「政策部担当部長」の氏名がありません。" in out
    assert main(["--data-dir", str(data_dir), "check", "--year", "令和6年度", "--department", other.name]) == 0
    assert "見つかりませんでした" in capsys.readouterr().out


def _complete_for(department: str, section: str) -> Plan:
    plan = complete_plan()
    plan.department = department
    plan.goals[0].owner_sections = [section]
    return plan


# --- 年度末評価: a missed goal's reason -----------------------------------------------------

MARKS = [ReviewMark("◎", "達成"), ReviewMark("△", "一部未達", needs_reason=True), ReviewMark("×", "未達", True)]


@pytest.mark.parametrize("review, flagged", [
    (Review("final", "△"), True),
    (Review("final", "×", reason="　"), True),
    (Review("final", "△", reason="予算不足。来年度に再計画"), False),
    (Review("interim", "△"), False),  # 中間確認 needs no reason
    (Review("final", "◎"), False),
])
def test_a_final_mark_needing_a_reason_without_one_is_flagged(session, review, flagged):
    plan = complete_plan()
    plan.goals[0].reviews = [review]
    found_ = check_plan(plan, session.policy(2024), RULES, goal_numbers(plan), MARKS)
    expected = [("評価", ("goal", 1, "reviews"))] if flagged else []
    assert [(f.category, (f.place.kind, f.place.key, f.place.field)) for f in found_] == expected
    if flagged:
        assert "目標 No.1「記念事業の実施」" in found_[0].message and "未達の理由" in found_[0].message


def test_cli_check_lists_a_missed_goal_without_reason(data_dir, capsys):
    from hoshin_desktop.services.session import Session

    session = Session.open(data_dir)
    import_plan(session, PlanFile(_complete_for("政策部", "政策経営課")))
    editor = session.editor(2024, "政策部")
    goal = editor.plan.goals[0].id
    editor.set_review(goal, Review("final", "△"))
    session.close()
    command = ["--data-dir", str(data_dir), "check", "--year", "2024", "--department", "政策部"]
    assert main(command) == 1
    out = capsys.readouterr().out
    assert "［評価］目標 No.1「記念事業の実施」: 年度末評価が「△ 一部未達」のときは" in out
    session = Session.open(data_dir)
    session.editor(2024, "政策部").set_review(goal, Review("final", "△", reason="会場の確保が遅れた"))
    session.close()
    assert main(command) == 0
    assert "見つかりませんでした" in capsys.readouterr().out
