"""The folder each kind of file dialog opens in: the last one used for that purpose.

One folder shared by every dialog sent the plan's export into the folder the basic policy was
imported from, and the booklet into the departments' submission folder. Each purpose keeps its
own (settings ``folders/<purpose>``); one never used opens the Documents folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from .settings import settings

PLAN = "plan"  # this plan as Word, PDF or a print to a PDF file
ALL_PLANS = "all_plans"  # every department's plan into one folder
PLAN_FILE = "plan_file"  # 計画ファイル out and in (the exchange with 政策経営課)
POLICY = "policy"  # 基本方針の取り込み
SUBMISSIONS = "submissions"  # 提出された計画の取り込み
BOOKLET = "booklet"  # すべての部をまとめて書き出し
MATRIX = "matrix"  # 全庁の対応状況 as CSV / Excel
SHEETS = "sheets"  # 評価表, 指示事項の一覧
REDLINE = "redline"  # 前年度との比較, 版の比較
WORD_PLANS = "word_plans"  # Word 文書から取り込み (last year's plans as the city has them)
HANDOVER = "handover"  # 事務引継書
SUMMARY = "summary"  # 年度末の評価の集計


def last_folder(purpose: str) -> Path:
    """The folder last used for ``purpose`` (if it still exists), or the user's Documents folder."""
    remembered = settings().value(f"folders/{purpose}")
    if remembered and Path(str(remembered)).is_dir():
        return Path(str(remembered))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_folder(folder: Path, purpose: str) -> None:
    settings().setValue(f"folders/{purpose}", str(folder))
