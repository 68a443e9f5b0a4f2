"""Realistic plans for the whole city: 14 departments × 30 goals, over up to 10 fiscal years.

Text is built from phrases of real municipal plans so that lengths, kanji density and
search hits look like the city's own data. Seeded: the same arguments give the same city.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from hoshin_desktop.domain.models import Answer, Goal, Plan
from hoshin_desktop.domain.plan_template import new_plan
from hoshin_desktop.services.session import Session

SUBJECTS = ["新庁舎への移転", "防災意識の向上", "地域防災計画の見直し", "行政手続のオンライン化", "窓口業務の改善",
            "子育て支援の充実", "高齢者の見守り体制", "ゼロカーボンの推進", "公共施設マネジメント", "個人情報の適正管理",
            "超過勤務の縮減", "職員の人材育成", "市制施行60周年記念事業", "道路の維持補修", "学校施設の長寿命化",
            "地域共生社会の実現", "財源の確保", "業務改革（BPR）", "情報共有の徹底", "市民参加の推進"]
VERBS = ["推進する", "見直す", "強化する", "充実させる", "着実に実行する", "効率化する", "検証する"]
ACTIONS = ["関係課と連携し、", "庁内横断的に調整を行い、", "市民や事業者の意見を聴きながら、", "先進自治体の事例を調査し、",
           "デジタル技術を活用して、", "進行管理を四半期ごとに行い、"]
INDICATORS = [("実施回数", "年2回", "年4回"), ("オンライン申請の割合", "35%", "60%"), ("超過勤務時間", "月平均18時間", "月平均12時間"),
              ("参加者数", "120人", "200人"), ("計画の改定", "未着手", "改定完了"), ("研修受講率", "70%", "100%")]
SCHEDULES = ["4月〜6月 現状把握、7月〜9月 検討、10月〜3月 実施", "通年", "上半期に方針決定、下半期に実施", "令和7年3月までに完了"]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(ACTIONS)}{rng.choice(SUBJECTS)}を{rng.choice(VERBS)}。"


def make_goal(rng: random.Random, codes: list[str], sections: list[str]) -> Goal:
    indicator, baseline, target = rng.choice(INDICATORS)
    return Goal(
        title=f"{rng.choice(SUBJECTS)}を{rng.choice(VERBS)}",
        background="".join(_sentence(rng) for _ in range(rng.randint(2, 4))),
        actions="\n".join("・" + _sentence(rng) for _ in range(rng.randint(2, 5))),
        indicator=indicator, baseline=baseline, target=target,
        schedule=rng.choice(SCHEDULES),
        owner_sections=rng.sample(sections, k=min(len(sections), rng.randint(1, 2))) if sections else [],
        directives=sorted(rng.sample(codes, k=rng.randint(1, 3))),
    )


def make_plan(session: Session, fiscal_year: int, department: str, goals: int, seed: int = 0) -> Plan:
    """The plan the app starts a department with, filled in: a signer's name, answers, goals."""
    rng = random.Random(f"{seed}-{fiscal_year}-{department}")
    policy = session.policy(fiscal_year)
    codes = [d.code for d in policy.directives]
    unit = session.department(fiscal_year, department)
    plan = new_plan(policy, unit)
    plan.signers[0].name = "国分寺 太郎"
    plan.answers = [make_answer(code, rng) for code in rng.sample(codes, k=len(codes) // 2)]
    plan.goals = [make_goal(rng, codes, [s.name for s in unit.sections]) for _ in range(goals)]
    return plan


def make_answer(code: str, rng: random.Random) -> Answer:
    return Answer(code, "*" + _sentence(rng) + "\n・" + rng.choice(SUBJECTS) + "\n・" + rng.choice(SUBJECTS))


def add_years(session: Session, years: int) -> list[int]:
    """Give the working data ``years`` fiscal years of basic policy, cloned from 令和6年度."""
    base = session.policy(2024)
    wanted = list(range(2024, 2024 + years))
    for year in wanted:
        if year in session.fiscal_years():
            continue
        era = year - 2018
        clone = replace(base, fiscal_year=year, issued_on=date(year, 3, 21), title=f"令和{era}年度市政運営の基本方針")
        session.store_policy(clone, replace=False)
    return wanted


def build_city(session: Session, *, years: int = 1, goals: int = 30, seed: int = 0) -> int:
    """Store a plan for every department of every year; returns the number of goals stored."""
    total = 0
    for year in add_years(session, years):
        for department in session.departments(year):
            if session.load_plan(year, department.name) is not None:
                continue
            session.store_plan(make_plan(session, year, department.name, goals, seed))
            total += goals
    return total
