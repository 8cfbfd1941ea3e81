"""One test (or a few) per extraction rule."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from kotopolku.letters import corpus, extraction, glossary
from kotopolku.letters.extraction import analyze

TODAY = datetime.date(2026, 11, 1)


def facts(text: str, **kwargs):
    return analyze(text, organization_names=["Heinola"], today=TODAY, **kwargs)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kela\nKansaneläkelaitos\nPäätös", extraction.KELA),
        ("Maahanmuuttovirasto\nPäätös oleskeluluvasta", extraction.MIGRI),
        ("Verohallinto\nVerotuspäätös", extraction.VERO),
        ("Digi- ja väestötietovirasto\nIlmoitus", extraction.DVV),
        ("KEHA-keskus\nTyöllisyyspalvelut\nKutsu", extraction.EMPLOYMENT),
        ("Heinolan kaupunki\nVarhaiskasvatus", extraction.MUNICIPALITY),
        ("Päijät-Hämeen hyvinvointialue\nAsiakasmaksu", extraction.WELLBEING),
        ("Fortum\nSähkösopimus\nLasku", extraction.ENERGY),
        ("Elisa Oyj\nPuhelinliittymä\nLasku", extraction.TELECOM),
        ("Nordea Pankki\nTiliote", extraction.BANK),
        ("Lowell Suomi Oy\nPerintätoimisto\nPerimme saatavaa", extraction.DEBT_COLLECTION),
    ],
)
def test_sender(text, code):
    sender = facts(text).sender
    assert sender is not None and sender.code == code


def test_municipality_sender_is_named_after_the_organization():
    sender = facts("Heinolan kaupunki\nPäätös").sender
    assert sender == extraction.Sender(extraction.MUNICIPALITY, "Heinola")
    assert facts("Järvelän kunta\nPäätös").sender is None  # another municipality is not "yours"


def test_no_sender_when_nothing_matches():
    assert facts("Hei! Tervetuloa juhliin.").sender is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("PÄÄTÖS\nOlemme myöntäneet tukea. Oikaisuvaatimus 30 päivän kuluessa.", extraction.DECISION),
        ("LASKU\nEräpäivä 1.2.2026\nMaksettava yhteensä 10,00 €", extraction.INVOICE),
        ("MAKSUMUISTUTUS\nLasku on vielä maksamatta. Eräpäivä 1.2.2026", extraction.PAYMENT_REMINDER),
        ("Intrum Oy\nPERINTÄKIRJE\nLasku on siirretty perintään.", extraction.COLLECTION_DEMAND),
        ("LISÄSELVITYSPYYNTÖ\nPyydämme toimittamaan palkkalaskelmat.", extraction.INFORMATION_REQUEST),
        ("KUTSU TAPAAMISEEN\nAika 3.3.2026 klo 10.00", extraction.INVITATION),
        ("Hyvä asiakas, tiedotamme aukioloajoista.", extraction.OTHER),
    ],
)
def test_document_type(text, kind):
    assert facts(text).document_type == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Päivämäärä 3.3.2026", datetime.date(2026, 3, 3)),
        ("Pvm 03.03.26", datetime.date(2026, 3, 3)),
        ("Päiväys 12. maaliskuuta 2026", datetime.date(2026, 3, 12)),
        ("Datum 5 mars 2026", datetime.date(2026, 3, 5)),
        ("Date 2026-03-07", datetime.date(2026, 3, 7)),
        ("Heinola\n4.3.2026\nPÄÄTÖS", datetime.date(2026, 3, 4)),
    ],
)
def test_letter_date_formats(text, expected):
    assert facts(text).letter_date == expected


def test_letter_date_sanity():
    assert facts("Päivämäärä 31.2.2026").letter_date is None  # no such day
    assert facts("Päivämäärä 3.3.2031").letter_date is None  # in the future
    assert facts("Eräpäivä 3.3.2026").letter_date is None  # a deadline is not the letter's date


def test_due_date():
    result = facts("Päivämäärä 2.2.2026\nEräpäivä 23.2.2026")
    assert result.due_date == datetime.date(2026, 2, 23)
    assert facts("Päivämäärä 2.2.2026\nEräpäivä 1.1.2020").due_date is None  # before the letter


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maksettava yhteensä 1 234,56 €", Decimal("1234.56")),
        ("Yhteensä 1.234,56 EUR", Decimal("1234.56")),
        ("Summa € 12,50", Decimal("12.50")),
        ("Avoin saldo 49,90", Decimal("49.90")),
        ("Tuki on 345,20 € kuukaudessa.", Decimal("345.20")),
        ("Maksu 12 €", Decimal("12.00")),
        ("Rivi 5,00 €\nYhteensä 7,50 €", Decimal("7.50")),
    ],
)
def test_amount_finnish_formats(text, expected):
    assert facts(text).amount == expected


def test_amount_ignores_dates_and_day_counts():
    assert facts("Yhteensä 30 päivän kuluessa 12.3.2026").amount is None


def test_finnish_reference_number_checksum():
    assert extraction.finnish_reference_is_valid("1232")
    assert extraction.finnish_reference_is_valid("1234567897")
    assert not extraction.finnish_reference_is_valid("1234567890")
    assert facts("Viitenumero 12345 67897").reference_number == "12345 67897"
    assert facts("Viitenumero 12345 67890").reference_number is None
    assert facts("Viite: 1232").reference_number == "1232"


def test_rf_creditor_reference():
    assert facts("Viitenumero RF18 5390 0754 7034").reference_number == "RF18 5390 0754 7034"
    assert facts("RF19 5390 0754 7034").reference_number is None  # wrong check digits


def test_iban_validated():
    assert facts("Tilinumero FI21 1234 5600 0007 85").iban == "FI21 1234 5600 0007 85"
    assert facts("Tilinumero FI2112345600000785").iban == "FI21 1234 5600 0007 85"
    assert facts("Tilinumero FI22 1234 5600 0007 85").iban is None


def test_deadline_explicit_date():
    result = facts("Päivämäärä 5.2.2026\nToimita lisäselvitys viimeistään 5.3.2026.")
    assert result.deadline == extraction.Deadline(datetime.date(2026, 3, 5), None, False, False)


def test_deadline_days_from_receipt_adds_seven_days_and_moves_to_a_working_day():
    # 3.3.2026 + 7 (deemed received) + 30 = 9.4.2026, a Thursday
    result = facts(
        "Päivämäärä 3.3.2026\nOikaisuvaatimus on tehtävä 30 päivän kuluessa päätöksen tiedoksisaannista."
    )
    assert result.deadline == extraction.Deadline(datetime.date(2026, 4, 9), 30, True, True)
    # 20.1.2026 + 7 + 14 = 10.2.2026 (Tuesday)
    assert facts(
        "Päivämäärä 20.1.2026\nOikaisuvaatimus on tehtävä 14 päivän kuluessa tiedoksisaannista."
    ).deadline.date == datetime.date(2026, 2, 10)


def test_deadline_on_a_holiday_moves_to_the_next_working_day():
    assert extraction.next_working_day(datetime.date(2026, 12, 6)) == datetime.date(2026, 12, 7)  # Sunday
    assert extraction.next_working_day(datetime.date(2026, 12, 24)) == datetime.date(2026, 12, 28)


def test_deadline_days_without_a_letter_date_are_kept_as_days():
    result = facts("Vastaa 14 päivän kuluessa.")
    assert result.deadline == extraction.Deadline(None, 14, False, True)


def test_payment_terms_are_not_a_response_deadline():
    assert facts("Päivämäärä 2.2.2026\nMaksa lasku 14 päivän kuluessa.").deadline is None


def test_appointment():
    result = facts("Päiväys 2.3.2026\nKUTSU\nAika: ti 17.3.2026 klo 10.00\nPaikka: Kauppakatu 11, Heinola")
    assert result.appointment == extraction.Appointment(
        datetime.date(2026, 3, 17), datetime.time(10, 0), "Kauppakatu 11, Heinola"
    )


def test_glossary_matches_inflected_forms_and_keeps_the_original_words():
    found = dict(facts("Päätöksen perustelut. Oikaisuvaatimuksen voi tehdä. Eräpäivä 1.2.2026").terms)
    assert found["paatos"] == ["Päätöksen"]
    assert found["oikaisuvaatimus"] == ["Oikaisuvaatimuksen"]
    assert found["erapaiva"] == ["Eräpäivä"]


def test_glossary_has_at_least_150_terms_in_every_language():
    terms = glossary.terms()
    assert len(terms) >= 150
    for term in terms.values():
        assert set(term.explanations) == {"fi", "sv", "en", "ar", "fa", "ru", "uk", "so"}, term.key
        assert all(text.strip() for text in term.explanations.values()), term.key
    assert terms["paatos"].explanation("en").startswith("The authority")


@pytest.mark.parametrize("letter", corpus.LETTERS, ids=lambda letter: letter.name)
def test_corpus_letters_from_text(letter):
    actual = corpus.actual_fields(facts(letter.text).to_json())
    assert {name: actual[name] for name in letter.expected} == letter.expected


def test_a_longer_term_covers_a_shorter_one():
    found = dict(facts("LISÄSELVITYSPYYNTÖ\nToimita lisäselvitys.").terms)
    assert found["lisaselvityspyynto"] == ["LISÄSELVITYSPYYNTÖ"]
    assert found["lisaselvitys"] == ["lisäselvitys"]
