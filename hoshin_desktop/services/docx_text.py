"""The text of a Word document as its reader sees it: paragraphs in order, with Word's list numbers.

A policy typed in Word often numbers its headings and items with Word's own numbering
(段落番号: 「1」「(1)」 drawn from numbering.xml, not typed), so the numbers are not in the
paragraphs' text; they are rebuilt here from the list definitions, for the paragraph's own
numbering or its style's. A text box (a stamp such as 「写」, a note in the margin) is a
paragraph of its own after the one that holds it, read once: Word stores each box twice
(the drawing and a fallback picture for old readers), and only the first is read. A table row whose
cells hold one line each is one line (a policy laid out in a table: 「1」 | 「施政方針…」).

Every XML part is parsed by the caller's safe parser; everything is walked without recursion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import overload

from ..export.nobreak import unheld

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_BOX = f"{_W}txbxContent"
_MAX_LEVELS = 9


# --- list numbers -------------------------------------------------------------------------------

def _roman(n: int) -> str:
    digits = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
              (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = []
    for value, letters in digits:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int, alphabet: str) -> str:
    """1 → a, 26 → z, 27 → aa (as Word counts)."""
    return alphabet[(n - 1) % len(alphabet)] * ((n - 1) // len(alphabet) + 1)


_AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
_KANJI = "〇一二三四五六七八九"


def _kanji(n: int) -> str:
    if n < 10:
        return _KANJI[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _kanji(tens)) + "十" + (_KANJI[ones] if ones else "") if n < 100 else str(n)


def _full_width(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def format_number(n: int, number_format: str) -> str:
    """Word's number formats (w:numFmt) a policy may use; an unknown one is written in digits."""
    n = max(n, 0)
    if number_format in ("decimalFullWidth", "decimalFullWidth2"):
        return _full_width(str(n))
    if number_format == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if number_format == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if number_format in ("decimalZero",):
        return f"{n:02d}"
    if number_format in ("lowerLetter", "upperLetter"):
        text = _letters(n, "abcdefghijklmnopqrstuvwxyz")
        return text.upper() if number_format == "upperLetter" else text
    if number_format in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if number_format == "upperRoman" else _roman(n)
    if number_format in ("aiueoFullWidth", "aiueo") and n >= 1:
        return _letters(n, _AIUEO)
    if number_format in ("irohaFullWidth", "iroha") and n >= 1:
        return _letters(n, _IROHA)
    if number_format in ("japaneseCounting", "japaneseDigitalTenThousand", "ideographDigital"):
        return _kanji(n)
    return str(n)


@dataclass
class _Level:
    start: int = 1
    number_format: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"


@dataclass
class Numbering:
    """The list definitions of a document and the counters of each list as the paragraphs go by."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId → levels
    lists: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    restarts: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → level → start override
    style_lists: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, level)
    counters: dict[str, list[int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def label(self, num_id: str, level: int) -> str:
        """The next number of list ``num_id`` at ``level`` written as Word shows it, with its space; "" if none."""
        abstract = self.lists.get(num_id)
        levels = self.levels.get(abstract or "", {})
        if abstract is None or level not in levels:
            return ""
        counters = self.counters.setdefault(abstract, [0] * _MAX_LEVELS)
        if num_id not in self.started:  # a list that restarts its numbering (w:startOverride)
            self.started.add(num_id)
            for overridden, start in self.restarts.get(num_id, {}).items():
                counters[overridden] = start - 1
        counters[level] = counters[level] + 1 if counters[level] else levels[level].start
        for deeper in range(level + 1, _MAX_LEVELS):
            counters[deeper] = 0
        definition = levels[level]
        if definition.number_format == "none":
            return ""
        if definition.number_format == "bullet":
            return "・"
        text = definition.text
        for shown in range(_MAX_LEVELS):
            if f"%{shown + 1}" in text:
                value = counters[shown] or (levels[shown].start if shown in levels else 1)
                fmt = levels[shown].number_format if shown in levels else "decimal"
                text = text.replace(f"%{shown + 1}", format_number(value, fmt))
        return text + {"nothing": ""}.get(definition.suffix, "\u3000")


@overload
def _value(element, tag: str, default: str) -> str: ...


@overload
def _value(element, tag: str, default: None = None) -> str | None: ...


def _value(element, tag: str, default: str | None = None) -> str | None:
    child = element.find(f"{_W}{tag}") if element is not None else None
    return child.get(f"{_W}val", default) if child is not None else default


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def read_numbering(numbering_root, styles_root) -> Numbering:
    """The lists of numbering.xml and the lists the paragraph styles of styles.xml carry (either may be None)."""
    numbering = Numbering()
    if numbering_root is not None:
        for abstract in numbering_root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in abstract.iter(f"{_W}lvl"):
                level = _int(lvl.get(f"{_W}ilvl"), -1)
                if 0 <= level < _MAX_LEVELS:
                    levels[level] = _Level(_int(_value(lvl, "start"), 1), _value(lvl, "numFmt", "decimal"),
                                           _value(lvl, "lvlText", ""), _value(lvl, "suff", "tab"))
            numbering.levels[abstract.get(f"{_W}abstractNumId", "")] = levels
        for num in numbering_root.iter(f"{_W}num"):
            num_id = num.get(f"{_W}numId", "")
            numbering.lists[num_id] = _value(num, "abstractNumId", "")
            for override in num.iter(f"{_W}lvlOverride"):
                start = _value(override, "startOverride")
                if start is not None:
                    numbering.restarts.setdefault(num_id, {})[_int(override.get(f"{_W}ilvl"), 0)] = _int(start, 1)
    if styles_root is not None:
        numbering.style_lists = _style_lists(styles_root)
    return numbering


def _style_lists(styles_root) -> dict[str, tuple[str, int]]:
    """Paragraph style → its list (numId, level), following w:basedOn for styles that inherit one."""
    own: dict[str, tuple[str | None, int]] = {}
    based_on: dict[str, str] = {}
    for style in styles_root.iter(f"{_W}style"):
        style_id = style.get(f"{_W}styleId", "")
        parent = _value(style, "basedOn")
        if parent:
            based_on[style_id] = parent
        num_pr = style.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            own[style_id] = (_value(num_pr, "numId"), _int(_value(num_pr, "ilvl"), 0))
    lists: dict[str, tuple[str, int]] = {}
    for style_id in set(own) | set(based_on):
        current: str | None = style_id
        seen = set()
        while current is not None and current not in own and current not in seen:
            seen.add(current)
            current = based_on.get(current)
        if current is not None and current in own:
            num_id, level = own[current]
            if num_id is not None and num_id != "0":
                lists[style_id] = (num_id, level)
    return lists


def _paragraph_list(paragraph, numbering: Numbering) -> tuple[str, int] | None:
    properties = paragraph.find(f"{_W}pPr")
    num_pr = properties.find(f"{_W}numPr") if properties is not None else None
    style = _value(properties, "pStyle")
    from_style = numbering.style_lists.get(style or "")
    if num_pr is not None:
        num_id = _value(num_pr, "numId") or (from_style[0] if from_style else None)
        level = _int(_value(num_pr, "ilvl"), from_style[1] if from_style else 0)
        return None if num_id in (None, "0") else (num_id, level)
    return from_style


# --- paragraphs in order --------------------------------------------------------------------------

def paragraphs(body, numbering: Numbering) -> list[str]:
    """Every paragraph of ``body`` in reading order, each with its list number; a text box's
    paragraphs after the paragraph that holds the box."""
    out: list[str] = []
    pending = [iter([body])]
    while pending:
        node = next(pending[-1], None)
        if node is None:
            pending.pop()
            continue
        if node.tag == _FALLBACK:
            continue
        if node.tag == f"{_W}p":
            text, boxes = _paragraph_text(node)
            out.append(_numbered(node, text, numbering))
            if boxes:
                pending.append(iter(boxes))
            continue
        row = _row_line(node, numbering) if node.tag == f"{_W}tr" else None
        if row is not None:
            out.append(row)
            continue
        pending.append(iter(node))
    return out


def _numbered(paragraph, text: str, numbering: Numbering) -> str:
    return list_label(paragraph, numbering) + text


def list_label(paragraph, numbering: Numbering) -> str:
    """The number Word shows in front of ``paragraph`` (「(1)\u3000」, 「・」), counting it; "" for none."""
    found = _paragraph_list(paragraph, numbering)
    return numbering.label(*found) if found else ""


def _row_line(row, numbering: Numbering) -> str | None:
    """A table row whose cells hold one line each, as one line: a policy laid out in a table
    (「1」 | 「施政方針を踏まえた対応」, 「(1)」 | 「…」) reads as it was typed. None for any other row."""
    cells = []
    for cell in row.findall(f"{_W}tc"):
        if cell.find(f"{_W}tbl") is not None:
            return None
        lines = [(p, *_paragraph_text(p)) for p in cell.findall(f"{_W}p")]
        lines = [line for line in lines if line[1].strip() or line[2]]
        if len(lines) > 1 or any(boxes for _p, _text, boxes in lines):
            return None
        cells.extend(lines)
    return "\u3000".join(_numbered(p, text, numbering) for p, text, _boxes in cells)


def _paragraph_text(paragraph) -> tuple[str, list]:
    """The paragraph's own text in document order, and its text boxes (read as paragraphs of their
    own). Walked without recursion (runs may nest deeply), each node once (ruby-heavy text stays linear)."""
    parts: list[str] = []
    boxes: list = []
    stack = [iter(paragraph)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == f"{_W}ruby":
            base, reading = _ruby_part(child, "rubyBase"), _ruby_part(child, "rt")
            parts.append(f"｜{base}《{reading}》" if reading else base)
        elif tag == f"{_W}t":
            parts.append(run_text(child))
        elif tag == f"{_W}tab":
            parts.append("\u3000")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == _BOX:
            boxes.append(child)
        elif tag not in (f"{_W}pPr", _FALLBACK):
            stack.append(iter(child))
    return "".join(parts), boxes


def _ruby_part(ruby, part: str) -> str:
    container = ruby.find(f"{_W}{part}")
    return "" if container is None else "".join(run_text(t) for t in container.iter(f"{_W}t"))


def run_text(t) -> str:
    """The text of a w:t without the invisible characters the app's own Word files put in and before
    「4月」 or 「政策部」 to keep them on one line (export.nobreak): they are not text."""
    return unheld(t.text or "")
