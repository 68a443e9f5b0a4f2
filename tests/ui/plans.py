"""A realistic plan to open the window on: several goals with long texts, a 課 goal, answers, signers."""

from __future__ import annotations

from pathlib import Path

from hoshin_desktop.domain.models import Signer
from hoshin_desktop.services.session import Session

from ..policy_variants import New, edit, render, title

LONG = ("・申請件数の多い手続から順にオンライン化する\n・窓口の待ち時間を計測し、効果を検証する\n"
        "・職員向けの研修を年2回行い、ＤＸ推進員を各課に置く\n・市民アンケートで使いやすさを確かめる")


def write_plan(data_dir: Path, goals: int = 6) -> list[int]:
    """政策部 2024 with ``goals`` department goals (the second has a 課 goal); their ids in list order."""
    session = Session.open(data_dir)
    try:
        editor = session.editor(2024, "政策部")
        editor.set_signers([Signer("政策部長", "山田 太郎"), Signer("担当部長", "鈴木 花子")])
        ids = []
        for n in range(goals):
            goal = editor.add_goal().select
            editor.set_goal_field(goal, "title", f"目標その{n + 1}: 行政手続のオンライン化とＤＸの推進")
            editor.set_goal_field(goal, "background", "『国分寺市行政デジタル化推進計画』に基づき、オンラインで完結する手続を増やす必要がある。" * 2)
            editor.set_goal_field(goal, "actions", LONG)
            editor.set_goal_field(goal, "indicator", "オンラインで申請できる手続の数")
            editor.set_goal_field(goal, "baseline", "48手続")
            editor.set_goal_field(goal, "target", "80手続")
            editor.set_goal_field(goal, "schedule", "4月 対象手続の選定、9月 試行、3月 本格実施（四半期ごとに進捗確認）")
            editor.set_owner_sections(goal, ["政策経営課", "政策法務課"])
            editor.pin(goal, "1(4)")
            ids.append(goal)
        if goals < 2:
            return ids
        child = editor.add_goal(after=ids[1], parent=ids[1]).select
        editor.set_goal_field(child, "title", "政策法務課: 移転後の例規・文書管理手順の点検")
        ids.insert(2, child)
        editor.set_answer("1(2)", "＊新庁舎への移転に伴い、災害時の初動体制と関連する計画・マニュアルを見直す。")
        return ids
    finally:
        session.close()


# 令和7年度's policy as the mapping tests know it: a new 1(1), last year's 1(1) reworded as 1(2),
# 1(2) dropped, 1(3) kept; in section 3, 3(2) and 3(1) only.
NEXT_YEAR = [
    (title(1), [New("こどもまんなか社会の実現に向けて、子育て世帯への支援を充実させること。"),
                edit("1(1)", ("市制施行60周年と新庁舎への移転を迎える節目の年となる", "新庁舎での業務が本格化する年となる")),
                "1(3)"]),
    (title(3), ["3(2)", "3(1)"]),
]


def import_next_year(window, alerts, tmp_path):
    """Import 令和7年度's policy through ファイル → 基本方針の取り込み; the mapping dialog it opens."""
    source = tmp_path / "r7.txt"
    source.write_text(render("令和7", NEXT_YEAR), encoding="utf-8")
    alerts.answers["open_path"] = [source]
    window.actions.import_policy.trigger()
    return window.mapping_dialog
