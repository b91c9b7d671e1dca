"""What one crawl run is after: its identity and the window of publication dates.

Example::

    plan = CrawlPlan.recent(run_id="20261223T010000Z")
    plan.in_window(date(2026, 12, 20))   # True when 2026-12-20 is recent enough

Two modes:

* ``recent`` (the daily default): candidates published from ``since`` (today minus
  ``CAPAIAN_RECENT_DAYS``, default 45 days, which covers the whole mid-December to
  mid-January release season when run daily or even weekly) up to two days ahead
  (clock and time-zone slack). Listing pagination stops after
  ``CAPAIAN_MAX_LISTING_PAGES`` pages (default 3) per entry page.
* ``backfill`` (``--backfill YEAR``): candidates published from 1 January YEAR to
  31 January YEAR+1 (a year's archive plus the January releases that report on it);
  archive pages (``backfill_urls``) are walked and pagination goes up to 200 pages.

A candidate without any date (a listing link whose URL has none) is kept: its URL
pattern and title have already narrowed it down, and skipping it would lose
releases on sites that date nothing.
"""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

_URL_DATE = re.compile(r"/(20\d{2})[/-](0?[1-9]|1[0-2])(?:[/-](0?[1-9]|[12]\d|3[01]))?(?=[/-]|$)")
_URL_YEAR_MONTH = re.compile(r"(?<!\d)(20\d{2})(?:[-_/]?(0[1-9]|1[0-2]))?(?!\d)")


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


@dataclass(frozen=True)
class CrawlPlan:
    """Run identity plus the date window and depth limits that keep a run small."""

    run_id: str
    worker: str = "w0"
    mode: str = "recent"
    since: date | None = None
    until: date | None = None
    refresh: bool = False
    max_listing_pages: int = 3
    max_child_sitemaps: int = 12
    backfill_year: int | None = None
    extra: dict = field(default_factory=dict)

    @classmethod
    def recent(cls, run_id: str, today: date | None = None, **kw) -> "CrawlPlan":
        """The daily window: the last CAPAIAN_RECENT_DAYS days (default 45)."""
        today = today or datetime.now(timezone.utc).date()
        days = _env_int("CAPAIAN_RECENT_DAYS", 45)
        kw.setdefault("max_listing_pages", _env_int("CAPAIAN_MAX_LISTING_PAGES", 3))
        return cls(run_id=run_id, mode="recent", since=today - timedelta(days=days),
                   until=today + timedelta(days=2), **kw)

    @classmethod
    def backfill(cls, run_id: str, year: int, **kw) -> "CrawlPlan":
        """A year's archive: 1 January YEAR to 31 January YEAR+1."""
        kw.setdefault("max_listing_pages", _env_int("CAPAIAN_MAX_LISTING_PAGES", 200))
        kw.setdefault("max_child_sitemaps", 1000)
        return cls(run_id=run_id, mode="backfill", since=date(year, 1, 1),
                   until=date(year + 1, 1, 31), backfill_year=year, **kw)

    @classmethod
    def any_date(cls, run_id: str, **kw) -> "CrawlPlan":
        """No date window (for bundled sample sites and one-off imports)."""
        kw.setdefault("max_listing_pages", _env_int("CAPAIAN_MAX_LISTING_PAGES", 50))
        kw.setdefault("max_child_sitemaps", 1000)
        return cls(run_id=run_id, mode="all", **kw)

    def in_window(self, day: date | None) -> bool:
        """True when ``day`` is unknown or falls inside the window."""
        if day is None:
            return True
        if self.since and day < self.since:
            return False
        return not (self.until and day > self.until)

    def months(self) -> list[tuple[int, int]]:
        """(year, month) pairs the window covers, oldest first (for archive URLs)."""
        if not (self.since and self.until):
            return []
        out, (y, m) = [], (self.since.year, self.since.month)
        while (y, m) <= (self.until.year, self.until.month):
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def to_dict(self) -> dict:
        """JSON-ready form (dates as ISO strings) for settings and run summaries."""
        data = asdict(self)
        for key in ("since", "until"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "CrawlPlan":
        data = dict(data)
        for key in ("since", "until"):
            data[key] = date.fromisoformat(data[key]) if data.get(key) else None
        return cls(**data)


def parse_date(text: str | None) -> date | None:
    """A date from a sitemap lastmod, an RSS pubDate or an Atom timestamp.

    >>> parse_date("Mon, 23 Dec 2024 10:00:00 +0700"), parse_date("2024-12-23T10:00:00Z")
    (datetime.date(2024, 12, 23), datetime.date(2024, 12, 23))
    """
    text = (text or "").strip()
    if not text:
        return None
    try:
        return _as_utc_date(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return _as_utc_date(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None


def _as_utc_date(moment: datetime) -> date:
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.date()


def date_in_url(url: str) -> date | None:
    """The date a URL carries, like ``/2024/12/23/slug`` (day 1 when only a month)."""
    match = _URL_DATE.search(url)
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def url_month_outside(url: str, plan: CrawlPlan) -> bool:
    """True when a sitemap URL names a year (and month) wholly outside the window.

    ``post-sitemap-2019-05.xml`` is skipped in a 2024 backfill; ``sitemap-1.xml``
    is not (nothing to judge by).
    """
    if not (plan.since and plan.until):
        return False
    match = _URL_YEAR_MONTH.search(url.rsplit("/", 1)[-1])
    if not match:
        return False
    year, month = int(match[1]), int(match[2]) if match[2] else None
    first = date(year, month or 1, 1)
    last = date(year, 12, 31) if month is None else (
        date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1))
    return last < plan.since or first > plan.until
