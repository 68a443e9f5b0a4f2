"""Next years' basic policies built from the bundled 令和6年度 text, for the directive-mapping tests.

A variant is written as text and read by the real parser, so it is what an import would see.
Each directive of a variant is named by its 令和6年度 code (``"1(4)"``) or given as new text
(``New("…")``), optionally edited, so every test knows the true mapping it expects.
"""

from __future__ import annotations

from dataclasses import dataclass

from hoshin_desktop import paths
from hoshin_desktop.domain.policy_parser import parse_policy

SEED = parse_policy(paths.data_dir().joinpath("sources", "policy_2024.txt").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class New:
    text: str


@dataclass(frozen=True)
class Edit:
    """Last year's ``code`` with each (old, new) replacement applied; every old part must occur."""

    code: str
    replacements: tuple[tuple[str, str], ...]

    def text(self) -> str:
        text = SEED.directive(self.code).text
        for old, new in self.replacements:
            assert old in text, f"{old!r} is not in {self.code}"
            text = text.replace(old, new, 1)
        return text


@dataclass(frozen=True)
class Rewrite:
    """Last year's ``code`` continued under a new wording written out in full."""

    code: str
    text: str


def edit(code: str, *replacements: tuple[str, str]) -> Edit:
    return Edit(code, replacements)


def text_of(item) -> str:
    if isinstance(item, New):
        return item.text
    if isinstance(item, Edit):
        return item.text()
    if isinstance(item, Rewrite):
        return item.text
    return SEED.directive(item).text


def source_of(item) -> str | None:
    """The 令和6年度 code an item continues, or None for a new one."""
    if isinstance(item, New):
        return None
    return item.code if isinstance(item, (Edit, Rewrite)) else item


def render(year_label: str, sections: list[tuple[str, list]]) -> str:
    """A policy text: ``sections`` as (title, items), then the procedural section of 令和6年度."""
    lines = [f"{year_label}年3月21日", f"{year_label}年度市政運営の基本方針", "国分寺市長 井澤邦夫", "前文。", "記"]
    for number, (title, items) in enumerate(sections, start=1):
        lines.append(f"{number} {title}")
        lines += [f"({k}) {text_of(item)}" for k, item in enumerate(items, start=1)]
    procedural = SEED.sections[-1]
    lines.append(f"{len(sections) + 1} {procedural.title}")
    lines += procedural.body.text.split("\n")
    return "\n".join(lines) + "\n"


def build(year_label: str, sections: list[tuple[str, list]]):
    """(the parsed policy, the true mapping as {old code: new code or None}, the new codes that are 新規)."""
    document = parse_policy(render(year_label, sections))
    truth = {d.code: None for d in SEED.directives}
    fresh = []
    for number, (_, items) in enumerate(sections, start=1):
        for k, item in enumerate(items, start=1):
            source = source_of(item)
            if source is None:
                fresh.append(f"{number}({k})")
            else:
                truth[source] = f"{number}({k})"
    return document, truth, fresh


def title(number: int) -> str:
    return SEED.sections[number - 1].title


def as_is() -> list[tuple[str, list]]:
    return [(s.title, [d.code for d in s.directives]) for s in SEED.sections if s.directives]


__all__ = ["SEED", "New", "Rewrite", "as_is", "build", "edit", "render", "title"]
