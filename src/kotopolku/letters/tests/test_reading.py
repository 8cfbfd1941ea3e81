"""Reading uploads: the real OCR on generated photos, and every kind of bad input."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from kotopolku.letters import corpus, reading
from kotopolku.letters.reading import ReadingError, read_upload


def _error(data: bytes, **kwargs) -> str:
    with pytest.raises(ReadingError) as caught:
        read_upload(data, **kwargs)
    return caught.value.code


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a huge size in its header (a decompression bomb), with a tiny body."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )


def test_wrong_type_by_content_not_name():
    assert _error(b"GIF89a" + b"\0" * 100) == "unsupported_type"
    assert _error(b"<html>letter.pdf</html>") == "unsupported_type"


def test_empty_and_too_large():
    assert _error(b"") == "empty"
    assert _error(b"%PDF-" + b"0" * (10 * 1024 * 1024)) == "too_large"


def test_corrupt_files():
    assert _error(b"\xff\xd8\xff\xe0" + b"garbage" * 20) == "corrupt"
    assert _error(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20) == "corrupt"
    assert _error(b"%PDF-1.4\n garbage") == "corrupt"


def test_decompression_bomb():
    assert _error(png_header_only(20000, 20000)) == "image_too_large"


def test_pdf_with_too_many_pages():
    assert _error(corpus.text_pdf(["Sivu\nteksti " * 5] * 11)) == "too_many_pages"


def test_pdf_text_layer_is_read_directly():
    letter = corpus.LETTERS[1]
    result = read_upload(corpus.text_pdf([letter.text]))
    assert result.kind == "pdf" and result.ocr_pages == 0
    assert "Eräpäivä 23.2.2026" in result.text


def test_ocr_timeout():
    image = corpus.photograph(corpus.render_page(corpus.LETTERS[0].text), rng=__import__("random").Random(1))
    assert _error(corpus.to_bytes(image), timeout=0.01) == "ocr_timeout"


def test_tiny_image():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    assert _error(buffer.getvalue()) == "image_too_small"


def test_ocr_reads_a_rotated_skewed_dim_photo():
    """The real Tesseract on a generated phone photo: turned 90°, slanted, dim and noisy."""
    import random

    letter = corpus.LETTERS[1]
    rng = random.Random(3)
    page = corpus.render_page(letter.text)
    turned = corpus.photograph(page, rng=rng, rotate90=1, skew=3.0, dim=0.75, noise=20)
    assert "FI21 1234 5600 0007 85" in read_upload(corpus.to_bytes(turned), timeout=120).text
    photo = corpus.photograph(page, rng=rng, skew=-3.0, dim=0.75, noise=20)
    result = read_upload(corpus.to_bytes(photo), timeout=120)
    assert result.kind == "image"
    assert "12345 67897" in result.text
    assert reading.sniff(corpus.to_bytes(photo)) == reading.JPEG
