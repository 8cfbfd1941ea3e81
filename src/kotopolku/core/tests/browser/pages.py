"""What the browser tests visit, and the helpers they share (axe-core, request log, focus)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from axe_playwright_python.sync_playwright import Axe

LANGUAGES = ["fi", "sv", "en", "ar", "fa", "ru", "uk", "so"]
RTL_LANGUAGES = {"ar", "fa"}
LANGUAGE_NAMES = {
    "fi": "Suomi",
    "sv": "Svenska",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "ru": "Русский",
    "uk": "Українська",
    "so": "Soomaali",
}


@dataclass(frozen=True)
class PublicPage:
    key: str
    path: str  # "{lang}" is replaced by the language code
    status: int
    submit_empty_form: bool = False  # the accessibility form, posted empty: the error state

    def url(self, site: str, lang: str) -> str:
        return site + self.path.format(lang=lang)


@dataclass(frozen=True)
class FirstHobbyPage(PublicPage):
    """A page of the first published Heinola hobby of the demo data (its id depends on the load)."""

    def url(self, site: str, lang: str) -> str:
        from kotopolku.network.models import Activity

        pk = (
            Activity.objects.filter(organization__slug="heinola", is_published=True)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        return site + self.path.format(lang=lang, pk=pk)


@dataclass(frozen=True)
class DemoTicketPage(PublicPage):
    """The status page of the first person waiting in the demo's open drop-in session."""

    def url(self, site: str, lang: str) -> str:
        from kotopolku.dropin.models import DropinTicket

        token = (
            DropinTicket.objects.filter(organization__slug="heinola", status="waiting")
            .order_by("number")
            .values_list("token", flat=True)
            .first()
        )
        return site + self.path.format(lang=lang, token=token)


PUBLIC_PAGES = {
    page.key: page
    for page in [
        PublicPage("choose", "/{lang}/", 200),
        PublicPage("home", "/{lang}/heinola/", 200),
        PublicPage("home_jarvela", "/{lang}/jarvela/", 200),
        PublicPage("dropin", "/{lang}/heinola/drop-in/", 200),
        PublicPage("letters", "/{lang}/heinola/letters/", 200),
        PublicPage("dropin_checkin", "/{lang}/heinola/drop-in/check-in/", 200),
        PublicPage("dropin_checkin_error", "/{lang}/heinola/drop-in/check-in/", 400, submit_empty_form=True),
        PublicPage("dropin_checkin_closed", "/{lang}/jarvela/drop-in/check-in/", 200),
        DemoTicketPage("dropin_ticket", "/{lang}/heinola/drop-in/ticket/{token}/", 200),
        PublicPage("dropin_display", "/{lang}/heinola/drop-in/display/", 200),
        PublicPage("dropin_kiosk_locked", "/{lang}/heinola/drop-in/kiosk/", 403),
        PublicPage("statement", "/{lang}/heinola/accessibility/", 200),
        PublicPage("form_error", "/{lang}/heinola/accessibility/", 400, submit_empty_form=True),
        PublicPage("thanks", "/{lang}/heinola/accessibility/thanks/", 200),
        PublicPage("hobbies", "/{lang}/heinola/hobbies/", 200),
        PublicPage("hobbies_filtered", "/{lang}/heinola/hobbies/?category=language_cafe&free=on", 200),
        FirstHobbyPage("hobby_detail", "/{lang}/heinola/hobbies/{pk}/", 200),
        FirstHobbyPage("hobby_help_error", "/{lang}/heinola/hobbies/{pk}/", 400, submit_empty_form=True),
        PublicPage("hobby_suggest", "/{lang}/heinola/hobbies/suggest/", 200),
        PublicPage("hobby_suggest_error", "/{lang}/heinola/hobbies/suggest/", 400, submit_empty_form=True),
        PublicPage("events", "/{lang}/heinola/events/", 200),
        PublicPage("not_found", "/{lang}/no-such-town/", 404),
        PublicPage("not_found_deep", "/{lang}/heinola/no/such/page/", 404),
    ]
}
STAFF_LOGIN = "/staff/login/"


class Findings:
    """Soft assertions: a test walks every page and reports all that is wrong at once."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def check(self, condition: object, message: str) -> None:
        if not condition:
            self.items.append(message)

    def add(self, message: str) -> None:
        self.items.append(message)

    def report(self, title: str) -> str:
        return f"{title}: {len(self.items)} problem(s)\n" + "\n".join(self.items)


# --- axe-core -----------------------------------------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
_axe = Axe()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    return _axe.run(page, options=AXE_OPTIONS).response["violations"]


def format_violations(violations: list[dict[str, Any]], where: str) -> str:
    lines = [f"axe-core found {len(violations)} violation(s) on {where}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            lines.append(f"       {node.get('html', '')[:200]}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend("       " + line.strip() for line in summary.splitlines() if line.strip())
    return "\n".join(lines)


# --- requests -----------------------------------------------------------------------------------


class RequestLog:
    """Every request a page makes, in order."""

    def __init__(self, page: Any) -> None:
        self.requests: list[Any] = []
        page.on("request", self._record)

    def _record(self, request: Any) -> None:
        self.requests.append(request)

    def clear(self) -> None:
        self.requests.clear()

    def body_bytes(self) -> list[tuple[str, int]]:
        """(url, transferred response body size) for each request; 0 for a refused one."""
        sizes = []
        for request in self.requests:
            if request.failure is not None:
                sizes.append((request.url, 0))
                continue
            response = request.response()
            if response is None:
                sizes.append((request.url, 0))
                continue
            response.finished()
            size = request.sizes()["responseBodySize"]
            if size <= 0 and 200 <= response.status < 300 and response.status != 204:
                size = len(response.body())  # not reported by the network layer: count the body
            sizes.append((request.url, size))
        return sizes


# --- focus --------------------------------------------------------------------------------------

# Numbers everything the Tab key should reach, in DOM order (data-tab-stop), and from then on
# logs every element that gets the focus: whether the focus can be seen, and whether the element
# lies on the page at all (not moved off it, not 1px small). Returns the tab stops.
WATCH_FOCUS_JS = """
() => {
  const selector = 'a[href], area[href], button, input, select, textarea, summary, iframe, '
    + '[tabindex], [contenteditable=""], [contenteditable="true"]';
  const stops = [...document.querySelectorAll(selector)].filter((el) => {
    if (el.disabled || el.closest('fieldset[disabled]') || el.closest('[inert]')) return false;
    if (el.matches('input[type=hidden]')) return false;
    const tabindex = el.getAttribute('tabindex');
    if (tabindex !== null && parseInt(tabindex, 10) < 0) return false;
    if (el.closest('details:not([open])') && !el.matches('details > summary')) return false;
    if (el.matches('input[type=radio][name]')) {  // a radio group is one tab stop
      const group = [...(el.form || document).querySelectorAll('input[type=radio]')]
        .filter((radio) => radio.name === el.name);
      if (el !== (group.find((radio) => radio.checked) || group[0])) return false;
    }
    return getComputedStyle(el).visibility === 'visible' && el.getClientRects().length > 0;
  });
  stops.forEach((el, index) => el.setAttribute('data-tab-stop', String(index)));
  const describe = (el) => ({
    tag: el.tagName.toLowerCase(),
    text: (el.getAttribute('aria-label') || el.textContent || el.name || el.id || '').trim().slice(0, 50),
  });
  window.__focusLog = [];
  document.addEventListener('focusin', (event) => {
    const el = event.target;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const x = rect.left + window.scrollX, y = rect.top + window.scrollY;
    const page = document.documentElement;
    window.__focusLog.push({
      ...describe(el),
      stop: el.hasAttribute('data-tab-stop') ? Number(el.getAttribute('data-tab-stop')) : null,
      focusVisible: el.matches(':focus-visible'),
      indicator: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
        || (style.boxShadow !== '' && style.boxShadow !== 'none'),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      boxShadow: style.boxShadow,
      onPage: rect.width >= 2 && rect.height >= 2 && x + rect.width > 0 && y + rect.height > 0
        && x < page.scrollWidth && y < page.scrollHeight,
    });
  }, true);
  return stops.map((el, index) => ({
    index, ...describe(el), tabindex: el.getAttribute('tabindex'),
    skipLink: el.matches('a.skip-link[href="#main"]'),
  }));
}
"""

TAKE_FOCUS_LOG_JS = "() => window.__focusLog.splice(0)"
ACTIVE_STOP_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const stop = el.getAttribute('data-tab-stop');
  return stop === null ? el.tagName.toLowerCase() : Number(stop);
}
"""


def tab_walk(page: Any) -> dict[str, Any]:
    """Tab from the top of a freshly loaded page through all of it and one step further (out of
    the page), then Shift+Tab all the way back. Returns the tab stops and the focus logs."""
    stops = page.evaluate(WATCH_FOCUS_JS)
    for _ in range(len(stops) + 1):
        page.keyboard.press("Tab")
    forward = page.evaluate(TAKE_FOCUS_LOG_JS)
    after_last = page.evaluate(ACTIVE_STOP_JS)
    for _ in range(len(stops)):
        page.keyboard.press("Shift+Tab")
    backward = page.evaluate(TAKE_FOCUS_LOG_JS)
    return {"stops": stops, "forward": forward, "afterLast": after_last, "backward": backward}


def tab_walk_problems(walk: dict[str, Any], where: str) -> list[str]:
    """Everything wrong with a tab walk: stops skipped, out of DOM order or repeated (a trap),
    focus without a visible indicator, focus on something off the page, no way out."""
    problems = []
    stops, forward, backward = walk["stops"], walk["forward"], walk["backward"]
    expected = list(range(len(stops)))
    positive = [stop for stop in stops if stop["tabindex"] not in (None, "0")]
    if positive:
        problems.append(f"{where}: a positive tabindex breaks the DOM order: {positive}")
    order = [entry["stop"] for entry in forward]
    if order != expected:
        problems.append(f"{where}: Tab went {order}, expected {expected}; the stops: {stops}")
    for entry in forward:
        if not (entry["indicator"] and entry["focusVisible"] and entry["onPage"]):
            problems.append(
                f"{where}: no visible focus on <{entry['tag']}> {entry['text']!r} (stop {entry['stop']}): "
                f"outline {entry['outline']}, box-shadow {entry['boxShadow']}, "
                f":focus-visible {entry['focusVisible']}, on the page {entry['onPage']}"
            )
    if walk["afterLast"] not in (None, 0):
        problems.append(
            f"{where}: Tab after the last stop stayed on {walk['afterLast']}, the focus is trapped"
        )
    back = [entry["stop"] for entry in backward]
    if back != expected[::-1]:
        problems.append(f"{where}: Shift+Tab went {back}, expected {expected[::-1]}")
    return problems


# The focused element: is it the skip link, where is it, can its focus be seen.
FOCUSED_JS = """
() => {
  const el = document.activeElement;
  const rect = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return {
    isSkipLink: el.matches('a.skip-link[href="#main"]'),
    left: Math.round(rect.left), right: Math.round(rect.right),
    top: Math.round(rect.top), bottom: Math.round(rect.bottom),
    width: document.documentElement.clientWidth, height: window.innerHeight,
    indicator: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || (style.boxShadow !== '' && style.boxShadow !== 'none'),
  };
}
"""

INSIDE_MAIN_JS = """
() => {
  const main = document.querySelector('main');
  return main.contains(document.activeElement) && document.activeElement !== main;
}
"""

HAS_STOP_IN_MAIN_JS = """
() => [...document.querySelectorAll('main a[href], main button, main input, main select, main textarea')]
  .some((el) => el.type !== 'hidden' && el.getClientRects().length > 0)
"""


def skip_link_check(page: Any) -> dict[str, Any]:
    """Focus the skip link with the keyboard (Tab from a fresh page, or after a tab walk, which
    ends on the first stop), measure it, press Enter, then Tab once more."""
    if not page.evaluate("document.activeElement.matches('a.skip-link')"):
        page.keyboard.press("Tab")
    result = page.evaluate(FOCUSED_JS)
    page.keyboard.press("Enter")
    result["mainFocused"] = page.evaluate("document.activeElement === document.querySelector('main#main')")
    if page.evaluate(HAS_STOP_IN_MAIN_JS):
        page.keyboard.press("Tab")
        result["nextTabInMain"] = page.evaluate(INSIDE_MAIN_JS)
    return result


def skip_link_problems(walk: dict[str, Any], skip: dict[str, Any], where: str) -> list[str]:
    """The first Tab focuses the skip link; focused, it is in view with a focus indicator; Enter
    on it moves the focus to <main>; the next Tab goes on inside <main>."""
    problems = []
    first = walk["forward"][0] if walk["forward"] else None
    if not (first and first["stop"] == 0 and walk["stops"][0]["skipLink"]):
        problems.append(f"{where}: the first Tab focused {first}, not the skip link")
    in_view = (
        0 <= skip["top"] < skip["bottom"] <= skip["height"]
        and 0 <= skip["left"] < skip["right"] <= skip["width"]
    )
    if not (skip["isSkipLink"] and in_view and skip["indicator"]):
        problems.append(f"{where}: the focused skip link is not in view with a focus indicator: {skip}")
    if not skip["mainFocused"]:
        problems.append(f"{where}: Enter on the skip link did not move the focus to <main>")
    if not skip.get("nextTabInMain", True):
        problems.append(f"{where}: the Tab after the skip link did not go into <main>")
    return problems


def describe_focus(page: Any) -> str:
    """The focused element, for messages."""
    return page.evaluate(
        """() => { const el = document.activeElement;
                  return `<${el.tagName.toLowerCase()} id="${el.id}" class="${el.className}">`
                    + ` ${(el.textContent || '').trim().slice(0, 40)}`; }"""
    )


def check_status(findings: Findings, visit: Any) -> None:
    expected = PUBLIC_PAGES[visit.key].status
    findings.check(visit.status == expected, f"{visit.where}: HTTP {visit.status}, expected {expected}")
