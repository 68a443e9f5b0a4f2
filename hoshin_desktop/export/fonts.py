"""The font files the PDF and the printout draw with, found per platform, and their metrics.

Word finds ＭＳ 明朝 by name; a PDF must embed the font itself, so here the name becomes a
file: on Windows the faces the drafter chose (ＭＳ 明朝／ＭＳ ゴシック or BIZ UD), elsewhere the
Japanese faces the system has (IPAex, then Noto CJK). Metrics come
from the file (fontTools, which fpdf2 uses too), so that the layout measures the very glyphs
that are drawn.
"""

from __future__ import annotations

import os
import struct
import sys
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .options import FontSet
from .styles import GOTHIC, MINCHO


@dataclass(frozen=True)
class FontFile:
    """One face: a file and, for a collection (.ttc), the number of the face in it."""

    path: Path
    index: int = 0

    @property
    def name(self) -> str:
        return f"{self.path.stem}-{self.index}"


@dataclass(frozen=True)
class Faces:
    mincho: FontFile
    gothic: FontFile

    def of(self, face: str) -> FontFile:
        return self.gothic if face == GOTHIC else self.mincho


class FontMissing(RuntimeError):
    def __init__(self, wanted: str):
        super().__init__(f"PDF に使う日本語フォント（{wanted}）が見つかりません。"
                         "明朝体とゴシック体の日本語フォントを入れてから、もう一度書き出してください。")


# (file name, face number) in order of preference. Windows' faces first: on Windows they are
# what the drafter chose; elsewhere they are missing and the free faces stand in.
_WINDOWS = {
    "ＭＳ 明朝": [("msmincho.ttc", 0)],
    "ＭＳ ゴシック": [("msgothic.ttc", 0)],
    "BIZ UD明朝 Medium": [("BIZ-UDMinchoM.ttc", 0)],
    "BIZ UDゴシック": [("BIZ-UDGothicR.ttc", 0)],
}
# IPA's faces first: TrueType outlines, which fontTools subsets about four times faster than Noto CJK's
# CFF outlines (the PDF of a 30-goal plan: 0.96 s against 3.9 s in one measurement; ``python -m
# tests.benchmarks export-pdf`` prints both). Windows' ＭＳ and BIZ UD faces are TrueType as well.
_FREE = {
    MINCHO: [("ipaexm.ttf", 0), ("ipam.ttf", 0), ("NotoSerifCJK-Regular.ttc", 0), ("NotoSerifCJKjp-Regular.otf", 0)],
    GOTHIC: [("ipaexg.ttf", 0), ("ipag.ttf", 0), ("NotoSansCJK-Regular.ttc", 0), ("NotoSansCJKjp-Regular.otf", 0)],
}


def font_folders() -> list[Path]:
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
        return [windir / "Fonts", local]
    home = Path.home()
    if sys.platform == "darwin":
        return [home / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    return [home / ".local" / "share" / "fonts", home / ".fonts", Path("/usr/local/share/fonts"),
            Path("/usr/share/fonts")]


@cache
def _files_by_name(folders: tuple[Path, ...]) -> dict[str, Path]:
    """Every font file under ``folders`` by its lower-case file name (the first found wins)."""
    found: dict[str, Path] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for root, _, names in os.walk(folder):
            for name in names:
                if name.lower().endswith((".ttf", ".ttc", ".otf")):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


def _first(candidates, files: dict[str, Path]) -> FontFile | None:
    for name, index in candidates:
        if name.lower() in files:
            return FontFile(files[name.lower()], index)
    return None


def find_faces(fonts: FontSet, folders: list[Path] | None = None) -> Faces:
    """The files for ``fonts`` (the drafter's choice), or the system's Japanese faces instead."""
    files = _files_by_name(tuple(folders or font_folders()))
    chosen = {}
    for face, name in ((MINCHO, fonts.mincho), (GOTHIC, fonts.gothic)):
        found = _first(_WINDOWS.get(name, []), files) or _first(_FREE[face], files)
        if found is None:
            raise FontMissing(name)
        chosen[face] = found
    return Faces(chosen[MINCHO], chosen[GOTHIC])


class Metrics:
    """Advance widths and line heights of the faces, in points."""

    def __init__(self, faces: Faces):
        self.faces = faces
        self._fonts = {face: _FontData.of(faces.of(face)) for face in (MINCHO, GOTHIC)}

    def advance(self, text: str, face: str, size: float) -> float:
        return self._fonts[face].width(text) * size

    def line_height(self, face: str, size: float) -> float:
        """The height a line of this face takes without extra spacing (ascent + descent)."""
        return self._fonts[face].height * size

    def ascent(self, face: str, size: float) -> float:
        return self._fonts[face].ascent * size


class _FontData:
    """Widths in em of one face, read once per file."""

    _cache: dict[FontFile, _FontData] = {}

    @classmethod
    def of(cls, font: FontFile) -> _FontData:
        if font not in cls._cache:
            cls._cache[font] = cls(font)
        return cls._cache[font]

    def __init__(self, font: FontFile, tt=None):
        """``tt``: the face as fontTools has read it already (the PDF's); else the file is read here."""
        tables = _read_tables(font) if tt is None else _tables_of(tt)
        found = _metrics(tables) if tables is not None else None
        if found is None:  # fontTools' own reading
            from fontTools.ttLib import TTFont

            found = _fonttools_metrics(tt or TTFont(str(font.path), fontNumber=font.index, lazy=True))
        upem, ascent, descent, line_gap, em_of = found
        self.ascent = ascent / upem
        self.height = (ascent - descent + line_gap) / upem
        self._widths = _Widths(em_of)

    def width(self, text: str) -> float:
        return sum(map(self._widths.__getitem__, text))  # a booklet measures 100,000 texts


class _Widths(dict):
    """Advance widths in em by character, each looked up in the face's map when first measured (a
    booklet measures about 1,500 of the face's 12,000 characters); a character the face lacks counts
    as wide as the ideographic space, or 1 em."""

    def __init__(self, em_of: Callable[[int], float | None]):
        super().__init__()
        self._em_of = em_of
        space = em_of(ord("　"))
        self.fallback = 1.0 if space is None else space

    def __missing__(self, character: str) -> float:
        em = self._em_of(ord(character))
        width = self[character] = self.fallback if em is None else em
        return width


# The face's numbers: units per em, ascent, descent, line gap, and each code point's advance in em.
_Metrics = tuple[int, int, int, int, Callable[[int], float | None]]


def _fonttools_metrics(tt) -> _Metrics:
    """As fontTools reads them: the character map by glyph names."""
    upem, hhea = tt["head"].unitsPerEm, tt["hhea"]
    metrics = tt["hmtx"].metrics
    widths = {code: metrics[glyph][0] / upem for code, glyph in tt.getBestCmap().items() if glyph in metrics}
    return upem, hhea.ascent, hhea.descent, hhea.lineGap, widths.get


# --- the numbers straight from the tables -------------------------------------------------------------
# fontTools reads a character map by glyph names, which for a CJK face of 12,000 glyphs means reading
# every glyph's name first (0.05 s a face), and importing fontTools takes 0.05-0.07 s. The layout needs
# only each character's advance width and the line's height: read here from the file's tables by glyph
# number, as fontTools would map them (getBestCmap's order of subtables, its rules for formats 4 and 12).
# Anything else, or anything odd, is left to fontTools.

_PREFERRED_SUBTABLES = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))  # getBestCmap's
_TABLES = (b"head", b"hhea", b"maxp", b"hmtx", b"cmap")


def _read_tables(font: FontFile) -> dict[bytes, bytes] | None:
    """The tables the layout reads, from the file (a collection's face by its number); None when the file
    is not laid out as expected."""
    try:
        with open(font.path, "rb") as file:
            start = 0
            if file.read(4) == b"ttcf":  # a collection: where each face's directory starts
                file.seek(8)
                count = struct.unpack(">L", file.read(4))[0]
                if not 0 <= font.index < count:
                    return None
                file.seek(12 + 4 * font.index)
                start = struct.unpack(">L", file.read(4))[0]
            elif font.index:
                return None
            file.seek(start + 4)
            count = struct.unpack(">H", file.read(2))[0]
            file.seek(start + 12)
            directory = file.read(16 * count)
            places = {}
            for i in range(count):
                tag, _checksum, offset, length = struct.unpack(">4sLLL", directory[16 * i:16 * i + 16])
                places[tag] = (offset, length)
            tables = {}
            for tag in _TABLES:
                offset, length = places[tag]
                file.seek(offset)
                tables[tag] = file.read(length)
            return tables
    except (OSError, KeyError, struct.error):
        return None


def _tables_of(tt) -> dict[bytes, bytes] | None:
    """The same tables of a face fontTools has opened (None when it has no file behind it)."""
    try:
        return {tag: bytes(tt.reader[tag.decode()]) for tag in _TABLES}
    except (AttributeError, KeyError, TypeError):
        return None


def _metrics(tables: dict[bytes, bytes]) -> _Metrics | None:
    try:
        upem = struct.unpack(">H", tables[b"head"][18:20])[0]
        ascent, descent, line_gap = struct.unpack(">hhh", tables[b"hhea"][4:10])
        long_metrics = struct.unpack(">H", tables[b"hhea"][34:36])[0]
        glyphs = struct.unpack(">H", tables[b"maxp"][4:6])[0]
        advances = _advances(tables[b"hmtx"], long_metrics, glyphs)
        mapped = _best_map(tables[b"cmap"])
    except (ValueError, IndexError, struct.error):
        return None
    if advances is None or mapped is None or not upem:
        return None
    codes = {code: glyph for code, glyph in mapped.items() if glyph < glyphs}

    def em_of(code: int) -> float | None:
        glyph = codes.get(code)
        return None if glyph is None else advances[glyph] / upem

    return upem, ascent, descent, line_gap, em_of


def _advances(hmtx: bytes, long_metrics: int, glyphs: int) -> list[int] | None:
    """Each glyph's advance: the long metrics', then the last one's for the glyphs after them."""
    if not 0 < long_metrics <= glyphs or len(hmtx) < 4 * long_metrics + 2 * (glyphs - long_metrics):
        return None
    pairs = array("H", hmtx[:4 * long_metrics])
    if sys.byteorder != "big":
        pairs.byteswap()
    advances = pairs[::2].tolist()
    return advances + [advances[-1]] * (glyphs - long_metrics)


def _best_map(cmap: bytes) -> dict[int, int] | None:
    """Character → glyph number from the subtable getBestCmap would choose (formats 4 and 12)."""
    _version, count = struct.unpack(">HH", cmap[:4])
    records = [struct.unpack(">HHL", cmap[4 + 8 * i:12 + 8 * i]) for i in range(count)]
    for wanted in _PREFERRED_SUBTABLES:
        for platform, encoding, offset in records:
            if (platform, encoding) != wanted:
                continue
            kind = struct.unpack(">H", cmap[offset:offset + 2])[0]
            if kind == 4:
                return _format_4(cmap[offset:offset + struct.unpack(">H", cmap[offset + 2:offset + 4])[0]])
            if kind == 12:
                return _format_12(cmap[offset:offset + struct.unpack(">L", cmap[offset + 4:offset + 8])[0]])
            return None  # another format, or a zero length fontTools would pass over
    return None


def _format_4(table: bytes) -> dict[int, int] | None:
    """Segments of character codes; the last one (0xFFFF) maps nothing. A later segment overrides an
    earlier one, a missing glyph (0) maps nothing."""
    if len(table) < 14 or table[:2] != b"\x00\x04":
        return None
    segments = struct.unpack(">H", table[6:8])[0] // 2
    values = array("H", table[14:])
    if sys.byteorder != "big":
        values.byteswap()
    ends, starts = values[:segments], values[segments + 1:2 * segments + 1]
    deltas, range_offsets = values[2 * segments + 1:3 * segments + 1], values[3 * segments + 1:4 * segments + 1]
    glyph_array = values[4 * segments + 1:]
    codes: dict[int, int] = {}
    for i in range(segments - 1):
        start, delta, offset = starts[i], deltas[i], range_offsets[i]
        for code in range(start, ends[i] + 1):
            if offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                index = offset // 2 - start + i - segments + code
                if not 0 <= index < len(glyph_array):
                    return None  # fontTools refuses the font
                glyph = (glyph_array[index] + delta) & 0xFFFF if glyph_array[index] else 0
            if glyph:
                codes[code] = glyph
    return codes


def _format_12(table: bytes) -> dict[int, int] | None:
    """Groups of consecutive codes and glyphs; only well-formed groups (in order, not overlapping, within
    Unicode, not from glyph 0) are read here."""
    if len(table) < 16:
        return None
    groups = struct.unpack(">L", table[12:16])[0]
    if len(table) != 16 + 12 * groups:
        return None
    values = array("L" if array("L").itemsize == 4 else "I", table[16:])
    if sys.byteorder != "big":
        values.byteswap()
    codes: dict[int, int] = {}
    last = 0
    for start, end, glyph in zip(values[::3], values[1::3], values[2::3]):
        if start > end or start < last or end > 0x10FFFF or glyph == 0:
            return None
        last = end
        if start == end:  # most groups of a CJK face
            codes[start] = glyph
        else:
            codes.update(zip(range(start, end + 1), range(glyph, glyph + end - start + 1)))
    return codes


def share_tables(font: FontFile, tt) -> None:
    """Take ``font``'s metrics from a fontTools font already read (the PDF writer's), unless known."""
    if font not in _FontData._cache:
        _FontData._cache[font] = _FontData(font, tt)


def family_name(font: FontFile) -> str:
    """The family name the system knows the face by (e.g. 「Noto Serif CJK JP」, 「ＭＳ 明朝」)."""
    from fontTools.ttLib import TTFont

    names = TTFont(str(font.path), fontNumber=font.index, lazy=True)["name"]
    return names.getBestFamilyName() or font.path.stem
