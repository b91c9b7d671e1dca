"""Crawl saved pages offline: fixture files stand in for the real sites' URLs.

Each folder under tests/fixtures/real/ has a `urls.yml` mapping a real URL to
the file served for it (or to `{file:, status:}` / `{redirect: URL}`). The pages
are the project's own HTML/XML, written to the real sites' structure, so the
real registry entries (hosts, regexes) are exercised unchanged:

    site = FixtureSites("bnn_portal")
    spider = make_spider(BnnPortalSpider, ["bnnk-cilegonkota"], today=date(2025, 1, 10))
    result = crawl(spider, site)
    result.requested          # every URL the spider asked for, in order
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import scrapy
import yaml
from scrapy.http import HtmlResponse, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from crawler.items import Page
from crawler.plan import CrawlPlan
from crawler.sources import DEFAULT_REGISTRY, load_sources

FIXTURES = Path(__file__).parent / "fixtures" / "real"
_REGISTRY = None


def registry_sources(names):
    """The real registry's entries with these names (loaded once per test session)."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = {s.name: s for s in load_sources(DEFAULT_REGISTRY)}
    return [_REGISTRY[n] for n in names]


class FixtureSites:
    """The URL → file maps of one or more fixture folders."""

    def __init__(self, *folders: str):
        self.routes: dict[str, tuple[Path, dict]] = {}
        for folder in folders:
            base = FIXTURES / folder
            for url, spec in yaml.safe_load((base / "urls.yml").read_text()).items():
                spec = {"file": spec} if isinstance(spec, str) else dict(spec)
                self.routes[url] = (base, spec)

    def response(self, request: scrapy.Request):
        """The saved response for a request, None when no page is saved for its URL."""
        route = self.routes.get(request.url)
        if route is None:
            return None
        base, spec = route
        if "redirect" in spec:
            return spec["redirect"]
        path = base / spec["file"]
        cls = {".html": HtmlResponse, ".xml": XmlResponse}.get(path.suffix, TextResponse)
        headers = {"Content-Type": spec.get("content_type") or _content_type(path)}
        return cls(url=request.url, status=spec.get("status", 200), headers=headers,
                   body=path.read_bytes(), request=request, encoding="utf-8")


def _content_type(path: Path) -> str:
    return {".html": "text/html; charset=UTF-8", ".xml": "application/xml; charset=UTF-8"}.get(
        path.suffix, "text/plain; charset=UTF-8")


def make_spider(spider_cls, source_names, today=date(2025, 1, 10), known=(), backfill=None):
    """A spider over real registry entries with a frozen clock (`today`)."""
    crawler = get_crawler(spider_cls)
    plan = (CrawlPlan.backfill("test", backfill) if backfill
            else CrawlPlan.recent("test", today=today))
    return spider_cls.from_crawler(crawler, sources=registry_sources(source_names),
                                   known=known, plan=plan)


@dataclass
class CrawlResult:
    requested: list[str] = field(default_factory=list)     # every URL asked for
    missing: list[str] = field(default_factory=list)       # asked for, but no saved page
    pages: list[Page] = field(default_factory=list)        # Page items yielded
    redirects: dict[str, str] = field(default_factory=dict)

    def fetched(self, kind: str) -> list[str]:
        """URLs of the pages of one kind (article, listing, feed, sitemap) that were served."""
        return [p.url for p in self.pages if p.kind == kind]


def crawl(spider, sites: FixtureSites, limit: int = 500) -> CrawlResult:
    """Run the spider's start requests and callbacks to the end over the saved pages.

    Like Scrapy: a URL is requested once (duplicate filter), a redirect keeps the
    request's callback and meta and records `redirect_urls`.
    """
    result, seen = CrawlResult(), set()
    queue = deque(r for s in spider.sources.values() for r in spider.start_requests_for(s))
    while queue and len(result.requested) < limit:
        request = queue.popleft()
        if request.url in seen and not request.dont_filter:
            continue
        seen.add(request.url)
        result.requested.append(request.url)
        response = sites.response(request)
        if isinstance(response, str):   # a redirect
            result.redirects[request.url] = response
            target = request.replace(url=response)
            target.meta["redirect_urls"] = [*request.meta.get("redirect_urls", []), request.url]
            queue.appendleft(target)
            continue
        if response is None:
            result.missing.append(request.url)
            continue
        for out in request.callback(response) or ():
            if isinstance(out, scrapy.Request):
                queue.append(out)
            elif isinstance(out, Page):
                result.pages.append(out)
    return result
