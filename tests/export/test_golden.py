"""Golden files: the exported XML must not change by accident.

Each golden file is a part of an exported .docx (word/document.xml, word/styles.xml),
unzipped and pretty-printed. When a change of the layout is intended, look at the new
output (soffice → PDF → PNG), then regenerate and review the diff before committing:

    UPDATE_GOLDEN=1 python -m pytest tests/export/test_golden.py   (fails, having rewritten the files)
    git diff tests/export/golden/                                   (review)
    python -m pytest tests/export/test_golden.py                    (passes against them)
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from hoshin_desktop.export.docx_writer import write_docx
from hoshin_desktop.export.options import ExportOptions

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "stacked": ExportOptions(),
    "columns": ExportOptions(layout="columns"),
}


def normalised(path: Path, part: str) -> str:
    """The part pretty-printed, one element a line, so that a diff shows what moved."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read(part), etree.XMLParser(remove_blank_text=True))
    return etree.tostring(root, pretty_print=True, encoding="unicode")


@pytest.mark.parametrize("case, part", [("stacked", "word/document.xml"), ("stacked", "word/styles.xml"),
                                        ("columns", "word/document.xml"), ("stacked", "word/footer1.xml")])
def test_exported_xml_matches_the_golden_file(plan, policy, tmp_path, case, part):
    actual = normalised(write_docx(plan, policy, tmp_path / "plan.docx", CASES[case]), part)
    golden = GOLDEN / f"{case}_{Path(part).stem}.xml"
    if os.environ.get("UPDATE_GOLDEN"):  # a rewritten file is never compared with itself
        golden.write_text(actual, encoding="utf-8")
        pytest.fail(f"rewrote {golden.name}: review `git diff`, then run again without UPDATE_GOLDEN")
    assert golden.exists(), f"no golden file {golden.name}: run with UPDATE_GOLDEN=1 once"
    assert actual == golden.read_text(encoding="utf-8"), f"{golden.name} differs (see the module docstring)"
