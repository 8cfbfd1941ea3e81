"""One walk over every public page of a language, recording what the tests check.

Loading a page is most of a browser test's time, so each page is visited once per language and
everything that can be read from that visit is recorded: the requests the page made, axe-core's
violations, the language and layout, the language switcher's links, a Tab walk through the whole
page and back, the skip link, and where following one switcher link leads. The tests (axe,
direction, switcher, weight, keyboard) then each assert on their part of the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from kotopolku.core.tests.browser.pages import (
    LANGUAGES,
    PUBLIC_PAGES,
    RequestLog,
    axe_violations,
    skip_link_check,
    tab_walk,
)

# The page's language, direction and geometry: where the start edge of the header row is.
LAYOUT_JS = """
() => {
  const box = (selector) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    const rect = el.getBoundingClientRect();
    return {left: Math.round(rect.left), right: Math.round(rect.right),
            top: Math.round(rect.top), bottom: Math.round(rect.bottom)};
  };
  return {
    lang: document.documentElement.getAttribute('lang'),
    dir: document.documentElement.getAttribute('dir'),
    mainDirection: getComputedStyle(document.querySelector('main')).direction,
    headerDirection: getComputedStyle(document.querySelector('header')).direction,
    width: document.documentElement.clientWidth,
    row: box('.header-row'),
    siteName: box('.site-name'),
    languages: box('nav.languages'),
    h1: box('main h1'),
  };
}
"""

SWITCHER_LINKS_JS = """
() => [...document.querySelectorAll('nav.languages a')].map((a) => ({
  text: a.textContent.trim(),
  href: a.href,
  lang: a.getAttribute('lang'),
  hreflang: a.getAttribute('hreflang'),
  current: a.getAttribute('aria-current'),
}))
"""


@dataclass
class PageVisit:
    key: str
    lang: str
    host: str  # the live server's host:port
    path: str
    status: int
    requests: list[tuple[str, int]]  # (url, response body bytes) of every request of the page
    violations: list[dict[str, Any]]
    layout: dict[str, Any]
    switcher: list[dict[str, Any]]
    tab_walk: dict[str, Any] = field(default_factory=dict)
    skip_link: dict[str, Any] = field(default_factory=dict)
    switched: dict[str, Any] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"{self.key} ({self.path})"


def visit(page: Any, site: str, lang: str, key: str, follow: str | None) -> PageVisit:
    spec = PUBLIC_PAGES[key]
    page.request_log.clear()
    if spec.submit_empty_form:
        page.goto(spec.url(site, lang))
        page.request_log.clear()  # the error state is the page that answers the POST
        with page.expect_navigation() as navigation:
            page.locator("form.form button[type=submit]").click()
        response = navigation.value
    else:
        response = page.goto(spec.url(site, lang))
    record = PageVisit(
        key=key,
        lang=lang,
        host=urlsplit(site).netloc,
        path=urlsplit(page.url).path,
        status=response.status,
        requests=page.request_log.body_bytes(),
        violations=axe_violations(page),
        layout=page.evaluate(LAYOUT_JS),
        switcher=page.evaluate(SWITCHER_LINKS_JS),
    )
    # Keyboard: Tab through the page and back (ends on the skip link), then use the skip link.
    record.tab_walk = tab_walk(page)
    record.skip_link = skip_link_check(page)

    if follow:
        with page.expect_navigation() as navigation:
            page.locator(f"nav.languages a[hreflang={follow}]").click()
        record.switched = {
            "to": follow,
            "path": urlsplit(page.url).path,
            "status": navigation.value.status,
            "lang": page.evaluate("document.documentElement.lang"),
        }
    return record


def survey_language(page: Any, site: str, lang: str) -> dict[str, PageVisit]:
    """Every public page in ``lang``. On one of them (a different page for each language, so that
    every page is covered once) a switcher link is followed for real, to the next language.
    Every other link's target is itself visited, and checked, by the survey of its language."""
    position = LANGUAGES.index(lang)
    # Finnish follows "Svenska" on the accessibility statement, Swedish "English" on its error state...
    follow_on = list(PUBLIC_PAGES)[(position + 3) % len(PUBLIC_PAGES)]
    next_language = LANGUAGES[(position + 1) % len(LANGUAGES)]
    visits = {}
    for key in PUBLIC_PAGES:
        # A fresh tab for each page: Chromium's sequential-focus starting point can carry over from
        # the previous page's keyboard walk, which would make the first Tab of the next page wrong.
        fresh = page.context.new_page()
        fresh.request_log = RequestLog(fresh)
        try:
            visits[key] = visit(fresh, site, lang, key, next_language if key == follow_on else None)
        finally:
            fresh.close()
    return visits
