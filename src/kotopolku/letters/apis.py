"""``POST /api/v1/organizations/<org>/letters/``: read a letter synchronously (file or text)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotopolku.api.errors import ApiError
from kotopolku.appointments.apis import NOT_FOUND, RATE_LIMITED, ErrorSerializer
from kotopolku.letters import services
from kotopolku.letters.messages import error_message
from kotopolku.letters.presentation import present
from kotopolku.letters.ratelimits import letters_rate
from kotopolku.letters.reading import MAX_BYTES, ReadingError
from kotopolku.organizations import selectors as organization_selectors

SUPPORTED = {code for code, _name in settings.LANGUAGES}


class LetterInputSerializer(serializers.Serializer):
    file = serializers.FileField(required=False, help_text="JPEG, PNG or PDF; at most 10 MB and 10 pages.")
    text = serializers.CharField(
        required=False, allow_blank=True, help_text="The letter's text, instead of a file."
    )
    language = serializers.CharField(
        required=False,
        help_text="Language of the explanations (fi, sv, en, ar, fa, ru, uk, so); default Accept-Language.",
    )


class TermOutputSerializer(serializers.Serializer):
    term = serializers.CharField(help_text="The Finnish term.")
    explanation = serializers.CharField(help_text="Plain explanation in the requested language.")


class LetterOutputSerializer(serializers.Serializer):
    sender = serializers.CharField(allow_null=True)
    document_type = serializers.ChoiceField(
        choices=[
            "decision",
            "invoice",
            "payment_reminder",
            "collection_demand",
            "information_request",
            "invitation",
            "other",
        ]
    )
    letter_date = serializers.DateField(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True, coerce_to_string=True)
    reference_number = serializers.CharField(allow_null=True, help_text="Finnish reference or RF reference.")
    iban = serializers.CharField(allow_null=True)
    response_deadline = serializers.DateField(
        allow_null=True, help_text="Answer or appeal deadline; may be an estimate (see next_steps)."
    )
    terms = TermOutputSerializer(many=True)
    next_steps = serializers.ListField(child=serializers.CharField())


@method_decorator(ratelimit(key="ip", rate=letters_rate, block=True, group="letters"), name="dispatch")
class LetterReadApi(APIView):
    """Read a letter: who sent it, what kind, key facts, terms explained, next steps. Nothing is stored."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        summary="Read a letter",
        request={"multipart/form-data": LetterInputSerializer, "application/json": LetterInputSerializer},
        responses={
            200: LetterOutputSerializer,
            400: OpenApiResponse(
                ErrorSerializer,
                description="code: no_input, both_inputs, too_large, unsupported_type, corrupt, "
                "image_too_large, too_many_pages, pdf_encrypted, ocr_timeout, no_text, text_too_long …",
            ),
            404: NOT_FOUND,
            429: RATE_LIMITED,
        },
    )
    def post(self, request: Request, org: str) -> Response:
        organization = organization_selectors.organization_get_public(slug=org)
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BYTES + 64 * 1024:
            raise ApiError(400, "too_large", error_message("too_large"))
        language = str(request.data.get("language") or "") if hasattr(request.data, "get") else ""
        with translation.override(language if language in SUPPORTED else translation.get_language()):
            return Response(self._read(request, organization))

    def _read(self, request: Request, organization: Any) -> dict[str, Any]:
        upload = request.FILES.get("file")
        text = request.data.get("text") if hasattr(request.data, "get") else None
        text = text if isinstance(text, str) and text.strip() else None
        try:
            if upload is None and text is None:
                raise ReadingError("no_input")
            if upload is not None and text is not None:
                raise ReadingError("both_inputs")
            if upload is not None:
                if upload.size > MAX_BYTES:
                    raise ReadingError("too_large")
                result = services.read_letter(organization=organization, data=upload.read())
            else:
                result = services.read_letter(organization=organization, text=text)
        except ReadingError as error:
            raise ApiError(400, error.code, error_message(error.code)) from error
        shown = present(result, organization_name=organization.name)
        data = {
            "sender": shown.sender,
            "document_type": shown.document_type,
            "letter_date": shown.letter_date,
            "due_date": shown.due_date,
            "amount": shown.amount,
            "reference_number": shown.reference_number,
            "iban": shown.iban,
            "response_deadline": shown.response_deadline,
            "terms": [{"term": term.term, "explanation": term.explanation} for term in shown.terms],
            "next_steps": shown.next_steps,
        }
        return dict(LetterOutputSerializer(data).data)
