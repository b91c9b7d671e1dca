"""What spiders yield: fetched pages and failed fetches (plus discovery candidates).

Pipelines (crawler/pipelines.py) count them, archive pages to WARC and keep
failures for the run summary. Kinds of page: ``article``, ``listing``, ``feed``,
``sitemap`` (the ``WARC-Capaian-Kind`` header).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

PAGE_KINDS = ("article", "listing", "feed", "sitemap")


@dataclass
class Page:
    """One HTTP response, as it will be archived."""

    url: str                      # final URL, after redirects
    requested_url: str            # the URL asked for
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: datetime
    source: str
    kind: str                     # one of PAGE_KINDS
    protocol: str = "HTTP/1.1"
    ip_address: str | None = None

    @property
    def ok(self) -> bool:
        return self.status < 400


@dataclass
class FetchFailure:
    """A request that ended without a usable response."""

    url: str
    source: str
    kind: str
    error: str                    # short, human readable: "DNS lookup failed for x.id"
    status: int | None = None     # HTTP status when the server answered
    category: str = "error"       # error | refused | robots
    at: datetime | None = None


@dataclass
class Candidate:
    """A link that may lead to an article, found in a feed, sitemap or listing page."""

    url: str
    title: str | None = None
    published: date | None = None
    via: str = "listing"          # feed | sitemap | listing
    extra: dict = field(default_factory=dict)
