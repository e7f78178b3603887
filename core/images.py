"""One way to open a picture someone uploaded: only real images, of a size we can afford to decode.

A 160 KB PNG can declare 13,000 x 13,000 pixels and cost a gigabyte to decode; Pillow's own bomb limit
(about 179 million pixels) is far above what a phone photo needs. The size is read from the header, before
any pixel is decoded."""
from __future__ import annotations

import io
from contextlib import contextmanager

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # a 48-megapixel phone photo is 8000 x 6000; 40 M pixels is about 160 MB decoded
FORMATS = ("JPEG", "PNG", "WEBP")


class NotAPicture(ValueError):
    """The bytes are not a picture we accept (or it is too large to open)."""


@contextmanager
def opened_picture(content: bytes):
    """Yield the decoded picture, upright; raise NotAPicture for anything else."""
    try:
        with Image.open(io.BytesIO(content), formats=FORMATS) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise NotAPicture("too many pixels")
            probe.verify()
        with Image.open(io.BytesIO(content), formats=FORMATS) as picture:
            picture.load()
            yield ImageOps.exif_transpose(picture)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        if isinstance(error, NotAPicture):
            raise
        raise NotAPicture(str(error)) from error


def as_jpeg(content: bytes, *, max_side: int | None = None, quality: int = 82) -> bytes:
    """Re-encode as JPEG without metadata (no location leaks, no hidden payload), optionally made smaller."""
    with opened_picture(content) as picture:
        picture = picture.convert("RGB")
        if max_side:
            picture.thumbnail((max_side, max_side))
        buffer = io.BytesIO()
        picture.save(buffer, format="JPEG", quality=quality, optimize=True)
        return buffer.getvalue()
