"""The generic discovery every Capaian spider shares: sitemaps, feeds, listings → articles.

One spider instance crawls every registry source of its ``kind`` (a crawl runs one
instance per kind in one Scrapy process). A new kind of source is a subclass that
sets ``name`` and ``kind`` and overrides only the hooks it needs::

    from crawler.items import Candidate
    from crawler.spiders.base import SourceSpider

    class BnnPortalSpider(SourceSpider):
        name = "bnn_portal"
        kind = "bnn_portal"

        def listing_entries(self, response, source):
            for a in response.css("div.berita a[href]"):
                yield Candidate(url=response.urljoin(a.attrib["href"]),
                                title=" ".join(a.css("::text").getall()))

The runner finds subclasses by their ``kind`` in any module of ``crawler.spiders``.

Attributes (set before ``start()``)
    ``self.sources``  name → Source (crawler/sources.py) of this spider's kind
    ``self.plan``     CrawlPlan (crawler/plan.py): run_id, mode, date window, limits
    ``self.known``    canonical URLs of articles already fetched (skip unless refresh)

Hooks (override; call ``super()`` to keep the generic behaviour)
    ``start_requests_for(source)``        → Requests: sitemaps, feeds, start_urls
                                           (+ ``backfill_requests`` in backfill mode)
    ``backfill_requests(source)``         → Requests for archive pages of plan.backfill_year
                                           (default: ``backfill_urls`` with {year}/{month})
    ``sitemap_entries(response, source)`` → Candidates (urlset) and child sitemap Requests
                                           (sitemap index, robots.txt Sitemap: lines)
    ``feed_entries(response, source)``    → Candidates (RSS 2.0, RSS 1.0, Atom)
    ``listing_entries(response, source)`` → Candidates: links ``article_link`` accepts (none
                                           when the source sets no ``articles``)
    ``article_link(url, source)``         → whether a listing link is a candidate (default:
                                           the source's ``articles`` patterns)
    ``listing_next(response, source)``    → URLs of further listing pages (``follow``)
    ``reject_reason(candidate, source)``  → None to fetch, else a short reason
                                           ('pattern', 'date', 'title', 'known'); the
                                           checks after the pattern are ``filter_reason``
    ``article_request(candidate, source)``→ the Request for an accepted candidate
    ``parse_article(response)``           → yields ``self.page(response, "article")``

Helpers
    ``self.request(url, source, kind, callback=None, **meta)`` a Request carrying the
    source name and page kind in meta (kinds: article, listing, feed, sitemap; the
    callback defaults to the parser of that kind); ``self.page(response, kind)`` the
    Page item to yield for any response (it is archived to WARC);
    ``self.source_of(response_or_request)``.

Counters (crawl stats): ``capaian/candidate/<via>``, ``capaian/candidate/rejected/<reason>``,
``capaian/article/skipped_known``, ``capaian/listing/stopped_old``.

Sources are started in ``priority`` order (higher first) and their requests carry it.
When a source's ``articles`` pattern matches none of its feed and sitemap items, a
few BNN-looking items are fetched and kept by content (crawler/fallback.py).

Safety: XML is parsed without entities or network access; nothing in a page is
executed (no JavaScript, no rendering); only hosts of the registry are fetched
(crawler/middlewares.py).
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone

import scrapy
from lxml import etree
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import sitemap_urls_from_robots

from crawler.fallback import PatternFallback
from crawler.items import Candidate, FetchFailure, Page
from crawler.plan import CrawlPlan, date_in_url, parse_date, url_month_outside
from crawler.sources import Source
from crawler.state import canonical

_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, recover=True, huge_tree=False,
    remove_comments=True,
)
_SLUG_SPLIT = re.compile(r"[^0-9a-z]+")
_GZIP_MAGIC = b"\x1f\x8b"


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(element, *names: str) -> str | None:
    for child in element.iter():
        if _local(child.tag) in names and child.text and child.text.strip():
            return child.text.strip()
    return None


class SourceSpider(PatternFallback, scrapy.Spider):
    """Discovery over registry sources of one kind; see the module docstring for hooks."""

    name = "capaian"
    kind: str | None = None

    def __init__(self, sources: Iterable[Source] = (), known: Iterable[str] = (),
                 plan: CrawlPlan | None = None, **kwargs):
        super().__init__(**kwargs)
        self.sources: dict[str, Source] = {s.name: s for s in sources}
        self.known: set[str] = set(known)
        self.plan = plan
        self._last_activity = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.plan is None:
            spider.plan = CrawlPlan.from_dict(crawler.settings.getdict("CAPAIAN_PLAN"))
        crawler.signals.connect(spider._on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider._on_response, signal=signals.response_received)
        return spider

    # ---- start -------------------------------------------------------------

    async def start(self):
        # Higher priority first: the scheduler (crawler/queues.py) ranks hosts by the
        # priority of what they hold, so the first requests it holds must be the best.
        for source in sorted(self.sources.values(), key=lambda s: -s.priority):
            for request in self.start_requests_for(source):
                yield request

    def start_requests_for(self, source: Source) -> Iterator[scrapy.Request]:
        for url in source.sitemaps:
            yield self.request(url, source, "sitemap")
        for url in source.feeds:
            yield self.request(url, source, "feed")
        for url in source.start_urls:
            yield self.request(url, source, "listing", capaian_depth=1)
        if self.plan.mode == "backfill":
            yield from self.backfill_requests(source)

    def backfill_requests(self, source: Source) -> Iterator[scrapy.Request]:
        seen: set[str] = set()
        for template in source.backfill_urls:
            for year, month in self.plan.months():
                url = template.format(year=year, month=f"{month:02d}")
                if url not in seen:
                    seen.add(url)
                    yield self.request(url, source, "listing", capaian_depth=1)

    # ---- requests and items -----------------------------------------------

    def request(self, url: str, source: Source, kind: str, callback=None,
                **meta) -> scrapy.Request:
        """A Request that remembers its source and page kind (meta is picklable)."""
        meta = {"capaian_source": source.name, "capaian_kind": kind, **meta}
        return scrapy.Request(url, callback=callback or self._callback_for(kind),
                              errback=self.on_error, meta=meta, priority=source.priority)

    def _callback_for(self, kind: str):
        return {"article": self.parse_article, "listing": self.parse_listing,
                "feed": self.parse_feed, "sitemap": self.parse_sitemap}[kind]

    def source_of(self, obj) -> Source:
        return self.sources[obj.meta["capaian_source"]]

    def page(self, response, kind: str | None = None) -> Page:
        """The Page item for a response (requested URL = first URL before redirects)."""
        meta = response.meta
        requested = (meta.get("redirect_urls") or [response.request.url])[0]
        headers = [(k.decode("latin-1"), v.decode("latin-1"))
                   for k, values in response.headers.items() for v in values]
        return Page(
            url=response.url, requested_url=requested, status=response.status,
            headers=headers, body=response.body,
            fetched_at=datetime.now(timezone.utc), source=meta["capaian_source"],
            kind=kind or meta.get("capaian_kind", "article"),
            protocol=response.protocol or "HTTP/1.1",
            ip_address=str(response.ip_address) if response.ip_address else None,
        )

    # ---- callbacks ----------------------------------------------------------

    def parse_article(self, response):
        yield self.page(response, "article")

    def parse_sitemap(self, response):
        yield self.page(response, "sitemap")
        source = self.source_of(response)
        yield from self._follow_entries(self.sitemap_entries(response, source), source)

    def parse_feed(self, response):
        yield self.page(response, "feed")
        source = self.source_of(response)
        yield from self._follow_entries(self.feed_entries(response, source), source)

    def parse_listing(self, response):
        yield self.page(response, "listing")
        source = self.source_of(response)
        entries = list(self.listing_entries(response, source))
        yield from self._follow_entries(entries, source)
        depth = response.meta.get("capaian_depth", 1)
        if depth >= self.plan.max_listing_pages or self._listing_is_old(entries):
            return
        for url in self.listing_next(response, source):
            yield self.request(url, source, "listing", capaian_depth=depth + 1)

    def _listing_is_old(self, entries: list[Candidate]) -> bool:
        """A listing whose dated links all precede the window: older pages follow."""
        dated = [c.published for c in entries if c.published]
        old = bool(dated) and self.plan.since is not None and max(dated) < self.plan.since
        if old:
            self.crawler.stats.inc_value("capaian/listing/stopped_old")
        return old

    def _follow_entries(self, entries, source: Source):
        for entry in entries:
            if isinstance(entry, scrapy.Request):
                yield entry
                continue
            self.crawler.stats.inc_value(f"capaian/candidate/{entry.via}")
            reason = self.reject_reason(entry, source)
            self.note_listed(entry, source, reason)
            if reason is None:
                yield self.article_request(entry, source)
            elif reason == "known":
                self.crawler.stats.inc_value("capaian/article/skipped_known")
            else:
                self.crawler.stats.inc_value(f"capaian/candidate/rejected/{reason}")

    # ---- discovery hooks ----------------------------------------------------

    def sitemap_entries(self, response, source: Source):
        if response.url.endswith("/robots.txt"):
            for url in sitemap_urls_from_robots(response.body, base_url=response.url):
                yield self.request(url, source, "sitemap")
            return
        root = self._xml_root(response)
        if root is None:
            return
        if _local(root.tag) in ("rss", "RDF", "feed"):   # a feed filed as a sitemap
            yield from self.feed_entries(response, source)
            return
        if _local(root.tag) == "sitemapindex":
            yield from self._child_sitemaps(root, source)
            return
        for element in root:
            if _local(element.tag) != "url":
                continue
            loc = _child_text(element, "loc")
            if loc:
                published = (_child_text(element, "publication_date")
                             or _child_text(element, "lastmod"))
                yield Candidate(url=loc.strip(), title=_child_text(element, "title"),
                                published=parse_date(published), via="sitemap")

    def _child_sitemaps(self, root, source: Source):
        children = []
        for element in root:
            loc = _child_text(element, "loc") if _local(element.tag) == "sitemap" else None
            if not loc or url_month_outside(loc, self.plan):
                continue
            if source.sitemap_follow and not any(p.search(loc) for p in source.sitemap_follow):
                continue
            lastmod = parse_date(_child_text(element, "lastmod"))
            if lastmod and self.plan.since and lastmod < self.plan.since:
                continue   # nothing in it changed since the window opened
            children.append((lastmod.toordinal() if lastmod else 0, loc))
        children.sort(reverse=True)   # newest first; the cap keeps a run small
        for _, loc in children[: self.plan.max_child_sitemaps]:
            yield self.request(loc, source, "sitemap")

    def feed_entries(self, response, source: Source):
        root = self._xml_root(response)
        if root is None:
            return
        if _local(root.tag) in ("urlset", "sitemapindex"):   # a sitemap filed as a feed
            yield from self.sitemap_entries(response, source)
            return
        for element in root.iter():
            name = _local(element.tag)
            if name == "item":
                url = _child_text(element, "link") or _child_text(element, "guid")
            elif name == "entry":
                url = self._atom_link(element)
            else:
                continue
            if url:
                published = _child_text(element, "pubDate", "date", "published", "updated")
                yield Candidate(url=response.urljoin(url.strip()),
                                title=_child_text(element, "title"),
                                published=parse_date(published), via="feed")

    @staticmethod
    def _atom_link(entry) -> str | None:
        for child in entry:
            if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
                return child.get("href")
        return None

    def listing_entries(self, response, source: Source):
        if not source.articles or not hasattr(response, "css"):
            return
        seen: set[str] = set()
        for link in response.css("a[href]"):
            url = response.urljoin(link.attrib["href"]).split("#", 1)[0]
            if url in seen or not self.article_link(url, source):
                continue
            seen.add(url)
            title = " ".join(" ".join(link.css("::text").getall()).split())
            yield Candidate(url=url, title=title or link.attrib.get("title"),
                            published=date_in_url(url) or _listing_date(link), via="listing")

    def listing_next(self, response, source: Source):
        if not source.follow or not hasattr(response, "css"):
            return
        seen: set[str] = set()
        for href in response.css("a[href]::attr(href)").getall():
            url = response.urljoin(href).split("#", 1)[0]
            if url not in seen and url != response.url and source.is_listing_url(url):
                seen.add(url)
                yield url

    def article_link(self, url: str, source: Source) -> bool:
        """Whether a listing link becomes a Candidate (default: the source's ``articles``)."""
        return source.is_article_url(url)

    def reject_reason(self, candidate: Candidate, source: Source) -> str | None:
        if not candidate.url.startswith(("http://", "https://")):
            return "scheme"
        if not source.is_article_url(candidate.url):
            return "pattern"
        return self.filter_reason(candidate, source)

    def filter_reason(self, candidate: Candidate, source: Source) -> str | None:
        """The checks after the URL pattern: date window, title keywords, already known."""
        if not self.plan.in_window(candidate.published or date_in_url(candidate.url)):
            return "date"
        if source.title_keywords and not self._title_matches(candidate, source):
            return "title"
        if not self.plan.refresh and canonical(candidate.url) in self.known:
            return "known"
        return None

    @staticmethod
    def _title_matches(candidate: Candidate, source: Source) -> bool:
        """Keywords against the link/feed title, or the URL slug when there is none."""
        text = candidate.title or candidate.url.rstrip("/").rsplit("/", 1)[-1]
        text = " ".join(_SLUG_SPLIT.split(text.lower()))
        return any(keyword in text for keyword in source.title_keywords)

    def article_request(self, candidate: Candidate, source: Source) -> scrapy.Request:
        return self.request(candidate.url, source, "article",
                            capaian_title=candidate.title)

    # ---- failures -------------------------------------------------------------

    def on_error(self, failure):
        """Errback: keep the HTTP error page (archived) and a FetchFailure."""
        request = failure.request
        source, kind = request.meta["capaian_source"], request.meta.get("capaian_kind")
        response = getattr(failure.value, "response", None)
        if isinstance(failure.value, HttpError) and response is not None:
            yield self.page(response, kind)
        category, message = describe_failure(failure.value, request.url, response)
        yield FetchFailure(url=request.url, source=source, kind=kind or "article",
                           error=message, status=getattr(response, "status", None),
                           category=category, at=datetime.now(timezone.utc))

    # ---- helpers ----------------------------------------------------------------

    def _xml_root(self, response):
        body = response.body
        if body[:2] == _GZIP_MAGIC:
            max_size = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
            try:
                body = gunzip(body, max_size=max_size)
            except Exception:  # corrupt or oversized: count it, don't crash
                self.crawler.stats.inc_value("capaian/xml/bad_gzip")
                return None
        try:
            root = etree.fromstring(body.lstrip(), parser=_XML_PARSER)
        except (etree.XMLSyntaxError, ValueError):
            root = None
        if root is None:
            self.crawler.stats.inc_value("capaian/xml/unparsable")
        return root

    def _on_response(self, response, request, spider):
        self._last_activity = time.monotonic()

    def _on_idle(self, spider):
        """Probe for articles a wrong pattern missed (crawler/fallback.py); then, with a
        shared (Redis) queue, wait a little: another worker may add work."""
        if self.start_probes():
            raise DontCloseSpider
        grace = self.crawler.settings.getfloat("CAPAIAN_IDLE_GRACE", 0)
        if grace and time.monotonic() - self._last_activity < grace:
            raise DontCloseSpider


def describe_failure(exc, url: str, response=None) -> tuple[str, str]:
    """(category, message) for a failed request, short enough for a summary line."""
    from crawler.middlewares import HostRefused   # avoid an import cycle at load time

    host = urlsplit(url).hostname or url
    if isinstance(exc, HostRefused):
        return "refused", str(exc)
    if isinstance(exc, HttpError) and response is not None:
        return "error", f"HTTP {response.status} for {url}"
    if isinstance(exc, IgnoreRequest):
        text = str(exc) or "ignored"
        return ("robots" if "robots" in text.lower() else "refused"), f"{text}: {url}"
    name = type(exc).__name__
    if name == "DownloadCancelledError" and "max size" in str(exc).lower():
        return "error", f"too large, not downloaded (DOWNLOAD_MAXSIZE): {url}"
    if "DNS" in name or "Resolve" in name:
        return "error", f"DNS lookup failed for {host} (offline or unknown host)"
    if "Timeout" in name:
        return "error", f"timed out fetching {url}"
    if "ConnectionRefused" in name:
        return "error", f"connection refused by {host}"
    return "error", f"{name} fetching {url}: {exc}"[:300]


#: The <time datetime> of a listing item: in the nearest of the link's four closest
#: ancestors that holds exactly one such element, so one item's date never leaks to another.
_ITEM_TIME = "ancestor::*[position() <= 4][count(.//time[@datetime]) = 1][1]//time/@datetime"


def _listing_date(link) -> date | None:
    """The date a listing page prints beside a link, if it marks one up."""
    stamp = link.xpath(_ITEM_TIME).get()
    return parse_date(stamp) if stamp else None
