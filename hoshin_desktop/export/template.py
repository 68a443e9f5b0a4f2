"""Builds resources/plan_template.docx, the starting document of every export, from nothing.

Never python-docx's default template (US Letter, compatibility mode, Calibri): this one is
A4 with the city's margins, Japanese styles (``styles.py``) with ＭＳ 明朝 / ＭＳ ゴシック set as
East Asian fonts, language ja-JP, compatibility mode 15 (Word 2013 and later), and a
footer with the version stamp and 「1 / 3」 page numbers from PAGE / NUMPAGES fields.

python-docx can start a document only from its own default template, so the parts are
written here as XML (the styles' fonts and the footer's page fields through ``ooxml``).

The output is byte-for-byte reproducible (fixed zip timestamps, fixed order). Rebuild it
after changing a style:

    python -m hoshin_desktop.export.template
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from docx.oxml import parse_xml
from lxml import etree

from .. import paths
from . import ooxml
from .atomic import atomic_target
from .options import FONT_SETS
from .styles import A4_LONG, A4_SHORT, FOOTER, FOOTER_DISTANCE, FOOTER_STAMP, MARGIN_BOTTOM, MARGIN_SIDE, MARGIN_TOP, STYLES, StyleDef

TEMPLATE_NAME = "plan_template.docx"
STAMP_SAMPLE = "第1版\u3000令和6年4月1日"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def template_path() -> Path:
    return paths.resource(TEMPLATE_NAME)


def _content_types() -> str:
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = {
        "/word/document.xml": f"{wml}.document.main+xml",
        "/word/styles.xml": f"{wml}.styles+xml",
        "/word/settings.xml": f"{wml}.settings+xml",
        "/word/fontTable.xml": f"{wml}.fontTable+xml",
        "/word/footer1.xml": f"{wml}.footer+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    return (
        _HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides.items())
        + "</Types>"
    )


def _relationships(targets: dict[str, tuple[str, str]]) -> str:
    return (
        _HEAD + f'<Relationships xmlns="{_PKG_REL}">'
        + "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
                  for rid, (kind, target) in targets.items())
        + "</Relationships>"
    )


def _package_rels() -> str:
    return _relationships({
        "rId1": (f"{_R}/officeDocument", "word/document.xml"),
        "rId2": ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                 "docProps/core.xml"),
        "rId3": (f"{_R}/extended-properties", "docProps/app.xml"),
    })


def _document_rels() -> str:
    return _relationships({
        "rId1": (f"{_R}/styles", "styles.xml"),
        "rId2": (f"{_R}/settings", "settings.xml"),
        "rId3": (f"{_R}/fontTable", "fontTable.xml"),
        "rId4": (f"{_R}/footer", "footer1.xml"),
    })


def _document() -> str:
    return (
        _HEAD + f'<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body><w:p/>'
        '<w:sectPr><w:footerReference w:type="default" r:id="rId4"/>'
        f'<w:pgSz w:w="{A4_SHORT}" w:h="{A4_LONG}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_SIDE}" w:bottom="{MARGIN_BOTTOM}" '
        f'w:left="{MARGIN_SIDE}" w:header="851" w:footer="{FOOTER_DISTANCE}" w:gutter="0"/>'
        '<w:cols w:space="425"/><w:docGrid w:linePitch="360"/></w:sectPr></w:body></w:document>'
    )


def _ppr(style: StyleDef) -> str:
    """Paragraph properties in the order the schema requires (Word rejects any other)."""
    parts = ["<w:keepNext/>" if style.keep_next else ""]
    if style.based_on is None:
        parts.append('<w:widowControl/>')  # no page holds a single line of a paragraph, as in the PDF
        parts.append('<w:overflowPunct w:val="0"/>')  # 。、 never hang in the margin: Word, LibreOffice and the PDF agree
    parts.append(f'<w:spacing w:before="{style.before}" w:after="{style.after}" '
                 f'w:line="{style.line}" w:lineRule="atLeast"/>')
    parts.append(f'<w:jc w:val="{style.jc}"/>' if style.jc else "")
    return "".join(parts)


def _style(style: StyleDef) -> str:
    half_points = round(style.size * 2)
    based_on = f'<w:basedOn w:val="{style.based_on}"/>' if style.based_on else ""
    default = ' w:default="1"' if style.based_on is None else ""
    flags = "<w:qFormat/>" if style.based_on is None else ""
    return (
        f'<w:style w:type="paragraph"{default} w:styleId="{style.id}"><w:name w:val="{style.name}"/>'
        f'{based_on}{flags}<w:pPr>{_ppr(style)}</w:pPr>'
        f'<w:rPr><w:rFonts/><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr></w:style>'
    )


def _styles() -> bytes:
    xml = (
        f'<w:styles xmlns:w="{_W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts/>'
        '<w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="21"/>'
        '<w:lang w:val="en-US" w:eastAsia="ja-JP" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
        + "".join(_style(style) for style in STYLES)
        + '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        "</w:styles>"
    )
    styles = parse_xml(xml)
    ooxml.apply_font_set(styles, FONT_SETS["ms"])
    return _xml_bytes(styles)


def _settings() -> str:
    office = "http://schemas.microsoft.com/office/word"
    return (
        _HEAD + f'<w:settings xmlns:w="{_W}"><w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="840"/><w:characterSpacingControl w:val="compressPunctuation"/>'
        '<w:compat><w:doNotExpandShiftReturn/>'  # a line before a manual break is not spread to the margin
        f'<w:compatSetting w:name="compatibilityMode" w:uri="{office}" w:val="15"/>'
        f'<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="{office}" w:val="1"/>'
        f'<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="{office}" w:val="1"/>'
        f'<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="{office}" w:val="1"/>'
        '</w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="ja-JP"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


# name, Latin alias, panose, family, pitch: Word matches a face by these when the name differs.
_FONTS = (
    ("ＭＳ 明朝", "MS Mincho", "02020609040205080304", "modern", "fixed"),
    ("ＭＳ ゴシック", "MS Gothic", "020B0609070205080204", "modern", "fixed"),
    ("BIZ UD明朝 Medium", "BIZ UDMincho Medium", "02020500000000000000", "roman", "fixed"),
    ("BIZ UDゴシック", "BIZ UDGothic", "020B0400000000000000", "modern", "fixed"),
)


def _font_table() -> str:
    return (
        _HEAD + f'<w:fonts xmlns:w="{_W}">'
        + "".join(
            f'<w:font w:name="{name}"><w:altName w:val="{alias}"/><w:panose1 w:val="{panose}"/>'
            f'<w:charset w:val="80"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
            for name, alias, panose, family, pitch in _FONTS
        )
        + "</w:fonts>"
    )


def _footer() -> bytes:
    """The version stamp (right, filled in by the exporter), then 「1 / 3」 centred."""
    footer = parse_xml(f'<w:ftr xmlns:w="{_W}" xmlns:r="{_R}"/>')
    stamp = footer.add_p()
    stamp.style = FOOTER_STAMP.id
    ooxml.text_run(stamp, STAMP_SAMPLE)
    page = footer.add_p()
    page.style = FOOTER.id
    ooxml.field(page, "PAGE", "1")
    ooxml.text_run(page, " / ")
    ooxml.field(page, "NUMPAGES", "1")
    return _xml_bytes(footer)


def _core() -> str:
    return (
        _HEAD + '<cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title>運営方針・組織目標</dc:title><dc:creator>hoshin_desktop</dc:creator>"
        "<dc:language>ja-JP</dc:language><cp:revision>1</cp:revision></cp:coreProperties>"
    )


def _app() -> str:
    return (
        _HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>hoshin_desktop</Application></Properties>"
    )


def _xml_bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def template_parts() -> dict[str, bytes]:
    """Every part of the template package, in the order they are zipped."""
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _package_rels(),
        "docProps/core.xml": _core(),
        "docProps/app.xml": _app(),
        "word/document.xml": _document(),
        "word/_rels/document.xml.rels": _document_rels(),
        "word/styles.xml": _styles(),
        "word/settings.xml": _settings(),
        "word/fontTable.xml": _font_table(),
        "word/footer1.xml": _footer(),
    }
    return {name: data.encode("utf-8") if isinstance(data, str) else data for name, data in parts.items()}


def write_template(path: Path | None = None) -> Path:
    path = Path(path) if path else template_path()
    with atomic_target(path) as partial:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in template_parts().items():
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
    return path


if __name__ == "__main__":
    print(write_template(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
