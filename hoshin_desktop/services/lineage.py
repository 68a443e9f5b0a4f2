"""Directive lineage between two years' basic policies: the proposal, or the mapping the user confirmed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.policy_mapping import MappingLine, mapping_lines, propose_mapping
from ..domain.wareki import fiscal_year_label

if TYPE_CHECKING:
    from .session import Session


@dataclass(frozen=True)
class DirectiveMapping:
    from_year: int
    to_year: int
    lines: list[MappingLine]
    confirmed: bool  # False: the app's proposal, not yet reviewed

    def as_json(self) -> list[dict]:
        return [line.as_json() for line in self.lines]


def _check_years(session: Session, from_year: int, to_year: int) -> None:
    years = session.fiscal_years()
    for year in (from_year, to_year):
        if year not in years:
            raise LookupError(f"{fiscal_year_label(year)}の基本方針が登録されていません。先に基本方針を取り込んでください。")
    if from_year == to_year:
        raise ValueError("対応表は異なる2つの年度の間で作ります。年度を確かめてください。")


def proposal(session: Session, from_year: int, to_year: int) -> DirectiveMapping:
    """The app's proposal from ``from_year``'s directives to ``to_year``'s."""
    _check_years(session, from_year, to_year)
    lines = propose_mapping(session.policy(from_year).directives, session.policy(to_year).directives)
    return DirectiveMapping(from_year, to_year, lines, confirmed=False)


def directive_mapping(session: Session, from_year: int, to_year: int) -> DirectiveMapping:
    """The confirmed mapping if the user reviewed one, else the proposal."""
    _check_years(session, from_year, to_year)
    pairs = session.confirmed_mapping(from_year, to_year)
    if pairs is None:
        return proposal(session, from_year, to_year)
    lines = mapping_lines(session.policy(from_year).directives, session.policy(to_year).directives, pairs)
    return DirectiveMapping(from_year, to_year, lines, confirmed=True)


def confirm(session: Session, from_year: int, to_year: int, pairs: list[tuple[str, str]]) -> DirectiveMapping:
    """Store the mapping the user reviewed: ``pairs`` (old code, new code); two old codes may
    share a new one (merged). Every directive in no pair is 廃止 or 新規."""
    _check_years(session, from_year, to_year)
    session.confirm_mapping(from_year, to_year, pairs)
    return directive_mapping(session, from_year, to_year)


def previous_policy_year(session: Session, fiscal_year: int) -> int | None:
    """The latest year before ``fiscal_year`` with a basic policy: where its directives come from."""
    earlier = [year for year in session.fiscal_years() if year < fiscal_year]
    return max(earlier) if earlier else None


__all__ = ["DirectiveMapping", "confirm", "directive_mapping", "previous_policy_year", "proposal"]
