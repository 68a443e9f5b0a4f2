"""Render resources/icons/hoshin.svg into the Windows icon (.ico) and a PNG for the window.

Run after changing the SVG: `python packaging/make_icon.py`. The .ico holds PNG-compressed
images at the sizes Windows asks for (16–256 px), the layout Windows Vista and later read.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico(images: dict[int, bytes]) -> bytes:
    """ICONDIR, one ICONDIRENTRY per image (0 in a size byte means 256), then the PNG data."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images.items():
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (Qt needs it to paint)
    renderer = QSvgRenderer(str(ICONS / "hoshin.svg"))
    if not renderer.isValid():
        print("hoshin.svg を読めません", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in SIZES}
    (ICONS / "hoshin.ico").write_bytes(ico(images))
    (ICONS / "hoshin.png").write_bytes(images[256])
    print(f"{ICONS / 'hoshin.ico'} と hoshin.png を作りました")
    return 0


if __name__ == "__main__":
    sys.exit(main())
