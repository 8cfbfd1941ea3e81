"""Staff API of the statistics: ``GET /api/v1/organizations/<org>/statistics/?from=&to=``.

Session-authenticated like the staff pages (with the second factor when required), the same
permission (coordinator, reporting), 404 for another municipality. Every figure is suppressed: the
API is a way out of the staff view.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotopolku.accounts.decorators import is_fully_authenticated
from kotopolku.accounts.policy import Perm, require
from kotopolku.api.errors import ApiError
from kotopolku.appointments.apis import INVALID, NOT_FOUND, ErrorSerializer
from kotopolku.organizations.models import Organization
from kotopolku.statistics.periods import MAX_DAYS, Period
from kotopolku.statistics.selectors import Filters, build_report


class StatisticsQuerySerializer(serializers.Serializer):
    # "from" is a Python keyword: the field is declared under its public name below.
    to = serializers.DateField(help_text="Last day of the period (included), YYYY-MM-DD.")

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = serializers.DateField(help_text="First day of the period, YYYY-MM-DD.")
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["to"] < attrs["from"]:
            raise serializers.ValidationError({"to": _("The end date cannot be before the start date.")})
        if (attrs["to"] - attrs["from"]).days + 1 > MAX_DAYS:
            raise serializers.ValidationError({"to": _("Choose a period of at most three years.")})
        return attrs


class TableSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    header = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(
        child=serializers.ListField(child=serializers.JSONField()),
        help_text='Each row: its label, then the cells. "<5": 1–4; '
        '"x": hidden so that a total cannot reveal a small number.',
    )
    total = serializers.ListField(child=serializers.JSONField(), allow_null=True)


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    tables = TableSerializer(many=True)


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()


class StatisticsOutputSerializer(serializers.Serializer):
    organization = serializers.CharField()
    period = PeriodSerializer()
    sections = SectionSerializer(many=True)


class StatisticsApi(APIView):
    """The municipality's statistics for a period, small counts suppressed (staff only)."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Statistics of a period (staff, suppressed)",
        parameters=[StatisticsQuerySerializer],
        responses={
            200: StatisticsOutputSerializer,
            400: INVALID,
            403: OpenApiResponse(ErrorSerializer, description='"not_authenticated" or "permission_denied".'),
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, org: str) -> Response:
        if not is_fully_authenticated(request._request):
            raise ApiError(403, "not_authenticated", _("Log in to the staff pages first."))
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise Http404
        require(request.user, Perm.VIEW_STATISTICS, organization)
        query = StatisticsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        period = Period(query.validated_data["from"], query.validated_data["to"])
        report = build_report(Filters(organization=organization, period=period))
        data = {
            "organization": organization.slug,
            "period": {"start": period.start, "end": period.end},
            "sections": [
                {
                    "key": section.key,
                    "title": section.title,
                    "tables": [
                        {
                            "key": published.key,
                            "title": published.title,
                            "header": [str(cell) for cell in published.header],
                            "rows": published.body,
                            "total": published.footer,
                        }
                        for published in (table.published() for table in section.tables)
                    ],
                }
                for section in report.sections
            ],
        }
        return Response(StatisticsOutputSerializer(data).data)
