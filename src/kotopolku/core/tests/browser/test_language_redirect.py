"""``/`` sends the browser to its own language (Accept-Language), Finnish when there is none of ours."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("ar", "ar"),
        ("fa-IR,fa;q=0.9,en;q=0.5", "fa"),
        ("sv-FI,sv;q=0.9", "sv"),
        ("xx", "fi"),
        ("de-DE,de;q=0.9", "fi"),
    ],
)
def test_root_redirects_by_accept_language(new_context, server, accept_language, expected):
    page = new_context(extra_http_headers={"Accept-Language": accept_language}).new_page()
    response = page.goto(server + "/")
    assert urlsplit(page.url).path == f"/{expected}/"
    assert response.status == 200
    assert response.request.redirected_from is not None, "/ answered without a redirect"
    assert page.evaluate("document.documentElement.lang") == expected
