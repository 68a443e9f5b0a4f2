"""Every plan of a year into one folder: the loop the CLI and the window share."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoshin_desktop.domain.models import Plan
from hoshin_desktop.export.options import ExportOptions
from hoshin_desktop.services.exports import export_year_documents, write_documents, year_departments
from hoshin_desktop.services.plan_files import PlanFile, import_plan
from hoshin_desktop.services.session import Session

from .export.conftest import sample_plan

POLICY_DOCX = "令和6年度_政策部_運営方針・組織目標.docx"
ACCOUNTS_DOCX = "令和6年度_会計課_運営方針・組織目標.docx"


@pytest.fixture
def session(data_dir):
    session = Session.open(data_dir)
    import_plan(session, PlanFile(sample_plan()))
    import_plan(session, PlanFile(Plan(2024, "会計課", preamble="会計課の前文")))
    yield session
    session.close()


def test_one_department_failing_does_not_stop_the_others(session, tmp_path):
    folder = tmp_path / "out"
    (folder / POLICY_DOCX).mkdir(parents=True)  # a folder where 政策部's file should go: it cannot be written
    seen = []
    results = export_year_documents(session, 2024, year_departments(session, 2024), folder, ExportOptions(), ".docx",
                                    written=lambda number, total, result: seen.append((number, total, result.ok)))
    assert [(r.department, r.ok) for r in results] == [("政策部", False), ("会計課", True)]
    assert seen == [(1, 2, False), (2, 2, True)]
    assert "という名前のフォルダーがあるため" in results[0].error  # the user's words, not a traceback
    assert (folder / POLICY_DOCX).is_dir()  # nothing half-written in its place
    assert (folder / ACCOUNTS_DOCX).read_bytes().startswith(b"PK")
    assert sorted(p.name for p in folder.iterdir()) == sorted([POLICY_DOCX, ACCOUNTS_DOCX])  # no temporary files
    ledger = [(r.department, r.kind, Path(r.path)) for r in session.export_records(2024)]
    assert ledger == [("会計課", "docx", folder / ACCOUNTS_DOCX)]


def test_pdfs_of_every_department_are_in_the_ledger(session, tmp_path):
    results = export_year_documents(session, 2024, ["政策部", "会計課"], tmp_path / "new", ExportOptions(), ".pdf")
    assert all(result.ok for result in results)
    assert all(result.path.read_bytes().startswith(b"%PDF-") for result in results)
    ledger = sorted((r.department, r.kind) for r in session.export_records(2024))
    assert ledger == [("会計課", "pdf"), ("政策部", "pdf")]


def test_a_plan_that_is_gone_is_one_failure(session, tmp_path):
    results = export_year_documents(session, 2024, ["福祉部", "会計課"], tmp_path, ExportOptions(), ".docx")
    assert [(r.department, r.ok) for r in results] == [("福祉部", False), ("会計課", True)]
    assert results[0].error == "令和6年度の福祉部の計画はまだありません"
    assert [r.department for r in session.export_records(2024)] == ["会計課"]


def test_progress_before_each_plan_and_at_the_end(session, tmp_path):
    plans = {"政策部": sample_plan(), "会計課": Plan(2024, "会計課")}  # from memory: no database in the loop
    steps = []
    results = write_documents(2024, list(plans), plans.__getitem__, session.policy(2024), tmp_path, ExportOptions(), ".docx",
                              progress=lambda done, total, text: steps.append((done, total, text)))
    assert steps == [(0, 2, "政策部を書き出しています（1/2）"), (1, 2, "会計課を書き出しています（2/2）"), (2, 2, "")]
    assert [r.path.name for r in results if r.ok] == [POLICY_DOCX, ACCOUNTS_DOCX]


def test_a_year_without_plans_says_so(session):
    with pytest.raises(LookupError, match="令和7年度の計画が1つもありません"):
        year_departments(session, 2025)
