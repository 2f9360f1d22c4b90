"""Report photos: only pixels survive (no EXIF, GPS, maker note, XMP, ICC, comment), upright,
at most 2048 px; anything that is not a picture, or is too big, is refused by type."""

from __future__ import annotations

import io

import pytest
from PIL import ExifTags, Image, ImageCms

from bot.reports.photos import MAX_BYTES, MAX_SIDE, NotAnImage, PhotoTooLarge, clean_photo

RED, BLUE = (255, 0, 0), (0, 0, 255)
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
    b'xmp:CreatorTool="XMPSECRETTOOL"/></rdf:RDF></x:xmpmeta>'
)
MARKERS = [b"Exif", b"xmp", b"SpyCam", b"MAKERSECRET", b"COMMENTSECRET", b"ICC_PROFILE"]
LEAKS = [*MARKERS, b"GPS", b"XMP", b"ns.adobe.com"]  # GPS is a tag number in EXIF


def half_red_half_blue(width: int = 200, height: int = 100) -> Image.Image:
    image = Image.new("RGB", (width, height), RED)
    image.paste(BLUE, (width // 2, 0, width, height))
    return image


def tagged_jpeg(orientation: int = 6) -> bytes:
    """A phone-like JPEG: orientation, maker, GPS position, a maker note, XMP, ICC, a comment."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "SpyCam"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (50.0, 3.0, 36.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (19.0, 56.0, 24.0),
    }
    exif[ExifTags.IFD.Exif] = {ExifTags.Base.MakerNote: b"MAKERSECRET serial 12345"}
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    half_red_half_blue().save(
        out, "JPEG", exif=exif.tobytes(), xmp=XMP, icc_profile=icc, comment=b"COMMENTSECRET"
    )
    return out.getvalue()


def close(pixel: object, colour: tuple[int, int, int]) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(a - b) < 40 for a, b in zip(pixel, colour, strict=True))


def test_the_test_photo_really_carries_the_metadata() -> None:
    data = tagged_jpeg()
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert exif[ExifTags.Base.Make] == "SpyCam"
    assert exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
    assert b"MAKERSECRET" in exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.MakerNote]
    assert "xmp" in image.info
    assert "icc_profile" in image.info
    for marker in MARKERS:
        assert marker in data, marker


def test_every_piece_of_metadata_is_removed() -> None:
    out = clean_photo(tagged_jpeg())
    image = Image.open(io.BytesIO(out))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & set(image.info)
    for leak in LEAKS:
        assert leak not in out, leak


def test_the_photo_is_turned_upright_by_its_orientation() -> None:
    # Orientation 6: the camera was turned, the picture is shown turned 90° clockwise,
    # so the red left half ends up on top.
    image = Image.open(io.BytesIO(clean_photo(tagged_jpeg(orientation=6))))
    assert image.size == (100, 200)
    assert close(image.getpixel((50, 20)), RED)
    assert close(image.getpixel((50, 180)), BLUE)


def test_an_upright_photo_stays_as_it_is() -> None:
    image = Image.open(io.BytesIO(clean_photo(tagged_jpeg(orientation=1))))
    assert image.size == (200, 100)
    assert close(image.getpixel((20, 50)), RED)
    assert close(image.getpixel((180, 50)), BLUE)


def test_a_big_photo_is_scaled_to_2048_on_its_longest_side() -> None:
    out = io.BytesIO()
    half_red_half_blue(4000, 1000).save(out, "PNG")
    image = Image.open(io.BytesIO(clean_photo(out.getvalue())))
    assert image.size == (MAX_SIDE, 512)


def test_a_transparent_png_with_text_chunks_becomes_a_plain_jpeg() -> None:
    from PIL import PngImagePlugin

    meta = PngImagePlugin.PngInfo()
    meta.add_text("GPSPosition", "50.0600 N, 19.9400 E")
    meta.add_text("Comment", "COMMENTSECRET")
    out = io.BytesIO()
    Image.new("RGBA", (64, 64), (0, 0, 0, 0)).save(out, "PNG", pnginfo=meta)
    cleaned = clean_photo(out.getvalue())
    image = Image.open(io.BytesIO(cleaned))
    assert (image.format, image.mode) == ("JPEG", "RGB")
    assert close(image.getpixel((10, 10)), (255, 255, 255))  # transparent → white
    assert b"GPS" not in cleaned
    assert b"COMMENTSECRET" not in cleaned


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"%PDF-1.4 this is a document, not a picture",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        bytes(range(256)) * 40,
    ],
    ids=["empty", "pdf", "svg", "noise"],
)
def test_what_is_not_a_picture_is_refused(data: bytes) -> None:
    with pytest.raises(NotAnImage):
        clean_photo(data)


def test_a_truncated_jpeg_is_refused() -> None:
    data = tagged_jpeg()
    with pytest.raises(NotAnImage):
        clean_photo(data[: len(data) // 2])


def test_more_than_10_mb_is_refused_before_decoding() -> None:
    assert MAX_BYTES == 10 * 1024 * 1024
    with pytest.raises(PhotoTooLarge):
        clean_photo(tagged_jpeg() + b"\0" * MAX_BYTES)


def test_a_decompression_bomb_is_refused() -> None:
    out = io.BytesIO()
    Image.new("1", (10_000, 6_000)).save(out, "PNG")  # 60 Mpx in a few kB
    assert len(out.getvalue()) < MAX_BYTES
    with pytest.raises(PhotoTooLarge):
        clean_photo(out.getvalue())
