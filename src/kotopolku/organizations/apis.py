"""Public read API of municipalities and their services. Texts in the request's language."""

from __future__ import annotations

from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotopolku.core.ratelimits import public_api_rate
from kotopolku.organizations import selectors

LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    description="Language of the texts (fi, sv, en, ar, fa, ru, uk, so). Default: Accept-Language.",
)
public_api_limit = method_decorator(ratelimit(key="ip", rate=public_api_rate, block=True), name="dispatch")


class OrganizationOutputSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, obj: object) -> str:
        from django.urls import reverse

        return reverse("public:home", kwargs={"org": obj.slug})  # type: ignore[attr-defined]


class ServiceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.CharField(source="service_type")
    name = serializers.CharField()
    description = serializers.CharField()
    bookable = serializers.BooleanField()
    duration = serializers.IntegerField(source="duration_minutes", help_text="Minutes.")


@public_api_limit
class OrganizationListApi(APIView):
    @extend_schema(parameters=[LANG_PARAMETER], responses=OrganizationOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        organizations = selectors.organization_list_public()
        return Response(OrganizationOutputSerializer(organizations, many=True).data)


@public_api_limit
class ServiceListApi(APIView):
    @extend_schema(parameters=[LANG_PARAMETER], responses=ServiceOutputSerializer(many=True))
    def get(self, request: Request, org: str) -> Response:
        organization = selectors.organization_get_public(slug=org)
        services = selectors.service_list_public(organization=organization)
        return Response(ServiceOutputSerializer(services, many=True).data)
