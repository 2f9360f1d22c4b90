"""Photos for reports: every piece of metadata removed before sealing.

Only pixels survive. The picture is decoded, turned upright by its EXIF orientation, flattened to
RGB, scaled so its longest side is at most 2048 px, copied pixel by pixel into a fresh image (no
``info``: no EXIF, GPS, maker notes, XMP, ICC profile, comments) and encoded as a new JPEG.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from bot.reports.errors import NotAnImage, PhotoTooLarge

__all__ = ["MAX_BYTES", "MAX_PIXELS", "MAX_SIDE", "NotAnImage", "PhotoTooLarge", "clean_photo"]

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 50_000_000  # below Pillow's decompression-bomb threshold (~89 Mpx)
MAX_SIDE = 2048
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF")  # MPO opens as JPEG
QUALITY = 85


def clean_photo(data: bytes) -> bytes:
    """A metadata-free JPEG of ``data``; ``PhotoTooLarge`` / ``NotAnImage`` otherwise."""
    if len(data) > MAX_BYTES:
        raise PhotoTooLarge(f"a photo may be at most {MAX_BYTES // (1024 * 1024)} MB")
    with _decoded(data) as image:
        try:
            flat = _flatten(ImageOps.exif_transpose(image))
        except (OSError, ValueError) as exc:  # a mode or orientation we cannot turn into RGB
            raise NotAnImage(f"not a picture we can read ({type(exc).__name__})") from None
    flat.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    pixels_only = Image.frombytes("RGB", flat.size, flat.tobytes())
    out = io.BytesIO()
    pixels_only.save(out, format="JPEG", quality=QUALITY, optimize=True)
    return out.getvalue()


def _decoded(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            if image.width * image.height > MAX_PIXELS:
                raise PhotoTooLarge(f"a photo may have at most {MAX_PIXELS:,} pixels")
            image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise PhotoTooLarge(f"a photo may have at most {MAX_PIXELS:,} pixels") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise NotAnImage(f"not a picture we can read ({type(exc).__name__})") from None
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: transparency has no meaning in a JPEG."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")
