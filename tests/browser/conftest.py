"""Fixtures for the browser suite; the helpers live in browser_support.py (imported by name)."""

from browser_support import browser, crawl, site  # noqa: F401  (fixtures pytest must see here)
