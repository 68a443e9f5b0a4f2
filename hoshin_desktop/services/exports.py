"""Writing a plan's documents and keeping the export ledger: one path for the CLI and the window."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..domain.fingerprint import plan_fingerprint
from ..domain.models import Plan, PolicyDocument
from ..domain.wareki import default_plan_date
from ..export.options import ExportOptions
from ..storage.ledger import ExportRecord

KINDS = {".docx": "docx", ".pdf": "pdf"}
KIND_LABELS = {"docx": "Word 文書", "pdf": "PDF", "print": "印刷"}


def ledger_record(plan: Plan, kind: str, path: Path | None) -> ExportRecord:
    edited = plan.edited_on or plan.plan_date or default_plan_date(plan.fiscal_year)
    return ExportRecord(datetime.now().replace(microsecond=0).isoformat(), plan.fiscal_year, plan.department, kind,
                        str(path) if path else "", plan.revision, edited.isoformat(), plan_fingerprint(plan))


def write_document(plan: Plan, policy: PolicyDocument, path: Path, options: ExportOptions) -> Path:
    """The .docx or the PDF, by the file's suffix."""
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
