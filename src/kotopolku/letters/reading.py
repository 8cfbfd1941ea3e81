"""Reading a letter's text from an upload: type checked by content, limits, image clean-up, Tesseract OCR.

Images (JPEG, PNG): EXIF rotation applied, size capped, grey-scaled, contrast stretched, page
orientation from Tesseract's OSD (``--psm 0``), small skew corrected (``deskew``), then OCR with the
Finnish, Swedish and English models. PDFs: a page's text layer is read directly; a page without one
(a scan) is rasterised with PDFium and read like a photo. Every way an upload can be wrong ends in
:class:`ReadingError` with a stable code; nothing here touches the network or the disk.
"""

from __future__ import annotations

import io
import os
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pytesseract
from deskew import determine_skew
from django.conf import settings
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PDF_PAGES = 10
MAX_PIXELS = 40_000_000  # a 12-megapixel phone photo is fine; far larger is a bomb, not a letter
OCR_LONG_SIDE = 2600  # pixels: enough for letter text, keeps OCR fast
TEXT_LAYER_MIN_CHARS = 40  # a PDF page with less text than this is treated as a scan
PDF_RENDER_SCALE = 200 / 72  # 200 dpi
OSD_LONG_SIDE = 1200
DESKEW_LONG_SIDE = 700

# Tesseract's OpenMP threads fight each other (and the web server) on a small machine: one thread per
# reading is faster in total (several letters are read at once, KOTOPOLKU_LETTER_WORKERS).
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

JPEG = "image/jpeg"
PNG = "image/png"
PDF = "application/pdf"


class ReadingError(Exception):
    """``code`` is stable (API, tests); the message for people comes from ``letters.messages``."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class ReadResult:
    text: str
    kind: str  # "image", "pdf"
    pages: int
    ocr_pages: int  # pages that went through OCR (0 for a PDF with a text layer)
    seconds: float


def sniff(data: bytes) -> str | None:
    """The type by the first bytes, never by the file name or the browser's word."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if b"%PDF-" in data[:1024]:
        return PDF
    return None


def check_upload(data: bytes) -> str:
    if not data:
        raise ReadingError("empty")
    if len(data) > MAX_BYTES:
        raise ReadingError("too_large")
    kind = sniff(data)
    if kind is None:
        raise ReadingError("unsupported_type")
    return kind


def read_upload(data: bytes, *, timeout: float | None = None) -> ReadResult:
    """The text of an uploaded letter (JPEG, PNG or PDF)."""
    started = time.monotonic()
    kind = check_upload(data)
    budget = timeout if timeout is not None else settings.KOTOPOLKU_LETTER_OCR_TIMEOUT
    if kind == PDF:
        text, pages, ocr_pages = _read_pdf(data, budget)
        return ReadResult(text, "pdf", pages, ocr_pages, time.monotonic() - started)
    image = open_image(data)
    text = ocr_image(image, timeout=budget)
    return ReadResult(text, "image", 1, 1, time.monotonic() - started)


# --- Images ------------------------------------------------------------------------------------------


def open_image(data: bytes) -> Image.Image:
    """Decode safely: the pixel count is checked from the header before decoding (decompression
    bombs), and Pillow's own bomb guard is an error here, not a warning."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ReadingError("image_too_large")
            probe.verify()  # structure and checksums; the object is unusable after this
            image = Image.open(io.BytesIO(data))
            image.load()
    except ReadingError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ReadingError("image_too_large") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ReadingError("corrupt") from error
    if min(image.size) < 50:
        raise ReadingError("image_too_small")
    return image


def prepare(image: Image.Image) -> Image.Image:
    """EXIF rotation, a cap on size, grey, stretched contrast."""
    image = ImageOps.exif_transpose(image) or image
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    long_side = max(image.size)
    if long_side > OCR_LONG_SIDE:
        factor = OCR_LONG_SIDE / long_side
        image = image.resize(
            (round(image.width * factor), round(image.height * factor)), Image.Resampling.LANCZOS
        )
    grey = ImageOps.grayscale(image)
    return ImageOps.autocontrast(grey, cutoff=1)


def _tesseract_call(function: Callable[..., Any], *args: Any, timeout: float, **kwargs: Any) -> Any:
    if timeout <= 0:
        raise ReadingError("ocr_timeout")
    try:
        return function(*args, timeout=timeout, **kwargs)
    except RuntimeError as error:  # pytesseract's "Tesseract process timeout"
        if "timeout" in str(error).lower():
            raise ReadingError("ocr_timeout") from error
        raise ReadingError("ocr_failed") from error
    except pytesseract.TesseractNotFoundError as error:
        raise ReadingError("ocr_unavailable") from error


def lines_look_vertical(image: Image.Image) -> bool:
    """Projection profiles: lines of text make the dark-pixel count jump from row to row (between
    lines and gaps). When columns jump much more than rows, the page lies on its side."""
    sample = image.copy()
    sample.thumbnail((600, 600))
    sample = sample.filter(ImageFilter.MedianFilter(3))
    row_jumps = column_jumps = 0.0
    for angle in (-6, -3, 0, 3, 6):  # a slanted photo smears the profiles: try a few small turns
        turned = sample.rotate(angle, fillcolor=255) if angle else sample
        pixels = np.asarray(turned, dtype=np.float32)
        dark = pixels < np.percentile(pixels, 10)  # ink: the darkest tenth, noise filtered out above
        rows, columns = dark.mean(axis=1), dark.mean(axis=0)
        row_jumps = max(row_jumps, float(np.abs(np.diff(rows)).mean()) / (float(rows.mean()) + 1e-6))
        column_jumps = max(
            column_jumps, float(np.abs(np.diff(columns)).mean()) / (float(columns.mean()) + 1e-6)
        )
    return column_jumps > 1.2 * row_jumps


def orient(image: Image.Image, *, timeout: float) -> Image.Image:
    """Turn the page upright with Tesseract's orientation detection (OSD). OSD's answer is taken when
    it is confident, or when the projection profiles agree that the page lies on its side; a page with
    too little text for OSD is left as it is."""
    small = image.copy()
    small.thumbnail((OSD_LONG_SIDE, OSD_LONG_SIDE))
    try:
        osd = _tesseract_call(
            pytesseract.image_to_osd,
            small,
            timeout=timeout,
            config="--psm 0 -c min_characters_to_try=10",
            output_type=pytesseract.Output.DICT,
        )
    except ReadingError as error:
        if error.code == "ocr_timeout":
            raise
        return image
    except pytesseract.TesseractError:
        return image
    rotate = int(osd.get("rotate", 0)) % 360
    confidence = float(osd.get("orientation_conf", 0))
    if rotate == 0:
        return image
    sideways = rotate in (90, 270)
    if confidence >= 1.0 or (sideways and lines_look_vertical(image)) or (not sideways and confidence >= 0.5):
        return image.rotate(-rotate, expand=True, fillcolor=255)  # OSD's angle is clockwise
    return image


def straighten(image: Image.Image) -> Image.Image:
    """Correct a small skew (a photo taken at a slant); angles over 15° are left to OSD."""
    sample = image.copy()
    sample.thumbnail((DESKEW_LONG_SIDE, DESKEW_LONG_SIDE))
    angle = determine_skew(np.asarray(sample))
    if angle is None or abs(angle) < 0.3 or abs(angle) > 15:
        return image
    return image.rotate(float(angle), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def ocr_image(image: Image.Image, *, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    page = prepare(image)
    page = orient(page, timeout=deadline - time.monotonic())
    page = straighten(page)
    text = _tesseract_call(
        pytesseract.image_to_string,
        page,
        lang=settings.KOTOPOLKU_LETTER_OCR_LANGUAGES,
        config="--psm 3",
        timeout=deadline - time.monotonic(),
    )
    return str(text)


# --- PDFs --------------------------------------------------------------------------------------------


def _read_pdf(data: bytes, timeout: float) -> tuple[str, int, int]:
    deadline = time.monotonic() + timeout
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = "pdf_encrypted" if "password" in str(error).lower() else "corrupt"
        raise ReadingError(code) from error
    try:
        count = len(pdf)
        if count == 0:
            raise ReadingError("corrupt")
        if count > MAX_PDF_PAGES:
            raise ReadingError("too_many_pages")
        texts: list[str] = []
        ocr_pages = 0
        for index in range(count):
            page = pdf[index]
            try:
                width, height = page.get_size()
                if width * height * PDF_RENDER_SCALE**2 > MAX_PIXELS:
                    raise ReadingError("image_too_large")
                layer = page.get_textpage().get_text_range().replace("\r\n", "\n")
                if len(layer.strip()) >= TEXT_LAYER_MIN_CHARS:
                    texts.append(layer)
                    continue
                bitmap = page.render(scale=PDF_RENDER_SCALE, grayscale=True)
                image = bitmap.to_pil()
                texts.append(ocr_image(image, timeout=deadline - time.monotonic()))
                ocr_pages += 1
            finally:
                page.close()
        return "\n\n".join(texts), count, ocr_pages
    except pdfium.PdfiumError as error:
        raise ReadingError("corrupt") from error
    finally:
        pdf.close()
