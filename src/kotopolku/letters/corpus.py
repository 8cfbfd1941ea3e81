"""A synthetic corpus of invented Finnish letters with their expected facts (tests and bench/).

Letters are rendered with Pillow into page images the way phones photograph them: rotated,
slightly skewed, dim, blurred and noisy; a few become PDFs (with a text layer, or scanned). All
names, numbers and addresses are invented; reference numbers and IBANs have valid checksums.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation")]


@dataclass
class SampleLetter:
    name: str
    text: str
    expected: dict[str, str | None] = field(default_factory=dict)  # field → expected value (JSON form)


LETTERS: list[SampleLetter] = [
    SampleLetter(
        "kela_asumistuki_paatos",
        """Kela
Kansaneläkelaitos
PL 10, 00056 KELA

Päivämäärä 3.3.2026

PÄÄTÖS ASUMISTUESTA

Olemme myöntäneet sinulle yleistä asumistukea 1.3.2026 alkaen.
Asumistuki on 345,20 € kuukaudessa.

Perustelut
Tuki on laskettu ilmoittamiesi tulojen ja asumismenojen perusteella.

Oikaisuvaatimusohje
Jos olet tyytymätön päätökseen, voit hakea siihen oikaisua.
Oikaisuvaatimus on tehtävä 30 päivän kuluessa päätöksen tiedoksisaannista.
Ilmoita muutoksista tuloissasi heti Kelaan.
""",
        {
            "sender": "kela",
            "document_type": "decision",
            "letter_date": "2026-03-03",
            "amount": "345.20",
            "response_deadline": "2026-04-09",
        },
    ),
    SampleLetter(
        "energia_lasku",
        """Heinolan Energia Oy
Sähkönmyynti

LASKU
Laskun päivämäärä 2.2.2026

Sähkösopimus: Perussähkö
Kulutus tammikuu 412 kWh
Perusmaksu 4,90 €
Sähköenergia 61,80 €
Sähkönsiirto 45,10 €

Maksettava yhteensä 111,80 €
Eräpäivä 23.2.2026
Saajan tilinumero FI21 1234 5600 0007 85
Viitenumero 12345 67897
""",
        {
            "sender": "energy",
            "document_type": "invoice",
            "letter_date": "2026-02-02",
            "due_date": "2026-02-23",
            "amount": "111.80",
            "reference_number": "12345 67897",
            "iban": "FI21 1234 5600 0007 85",
        },
    ),
    SampleLetter(
        "telia_maksumuistutus",
        """Telia Finland Oyj

MAKSUMUISTUTUS
Päiväys 10.3.2026

Laskusi on vielä maksamatta. Pyydämme maksamaan sen viimeistään eräpäivänä.
Puhelinliittymä, lasku 5512

Avoin saldo 49,90 €
Muistutusmaksu 5,00 €
Maksettava yhteensä 54,90 €
Eräpäivä 24.3.2026
Tilinumero FI37 1590 3000 0007 76
Viitenumero RF18 5390 0754 7034
""",
        {
            "sender": "telecom",
            "document_type": "payment_reminder",
            "letter_date": "2026-03-10",
            "due_date": "2026-03-24",
            "amount": "54.90",
            "reference_number": "RF18 5390 0754 7034",
            "iban": "FI37 1590 3000 0007 76",
        },
    ),
    SampleLetter(
        "intrum_perinta",
        """Intrum Oy
Perintätoimisto

PERINTÄKIRJE / MAKSUVAATIMUS
Päivämäärä 12.1.2026

Toimeksiantajamme on siirtänyt saatavansa meille perittäväksi.
Pääoma 120,00 €
Viivästyskorko 3,12 €
Perintäkulut 24,00 €
Yhteensä 1 147,12 €
Eräpäivä 26.1.2026
Tilinumero FI90 1234 5600 0001 25
Viitenumero 1232
Jos et maksa, asia voi siirtyä ulosottoon.
""",
        {
            "sender": "debt_collection",
            "document_type": "collection_demand",
            "letter_date": "2026-01-12",
            "due_date": "2026-01-26",
            "amount": "1147.12",
            "reference_number": "1232",
            "iban": "FI90 1234 5600 0001 25",
        },
    ),
    SampleLetter(
        "migri_lisaselvitys",
        """Maahanmuuttovirasto
Migri

Päivämäärä 5.2.2026
Diaarinumero 1234/2026

LISÄSELVITYSPYYNTÖ

Hakemuksesi jatkolupaa varten on kesken. Pyydämme sinua toimittamaan seuraavat liitteet:
- palkkalaskelmat kolmelta kuukaudelta
- työsopimus
Toimita lisäselvitys viimeistään 5.3.2026.
Jos et toimita selvitystä, hakemus ratkaistaan käytettävissä olevien tietojen perusteella.
""",
        {
            "sender": "migri",
            "document_type": "information_request",
            "letter_date": "2026-02-05",
            "response_deadline": "2026-03-05",
        },
    ),
    SampleLetter(
        "te_kutsu",
        """KEHA-keskus / Päijät-Hämeen työllisyysalue
Työllisyyspalvelut

Päiväys 2.3.2026

KUTSU TAPAAMISEEN

Kutsumme sinut työnhakijan haastatteluun.
Aika: ti 17.3.2026 klo 10.00
Paikka: Kauppakatu 11, Heinola
Jos et pääse paikalle, ilmoita siitä etukäteen. Tulkki on mahdollista varata.
""",
        {
            "sender": "employment",
            "document_type": "invitation",
            "letter_date": "2026-03-02",
            "appointment": "2026-03-17 10:00",
        },
    ),
    SampleLetter(
        "vero_jaannosvero",
        """Verohallinto
Skatteförvaltningen

VEROTUSPÄÄTÖS 2025
Päivämäärä 15.9.2026

Verotuksesi on valmistunut. Sinulle on määrätty jäännösveroa.
Jäännösvero 312,45 €
Eräpäivä 1.12.2026
Saajan tilinumero FI90 1234 5600 0001 25
Viitenumero 12345 67897
Voit hakea verotukseen oikaisua. Oikaisuvaatimusohje on liitteenä.
""",
        {
            "sender": "vero",
            "document_type": "decision",
            "letter_date": "2026-09-15",
            "due_date": "2026-12-01",
            "amount": "312.45",
            "reference_number": "12345 67897",
            "iban": "FI90 1234 5600 0001 25",
        },
    ),
    SampleLetter(
        "heinola_varhaiskasvatus",
        """Heinolan kaupunki
Varhaiskasvatus

Päivämäärä 20.1.2026

PÄÄTÖS VARHAISKASVATUSPAIKASTA

Lapsellenne on myönnetty varhaiskasvatuspaikka 1.2.2026 alkaen.
Asiakasmaksu määräytyy perheen tulojen mukaan. Toimittakaa tulotiedot 14 päivän kuluessa.
Oikaisuvaatimus on tehtävä 14 päivän kuluessa päätöksen tiedoksisaannista.
""",
        {
            "sender": "municipality",
            "document_type": "decision",
            "letter_date": "2026-01-20",
            "response_deadline": "2026-02-10",
        },
    ),
]

FIELDS = [
    "sender",
    "document_type",
    "letter_date",
    "due_date",
    "amount",
    "reference_number",
    "iban",
    "response_deadline",
    "appointment",
]


def actual_fields(facts: dict[str, Any]) -> dict[str, str | None]:
    """The same fields from an analysis (``LetterFacts.to_json()``) in the corpus's form."""
    meeting = facts.get("appointment")
    return {
        "sender": (facts.get("sender") or {}).get("code"),
        "document_type": facts.get("document_type"),
        "letter_date": facts.get("letter_date"),
        "due_date": facts.get("due_date"),
        "amount": facts.get("amount"),
        "reference_number": facts.get("reference_number"),
        "iban": facts.get("iban"),
        "response_deadline": (facts.get("deadline") or {}).get("date"),
        "appointment": f"{meeting['date']} {meeting['time'][:5]}"
        if meeting and meeting.get("time")
        else None,
    }


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    names = ["DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf", "LiberationSans-Regular.ttf"]
    for directory in FONT_DIRS:
        for name in names:
            if (directory / name).exists():
                return ImageFont.truetype(str(directory / name), size)
    return ImageFont.load_default(size)


def render_page(text: str, *, width: int = 1700, height: int = 2200) -> Image.Image:
    """A white A4-like page (about 200 dpi) with the letter's lines, the first one bold."""
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    regular, bold = _font(34), _font(40, bold=True)
    y = 150
    for index, line in enumerate(text.splitlines()):
        font = bold if index == 0 or line.isupper() else regular
        draw.text((140, y), line, fill=20, font=font)
        y += 52
    return page


def photograph(
    page: Image.Image,
    *,
    rng: random.Random,
    rotate90: int = 0,
    skew: float = 0.0,
    dim: float = 1.0,
    noise: int = 0,
) -> Image.Image:
    """What a phone makes of it: a slant, a turn, less light, a little blur, sensor noise, a grey table."""
    image = page.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=200)
    if rotate90:
        image = image.rotate(90 * rotate90, expand=True)
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    if dim != 1.0:
        image = image.point(lambda value: int(value * dim))
    if noise:
        noisy = Image.effect_noise(image.size, noise)
        image = Image.blend(image, noisy.convert("L"), 0.12)
    return image.convert("RGB")


def to_bytes(image: Image.Image, fmt: str = "JPEG") -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, quality=85) if fmt == "JPEG" else image.save(buffer, format=fmt)
    return buffer.getvalue()


def scanned_pdf(images: list[Image.Image]) -> bytes:
    buffer = io.BytesIO()
    first, *rest = [image.convert("RGB") for image in images]
    first.save(buffer, format="PDF", save_all=True, append_images=rest, resolution=200)
    return buffer.getvalue()


def _pdf_escape(line: str) -> bytes:
    encoded = line.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_pdf(pages: list[str]) -> bytes:
    """A PDF with a real text layer (Helvetica, WinAnsi so ä and ö work), one letter page per item."""
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: pages; filled below
    font_id = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for text in pages:
        stream = (
            b"BT /F1 11 Tf 14 TL 60 780 Td "
            + b" ".join(b"(" + _pdf_escape(line) + b") Tj T*" for line in text.splitlines())
            + b" ET"
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (font_id, content_id)
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


@dataclass
class CorpusItem:
    letter: SampleLetter
    variant: str
    data: bytes


def build(seed: int = 7) -> list[CorpusItem]:
    """Every letter as a clean photo, a skewed dim one, a turned one (90° or 180°), and as PDFs."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    items: list[CorpusItem] = []
    for index, letter in enumerate(LETTERS):
        page = render_page(letter.text)
        items.append(CorpusItem(letter, "photo-clean", to_bytes(photograph(page, rng=rng, skew=0.6))))
        items.append(
            CorpusItem(
                letter,
                "photo-skewed-dim",
                to_bytes(
                    photograph(page, rng=rng, skew=rng.choice([-4.0, -2.5, 3.0, 5.0]), dim=0.7, noise=25)
                ),
            )
        )
        items.append(
            CorpusItem(
                letter, "photo-rotated", to_bytes(photograph(page, rng=rng, rotate90=1 + index % 3, skew=1.0))
            )
        )
        if index % 2 == 0:
            items.append(CorpusItem(letter, "pdf-text", text_pdf([letter.text])))
        else:
            items.append(
                CorpusItem(letter, "pdf-scanned", scanned_pdf([photograph(page, rng=rng, skew=1.5)]))
            )
    return items
