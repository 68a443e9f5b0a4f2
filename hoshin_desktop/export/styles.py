"""The page and paragraph styles of the city's paper, shared by the Word template and the printout.

Every style the exporter uses is listed here; ``template.py`` writes them into
resources/plan_template.docx (a test checks the template holds each one) and
``export.pages`` (PDF, print) draws the same sizes, faces and spacing. Style names are Japanese (what
the drafter sees in Word's style gallery); ids stay ASCII. No python-docx here, so the
printout does not load it.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import content as c

MINCHO, GOTHIC = "mincho", "gothic"

# A4 in twips (1/20 pt), and the city's margins: about 25 mm at the sides.
A4_SHORT, A4_LONG = 11906, 16838
MARGIN_SIDE = 1417  # 25 mm
MARGIN_TOP = 1417
MARGIN_BOTTOM = 1304  # 23 mm, the footer sits below the text
FOOTER_DISTANCE = 567  # 10 mm from the bottom edge
PORTRAIT_WIDTH = A4_SHORT - 2 * MARGIN_SIDE  # 9072 twips: 43 characters of 10.5 pt
LANDSCAPE_WIDTH = A4_LONG - 2 * MARGIN_SIDE
BODY_PT = 10.5
TABLE_PT = 9.0


@dataclass(frozen=True)
class StyleDef:
    id: str
    name: str
    face: str  # MINCHO or GOTHIC
    size: float  # points
    jc: str | None = None  # alignment: left, center, right, both
    keep_next: bool = False  # a label or heading stays with what follows
    before: int = 0  # space before and after, twips
    after: int = 0
    line: int = 360  # minimum line height in twips: grows for ruby and large text
    based_on: str | None = "Normal"


NORMAL = StyleDef("Normal", "Normal", MINCHO, BODY_PT, jc="both", based_on=None)
DATE = StyleDef("PlanDate", "日付", MINCHO, BODY_PT, jc="right")
TITLE = StyleDef("PlanTitle", "表題", GOTHIC, 14, jc="center", keep_next=True, before=360, after=360, line=440)
SIGNER = StyleDef("PlanSigner", "署名", MINCHO, BODY_PT, jc="right")
BODY = StyleDef("PlanBody", "本文", MINCHO, BODY_PT, before=240)
KI = StyleDef("PlanKi", "記", MINCHO, BODY_PT, jc="center", keep_next=True, before=240, after=240)
CLOSING = StyleDef("PlanClosing", "以上", MINCHO, BODY_PT, jc="right", before=240)
POLICY_LABEL = StyleDef("PolicyLabel", "基本方針ラベル", GOTHIC, BODY_PT)
SECTION_HEADING = StyleDef("PolicyHeading", "基本方針見出し", GOTHIC, BODY_PT)
BOX_TEXT = StyleDef("BoxText", "枠内本文", MINCHO, BODY_PT)
ANSWER_LABEL = StyleDef("AnswerLabel", "部の方針ラベル", GOTHIC, BODY_PT, before=180)
BOX_GAP = StyleDef("BoxGap", "枠の間隔", MINCHO, 5, line=160)
GOALS_HEADING = StyleDef("GoalsHeading", "目標見出し", GOTHIC, 12, keep_next=True, after=120, line=400)
COLUMN_HEADER = StyleDef("ColumnHeader", "列見出し", GOTHIC, BODY_PT, jc="center")
TABLE_HEADER = StyleDef("TableHeader", "表見出し", GOTHIC, 8.5, jc="center", line=240)
TABLE_TEXT = StyleDef("TableText", "表本文", MINCHO, TABLE_PT, jc="left", line=260)
TABLE_CENTRED = StyleDef("TableCentred", "表本文（中央）", MINCHO, TABLE_PT, jc="center", line=260)
TABLE_TITLE = StyleDef("TableTitle", "表目標", GOTHIC, TABLE_PT, jc="left", line=260)
TABLE_LABEL = StyleDef("TableLabel", "表ラベル", GOTHIC, 8, jc="left", before=60, line=240)
FOOTER = StyleDef("Footer", "footer", MINCHO, 9, jc="center", line=240)
FOOTER_STAMP = StyleDef("FooterStamp", "版数", MINCHO, 8, jc="right", line=200)

STYLES = (NORMAL, DATE, TITLE, SIGNER, BODY, KI, CLOSING, POLICY_LABEL, SECTION_HEADING, BOX_TEXT,
          ANSWER_LABEL, BOX_GAP, GOALS_HEADING, COLUMN_HEADER, TABLE_HEADER, TABLE_TEXT, TABLE_CENTRED, TABLE_TITLE,
          TABLE_LABEL, FOOTER, FOOTER_STAMP)
FACES = {style.id: style.face for style in STYLES}

# Which style a paragraph of the content takes, by its role: in the policy boxes, in table cells.
BOX_ROLE_STYLES = {c.ROLE_TEXT: BOX_TEXT, c.ROLE_POLICY_LABEL: POLICY_LABEL,
                   c.ROLE_ANSWER_LABEL: ANSWER_LABEL, c.ROLE_SECTION_HEADING: SECTION_HEADING}
CELL_ROLE_STYLES = {c.ROLE_CELL: TABLE_TEXT, c.ROLE_CELL_TITLE: TABLE_TITLE, c.ROLE_CELL_LABEL: TABLE_LABEL}

HEADER_SHADE = "D9D9D9"  # light grey: still reads as a header when printed in black and white
HEADING_SHADE = "F2F2F2"
