"""Words for people: error messages, kinds of letter and senders, in the active language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kotopolku.letters import extraction

ERROR_MESSAGES: dict[str, Any] = {
    "empty": _("The file is empty. Choose the photo or PDF of the letter again."),
    "no_input": _("Choose a photo or a PDF of the letter, or paste its text."),
    "both_inputs": _("Send either a file or text, not both."),
    "too_large": _("The file is larger than 10 MB. Take a new photo or send a smaller file."),
    "unsupported_type": _(
        "This file is not a JPEG or PNG image or a PDF. Take a photo of the letter or send it as a PDF."
    ),
    "corrupt": _("The file is damaged and cannot be opened. Take a new photo or save the PDF again."),
    "image_too_large": _(
        "The image is too big to read (too many pixels). Take a normal photo of the letter with your phone."
    ),
    "image_too_small": _("The image is too small to read. Take a sharper photo, close to the letter."),
    "too_many_pages": _("The PDF has more than 10 pages. Send only the pages of the letter (at most 10)."),
    "pdf_encrypted": _("The PDF is protected with a password. Save it without the password or take a photo."),
    "ocr_timeout": _(
        "Reading the letter took too long. Try a sharper photo of one page at a time, or paste the text."
    ),
    "ocr_failed": _("The letter could not be read. Try a sharper photo, or paste the text."),
    "ocr_unavailable": _(
        "Reading photos is not available right now. Paste the text or come to the drop-in hour."
    ),
    "no_text": _(
        "No text was found in the letter. Take a sharper photo in good light, with the whole page visible."
    ),
    "text_too_long": _("The text is too long. Paste only the letter, at most 20,000 characters."),
    "expired": _("This reading has been deleted. Send the letter again."),
}

DOCUMENT_TYPE_LABELS: dict[str, Any] = {
    extraction.DECISION: _("Decision"),
    extraction.INVOICE: _("Invoice (bill)"),
    extraction.PAYMENT_REMINDER: _("Payment reminder"),
    extraction.COLLECTION_DEMAND: _("Debt collection letter"),
    extraction.INFORMATION_REQUEST: _("Request for more information"),
    extraction.INVITATION: _("Invitation to an appointment"),
    extraction.OTHER: _("Other letter"),
}

SENDER_KINDS: dict[str, Any] = {
    extraction.KELA: _("Kela (social security)"),
    extraction.MIGRI: _("Finnish Immigration Service"),
    extraction.VERO: _("Tax Administration"),
    extraction.DVV: _("Digital and Population Data Services Agency"),
    extraction.EMPLOYMENT: _("Employment services"),
    extraction.MUNICIPALITY: _("Your municipality"),
    extraction.WELLBEING: _("Wellbeing services county (social and health services)"),
    extraction.ENERGY: _("Energy company"),
    extraction.TELECOM: _("Telecom company"),
    extraction.BANK: _("Bank"),
    extraction.DEBT_COLLECTION: _("Debt collection agency"),
}


def error_message(code: str) -> str:
    return str(ERROR_MESSAGES.get(code, ERROR_MESSAGES["ocr_failed"]))


def sender_label(sender: dict[str, str] | None) -> str | None:
    """ "Kela", or "Fortum – Energy company", or just the kind when no name was found."""
    if not sender:
        return None
    kind = str(SENDER_KINDS.get(sender["code"], ""))
    name = sender.get("name") or ""
    if sender["code"] in (extraction.KELA,):
        return name or kind
    if name and kind:
        return f"{name} – {kind}"
    return name or kind
