"""What to do next, in plain words, from what was found in the letter. Always ends with the way to a
person and the honest note that this is guidance, not a decision."""

# ruff: noqa: E501 (translatable sentences stay whole on one line for translators)

from __future__ import annotations

import datetime
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from kotopolku.letters import extraction
from kotopolku.letters.messages import sender_label


def _date(value: str | None) -> str:
    return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT") if value else ""


def _money(value: str | None) -> str:
    return (formats.number_format(value, decimal_pos=2, use_l10n=True) + " €") if value else ""


def next_steps(facts: dict[str, Any], *, organization_name: str) -> list[str]:
    kind = facts["document_type"]
    due, amount = _date(facts.get("due_date")), _money(facts.get("amount"))
    deadline = facts.get("deadline") or {}
    reply_by = _date(deadline.get("date"))
    steps: list[str] = []

    if kind in (extraction.INVOICE, extraction.PAYMENT_REMINDER):
        if amount and due:
            steps.append(_("Pay %(amount)s by %(date)s.") % {"amount": amount, "date": due})
        elif amount:
            steps.append(_("Pay %(amount)s by the due date in the letter.") % {"amount": amount})
        else:
            steps.append(_("Pay the bill by the due date in the letter."))
        if facts.get("reference_number") or facts.get("iban"):
            steps.append(
                _(
                    "In your online bank, copy the account number (IBAN) and the reference number exactly as in the letter."
                )
            )
        steps.append(
            _(
                "If you cannot pay in time, call the sender before the due date and ask for more time or a payment plan."
            )
        )
        if kind == extraction.PAYMENT_REMINDER:
            steps.append(
                _(
                    "This is a reminder: the bill is late. Pay it now, or the debt may go to debt collection and cost more."
                )
            )
    elif kind == extraction.COLLECTION_DEMAND:
        steps += [
            _("Do not ignore this letter. Check that the debt is really yours and the sum is right."),
            _("If the debt is wrong, tell the collection agency in writing before the due date."),
            _("If you cannot pay all at once, ask the collection agency for a payment plan."),
            _(
                "Free help: the financial and debt advice service (talous- ja velkaneuvonta) of the legal aid office."
            ),
        ]
    elif kind == extraction.DECISION:
        steps.append(_("Read what was decided and from which date. Keep the letter in a safe place."))
        if reply_by:
            steps.append(
                _(
                    "If you think the decision is wrong, you can ask for it to be corrected (oikaisuvaatimus). "
                    "Do it by %(date)s."
                )
                % {"date": reply_by}
            )
        else:
            steps.append(
                _(
                    "If you think the decision is wrong, you can ask for it to be corrected (oikaisuvaatimus). "
                    "The letter tells how and by when."
                )
            )
    elif kind == extraction.INFORMATION_REQUEST:
        if reply_by:
            steps.append(
                _("Send the information or documents they ask for by %(date)s.") % {"date": reply_by}
            )
        else:
            steps.append(_("Send the information or documents they ask for by the date in the letter."))
        steps.append(
            _(
                "If you do not answer in time, they may decide with the information they have, or stop handling your application."
            )
        )
    elif kind == extraction.INVITATION:
        meeting = facts.get("appointment")
        if meeting:
            when = _date(meeting["date"]) + (f" {meeting['time'][:5]}" if meeting.get("time") else "")
            steps.append(_("Go to the appointment: %(when)s.") % {"when": when})
            if meeting.get("place"):
                steps.append(_("Place: %(place)s") % {"place": meeting["place"]})
        else:
            steps.append(_("Go to the appointment at the time and place in the letter."))
        steps.append(_("If you cannot come, tell them before the appointment and ask for a new time."))
        if (facts.get("sender") or {}).get("code") == extraction.EMPLOYMENT:
            steps.append(
                _("Missing an appointment with the employment services can affect your unemployment benefit.")
            )
        steps.append(_("You can ask for an interpreter if you need one."))
    else:
        steps.append(_("We could not tell what kind of letter this is. Bring it to a counselor."))

    sender = facts.get("sender") or {}
    if sender.get("code") == extraction.MIGRI:
        steps.append(_("Residence permit matters have strict deadlines. Ask for help early."))
    if reply_by and kind not in (extraction.DECISION, extraction.INFORMATION_REQUEST):
        steps.append(_("Answer or act by %(date)s.") % {"date": reply_by})
    if deadline.get("estimate") and reply_by:
        steps.append(
            _(
                "The date %(date)s is an estimate: the letter gives a number of days, and an ordinary letter counts "
                "as received on the 7th day after it was sent. Check the exact date with a counselor."
            )
            % {"date": reply_by}
        )
    label = sender_label(facts.get("sender"))
    if label:
        steps.append(
            _("Questions about the letter itself: contact the sender (%(sender)s).") % {"sender": label}
        )
    steps.append(
        _(
            "Not sure? Come to the drop-in hour or book an appointment with the integration services of "
            "%(organization)s. Bring the letter with you."
        )
        % {"organization": organization_name}
    )
    steps.append(
        _(
            "This is guidance made by a computer, not a decision. The letter itself and the sender's instructions always count."
        )
    )
    return steps
