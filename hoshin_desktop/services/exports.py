"""Writing a plan's documents and keeping the export ledger: one path for the CLI and the window."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.fingerprint import plan_fingerprint
from ..domain.models import Plan, PolicyDocument
from ..domain.wareki import default_plan_date, fiscal_year_label
from ..export.filenames import plan_file_name
from ..export.options import ExportOptions
from ..storage.ledger import ExportRecord

log = logging.getLogger(__name__)

KINDS = {".docx": "docx", ".pdf": "pdf"}
KIND_LABELS = {"docx": "Word 文書", "pdf": "PDF", "print": "印刷"}


def ledger_record(plan: Plan, kind: str, path: Path | None) -> ExportRecord:
    edited = plan.edited_on or plan.plan_date or default_plan_date(plan.fiscal_year)
    return ExportRecord(datetime.now().replace(microsecond=0).isoformat(), plan.fiscal_year, plan.department, kind,
                        str(path) if path else "", plan.revision, edited.isoformat(), plan_fingerprint(plan))


def portrait_table_warning(plan: Plan, policy: PolicyDocument, options: ExportOptions) -> str:
    """A sentence for the drafter when the goal table's columns do not fit A4 portrait at their least
    readable widths (then they are squeezed), or "" when they do or the table is landscape anyway."""
    from ..export.content import build_content
    from ..export.styles import PORTRAIT_WIDTH
    from ..export.widths import goal_table_fits

    if options.goal_table_landscape:
        return ""
    content = build_content(plan, policy, options)
    if goal_table_fits(content, PORTRAIT_WIDTH / 20):
        return ""
    return (f"組織目標の表の{len(content.goal_columns)}列は A4縦では読みやすい幅に収まらないため、列の幅を詰めて書き出します。"
            "A4横にすると各列が広くなります。")


def write_document(plan: Plan, policy: PolicyDocument, path: Path, options: ExportOptions) -> Path:
    """The .docx or the PDF, by the file's suffix."""
    from ..export.collector import resting

    with resting():
        if Path(path).suffix.lower() == ".pdf":
            from ..export.pdf_writer import write_pdf

            return write_pdf(plan, policy, path, options)
        from ..export.docx_writer import write_docx

        return write_docx(plan, policy, path, options)


def export_document(session, plan: Plan, path: Path, options: ExportOptions) -> Path:
    """Write one document and note it in the ledger."""
    target = write_document(plan, session.policy(plan.fiscal_year), path, options)
    session.record_export(ledger_record(plan, KINDS[Path(target).suffix.lower()], target))
    return target


# --- every plan of a year: one loop for the CLI and the window ---------------------------------------

@dataclass(frozen=True)
class DocumentResult:
    """What became of one department's document: written (``error`` empty) or why not, in Japanese."""

    department: str
    path: Path
    plan: Plan | None = None  # the plan as written; None when it could not be read
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def _document_errors() -> tuple[type[BaseException], ...]:
    """A department's own trouble (its file, its plan, the machine): reported, the others go on."""
    from ..export.atomic import ExportError
    from ..export.docx_writer import TemplateError
    from ..export.fonts import FontMissing
    from ..storage.errors import StorageError

    return ExportError, TemplateError, FontMissing, StorageError, LookupError


def write_documents(fiscal_year: int, departments: list[str], load: Callable[[str], Plan], policy: PolicyDocument,
                    folder: Path, options: ExportOptions, suffix: str, *,
                    progress: Callable[[int, int, str], None] | None = None,
                    written: Callable[[int, int, DocumentResult], None] | None = None) -> list[DocumentResult]:
    """Write each department's plan (``load(department)``) into ``folder``; a failing one does not stop
    the others. Uses no database itself, so it may run off the GUI thread with ``load`` from memory.

    ``progress(done, total, text)`` before each plan and at the end; ``written(number, total, result)`` after each."""
    total = len(departments)
    results = []
    for number, department in enumerate(departments, start=1):
        if progress:
            progress(number - 1, total, f"{department}を書き出しています（{number}/{total}）")
        path = Path(folder) / plan_file_name(fiscal_year, department, suffix)
        try:
            plan = load(department)
            write_document(plan, policy, path, options)
            result = DocumentResult(department, path, plan)
        except _document_errors() as error:
            result = DocumentResult(department, path, error=str(error))
        results.append(result)
        if written:
            written(number, total, result)
    if progress:
        progress(total, total, "")
    return results


def record_documents(session, results: list[DocumentResult]) -> None:
    """Note each written document in the export ledger; a failure to note one does not undo the export."""
    from ..storage.errors import StorageError

    for result in results:
        if not result.ok or result.plan is None:
            continue
        try:
            session.record_export(ledger_record(result.plan, KINDS[result.path.suffix.lower()], result.path))
        except StorageError:
            log.exception("export ledger not written")


def year_departments(session, fiscal_year: int) -> list[str]:
    """The departments with a plan in ``fiscal_year``; LookupError when there is none."""
    departments = [name for _, name, _ in session.plan_keys(fiscal_year)]
    if not departments:
        raise LookupError(f"{fiscal_year_label(fiscal_year)}の計画が1つもありません")
    return departments


def export_year_documents(session, fiscal_year: int, departments: list[str], folder: Path, options: ExportOptions,
                          suffix: str, *, written: Callable[[int, int, DocumentResult], None] | None = None
                          ) -> list[DocumentResult]:
    """Each of ``departments``' plans as .docx or .pdf (``suffix``) into ``folder``, each noted in the ledger."""
    Path(folder).mkdir(parents=True, exist_ok=True)

    def load(department: str) -> Plan:
        plan = session.load_plan(fiscal_year, department)
        if plan is None:
            raise LookupError(f"{fiscal_year_label(fiscal_year)}の{department}の計画はまだありません")
        return plan

    results = write_documents(fiscal_year, departments, load, session.policy(fiscal_year), folder, options, suffix,
                              written=written)
    record_documents(session, results)
    return results
