"""Demo data: the City of Heinola (from its public page, ../shared/seed/) and one invented municipality.

Texts are given per language; a language left out falls back to Finnish. The staff names are
invented; the public page's roles (immigration coordinator, integration counselor) are real.
"""

from __future__ import annotations

from datetime import time

T = dict[str, str]  # language code -> text

DEMO_PASSWORD = "kotopolku-demo-2026"

HEINOLA: dict = {
    "slug": "heinola",
    "name": {
        "fi": "Heinola", "sv": "Heinola", "en": "Heinola", "ar": "هاينولا", "fa": "هاینولا",
        "ru": "Хейнола", "uk": "Гейнола", "so": "Heinola",
    },
    "unit_name": {
        "fi": "Kotoutumispalvelut", "sv": "Integrationstjänster", "en": "Integration services",
    },
    "intro": {
        "fi": "Kotoutumisen työntekijöiltä voi saada neuvontaa ja ohjausta kaikki heinolalaiset maahan muuttaneet. "
        "Työntekijöitä on kaksi: maahanmuuttokoordinaattori ja kotouttamisohjaaja. Asiakastapaamiset ajanvarauksella.",
        "sv": "Alla invandrare som bor i Heinola kan få råd och handledning av integrationsarbetarna. "
        "Det finns två arbetare: invandrarkoordinatorn och integrationshandledaren. Möten enligt tidsbokning.",
        "en": "All immigrants who live in Heinola can get advice and guidance from the integration workers. "
        "There are two workers: the immigration coordinator and the integration counselor. Meetings are by appointment.",
    },
    "booking_instructions": {
        "fi": "Varaa aika soittamalla tai lähettämällä sähköpostia. Kerro, millä kielellä haluat asioida ja tarvitsetko tulkkia.",
        "sv": "Boka en tid per telefon eller e-post. Berätta vilket språk du vill använda och om du behöver en tolk.",
        "en": "Book a time by phone or email. Tell us which language you want to use and whether you need an interpreter.",
    },
    "contact_phone": "+358 3 000 0000",
    "contact_email": "kotoutuminen@heinola.example",
    "accessibility_feedback_email": "saavutettavuus@heinola.example",
    "accessibility_statement": {
        "fi": "Emme tiedä tällä hetkellä saavutettavuuden puutteista. Jos löydät sellaisen, kerro meille palautelomakkeella.",
        "sv": "Vi känner inte till några brister i tillgängligheten för närvarande. Om du hittar en, berätta det för oss med responsformuläret.",
        "en": "We do not know of any accessibility problems at the moment. If you find one, please tell us with the feedback form.",
    },
    "places": [
        {
            "key": "heimo",
            "name": {"fi": "HeiMo-kahvila", "sv": "HeiMo-kaféet", "en": "HeiMo café"},
            "street_address": "Kaivokatu 14",
            "postal_code": "18100",
            "city": "Heinola",
            "description": {
                "fi": "Jyränkölän HeiMo-kahvila on kaupungin monikulttuurinen kohtaamispaikka.",
                "sv": "HeiMo-kaféet i Jyränkölä är stadens mångkulturella mötesplats.",
                "en": "HeiMo café in Jyränkölä is the city's multicultural meeting place.",
            },
        },
        {
            "key": "office",
            "name": {"fi": "Kotoutumispalvelujen toimisto", "sv": "Integrationstjänsternas kontor", "en": "Integration services office"},
            "street_address": "Rauhankatu 3",
            "postal_code": "18100",
            "city": "Heinola",
            "description": {
                "fi": "Tapaamiset ajanvarauksella.",
                "sv": "Möten enligt tidsbokning.",
                "en": "Meetings by appointment.",
            },
        },
    ],
    "hours": [
        {
            "kind": "drop_in",
            "place": "heimo",
            "weekday": 1,
            "start": time(12, 15),
            "end": time(13, 0),
            "note": {
                "fi": "Kotouttamisohjaaja päivystää. Voit tulla ilman ajanvarausta.",
                "sv": "Integrationshandledaren har jour. Du kan komma utan tidsbokning.",
                "en": "The integration counselor is on duty. You can come without an appointment.",
            },
        },
    ],
    "services": [
        {
            "type": "initial_phase",
            "duration": 60,
            "name": {"fi": "Kotoutumisen alkuvaihe", "sv": "Integrationens inledande skede", "en": "Starting your life in Heinola"},
            "description": {
                "fi": "Autamme alkuvaiheen järjestelyissä, kun olet juuri muuttanut Heinolaan.",
                "sv": "Vi hjälper dig med det praktiska när du just har flyttat till Heinola.",
                "en": "We help you with the first arrangements when you have just moved to Heinola.",
            },
        },
        {
            "type": "quota_reception",
            "duration": 60,
            "bookable": False,
            "name": {"fi": "Kiintiöpakolaisten vastaanotto", "sv": "Mottagande av kvotflyktingar", "en": "Reception of quota refugees"},
            "description": {
                "fi": "Järjestämme kiintiöpakolaisten vastaanoton: asunnon, rekisteröinnit ja ensimmäiset viikot kaupungissa.",
                "sv": "Vi ordnar mottagandet av kvotflyktingar: bostad, registreringar och de första veckorna i staden.",
                "en": "We arrange the reception of quota refugees: housing, registrations and the first weeks in town.",
            },
        },
        {
            "type": "guidance",
            "duration": 45,
            "name": {"fi": "Arjen tuki, opastus ja neuvonta", "sv": "Stöd, handledning och råd i vardagen", "en": "Everyday support, guidance and advice"},
            "description": {
                "fi": "Neuvomme arjen asioissa, esimerkiksi kun olet saanut kirjeen, jota et ymmärrä.",
                "sv": "Vi ger råd i vardagliga frågor, till exempel när du har fått ett brev som du inte förstår.",
                "en": "We give advice in everyday matters, for example when you have received a letter you do not understand.",
            },
        },
        {
            "type": "permits",
            "duration": 45,
            "name": {"fi": "Oleskelulupa- ja kansalaisuusasiat", "sv": "Uppehållstillstånd och medborgarskap", "en": "Residence permit and citizenship"},
            "description": {
                "fi": "Neuvomme ja autamme oleskelulupaan ja kansalaisuuteen liittyvissä asioissa.",
                "sv": "Vi ger råd och hjälper dig i frågor om uppehållstillstånd och medborgarskap.",
                "en": "We give advice and help with residence permits and citizenship.",
            },
        },
        {
            "type": "hobbies",
            "duration": 30,
            "name": {"fi": "Apua harrastuksen löytämiseen", "sv": "Hjälp att hitta en hobby", "en": "Help with finding a hobby"},
            "description": {
                "fi": "Kotouttamisohjaaja auttaa sinua löytämään harrastuksen ja pääsemään mukaan.",
                "sv": "Integrationshandledaren hjälper dig att hitta en hobby och komma med.",
                "en": "The integration counselor helps you find a hobby and join in.",
            },
        },
    ],
    "staff": [
        {
            "username": "koordinaattori",
            "first_name": "Helmi",
            "last_name": "Virtanen",
            "role": "coordinator",
            "public": True,
            "job_title": {"fi": "maahanmuuttokoordinaattori", "sv": "invandrarkoordinator", "en": "immigration coordinator"},
        },
        {
            "username": "ohjaaja",
            "first_name": "Aino",
            "last_name": "Laine",
            "role": "counselor",
            "public": True,
            "job_title": {"fi": "kotouttamisohjaaja", "sv": "integrationshandledare", "en": "integration counselor"},
        },
        {
            "username": "raportointi",
            "first_name": "Raili",
            "last_name": "Raportti",
            "role": "reporting",
            "public": False,
            "job_title": {"fi": "talouspäällikkö", "en": "finance manager"},
        },
    ],
}

JARVELA: dict = {
    "slug": "jarvela",
    "name": {"fi": "Järvelä (esimerkkikunta)", "sv": "Järvelä (exempelkommun)", "en": "Järvelä (example municipality)"},
    "unit_name": {"fi": "Maahanmuuttajapalvelut", "sv": "Invandrartjänster", "en": "Immigrant services"},
    "intro": {
        "fi": "Keksitty esimerkkikunta, joka näyttää, että kunnat ovat samassa palvelussa toisistaan erillään.",
        "sv": "En påhittad exempelkommun som visar att kommunerna i samma tjänst är åtskilda.",
        "en": "An invented example municipality that shows that municipalities on one installation are kept apart.",
    },
    "booking_instructions": {"fi": "Soita neuvontaan arkisin klo 9–15.", "sv": "Ring rådgivningen vardagar kl. 9–15.", "en": "Call the advice line on weekdays 9–15."},
    "contact_phone": "+358 40 000 0000",
    "contact_email": "neuvonta@jarvela.example",
    "accessibility_feedback_email": "",
    "accessibility_statement": {},
    "places": [
        {
            "key": "library",
            "name": {"fi": "Järvelän kirjasto", "sv": "Järvelä bibliotek", "en": "Järvelä library"},
            "street_address": "Kirjastotie 1",
            "postal_code": "99999",
            "city": "Järvelä",
            "description": {},
        },
    ],
    "hours": [
        {"kind": "drop_in", "place": "library", "weekday": 3, "start": time(10, 0), "end": time(12, 0), "note": {}},
    ],
    "services": [
        {
            "type": "guidance",
            "duration": 45,
            "name": {"fi": "Neuvonta ja ohjaus", "sv": "Rådgivning och handledning", "en": "Advice and guidance"},
            "description": {},
        },
    ],
    "staff": [
        {
            "username": "jarvela-koordinaattori",
            "first_name": "Juhani",
            "last_name": "Järvinen",
            "role": "coordinator",
            "public": True,
            "job_title": {"fi": "kotoutumiskoordinaattori", "en": "integration coordinator"},
        },
        {
            "username": "jarvela-ohjaaja",
            "first_name": "Sanna",
            "last_name": "Saarinen",
            "role": "counselor",
            "public": False,
            "job_title": {},
        },
    ],
}

MUNICIPALITIES = [HEINOLA, JARVELA]
SYSTEM_ADMIN_USERNAME = "admin"
