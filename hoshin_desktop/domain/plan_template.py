"""What a new plan starts with: the date, the signer and the preamble the city writes."""

from __future__ import annotations

from .models import Department, Plan, PolicyDocument, Signer
from .wareki import default_plan_date, format_date


def default_preamble(policy: PolicyDocument, department: str) -> str:
    return (
        f"{format_date(policy.issued_on)}付けで示された「{policy.title}」に基づき、"
        f"{department}の運営方針及び組織目標を下記のとおり定める。"
        "各課においては、これを踏まえて課の組織目標を設定すること。"
    )


def new_plan(policy: PolicyDocument, department: Department) -> Plan:
    return Plan(
        fiscal_year=department.fiscal_year,
        department=department.name,
        plan_date=default_plan_date(department.fiscal_year),
        signers=[Signer(department.head_title, "")],
        preamble=default_preamble(policy, department.name),
    )
