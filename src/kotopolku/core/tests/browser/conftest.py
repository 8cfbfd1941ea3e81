"""Fixtures of the browser tests: one Chromium for the package, demo data and a fresh context per test.

The live server and the demo data are pytest-django's ``live_server`` with ``transactional_db``:
the data is loaded for each test and flushed after it. Tests therefore walk several pages each
(one test per language) instead of one page per test, which keeps the suite fast.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils.translation import check_for_language

from kotopolku.core.tests.browser.pages import LANGUAGES, RequestLog
from kotopolku.core.tests.browser.survey import PageVisit, survey_language

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

    Only for this package: the variable is put back after the browser has been closed.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(_allow_orm_beside_playwright: None) -> Iterator[Any]:
    """One headless Chromium for all browser tests, closed after the last of them."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: run `make test-system-packages`, or set KOTOPOLKU_CHROMIUM")
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
def server(live_server, transactional_db, settings) -> str:
    """The live server's base URL (no trailing slash), without data.

    Fast password hashing, no rate limits (the feedback form is posted in every language) and an
    empty cache (rate-limit and lockout counters of earlier tests).
    """
    missing = [code for code in LANGUAGES if not check_for_language(code)]
    if missing:
        pytest.fail(f"No compiled catalogue for {', '.join(missing)}: run `make compilemessages` first.")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.RATELIMIT_ENABLE = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, urlsplit(live_server.url).hostname]
    cache.clear()
    return live_server.url.rstrip("/")


@pytest.fixture
def site(server: str, settings) -> str:
    """The live server with the demo data (Heinola, Järvelä, their staff) loaded as `make run` loads
    it: with Heinola's drop-in session open right now and people waiting in its queue."""
    settings.IS_DEMO = True
    call_command("load_demo_data", stdout=StringIO())
    return server


@pytest.fixture
def new_context(browser, server: str) -> Iterator[Callable[..., Any]]:
    """``new_context(**options)`` → a fresh browser context (no cookies, no cache) whose requests
    to any host other than the live server are refused. All are closed after the test."""
    own_host = urlsplit(server).netloc
    contexts: list[Any] = []

    def only_live_server(route: Any) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in {"data", "blob", "about"} or url.netloc == own_host:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def make(**options: Any) -> Any:
        context = browser.new_context(**{"viewport": VIEWPORT, **options})
        context.set_default_timeout(20_000)
        context.route("**/*", only_live_server)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context, site: str) -> Any:
    """A page in a fresh context, with the demo data loaded; ``page.request_log`` lists its requests."""
    page = new_context().new_page()
    page.request_log = RequestLog(page)
    return page


@pytest.fixture(scope="package")
def _surveys() -> dict[str, Any]:
    return {}


@pytest.fixture
def survey(
    request: pytest.FixtureRequest, _surveys: dict[str, Any], transactional_db: None
) -> Callable[[str], dict[str, PageVisit]]:
    """``survey(lang)`` → a record of one visit to every public page in ``lang`` (see survey.py).

    The walk is made once per language, by the first test that asks; the live server, the demo
    data and a page are only set up for that test. ``transactional_db`` is asked for up front: the
    test database must exist before the fixtures below are fetched lazily, also when a browser
    test is the first database test of the run.
    """

    def get(lang: str) -> dict[str, PageVisit]:
        if lang not in _surveys:
            page = request.getfixturevalue("page")
            site = request.getfixturevalue("site")
            try:
                _surveys[lang] = survey_language(page, site, lang)
            except Exception as error:
                _surveys[lang] = error
                raise
        result = _surveys[lang]
        if isinstance(result, Exception):
            raise AssertionError(f"the walk over the {lang} pages failed in an earlier test") from result
        return result

    return get
