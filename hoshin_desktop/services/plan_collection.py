"""Taking in every department's submitted plan file at once (提出された計画の取り込み).

The planning office points at the share's 提出 folder. Every plan file there is checked
first (``check_folder``), and each becomes a ``Submission``: what it is (department, 版,
last edit, fingerprint, goals, 課 to add), its problems, and how it compares with the plan
already held (new, newer, older, the same). Files that cannot be read are listed with
their problems and never stop the others. Older and identical files, and all but the
newest of several files for one department, are left out unless the user chooses them.
A file for a plan that is fixed (確定) here is not taken: the user unlocks the plan first.

``import_submissions`` then takes one backup, writes the chosen files in one transaction
and logs a receipt for every file; ``BatchImport.undo`` puts back what the batch replaced,
as one step.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..domain.fingerprint import plan_fingerprint
from ..domain.text import readable_name
from ..domain.wareki import check_fiscal_year, fiscal_year_label, parse_fiscal_year
from ..storage import receipts as receipt_log
from .change import NOTHING, Change
from .plan_files import PlanFile, PlanFileError, arrival, read_plan_file
from .plan_versions import moment as _moment
from .plan_versions import version_key

NEW = "新規"
NEWER = "新しい"
OLDER = "古い"
SAME = "同じ"
DIFFERENT = "内容が違う（同じ版）"
DUPLICATE = "重複"
FIXED = "確定済み"
UNREADABLE = "取り込めない"
CHOSEN_BY_DEFAULT = (NEW, NEWER, DIFFERENT)


@dataclass
class Held:
    """The plan already in the working data for a submission's department and year."""

    revision: int
    edited_at: str
    fingerprint: str
    fixed: bool = False  # 確定: a batch never replaces it (unlock it first, then import)


@dataclass
class Submission:
    path: Path
    plan_file: PlanFile | None = None
    problems: list[str] = field(default_factory=list)
    status: str = UNREADABLE
    note: str = ""  # why a file is left out, e.g. which file of the same department is preferred
    held: Held | None = None
    fingerprint: str = ""
    chosen: bool = False
    named: tuple[int | None, str] | None = None  # (year, 部) the name of a file that cannot be read tells

    @property
    def readable(self) -> bool:
        return self.plan_file is not None

    @property
    def name(self) -> str:
        """The file's name as shown and logged (a name that is not UTF-8 is made readable)."""
        return readable_name(self.path.name)

    @property
    def choosable(self) -> bool:
        return self.readable and self.status != FIXED

    @property
    def key(self) -> tuple[int, str] | None:
        plan = self.plan_file.plan if self.plan_file else None
        return (plan.fiscal_year, plan.department) if plan else None

    @property
    def department(self) -> str:
        return self.plan_file.plan.department if self.plan_file else ""

    @property
    def plan_label(self) -> str:
        """「令和7年度 政策部」: a folder may hold last year's file too, which is another plan."""
        plan = self.plan_file.plan if self.plan_file else None
        return f"{fiscal_year_label(plan.fiscal_year)} {plan.department}" if plan else ""

    @property
    def revision(self) -> int | None:
        return self.plan_file.plan.revision if self.plan_file else None

    @property
    def edited_at(self) -> str | None:
        return self.plan_file.updated_at if self.plan_file else None

    @property
    def goals(self) -> int | None:
        return len(self.plan_file.plan.goals) if self.plan_file else None

    @property
    def new_sections(self) -> list[str]:
        return list(self.plan_file.new_sections) if self.plan_file else []

    @property
    def sender(self) -> str:
        signers = self.plan_file.plan.signers if self.plan_file else []
        return " ".join(part for part in (signers[0].title, signers[0].name) if part) if signers else ""


def plan_files_in(folder: Path) -> list[Path]:
    """The plan files (*.json, any case) directly in ``folder``, by name."""
    folder = Path(folder)
    if folder.is_file():
        raise LookupError(f"「{folder}」はファイルです。計画ファイルのあるフォルダーを指定してください"
                          "（1つの計画ファイルは「計画ファイルの取り込み」、コマンドでは import-plan で取り込みます）")
    if not folder.is_dir():
        raise FileNotFoundError(f"フォルダー「{folder}」が見つかりません")
    # a link whose file is gone is listed as unreadable, not left out without a word
    files = sorted((p for p in folder.iterdir() if (p.is_file() or p.is_symlink()) and p.suffix.lower() == ".json"),
                   key=lambda p: p.name)
    if not files:
        raise LookupError(f"フォルダー「{folder}」に計画ファイル（.json）がありません")
    return files


def check_folder(session, folder: Path, *, new_sections: bool = True) -> list[Submission]:
    """Read and check every plan file in ``folder``; nothing is written."""
    return check_files(session, plan_files_in(folder), new_sections=new_sections)


def check_files(session, paths: list[Path], *, new_sections: bool = True) -> list[Submission]:
    submissions = [_check(session, Path(path), new_sections) for path in paths]
    submissions.sort(key=lambda s: _table_order(session, s))
    held: dict[tuple[int, str], Held | None] = {}
    for submission in submissions:
        if (key := submission.key) is not None:  # the file was read
            if key not in held:
                held[key] = _held(session, *key)
            submission.held = held[key]
            submission.status = _compare(submission, submission.held)
    _mark_duplicates(submissions)
    for submission in submissions:
        submission.chosen = submission.status in CHOSEN_BY_DEFAULT
    return submissions


def _table_order(session, submission: Submission) -> tuple:
    """Readable files in the year's department order, then the unreadable ones; by file name within."""
    if (key := submission.key) is None:
        return (1, 0, 0, submission.name)
    year, name = key
    order = [d.name for d in session.departments(year)]
    return (0, year, order.index(name), submission.name)


def _check(session, path: Path, new_sections: bool) -> Submission:
    try:
        plan_file = read_plan_file(session, path)
        if not new_sections:
            plan_file.refuse_new_sections(readable_name(path.name))
    except PlanFileError as error:
        return Submission(path, problems=error.problems, named=named_in(session, path.stem))
    return Submission(path, plan_file, fingerprint=plan_fingerprint(plan_file.plan))


def named_in(session, name: str) -> tuple[int | None, str] | None:
    """(year, 部) as a file's name tells them (「令和6年度_健康部_運営方針・組織目標」): the longest name of a 部
    of that year (of any year, when the name says none) found in it; None when it names no 部."""
    years = session.fiscal_years()
    written = _YEAR_IN_NAME.search(unicodedata.normalize("NFKC", name))
    year = None
    if written:
        try:
            year = parse_fiscal_year(written.group()) if written.group(1) else check_fiscal_year(int(written.group(2)))
        except ValueError:
            year = None
    names = {d.name for y in ([year] if year in years else years) for d in session.departments(y)}
    found = max((n for n in names if n in name), key=len, default=None)
    return (year, found) if found else None


_YEAR_IN_NAME = re.compile(r"令和(元|\d{1,3})年度|(20\d\d)年度")


def _held(session, fiscal_year: int, department: str) -> Held | None:
    plan = session.load_plan(fiscal_year, department)
    if plan is None:
        return None
    return Held(plan.revision, session.plan_stamp(fiscal_year, department)[1], plan_fingerprint(plan), plan.lock is not None)


def _compare(submission: Submission, held: Held | None) -> str:
    """New, the same, or newer/older by 版 and then by last edit (when both say one)."""
    if held is None:
        return NEW
    if submission.fingerprint == held.fingerprint:
        return SAME
    if held.fixed:
        return FIXED
    revision = submission.revision
    if revision is not None and revision != held.revision:
        return NEWER if revision > held.revision else OLDER
    mine, theirs = _moment(submission.edited_at), _moment(held.edited_at)
    if mine is None or theirs is None or mine == theirs:
        return DIFFERENT
    return NEWER if mine > theirs else OLDER


def _mark_duplicates(submissions: list[Submission]) -> None:
    """Of several files for one department, keep the newest; the others are duplicates. Files that
    tie for newest (same 版 and last edit) with other content are all left for the user to choose:
    a copy corrected by hand keeps the 版 and last edit of the file it was copied from."""
    groups: dict[tuple[int, str], list[Submission]] = {}
    for submission in submissions:
        if (key := submission.key) is not None:
            groups.setdefault(key, []).append(submission)
    for group in groups.values():
        if any(s.status == FIXED for s in group):
            continue
        best = max(group, key=_submission_version)
        rivals = [s for s in group if _submission_version(s) == _submission_version(best)
                  and s.fingerprint != best.fingerprint]
        for other in group:
            if other is not best:
                why = ("と同じ内容です" if other.fingerprint == best.fingerprint else _RIVAL if other in rivals
                       else "のほうが新しいため、こちらは除きます")
                other.status, other.note = DUPLICATE, f"同じ部のファイル「{best.name}」{why}"
        if rivals:
            best.status, best.note = DUPLICATE, f"同じ部のファイル「{rivals[0].name}」{_RIVAL}"


_RIVAL = "と版も最終更新も同じで、内容が違います。取り込むファイルを選んでください"


def _submission_version(submission: Submission) -> tuple:
    return version_key(submission.revision or 0, submission.edited_at)  # 0: no 版, for a file not read


# --- importing the chosen files -----------------------------------------------------------------

@dataclass
class BatchImport:
    batch: str
    imported: list[Submission]
    skipped: list[Submission]
    unreadable: list[Submission]
    backup: Path | None  # None: nothing was taken in, so nothing was backed up
    written: list  # what undoes the batch (Session.undo_import)
    change: Change = NOTHING  # what the batch changed
    undone: bool = False

    def summary(self) -> str:
        parts = [f"{len(self.imported)}件を取り込みました" if self.imported else "取り込んだファイルはありません"]
        if self.skipped:
            parts.append(f"{len(self.skipped)}件は取り込みませんでした（古い・同じ・重複）")
        if self.unreadable:
            parts.append(f"{len(self.unreadable)}件は問題があるため取り込めませんでした")
        backed_up = f"取り込む前のデータはバックアップしました（{self.backup}）。" if self.backup else ""
        return "。".join(parts) + "。" + backed_up

    def notes(self) -> list[str]:
        """What the imported files held that was not taken (「政策部: 前年度からの引き継ぎ（方向性）: …」)."""
        return [f"{s.department}: {warning}" for s in self.imported if s.plan_file is not None
                for warning in s.plan_file.warnings]

    def undo(self, session) -> Change:
        """Put back every department the batch changed, as one step; the receipts say 取り消し."""
        if self.undone:
            return NOTHING
        change = session.undo_import(self.written, self.batch, frozenset(s.key for s in self.imported))
        self.undone = True
        return change


def import_submissions(session, submissions: list[Submission]) -> BatchImport:
    """Write the chosen submissions after one backup, in one transaction, with a receipt for every file."""
    chosen = [s for s in submissions if s.chosen and s.readable]
    fixed = [s.department for s in chosen if not s.choosable]
    if fixed:
        raise ValueError(f"確定している計画は、まとめての取り込みでは置き換えません（{'、'.join(fixed)}）。"
                         "確定を解除してから取り込んでください")
    keys = [key for s in chosen if (key := s.key) is not None]
    twice = sorted({key[1] for key in keys if keys.count(key) > 1})
    if twice:
        raise ValueError(f"同じ部のファイルを2つ以上選んでいます（{'、'.join(twice)}）。1つだけ選んでください")
    batch = datetime.now().strftime("%Y%m%d%H%M%S-") + secrets.token_hex(3)
    backup = session.backup("before-import") if chosen else None  # no backups that push out useful ones
    change, written = session.import_plans([(read.plan, arrival(read)) for s in chosen if (read := s.plan_file) is not None],
                                           [_receipt(batch, s) for s in submissions])
    skipped = [s for s in submissions if s.readable and not s.chosen]
    return BatchImport(batch, chosen, skipped, [s for s in submissions if not s.readable], backup, written, change)


def _receipt(batch: str, submission: Submission) -> receipt_log.Receipt:
    key = submission.key or submission.named
    if not submission.readable:
        outcome, note = "エラー", submission.problems[0].splitlines()[0] if submission.problems else ""
    elif submission.chosen:
        outcome, note = "取り込み", submission.status
    else:
        outcome, note = "スキップ", submission.note or submission.status
    return receipt_log.Receipt(batch, submission.name, key[0] if key else None, key[1] if key else "",
                               submission.revision, submission.edited_at, submission.fingerprint, submission.sender,
                               submission.goals, "、".join(submission.new_sections), outcome, note)
