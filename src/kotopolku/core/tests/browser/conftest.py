"""Fixtures of the browser tests: one Chromium for the package, demo data and a fresh page per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command

from kotopolku.core.tests.browser.pages import RequestLog

CHROMIUM = os.environ.get("KOTOPOLKU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture(scope="package", autouse=True)
def _allow_orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API keeps an event loop marked as running in the test thread, so Django's
    ORM (demo data, the database flush after each test) would raise SynchronousOnlyOperation.

    Only for this package: the variable is put back once the browser has been closed.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(_allow_orm_beside_playwright: None):
    """One headless Chromium for all browser tests (closed after the last one)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set KOTOPOLKU_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def site(live_server, transactional_db, settings) -> str:
    """The live server with the demo data loaded; returns its base URL (no trailing slash).

    Fast password hashing (the demo staff users), no rate limits (each language posts the
    feedback form) and an empty cache (rate-limit and lockout counters of earlier tests).
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.RATELIMIT_ENABLE = False
    cache.clear()
    call_command("load_demo_data", stdout=StringIO())
    return live_server.url.rstrip("/")


@pytest.fixture
def context(browser, site):
    """A fresh browser context (no cookies, no cache) that refuses every request off the live server."""
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=True)
    context.set_default_timeout(10_000)
    own = urlsplit(site).netloc

    def only_live_server(route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in {"data", "blob", "about"} or url.netloc == own:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", only_live_server)
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A page of the fresh context; ``page.request_log`` lists every request it makes."""
    page = context.new_page()
    page.request_log = RequestLog(page)
    return page
