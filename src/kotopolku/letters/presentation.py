"""A reading's result as people see it (result page, staff page, API): labels in the active language."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language

from kotopolku.letters import advice, glossary
from kotopolku.letters.messages import DOCUMENT_TYPE_LABELS, sender_label


@dataclass
class FoundTerm:
    term: str
    explanation: str
    found: list[str]


@dataclass
class Presented:
    sender: str | None
    document_type: str
    document_type_label: str
    letter_date: datetime.date | None
    due_date: datetime.date | None
    amount: Decimal | None
    reference_number: str | None
    iban: str | None
    response_deadline: datetime.date | None
    deadline_days: int | None
    deadline_estimate: bool
    appointment_date: datetime.date | None
    appointment_time: datetime.time | None
    appointment_place: str
    terms: list[FoundTerm]
    next_steps: list[str]
    text: str
    reading: dict[str, Any]

    @property
    def has_facts(self) -> bool:
        return any(
            (
                self.letter_date,
                self.due_date,
                self.amount,
                self.reference_number,
                self.iban,
                self.response_deadline,
                self.deadline_days,
                self.appointment_date,
            )
        )


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def present(result: dict[str, Any], *, organization_name: str) -> Presented:
    facts = result["facts"]
    deadline = facts.get("deadline") or {}
    meeting = facts.get("appointment") or {}
    language = get_language()
    known = glossary.terms()
    terms = [
        FoundTerm(known[item["key"]].term, known[item["key"]].explanation(language), item["found"])
        for item in facts.get("terms", [])
        if item["key"] in known
    ]
    return Presented(
        sender=sender_label(facts.get("sender")),
        document_type=facts["document_type"],
        document_type_label=str(DOCUMENT_TYPE_LABELS[facts["document_type"]]),
        letter_date=_date(facts.get("letter_date")),
        due_date=_date(facts.get("due_date")),
        amount=Decimal(facts["amount"]) if facts.get("amount") else None,
        reference_number=facts.get("reference_number"),
        iban=facts.get("iban"),
        response_deadline=_date(deadline.get("date")),
        deadline_days=deadline.get("days"),
        deadline_estimate=bool(deadline.get("estimate")),
        appointment_date=_date(meeting.get("date")),
        appointment_time=datetime.time.fromisoformat(meeting["time"]) if meeting.get("time") else None,
        appointment_place=meeting.get("place", ""),
        terms=terms,
        next_steps=advice.next_steps(facts, organization_name=organization_name),
        text=result.get("text", ""),
        reading=result.get("reading", {}),
    )
