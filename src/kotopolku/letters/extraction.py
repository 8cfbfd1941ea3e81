"""What a Finnish official letter says: rules plus validation, all in this module (a test per rule).

Input is the letter's text (read by OCR or pasted); output is :class:`LetterFacts`: who sent it, what
kind of letter it is, its date, the due date, the amount, the reference number (Finnish *viitenumero*
or RF creditor reference, checksums validated), the IBAN (validated), the response or appeal
deadline, an appointment, and the glossary terms found. Every rule prefers saying nothing to saying
something wrong: a number whose checksum fails, or a date that cannot be, is left out.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import holidays
from stdnum import iban as stdnum_iban
from stdnum import iso11649

from kotopolku.letters.glossary import find_terms

# --- Senders ---------------------------------------------------------------------------------------

KELA = "kela"
MIGRI = "migri"
VERO = "vero"
DVV = "dvv"
EMPLOYMENT = "employment"
MUNICIPALITY = "municipality"
WELLBEING = "wellbeing"
ENERGY = "energy"
TELECOM = "telecom"
BANK = "bank"
DEBT_COLLECTION = "debt_collection"


@dataclass(frozen=True)
class SenderRule:
    code: str
    name: str  # the authority's own (Finnish) name, or "" for a kind of company
    patterns: tuple[tuple[str, int], ...]  # (regex, weight); names weigh more than common words
    companies: tuple[str, ...] = ()  # company names that identify the sender by name


SENDER_RULES: tuple[SenderRule, ...] = (
    SenderRule(
        KELA,
        "Kela",
        (
            (r"\bkela\b", 4),
            (r"kansaneläkelaitos", 5),
            (r"\bFPA\b", 3),
            (r"folkpensionsanstalten", 5),
            (r"kela\.fi", 5),
        ),
    ),
    SenderRule(
        MIGRI,
        "Maahanmuuttovirasto (Migri)",
        (
            (r"maahanmuuttovirasto", 5),
            (r"\bmigri\b", 5),
            (r"migrationsverket", 5),
            (r"migri\.fi", 5),
            (r"finnish immigration service", 5),
        ),
    ),
    SenderRule(
        VERO,
        "Verohallinto",
        (
            (r"verohallinto", 5),
            (r"skatteförvaltningen", 5),
            (r"\bvero\.fi\b", 5),
            (r"finnish tax administration", 5),
            (r"verotuspäätös", 2),
            (r"veroilmoitus", 1),
        ),
    ),
    SenderRule(
        DVV,
        "Digi- ja väestötietovirasto (DVV)",
        (
            (r"digi- ja väestötietovirasto", 5),
            (r"\bDVV\b", 4),
            (r"myndigheten för digitalisering och befolkningsdata", 5),
            (r"\bdvv\.fi\b", 5),
            (r"väestötietojärjestelmä", 2),
        ),
    ),
    SenderRule(
        EMPLOYMENT,
        "Työllisyyspalvelut (TE / KEHA-keskus)",
        (
            (r"keha-keskus", 5),
            (r"\bTE-toimisto", 5),
            (r"\bTE-palvelu", 5),
            (r"työllisyyspalvelu", 4),
            (r"työllisyysalue", 4),
            (r"työvoimapalvelu", 4),
            (r"arbets- och näringsbyrå", 5),
            (r"sysselsättningstjänst", 4),
            (r"työnhakija", 1),
            (r"työllistymissuunnitelma", 2),
        ),
    ),
    SenderRule(
        WELLBEING,
        "Päijät-Hämeen hyvinvointialue",
        (
            (r"päijät-hämeen hyvinvointialue", 6),
            (r"päijät-sote", 5),
            (r"hyvinvointialue", 3),
            (r"välfärdsområde", 3),
            (r"sosiaalitoimi", 1),
            (r"terveysasema", 1),
        ),
    ),
    SenderRule(
        ENERGY,
        "",
        (
            (r"sähkösopimus", 3),
            (r"sähkönsiirto", 3),
            (r"sähköenergia", 3),
            (r"kaukolämpö", 3),
            (r"\bkWh\b", 2),
            (r"energia\b", 1),
            (r"sähkö", 1),
        ),
        companies=(
            "Fortum",
            "Helen",
            "Vattenfall",
            "Oomi",
            "Väre",
            "Caruna",
            "Elenia",
            "Lahti Energia",
            "Heinolan Energia",
            "Nurmijärven Sähkö",
            "Oulun Sähkömyynti",
            "Turku Energia",
            "Tampereen Sähkölaitos",
        ),
    ),
    SenderRule(
        TELECOM,
        "",
        (
            (r"puhelinliittymä", 3),
            (r"laajakaista", 3),
            (r"mobiililiittymä", 3),
            (r"liittymä", 1),
            (r"operaattori", 1),
        ),
        companies=("Elisa", "Telia", "DNA", "Moi Mobiili", "Saunalahti"),
    ),
    SenderRule(
        BANK,
        "",
        ((r"\bpankki\b", 2), (r"\bbank\b", 2), (r"verkkopankki", 1), (r"tilinumero", 1)),
        companies=(
            "Nordea",
            "OP Pohjola",
            "Osuuspankki",
            "Danske Bank",
            "S-Pankki",
            "Aktia",
            "Handelsbanken",
            "Säästöpankki",
            "POP Pankki",
            "Oma Säästöpankki",
            "Ålandsbanken",
        ),
    ),
    SenderRule(
        DEBT_COLLECTION,
        "",
        (
            (r"perintätoimisto", 5),
            (r"perintä oy", 5),
            (r"perintäkulu", 4),
            (r"perimme", 3),
            (r"saatavan perintä", 4),
            (r"inkasso", 4),
            (r"perintälain", 3),
        ),
        companies=(
            "Intrum",
            "Lowell",
            "Svea Perintä",
            "Sergel",
            "Alektum",
            "Ropo Capital",
            "Visma Financial",
        ),
    ),
)


@dataclass(frozen=True)
class Sender:
    code: str
    name: str  # the authority's or company's own name; "" when only the kind is known


def _municipality_rule(names: list[str]) -> SenderRule | None:
    patterns: list[tuple[str, int]] = []
    for name in names:
        name = name.strip()
        if len(name) < 3:
            continue
        stem = re.escape(name[:-1]) if len(name) > 4 else re.escape(name)
        patterns += [
            (rf"\b{stem}\w*\s+(?:kaupunki|kunta|kaupungin|kunnan)", 6),
            (rf"\b{re.escape(name)}\s+(?:stad|kommun)", 6),
            (rf"\b{re.escape(name.lower())}\.fi\b", 4),
        ]
    if not patterns:
        return None
    return SenderRule(MUNICIPALITY, "", tuple(patterns))


def detect_sender(text: str, organization_names: list[str] | None = None) -> Sender | None:
    """The sender with the strongest evidence. The letterhead (the first lines) counts double."""
    rules = list(SENDER_RULES)
    municipality = _municipality_rule(organization_names or [])
    if municipality:
        rules.append(municipality)
    head = text[:400]
    best: tuple[int, Sender] | None = None
    for rule in rules:
        score = 0
        for pattern, weight in rule.patterns:
            found = len(re.findall(pattern, text, re.IGNORECASE))
            if found:
                score += weight * min(found, 3)
                if re.search(pattern, head, re.IGNORECASE):
                    score += weight
        company = ""
        for name in rule.companies:
            if re.search(rf"\b{re.escape(name)}\b", text):
                company = name
                score += 6
                break
        if rule.code == MUNICIPALITY and score:
            company = organization_names[0] if organization_names else ""
        if score >= 4 and (best is None or score > best[0]):
            best = (score, Sender(rule.code, company or rule.name))
    return best[1] if best else None


# --- Kinds of letter ---------------------------------------------------------------------------------

DECISION = "decision"
INVOICE = "invoice"
PAYMENT_REMINDER = "payment_reminder"
COLLECTION_DEMAND = "collection_demand"
INFORMATION_REQUEST = "information_request"
INVITATION = "invitation"
OTHER = "other"

DOCUMENT_TYPES = (
    DECISION,
    INVOICE,
    PAYMENT_REMINDER,
    COLLECTION_DEMAND,
    INFORMATION_REQUEST,
    INVITATION,
    OTHER,
)

# (regex, weight). A word in the letter's heading (the first lines) counts three times.
TYPE_RULES: dict[str, tuple[tuple[str, int], ...]] = {
    COLLECTION_DEMAND: (
        (r"perintäkirje", 6),
        (r"maksuvaatimus", 5),
        (r"perintätoimisto", 4),
        (r"perintäkulu", 4),
        (r"perimme", 4),
        (r"saatavan perintä", 5),
        (r"inkassokrav", 6),
        (r"oikeudellis\w* perint", 5),
        (r"ulosotto", 2),
    ),
    PAYMENT_REMINDER: (
        (r"maksumuistutu", 6),
        (r"betalningspåminnelse", 6),
        (r"\bmuistutus\b", 3),
        (r"on vielä maksamatta", 4),
        (r"erääntyn\w* lasku", 3),
        (r"muistutuskulu", 4),
        (r"payment reminder", 6),
    ),
    INFORMATION_REQUEST: (
        (r"lisäselvityspyyntö", 6),
        (r"selvityspyyntö", 5),
        (r"pyydämme (?:teitä |sinua )?toimittamaan", 4),
        (r"pyydämme lisäselvitystä", 5),
        (r"toimita (?:meille )?(?:seuraavat|puuttuvat)", 4),
        (r"begäran om tilläggsutredning", 6),
        (r"request for additional information", 6),
        (r"lisäselvity", 2),
    ),
    INVITATION: (
        (r"\bkutsu\b", 5),
        (r"kutsumme", 5),
        (r"kutsu\w* (?:tapaamiseen|haastatteluun|vastaanotolle)", 5),
        (r"ajanvara", 2),
        (r"tapaamisaika", 4),
        (r"tervetuloa", 2),
        (r"kallelse", 5),
        (r"invitation", 5),
        (r"\bklo\b", 1),
    ),
    DECISION: (
        (r"\bpäätös\b", 5),
        (r"päätöksen", 2),
        (r"oikaisuvaatimus", 3),
        (r"valitusosoitus", 3),
        (r"\bbeslut\b", 5),
        (r"myönnämme|myönnetään|olemme myöntäneet", 3),
        (r"hylätään|hylkäämme|olemme hylänneet", 3),
        (r"verotuspäätös", 5),
        (r"decision", 4),
    ),
    INVOICE: (
        (r"\blasku\b", 5),
        (r"\blaskun\b", 2),
        (r"\bfaktura\b", 5),
        (r"eräpäivä", 3),
        (r"maksettava yhteensä|yhteensä maksettava", 3),
        (r"\binvoice\b", 5),
        (r"viitenumero", 1),
    ),
}


def detect_document_type(text: str, sender: Sender | None = None) -> str:
    head = text[:300]
    scores: dict[str, int] = {}
    for kind, rules in TYPE_RULES.items():
        score = 0
        for pattern, weight in rules:
            if re.search(pattern, text, re.IGNORECASE):
                score += weight
                if re.search(pattern, head, re.IGNORECASE):
                    score += 2 * weight
        scores[kind] = score
    if sender and sender.code == DEBT_COLLECTION:
        scores[COLLECTION_DEMAND] += 6
    best = max(DOCUMENT_TYPES[:-1], key=lambda kind: scores[kind])  # ties: the order of DOCUMENT_TYPES
    # A reminder or a collection letter is also a bill: its own heading word decides.
    if best in (INVOICE, PAYMENT_REMINDER):
        for specific in (COLLECTION_DEMAND, PAYMENT_REMINDER):
            if scores[specific] >= 6:
                return specific
    return best if scores[best] >= 5 else OTHER


# --- Dates ---------------------------------------------------------------------------------------------

FI_MONTHS = (
    "tammikuu",
    "helmikuu",
    "maaliskuu",
    "huhtikuu",
    "toukokuu",
    "kesäkuu",
    "heinäkuu",
    "elokuu",
    "syyskuu",
    "lokakuu",
    "marraskuu",
    "joulukuu",
)
SV_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\s?\.\s?(\d{1,2})\s?\.\s?(\d{4}|\d{2})(?![\d])")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
WORD_DATE = re.compile(
    r"(?<!\d)(\d{1,2})\.?\s+(" + "|".join(FI_MONTHS + SV_MONTHS) + r")\w*\s+(\d{4})(?!\d)", re.IGNORECASE
)


@dataclass(frozen=True)
class FoundDate:
    date: datetime.date
    start: int
    end: int


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    if year < 100:
        year += 2000
    try:
        value = datetime.date(year, month, day)
    except ValueError:
        return None
    return value if 2000 <= value.year <= 2100 else None


def find_dates(text: str) -> list[FoundDate]:
    """Every valid date in the text (d.m.yyyy, d.m.yy, yyyy-mm-dd, "12. maaliskuuta 2026", "12 mars 2026")."""
    found: list[FoundDate] = []
    for match in NUMERIC_DATE.finditer(text):
        value = _make_date(int(match[3]), int(match[2]), int(match[1]))
        if value:
            found.append(FoundDate(value, match.start(), match.end()))
    for match in ISO_DATE.finditer(text):
        value = _make_date(int(match[1]), int(match[2]), int(match[3]))
        if value:
            found.append(FoundDate(value, match.start(), match.end()))
    for match in WORD_DATE.finditer(text):
        word = match[2].lower()
        month = next(
            (i + 1 for i, name in enumerate(FI_MONTHS) if word.startswith(name[:-1])),
            next((i + 1 for i, name in enumerate(SV_MONTHS) if word == name), 0),
        )
        value = _make_date(int(match[3]), month, int(match[1])) if month else None
        if value:
            found.append(FoundDate(value, match.start(), match.end()))
    return sorted(found, key=lambda item: item.start)


def _date_after_label(text: str, label: str, dates: list[FoundDate], reach: int = 40) -> FoundDate | None:
    for match in re.finditer(label, text, re.IGNORECASE):
        for found in dates:
            if match.end() <= found.start <= match.end() + reach:
                return found
    return None


LETTER_DATE_LABELS = (
    r"päivämäärä|päiväys|\bpvm\b|kirjeen päiväys|laskun päivämäärä|laskutuspäivä|päätöspäivä|"
    r"annettu|lähetetty|postitettu|\bdatum\b|\bdate\b|\bdated\b"
)
DUE_DATE_LABELS = (
    r"eräpäivä|erääntymispäivä|\beräpv|maksettava viimeistään|maksa viimeistään|maksetaan viimeistään|"
    r"förfallodag|förfallodatum|\bdue date\b|betalas senast"
)
DEADLINE_WORDS = r"mennessä|viimeistään|senast|kuluessa|eräpäivä|förfallo"


def letter_date(text: str, dates: list[FoundDate], today: datetime.date) -> datetime.date | None:
    """The date the letter was written or sent: a labelled date, else the first date in the heading
    that is not a deadline. Never in the future (beyond tomorrow), never before 2000."""

    def sane(value: datetime.date) -> bool:
        return value <= today + datetime.timedelta(days=1)

    labelled = _date_after_label(text, LETTER_DATE_LABELS, dates)
    if labelled and sane(labelled.date):
        return labelled.date
    for found in dates:
        if found.start > 600:
            break
        before = text[max(0, found.start - 40) : found.start]
        after = text[found.end : found.end + 15]
        if re.search(DEADLINE_WORDS + r"|klo|aika", before + after, re.IGNORECASE):
            continue
        if sane(found.date):
            return found.date
    return None


def due_date(text: str, dates: list[FoundDate], letter: datetime.date | None) -> datetime.date | None:
    found = _date_after_label(text, DUE_DATE_LABELS, dates)
    if found is None:
        return None
    if letter and not (letter <= found.date <= letter + datetime.timedelta(days=366)):
        return None
    return found.date


# --- Money ---------------------------------------------------------------------------------------------

_NUMBER = r"(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:[,.](\d{2}))?(?![\d])"
AMOUNT_AFTER = re.compile(r"(?<![\d,.])" + _NUMBER + r"\s?(?:€|eur\b|euroa\b|e\b)", re.IGNORECASE)
AMOUNT_BEFORE = re.compile(r"(?:€|\beur)\s?" + _NUMBER, re.IGNORECASE)
AMOUNT_LABELS = (
    r"maksettava(?: yhteensä| määrä| summa)?|yhteensä maksettava|yhteensä|loppusumma|avoin saldo|"
    r"saatava yhteensä|avoinna|att betala|totalt|summa att betala|amount due|total|maksun määrä|"
    r"laskun summa|määrä"
)
LABELLED_AMOUNT = re.compile(
    r"(?:" + AMOUNT_LABELS + r")\b[^\d\n]{0,25}?(?:€\s?|eur\s?)?" + r"(?<![\d,.])" + _NUMBER,
    re.IGNORECASE,
)


def _to_decimal(whole: str, cents: str | None) -> Decimal | None:
    digits = re.sub(r"[ \u00a0\u202f.]", "", whole)
    try:
        value = Decimal(f"{digits}.{cents or '00'}")
    except InvalidOperation:
        return None
    return value if Decimal("0.01") <= value <= Decimal("1000000") else None


def amount(text: str) -> Decimal | None:
    """The amount to pay ("1 234,56 €", "1.234,56 EUR", "€ 12,50", "Yhteensä 245,60"): the last
    labelled total (totals come after the rows), else the largest euro amount in the letter."""
    labelled: list[Decimal] = []
    for match in LABELLED_AMOUNT.finditer(text):
        if not match[2] and not re.match(r"\s?(?:€|eur|euroa)", text[match.end() : match.end() + 6], re.I):
            continue  # a bare integer after a label is too often a day count or a year
        value = _to_decimal(match[1], match[2])
        if value is not None:
            labelled.append(value)
    if labelled:
        return labelled[-1]
    values = [
        value
        for regex in (AMOUNT_AFTER, AMOUNT_BEFORE)
        for match in regex.finditer(text)
        if (value := _to_decimal(match[1], match[2])) is not None
    ]
    return max(values) if values else None


# --- Reference numbers and IBAN ------------------------------------------------------------------------

REFERENCE_LABELS = re.compile(
    r"(?:viitenumero|viitenro|viite(?=\s*[:\d])|viitteellä|ref\.?\s?nr\.?|referensnummer|referens|"
    r"reference(?: number)?)\s*:?\s*((?:RF)?[0-9OoIl| ]{2,40})",
    re.IGNORECASE,
)
RF_ANYWHERE = re.compile(r"\bRF\s?\d{2}(?:\s?[0-9A-Z]){1,21}")
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})


def finnish_reference_is_valid(number: str) -> bool:
    """The Finnish reference number (viitenumero): 4–20 digits, the last a 7-3-1 check digit."""
    if not number.isdigit() or not 4 <= len(number) <= 20 or set(number) == {"0"}:
        return False
    body, check = number[:-1], int(number[-1])
    weights = (7, 3, 1)
    total = sum(int(digit) * weights[i % 3] for i, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def format_finnish_reference(number: str) -> str:
    """Groups of five from the right, as printed on Finnish invoices: "12345 67897"."""
    groups: list[str] = []
    while number:
        groups.insert(0, number[-5:])
        number = number[:-5]
    return " ".join(groups)


def reference_number(text: str) -> str | None:
    """A Finnish reference number after its label, or an RF creditor reference (ISO 11649) anywhere;
    only with a valid checksum."""
    for match in RF_ANYWHERE.finditer(text):
        compact = re.sub(r"\s", "", match[0])
        for length in range(len(compact), 4, -1):
            if iso11649.is_valid(compact[:length]):
                return iso11649.format(compact[:length])
    for match in REFERENCE_LABELS.finditer(text):
        raw = match[1].strip()
        if raw.upper().startswith("RF"):
            continue
        compact = re.sub(r"\s", "", raw.translate(_OCR_DIGITS))
        # The label may be followed by more numbers on the line: try the longest valid prefix.
        for length in range(min(len(compact), 20), 3, -1):
            candidate = compact[:length]
            if finnish_reference_is_valid(candidate):
                return format_finnish_reference(candidate)
    return None


IBAN_CANDIDATE = re.compile(r"\b([A-Z]{2}\s?\d{2}(?:\s?[A-Z0-9]){10,30})")


def iban(text: str) -> str | None:
    """The first valid IBAN (mod-97 and the country's length), Finnish ones first, in groups of four."""
    candidates = [re.sub(r"\s", "", match[1]) for match in IBAN_CANDIDATE.finditer(text)]
    candidates.sort(key=lambda value: not value.startswith("FI"))
    for compact in candidates:
        for length in range(min(len(compact), 34), 14, -1):
            if stdnum_iban.is_valid(compact[:length]):
                return stdnum_iban.format(compact[:length])
    return None


# --- Response and appeal deadlines ---------------------------------------------------------------------

# "Deemed received on the seventh day after sending" (hallintolaki 434/2003, 59 §, ordinary letter).
DEEMED_RECEIVED_DAYS = 7
NUMBER_WORDS = {
    "seitsemän": 7,
    "kymmenen": 10,
    "neljäntoista": 14,
    "kahden viikon": 14,
    "kolmenkymmenen": 30,
    "kuudenkymmenen": 60,
}
DAYS_WITHIN = re.compile(
    r"(?:(\d{1,3})|(seitsemän|kymmenen|neljäntoista|kolmenkymmenen|kuudenkymmenen))"
    r"\s*(?:\(\d{1,3}\)\s*)?(päivän|vuorokauden|viikon|kuukauden)\s+(?:kuluessa|sisällä|aikana)"
    r"|inom\s+(\d{1,3})\s+dagar|within\s+(\d{1,3})\s+days"
    r"|(kahden viikon|viikon|kuukauden)\s+(?:kuluessa|sisällä)",
    re.IGNORECASE,
)
FROM_RECEIPT = re.compile(
    r"tiedoksi\s?saa|tiedoksisaanti|päätöksen saamisesta|kun olet saanut|delfå|oikaisuvaatimu|"
    r"valitusosoitu|muutoksenhaku",
    re.IGNORECASE,
)
RESPONSE_CONTEXT = re.compile(
    r"toimit|lähet|vasta|oikaisu|valit|selvity|ilmoit|palaut|insänd|skicka|rättelse|reply|send",
    re.IGNORECASE,
)
PAYMENT_CONTEXT = re.compile(r"maks|betal|eräpäiv|\bpay", re.IGNORECASE)


@dataclass(frozen=True)
class Deadline:
    date: datetime.date | None
    days: int | None  # "30 päivän kuluessa" → 30; None for an explicit date
    from_receipt: bool  # counted from receiving the letter (deemed the 7th day after its date)
    estimate: bool  # True when computed, not printed in the letter


_FI_HOLIDAYS = holidays.country_holidays("FI")


def next_working_day(day: datetime.date) -> datetime.date:
    """A deadline on a weekend or a public holiday moves to the next working day (laki säädettyjen
    määräaikain laskemisesta 150/1930). Christmas Eve and Midsummer Eve count as holidays there too."""
    while day.weekday() >= 5 or day in _FI_HOLIDAYS or (day.month, day.day) == (12, 24):
        day += datetime.timedelta(days=1)
    return day


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, max(0, start - 1)), text.rfind("\n\n", 0, start))
    right_candidates = [pos for pos in (text.find(". ", end), text.find("\n\n", end)) if pos != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right]


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    return day


def response_deadline(
    text: str, dates: list[FoundDate], letter: datetime.date | None, due: datetime.date | None
) -> Deadline | None:
    """An explicit "… mennessä / viimeistään <date>" about answering, else "N päivän kuluessa"
    computed from the letter's date (plus the 7 days of deemed receipt when counted from receiving
    it), moved to the next working day. A computed date is always marked as an estimate."""
    for found in dates:
        if due and found.date == due:
            continue
        near = text[max(0, found.start - 30) : found.end + 20]
        if not re.search(r"mennessä|viimeistään|senast|by\b|before\b", near, re.IGNORECASE):
            continue
        sentence = _sentence_around(text, found.start, found.end)
        about_answering = RESPONSE_CONTEXT.search(sentence) and not PAYMENT_CONTEXT.search(sentence)
        if about_answering and (letter is None or found.date >= letter):
            return Deadline(found.date, None, False, False)
    for match in DAYS_WITHIN.finditer(text):
        sentence = _sentence_around(text, match.start(), match.end())
        if PAYMENT_CONTEXT.search(sentence) and not RESPONSE_CONTEXT.search(sentence):
            continue
        unit = (match[3] or "päivän").lower()
        if match[1] or match[4] or match[5]:
            count = int(match[1] or match[4] or match[5])
        elif match[2]:
            count = NUMBER_WORDS[match[2].lower()]
        else:
            phrase = match[6].lower()
            count, unit = {"kahden viikon": (14, "päivän"), "viikon": (7, "päivän")}.get(
                phrase, (1, "kuukauden")
            )
        if unit == "viikon":
            count, unit = count * 7, "päivän"
        if not 1 <= count <= 365:
            continue
        from_receipt = bool(FROM_RECEIPT.search(sentence) or FROM_RECEIPT.search(text))
        days = count if unit != "kuukauden" else None
        if letter is None:
            return Deadline(None, days, from_receipt, True)
        start = letter + datetime.timedelta(days=DEEMED_RECEIVED_DAYS if from_receipt else 0)
        end = _add_months(start, count) if unit == "kuukauden" else start + datetime.timedelta(days=count)
        return Deadline(next_working_day(end), days, from_receipt, True)
    return None


# --- Appointments ----------------------------------------------------------------------------------------

TIME_OF_DAY = re.compile(r"\b(?:klo|kello|kl\.?|at)\s*(\d{1,2})[.:](\d{2})\b", re.IGNORECASE)
PLACE_LABEL = re.compile(
    r"^\s*(?:paikka|tapaamispaikka|osoite|käyntiosoite|vastaanotto|plats|adress|besöksadress|place|address)"
    r"\s*:?\s*(.+)$",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class Appointment:
    date: datetime.date
    time: datetime.time | None
    place: str


def appointment(
    text: str, dates: list[FoundDate], letter: datetime.date | None, document_type: str
) -> Appointment | None:
    """A meeting in an invitation: a date with a time ("ti 14.4.2026 klo 10.00") and a place line."""
    if document_type not in (INVITATION, INFORMATION_REQUEST, DECISION, OTHER):
        return None
    for found in dates:
        if letter and found.date <= letter:
            continue
        window = text[found.end : found.end + 25]
        time_match = TIME_OF_DAY.search(window) or TIME_OF_DAY.search(
            text[max(0, found.start - 25) : found.start]
        )
        if time_match is None:
            continue
        hour, minute = int(time_match[1]), int(time_match[2])
        if hour > 23 or minute > 59:
            continue
        place_match = PLACE_LABEL.search(text)
        place = " ".join(place_match[1].split())[:200] if place_match else ""
        return Appointment(found.date, datetime.time(hour, minute), place)
    return None


# --- Everything together ----------------------------------------------------------------------------------


@dataclass
class LetterFacts:
    sender: Sender | None
    document_type: str
    letter_date: datetime.date | None
    due_date: datetime.date | None
    amount: Decimal | None
    reference_number: str | None
    iban: str | None
    deadline: Deadline | None
    appointment: Appointment | None
    terms: list[tuple[str, list[str]]] = field(default_factory=list)  # (glossary key, words as found)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON (dates as ISO strings, the amount as a string) for storing and the API."""

        def iso(value: datetime.date | datetime.time | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "sender": asdict(self.sender) if self.sender else None,
            "document_type": self.document_type,
            "letter_date": iso(self.letter_date),
            "due_date": iso(self.due_date),
            "amount": str(self.amount) if self.amount is not None else None,
            "reference_number": self.reference_number,
            "iban": self.iban,
            "deadline": (
                {
                    "date": iso(self.deadline.date),
                    "days": self.deadline.days,
                    "from_receipt": self.deadline.from_receipt,
                    "estimate": self.deadline.estimate,
                }
                if self.deadline
                else None
            ),
            "appointment": (
                {
                    "date": iso(self.appointment.date),
                    "time": iso(self.appointment.time),
                    "place": self.appointment.place,
                }
                if self.appointment
                else None
            ),
            "terms": [{"key": key, "found": found} for key, found in self.terms],
        }


def normalize_text(text: str) -> str:
    """Unify what OCR and copy-paste vary: dashes, non-breaking spaces, runs of spaces."""
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u00ad", "")
    text = re.sub(r"[\u00a0\u202f\t]", " ", text)
    text = re.sub(r"[ ]{2,}", " ", text)
    return text.strip()


def analyze(
    text: str, *, organization_names: list[str] | None = None, today: datetime.date | None = None
) -> LetterFacts:
    text = normalize_text(text)
    today = today or datetime.date.today()
    dates = find_dates(text)
    sender = detect_sender(text, organization_names)
    document_type = detect_document_type(text, sender)
    written = letter_date(text, dates, today)
    due = due_date(text, dates, written)
    return LetterFacts(
        sender=sender,
        document_type=document_type,
        letter_date=written,
        due_date=due,
        amount=amount(text),
        reference_number=reference_number(text),
        iban=iban(text),
        deadline=response_deadline(text, dates, written, due),
        appointment=appointment(text, dates, written, document_type),
        terms=find_terms(text),
    )
