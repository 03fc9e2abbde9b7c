"""Render resources/icons/xaapp.svg to the PNG sizes of a Linux icon theme and to xaapp.ico (Windows).

    .venv/bin/python tools/render_icons.py          # rewrite the PNGs and the .ico after editing the SVG
    .venv/bin/python tools/render_icons.py --check  # exit 1 when a committed file differs from a fresh render

The outputs are committed (small) so that a build needs no SVG renderer; Qt's own QSvgRenderer draws them.
The .ico holds 16-48 px as 32-bit bitmaps (what every Windows shell and Inno Setup read) and 256 px as PNG.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "xaapp.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 256)


def png_path(size: int) -> Path:
    return ICONS / f"xaapp-{size}.png"


def render(size: int):  # -> QImage
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image) -> bytes:
    """An icon-directory bitmap: BITMAPINFOHEADER, BGRA rows bottom-up, then the 1-bit AND mask."""
    from PySide6.QtGui import QImage

    size = image.width()
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)  # little-endian memory order: B, G, R, A
    stride = argb.bytesPerLine()
    raw = bytes(argb.constBits())
    rows = [raw[y * stride : y * stride + size * 4] for y in range(size)]
    mask_stride = ((size + 31) // 32) * 4
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, size * size * 4, 0, 0, 0, 0)
    return header + b"".join(reversed(rows)) + bytes(mask_stride * size)  # alpha decides; mask all opaque


def ico_bytes(images: dict[int, object]) -> bytes:
    entries, blobs = [], []
    offset = 6 + 16 * len(ICO_SIZES)
    for size in ICO_SIZES:
        blob = png_bytes(images[size]) if size >= 256 else dib_bytes(images[size])
        dim = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return struct.pack("<HHH", 0, 1, len(ICO_SIZES)) + b"".join(entries) + b"".join(blobs)


def outputs() -> dict[Path, bytes]:
    images = {size: render(size) for size in sorted(set(PNG_SIZES) | set(ICO_SIZES))}
    files = {png_path(size): png_bytes(images[size]) for size in PNG_SIZES}
    files[ICONS / "xaapp.ico"] = ico_bytes(images)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed files, write nothing"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage painting needs one
    stale = []
    for path, data in outputs().items():
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(path)
        else:
            path.write_bytes(data)
            print(f"{path.relative_to(ROOT)}  {len(data)} bytes")
    for path in stale:
        print(
            f"{path.relative_to(ROOT)} differs from a render of xaapp.svg: run tools/render_icons.py",
            file=sys.stderr,
        )
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
