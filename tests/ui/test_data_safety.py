"""The window and the data-safety classes: odd years in the data, a deleted -wal file, lost data at start."""

import sys

import pytest

from hoshin_desktop.domain.models import PolicyDocument
from hoshin_desktop.domain.policy_parser import parse_policy
from hoshin_desktop.services.session import Session
from hoshin_desktop.services.startup import CorruptChoice
from hoshin_desktop.storage.database import WORKING_DB_NAME
from hoshin_desktop.storage.errors import DatabaseMissing
from hoshin_desktop.ui.startup_dialogs import DialogQuestions


def test_window_opens_a_year_the_parser_would_refuse(open_window, data_dir, seed_text, qtbot):
    session = Session.open(data_dir)
    document = parse_policy(seed_text)
    odd = PolicyDocument(**{**document.__dict__, "fiscal_year": 2018,
                            "issued_on": document.issued_on.replace(year=2019, month=4, day=30)})
    session.store_policy(odd, replace=False)
    session.close()
    window = open_window()
    window.open_plan(2018, "政策部")
    assert window.toolbar.year_combo.findData(2018) >= 0
    assert "2018年度" in window.windowTitle()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows does not let an open -wal file be deleted")
def test_deleted_wal_is_told_to_the_user(open_window, data_dir, alerts, qtbot):
    window = open_window()
    window.add_goal()
    (data_dir / f"{WORKING_DB_NAME}-wal").unlink()
    window.add_goal()
    warnings = alerts.messages("warning")
    assert len(warnings) == 1 and "hoshin.db-wal" in warnings[0][2]
    assert (data_dir / f"{WORKING_DB_NAME}-wal").exists()
    window.close()
    reopened = Session.open(data_dir)
    assert len(reopened.load_plan(2024, "政策部").goals) == 2
    reopened.close()


def test_missing_data_dialog_says_missing_not_damaged(alerts, data_dir):
    alerts.answers["choose"].append(0)
    choice = DialogQuestions(None).damaged(DatabaseMissing(data_dir / WORKING_DB_NAME), None)
    title, text = alerts.messages("choose")[0][1:]
    assert title == "データが見つかりません" and "空になっています" in text
    assert choice is CorruptChoice.START_EMPTY
