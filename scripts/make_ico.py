"""Write ``resources/icons/branchdesk.ico`` (the exe's icon) from ``branchdesk.svg``.

Qt (already a dependency) renders the SVG at each icon size; a small pure-Python writer packs
the images into a Windows .ico, so no Pillow is needed. Sizes below 256 are stored as 32-bit
BMP (DIB) images, which every Windows tool reads; 256 as PNG, as Windows itself does.

Run from anywhere: ``.venv/bin/python scripts/make_ico.py``. The .ico is committed, so a
build never depends on this script; run it again only when the SVG changes.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "branchdesk.svg"
ICO = ROOT / "resources" / "icons" / "branchdesk.ico"
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
PNG_FROM = 256  # sizes from this one up are stored as PNG


def render(svg: Path, size: int) -> QImage:
    """The SVG drawn on a transparent ``size`` × ``size`` ARGB image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    """``image`` encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, Qt a str
    buffer.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """``image`` as an icon DIB: BITMAPINFOHEADER, bottom-up BGRA rows, an all-zero AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in reversed(range(size)):
        # Format_ARGB32 is 0xAARRGGBB per pixel, i.e. B, G, R, A bytes in little-endian memory
        rows.append(b"".join(struct.pack("<I", image.pixel(x, y)) for x in range(size)))
    mask_row = b"\0" * (((size + 31) // 32) * 4)
    return header + b"".join(rows) + mask_row * size


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An .ico file holding ``images`` (size → encoded image), smallest first."""
    count = len(images)
    out = [struct.pack("<HHH", 0, 1, count)]
    offset = 6 + 16 * count
    for size, data in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory entry
        out.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset))
        offset += len(data)
    out.extend(data for _, data in sorted(images.items()))
    return b"".join(out)


def main() -> int:
    """Render every size and write the .ico; print what was written."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = {}
    for size in SIZES:
        image = render(SVG, size)
        images[size] = png_bytes(image) if size >= PNG_FROM else dib_bytes(image)
    ICO.write_bytes(ico_bytes(images))
    print(f"{ICO.relative_to(ROOT)}: {len(SIZES)} sizes, {ICO.stat().st_size} bytes")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
