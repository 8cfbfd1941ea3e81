"""Browser tests: headless Chromium (Playwright) against the live server, with axe-core.

Run them with ``pytest -m browser``. They drive Debian's Chromium at /usr/bin/chromium (or the
path in KOTOPOLKU_CHROMIUM); Playwright never downloads a browser of its own here.
"""
