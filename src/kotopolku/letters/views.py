"""Public letter helper pages under /<lang>/<org>/letters/. Thin: forms, services, selectors."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from kotopolku.letters import selectors, services
from kotopolku.letters.forms import LetterForm, ShareForm
from kotopolku.letters.messages import error_message
from kotopolku.letters.models import LetterJob, SharedLetter, format_code
from kotopolku.letters.presentation import present
from kotopolku.letters.ratelimits import letters_rate
from kotopolku.letters.reading import MAX_BYTES, ReadingError
from kotopolku.organizations.selectors import organization_get_public

POLL_SECONDS = 2


def _shared_key(organization_id: int) -> str:
    return f"letters_shared:{organization_id}"


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=letters_rate, method="POST", block=True, group="letters")
def letters_start(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    form = LetterForm(request.POST, request.FILES) if request.method == "POST" else LetterForm()
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data.get("file")
            try:
                if upload is not None:
                    if upload.size > MAX_BYTES:
                        raise ReadingError("too_large")
                    data = upload.read()
                    job = services.job_create(organization=organization, language=get_language(), data=data)
                else:
                    job = services.job_create(
                        organization=organization, language=get_language(), text=form.cleaned_data["text"]
                    )
            except ReadingError as error:
                form.add_error(None, error_message(error.code))
            else:
                return redirect("public:letter_status", org=organization.slug, token=job.token)
    return render(request, "letters/start.html", {"organization": organization, "form": form}, status=status)


@never_cache
def letter_status(request: HttpRequest, org: str, token: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    job = selectors.job_get_public(organization=organization, token=token)
    if selectors.job_is_stuck(job):
        job.status, job.error_code = LetterJob.Status.FAILED, "ocr_failed"
    context: dict[str, object] = {"organization": organization, "job": job, "poll_seconds": POLL_SECONDS}
    if job.status in (LetterJob.Status.QUEUED, LetterJob.Status.PROCESSING):
        if request.htmx:  # type: ignore[attr-defined]
            return render(request, "letters/progress_status.html", context)
        return render(request, "letters/progress.html", context)
    if request.htmx:  # type: ignore[attr-defined]
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"  # the whole result page, not a fragment
        return response
    if job.status == LetterJob.Status.FAILED:
        context["error"] = error_message(job.error_code)
        return render(request, "letters/failed.html", context, status=200)
    result = job.result_data()
    if result is None:
        context["error"] = error_message("expired")
        return render(request, "letters/failed.html", context)
    context["letter"] = present(result, organization_name=organization.name)
    return render(request, "letters/result.html", context)


@require_POST
def letter_share(request: HttpRequest, org: str, token: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    job = selectors.job_get_public(organization=organization, token=token)
    form = ShareForm(request.POST)
    if not form.is_valid() or job.status != LetterJob.Status.DONE:
        messages.error(request, _("The letter could not be shared. Try again."))
        return redirect("public:letter_status", org=organization.slug, token=job.token)
    letter = services.letter_share(job=job, handoff=form.cleaned_data["handoff"])
    request.session[_shared_key(organization.pk)] = {"code": letter.code, "handoff": letter.handoff}
    return redirect("public:letter_shared", org=organization.slug)


@require_POST
def letter_delete(request: HttpRequest, org: str, token: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    job = selectors.job_get_public(organization=organization, token=token)
    services.job_delete(job=job)
    messages.success(request, _("The letter was deleted. Nothing of it is kept."))
    return redirect("public:letters", org=organization.slug)


@never_cache
def letter_shared(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    shared = request.session.get(_shared_key(organization.pk))
    if not shared:
        return redirect("public:letters", org=organization.slug)
    code = shared["code"]
    booking_url = (
        reverse("public:book_service", kwargs={"org": organization.slug})
        + "?"
        + urlencode({"topic": "letter", "letter": format_code(code)})
    )
    return render(
        request,
        "letters/shared.html",
        {
            "organization": organization,
            "code": format_code(code),
            "handoff": shared["handoff"],
            "handoffs": SharedLetter.Handoff,
            "booking_url": booking_url,
            # The check-in page carries the code to the queue number (or says when the next session is).
            "dropin_url": reverse("public:dropin_checkin", kwargs={"org": organization.slug})
            + "?"
            + urlencode({"letter": code}),
        },
    )
