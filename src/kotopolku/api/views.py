from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def api_root(request: HttpRequest) -> JsonResponse:
    """``/api/``: where the documentation and the first resources are (JSON, like the rest of /api/)."""
    return JsonResponse(
        {
            "schema": reverse("api-schema"),
            "docs": reverse("api-docs"),
            "organizations": reverse("api-organizations"),
        }
    )
