"""Plans to export, and a reader that finds every text of a .docx (ruby bases included)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from hoshin_desktop.domain.goal_lineage import ABOLISHED, CONTINUED, EXPANDED, MERGED, NEW_GOAL, GoalFate, GoalLineage
from hoshin_desktop.domain.models import Answer, Goal, Plan, Signer
from hoshin_desktop.export.nobreak import unheld

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STAMP_DATE = date(2024, 3, 29)


@pytest.fixture
def policy(session):
    return session.policy(2024)


def sample_plan() -> Plan:
    """A plan as a department writes it: two signers, ＊/・ answers, department and section goals."""
    return Plan(
        2024, "政策部", date(2024, 4, 1),
        [Signer("政策部長", "山田 太郎"), Signer("政策部担当部長", "鈴木 花子")],
        preamble="令和6年3月21日付けで示された「令和6年度市政運営の基本方針」に基づき、政策部の運営方針及び組織目標を"
                 "下記のとおり定める。\n各課においては、これを踏まえて課の組織目標を設定すること。",
        answers=[
            Answer("1(1)", "＊市制施行60周年記念事業を全庁の協力の下で実施し、市の魅力を発信する。\n"
                           "・記念式典の開催\n・記念誌の発行\n＊新庁舎への移転を契機に、働き方を見直す。"),
            Answer("1(4)", "＊オンライン申請を拡充する。"),
            Answer("3(9)", "＊当初予算事業の進捗を四半期ごとに確認する。"),
        ],
        goals=[
            Goal("第2次総合ビジョンの策定", "現行ビジョンが最終年度を迎える。", "・市民ワークショップ\n・審議会への諮問",
                 "計画の策定", "素案作成中", "策定・公表", "4月〜3月", ["政策経営課"], ["2(1)"], None, 1),
            Goal("60周年記念事業の実施", "", "記念式典、記念誌", "参加者数", "—", "3,000人", "11月",
                 ["政策経営課", "政策法務課"], ["1(1)"], None, 2),
            Goal("記念誌の発行", "", "原稿の取りまとめ", "発行", "", "3月発行", "3月", ["政策経営課"], ["1(1)"], 2, 3),
            Goal("オンライン申請の拡充", "窓口申請が多い", "対象手続の選定", "オンライン化した手続数", "20手続", "40手続",
                 "通年", ["政策法務課"], ["3(1)", "1(4)"], None, 4),
            Goal("まだ関連付けていない目標", "", "", "", "", "", "", [], [], None, 5),
        ],
        revision=2,
        edited_on=STAMP_DATE,
    )


@pytest.fixture
def plan() -> Plan:
    return sample_plan()


def paragraph_text(paragraph) -> str:
    """The text a reader sees: runs, tabs, breaks and ruby base text (not the reading, nor the
    invisible characters that keep numbers and names whole)."""
    parts = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if any(ancestor.tag == f"{W}rt" for ancestor in node.iterancestors()):
            continue
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        else:
            parts.append("\t" if node.tag == f"{W}tab" else "\n")
    return unheld("".join(parts))


def text_of(element) -> str:
    """The text under an element, without the invisible characters that keep numbers and names whole."""
    return unheld("".join(element.itertext()))


def goal_table_rows(path: Path) -> list:
    """The w:tr of the document's last table (the goal table), without its closing 以上 row."""
    return part_xml(path, "word/document.xml").findall(f"{W}body/{W}tbl")[-1].findall(f"{W}tr")[:-1]


def part_xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def docx_paragraphs(path: Path, part: str = "word/document.xml") -> list[str]:
    """Every paragraph of a part in document order, tables included."""
    return [paragraph_text(p) for p in part_xml(path, part).iter(f"{W}p")]


def docx_text(path: Path) -> str:
    return "\n".join(docx_paragraphs(path))


def carried_over(plan: Plan) -> Plan:
    """``plan`` as carried over from last year's: 継続, 拡充 and 統合 goals, the rest 新規, one goal 廃止."""
    ids = {goal.title: goal.id for goal in plan.goals}  # the ids the plan got where it is stored
    plan.lineage = GoalLineage(2023, [GoalFate(101, "旧ビジョンの推進", CONTINUED, ids["第2次総合ビジョンの策定"]),
                                      GoalFate(102, "窓口の電子化", EXPANDED, ids["オンライン申請の拡充"]),
                                      GoalFate(103, "記念事業の準備", MERGED, ids["60周年記念事業の実施"]),
                                      GoalFate(104, "旧制度の周知", ABOLISHED)])
    return plan


# (No., 方向性) of carried_over(sample_plan()) in print order
CARRIED_DIRECTIONS = [("1", MERGED), ("1-1", NEW_GOAL), ("2", EXPANDED), ("3", CONTINUED), ("4", NEW_GOAL)]
