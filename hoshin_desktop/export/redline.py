"""The redline: a Word document showing what changed from one version of a plan to another.

Insertions and deletions are real revision marks (``w:ins`` / ``w:del``), so Word's
変更履歴 pane and LibreOffice's 変更の管理 list them and can accept or reject each one.
The rest is plain text in the styles of our template: a summary, then each goal (added,
dropped with its 方向性, or carried with its changed text and re-pinned directives), then
the 部の方針 answers that changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docx.document import Document

from ..domain.numbering import number_of
from ..domain.redline import (
    ADDED,
    CARRIED_GOAL,
    DROPPED,
    PINNED,
    RENUMBERED,
    UNPINNED,
    Comparison,
    GoalComparison,
    PinChange,
)
from ..domain.textdiff import DELETE, INSERT, Run, changed
from ..domain.wareki import format_date
from . import docx_blocks, ooxml
from . import styles as s
from .atomic import atomic_target
from .content import ordered_goals
from .docx_writer import empty_body, open_template


class _Marks:
    """Numbers each revision mark (Word needs a unique w:id) and dates them all alike."""

    def __init__(self, when: datetime, author: str):
        self.next_id = 1
        self.date = when.replace(microsecond=0).isoformat()
        self.author = author  # Word shows it on every change: the drafter's or the department's name

    def wrap(self, paragraph, tag: str):
        mark = ooxml.element(tag, paragraph, id=self.next_id, author=self.author, date=self.date)
        self.next_id += 1
        return mark

    def runs(self, paragraph, runs: list[Run]) -> None:
        for run in runs:
            if run.op == INSERT:
                ooxml.text_run(self.wrap(paragraph, "w:ins"), run.text)
            elif run.op == DELETE:
                self._deleted(self.wrap(paragraph, "w:del"), run.text)
            else:
                ooxml.text_run(paragraph, run.text)

    @staticmethod
    def _deleted(mark, text: str) -> None:
        """Deleted text is w:delText, not w:t, inside its run."""
        run = ooxml.element("w:r", mark)
        for index, line in enumerate(text.split("\n")):
            if index:
                ooxml.element("w:br", run)
            if line:
                t = ooxml.element("w:delText", run)
                t.text = line
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def goal_heading(comparison: GoalComparison, numbers: dict[int, str], old_numbers: dict[int, str],
                 old_name: str = "前年度") -> str:
    """「目標3　…【新規】」, 「第1版の目標3　…【削除】」, 「目標3　…（前年度の目標2）」: ``old_name`` names the older version."""
    goal = comparison.goal
    title = goal.title.split("\n")[0] or "（目標名なし）"
    if comparison.status == ADDED:
        return f"目標{number_of(numbers, goal)}　{title}【新規】"
    if comparison.status == DROPPED:
        direction = comparison.direction or "削除"
        into = f"（目標{number_of(numbers, comparison.merged_into)}へ統合）" if comparison.merged_into else ""
        return f"{old_name}の目標{number_of(old_numbers, goal)}　{title}【{direction}】{into}"
    direction = f"【{comparison.direction}】" if comparison.direction else ""
    before = number_of(old_numbers, comparison.old) if comparison.old else ""
    return f"目標{number_of(numbers, goal)}　{title}{direction}（{old_name}の目標{before}）"


def pin_text(pin: PinChange) -> str:
    if pin.kind == RENUMBERED:
        return f"{pin.old} → {pin.new}（番号の変更）"
    if pin.kind == PINNED:
        return f"{pin.new}（追加）"
    if pin.kind == UNPINNED:
        return f"{pin.old}（外れた）"
    return pin.new or ""  # KEPT: the same code


@dataclass(frozen=True)
class Block:
    """One paragraph of the redline: the same list feeds Word and the window's view."""

    kind: str  # TITLE, TEXT, HEADING, LABEL or MARKED
    text: str = ""  # plain text, or the label in front of a MARKED paragraph
    runs: tuple[Run, ...] = ()


TITLE, TEXT, HEADING, LABEL, MARKED = "title", "text", "heading", "label", "marked"


def _goal_blocks(comparison: GoalComparison, numbers, old_numbers, old_name: str) -> list[Block]:
    blocks = [Block(LABEL, goal_heading(comparison, numbers, old_numbers, old_name))]
    for change in comparison.fields:
        if comparison.status != CARRIED_GOAL or change.changed:
            blocks.append(Block(MARKED, f"{change.label}：", tuple(change.runs)))
    if comparison.pins:
        blocks.append(Block(TEXT, "基本方針：" + "、".join(pin_text(pin) for pin in comparison.pins)))
    return blocks


def summary(comparison: Comparison) -> list[str]:
    counts = {status: sum(1 for g in comparison.goals if g.status == status) for status in (ADDED, DROPPED, CARRIED_GOAL)}
    changed_goals = sum(1 for g in comparison.goals if g.status == CARRIED_GOAL and g.changed)
    repinned = sum(1 for g in comparison.goals for p in g.pins if p.kind == RENUMBERED)
    return [f"新しい目標 {counts[ADDED]} 件、なくなった目標 {counts[DROPPED]} 件、引き継いだ目標 {counts[CARRIED_GOAL]} 件"
            f"（うち変更あり {changed_goals} 件）、番号が変わった基本方針の関連付け {repinned} 件。",
            "加わった文字は下線、削られた文字は取り消し線の変更履歴（Word の「校閲」→「変更履歴」）で示します。"]


def redline_blocks(comparison: Comparison, title: str) -> list[Block]:
    """The whole redline: title, summary, the changed goals in paper order (dropped ones last), the changed answers."""
    blocks = [Block(TITLE, title)] + [Block(TEXT, line) for line in summary(comparison)]
    numbers = {goal.id: number for number, goal in ordered_goals(comparison.new)}
    old_numbers = {goal.id: number for number, goal in ordered_goals(comparison.old)}
    order = {goal.id: position for position, (_, goal) in enumerate(ordered_goals(comparison.new))}
    shown = sorted((g for g in comparison.goals if g.changed),
                   key=lambda g: order.get(g.new.id, len(order)) if g.new else len(order))
    blocks.append(Block(HEADING, "組織目標"))
    if not shown:
        blocks.append(Block(TEXT, "変更はありません。"))
    for goal in shown:
        blocks += _goal_blocks(goal, numbers, old_numbers, comparison.old_name)
    answers = [a for a in comparison.answers if changed(a.runs)]
    blocks.append(Block(HEADING, "部の方針"))
    if not answers:
        blocks.append(Block(TEXT, "変更はありません。"))
    for answer in answers:
        before = f"（前は {'、'.join(answer.old_codes)}）" if answer.old_codes and answer.old_codes != (answer.directive,) else ""
        blocks += [Block(LABEL, f"基本方針 {answer.directive}{before}"), Block(MARKED, "", tuple(answer.runs))]
    return blocks


_STYLE_OF = {TITLE: s.TITLE, TEXT: s.BODY, HEADING: s.GOALS_HEADING, LABEL: s.ANSWER_LABEL, MARKED: s.BODY}


def _set_stamp(document: Document, stamp: str) -> None:
    """The footer's stamp paragraph says what this paper is instead of a 版."""
    for paragraph in document.sections[0].footer.paragraphs:
        if paragraph.style is not None and paragraph.style.style_id == s.FOOTER_STAMP.id:
            for run in list(paragraph._p.r_lst):
                paragraph._p.remove(run)
            ooxml.text_run(paragraph._p, stamp)


def build_redline(comparison: Comparison, title: str, *, when: datetime | None = None, author: str = "") -> Document:
    """``author``: whose name the changes carry (the export options' name; the department's when empty)."""
    document = open_template()
    empty_body(document)
    when = when or datetime.now()
    author = author.strip() or comparison.new.department
    marks = _Marks(when, author)
    for block in redline_blocks(comparison, title):
        paragraph = docx_blocks.paragraph(document, _STYLE_OF[block.kind], block.text)
        if block.kind == MARKED:
            marks.runs(paragraph._p, list(block.runs))  # python-docx has no revision marks
    _set_stamp(document, f"比較 {format_date(when.date())}作成")
    props = document.core_properties
    props.title = title
    props.author = author
    props.language = "ja-JP"
    return document


def write_redline(comparison: Comparison, title: str, path: Path, *, author: str = "") -> Path:
    """Write the redline to ``path`` safely (temporary file, then moved into place)."""
    document = build_redline(comparison, title, author=author)
    path = Path(path)
    with atomic_target(path) as partial:
        document.save(str(partial))
    return path
