"""Our own template: reproducible, A4, Japanese styles, footer fields, compatibility mode 15."""

from __future__ import annotations

import zipfile

import docx
import pytest

from hoshin_desktop.export.docx_writer import missing_styles, open_template, write_docx
from hoshin_desktop.export.options import ExportOptions
from hoshin_desktop.export.template import template_path, write_template

from .conftest import W, part_xml


def test_committed_template_is_what_the_script_builds(tmp_path):
    """Rebuild with `python -m hoshin_desktop.export.template` after changing a style."""
    first = write_template(tmp_path / "a.docx").read_bytes()
    assert write_template(tmp_path / "b.docx").read_bytes() == first  # reproducible byte for byte
    assert template_path().read_bytes() == first


@pytest.mark.parametrize("options", [ExportOptions(), ExportOptions(layout="columns", review_columns=True)],
                         ids=["stacked", "columns"])
def test_every_style_an_exported_document_uses_is_defined_in_the_template(plan, policy, tmp_path, options):
    """Read from a written document, not from the style list the template is built from."""
    written = write_docx(plan, policy, tmp_path / "plan.docx", options)
    defined = {style.get(f"{W}styleId") for style in part_xml(template_path(), "word/styles.xml").iter(f"{W}style")}
    used = set()
    with zipfile.ZipFile(written) as archive:
        parts = [name for name in archive.namelist() if name.startswith("word/") and name.endswith(".xml")]
    for name in parts:
        root = part_xml(written, name)
        used |= {node.get(f"{W}val") for tag in ("pStyle", "rStyle", "tblStyle") for node in root.iter(f"{W}{tag}")}
    assert used and used <= defined, sorted(used - defined)
    document = open_template()
    assert missing_styles(document) == []
    names = {style.style_id: style.name for style in document.styles}
    assert names["PlanTitle"] == "表題" and names["TableText"] == "表本文"


def test_a4_with_the_city_margins():
    section = docx.Document(str(template_path())).sections[0]
    assert (section.page_width.mm, section.page_height.mm) == (pytest.approx(210, abs=0.1), pytest.approx(297, abs=0.1))
    assert round(section.left_margin.mm) == round(section.right_margin.mm) == 25


def test_styles_name_japanese_faces_as_east_asian_fonts():
    root = part_xml(template_path(), "word/styles.xml")
    for style in root.iter(f"{W}style"):
        if style.get(f"{W}type") != "paragraph":
            continue
        fonts = style.find(f"{W}rPr/{W}rFonts")
        assert fonts.get(f"{W}eastAsia") in ("ＭＳ 明朝", "ＭＳ ゴシック"), style.get(f"{W}styleId")
        assert fonts.get(f"{W}ascii") == fonts.get(f"{W}eastAsia") == fonts.get(f"{W}cs")
        assert not [key for key in fonts.attrib if "heme" in key]
    lang = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}eastAsia") == "ja-JP"


def test_compatibility_mode_15_and_japanese_settings():
    settings = part_xml(template_path(), "word/settings.xml")
    modes = {s.get(f"{W}name"): s.get(f"{W}val") for s in settings.iter(f"{W}compatSetting")}
    assert modes["compatibilityMode"] == "15"
    assert settings.find(f"{W}themeFontLang").get(f"{W}eastAsia") == "ja-JP"


def test_footer_has_page_fields_and_a_stamp_line():
    footer = part_xml(template_path(), "word/footer1.xml")
    instructions = [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    styles_used = [p.get(f"{W}val") for p in footer.iter(f"{W}pStyle")]
    assert styles_used == ["FooterStamp", "Footer"]
