"""The font files the PDF and the printout draw with, found per platform, and their metrics.

Word finds ＭＳ 明朝 by name; a PDF must embed the font itself, so here the name becomes a
file: on Windows the faces the drafter chose (ＭＳ 明朝／ＭＳ ゴシック or BIZ UD), elsewhere the
Japanese faces the system has (IPAex, then Noto CJK). Metrics come
from the file (fontTools, which fpdf2 uses too), so that the layout measures the very glyphs
that are drawn.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cache
from itertools import repeat
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
        from fontTools.ttLib import TTFont

        tt = tt or TTFont(str(font.path), fontNumber=font.index, lazy=True)
        upem = tt["head"].unitsPerEm
        hhea = tt["hhea"]
        self.ascent = hhea.ascent / upem
        self.height = (hhea.ascent - hhea.descent + hhea.lineGap) / upem
        cmap = tt.getBestCmap()
        metrics = tt["hmtx"].metrics
        self._widths = {chr(code): metrics[glyph][0] / upem for code, glyph in cmap.items() if glyph in metrics}
        self._fallback = self._widths.get("　", 1.0)

    def width(self, text: str) -> float:
        return sum(map(self._widths.get, text, repeat(self._fallback)))  # a booklet measures 100,000 texts


def share_tables(font: FontFile, tt) -> None:
    """Take ``font``'s metrics from a fontTools font already read (the PDF writer's), unless known."""
    if font not in _FontData._cache:
        _FontData._cache[font] = _FontData(font, tt)


def family_name(font: FontFile) -> str:
    """The family name the system knows the face by (e.g. 「Noto Serif CJK JP」, 「ＭＳ 明朝」)."""
    from fontTools.ttLib import TTFont

    names = TTFont(str(font.path), fontNumber=font.index, lazy=True)["name"]
    return names.getBestFamilyName() or font.path.stem
