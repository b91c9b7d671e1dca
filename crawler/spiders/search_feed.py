"""News-search feeds: Google News RSS searches for BNN offices' yearly reports.

A feed URL is `https://news.google.com/rss/search?q=<query>&hl=id&gl=ID&ceid=ID:id`,
one per query and year (registry `queries`, `first_year`; see
crawler/registry/bnn_portals.py). Each `<item>` carries a title ending in
" - <publisher>", a `<pubDate>`, a `<source url="https://publisher">` and a link
`https://news.google.com/rss/articles/<id>?oc=5` that is a redirect, not the
article. So, before anything is fetched:

1. only the feeds of the years the run is about are read (the current and the
   previous year daily; the backfill year in a backfill);
2. items are filtered by title keywords and date, like any candidate;
3. the publisher's URL is taken out of the item id when the id carries it (the
   older ids are base64 protobuf holding the URL as plain bytes), and fetched
   directly when its host is one of the source's `domains`;
4. otherwise the news.google.com link itself is requested and its redirect (or,
   on the interstitial page, the publisher link in `data-n-au`, a meta refresh
   or the first outbound `<a>`) is followed.

An article already known under its publisher URL is not fetched again.
"""
from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import quote_plus, urlsplit

from crawler.items import Candidate
from crawler.registry.bnn_portals import GOOGLE_NEWS
from crawler.spiders.base import SourceSpider, canonical

GOOGLE_HOSTS = ("news.google.com",)
_ARTICLE_ID = re.compile(r"/(?:rss/)?articles/([A-Za-z0-9_-]+)")
_URL_BYTES = re.compile(rb"https?://[\x21-\x7e]+")
_PUBLISHER_SEPARATORS = (" - ", " \u2013 ", " \u2014 ", " | ")
_META_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\" >]+)", re.I)


def publisher_url(google_link: str) -> str | None:
    """The article URL hidden in a Google News item link, when the id carries it.

    >>> link = "https://news.google.com/rss/articles/" + base64.urlsafe_b64encode(
    ...     b"\\x08\\x13\\x22\\x1chttps://example.id/a/berita-1\\xd2\\x01\\x00").decode().rstrip("=")
    >>> publisher_url(link)
    'https://example.id/a/berita-1'
    """
    match = _ARTICLE_ID.search(urlsplit(google_link).path)
    if not match:
        return None
    token = match[1]
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None
    found = _URL_BYTES.search(raw)
    return found[0].decode("ascii") if found else None


def strip_publisher(title: str | None) -> str | None:
    """`BNNK Dumai Paparkan Capaian 2023 - Riau Pos` -> `BNNK Dumai Paparkan Capaian 2023`."""
    if not title:
        return title
    title = title.strip()
    cut = max(title.rfind(sep) for sep in _PUBLISHER_SEPARATORS)
    if cut > 0 and len(title) - cut <= 64:
        return title[:cut].rstrip()
    return title


def host_allowed(url: str, domains) -> bool:
    """True when the URL's host is one of `domains` or a subdomain of one."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


class SearchFeedSpider(SourceSpider):
    """Every `kind: search_feed` source (Google News RSS searches)."""

    name = "search_feed"
    kind = "search_feed"

    # ---- which feeds -------------------------------------------------------

    def start_requests_for(self, source):
        for url in self.feeds_for_run(source):
            yield self.request(url, source, "feed")

    def feeds_for_run(self, source) -> list[str]:
        """The feed URLs of the years this run is about (all of them when it has no window)."""
        years = self.run_years()
        queries = source.extra.get("queries") or []
        if not queries or years is None:
            return list(source.feeds)
        wanted = [GOOGLE_NEWS.format(q=quote_plus(q.format(year=y))) for y in years for q in queries]
        listed = [u for u in source.feeds if any(quote_plus(str(y)) in u for y in years)]
        return list(dict.fromkeys(listed + wanted))

    def run_years(self) -> list[int] | None:
        """Report years to search: the backfill year, or since-1..until for a daily run."""
        plan = self.plan
        if plan.mode == "backfill" and plan.backfill_year:
            return [plan.backfill_year]
        if plan.since and plan.until:
            return list(range(plan.since.year - 1, plan.until.year + 1))
        return None

    # ---- items --------------------------------------------------------------

    def feed_entries(self, response, source):
        for entry in super().feed_entries(response, source):
            if isinstance(entry, Candidate):
                entry.title = strip_publisher(entry.title)
                entry.via = "search"
            yield entry

    def reject_reason(self, candidate, source):
        reason = super().reject_reason(candidate, source)
        if reason is None and not self.plan.refresh:
            direct = publisher_url(candidate.url)
            if direct and canonical(direct) in self.known:
                return "known"
        return reason

    def article_request(self, candidate, source):
        direct = publisher_url(candidate.url)
        if direct and host_allowed(direct, source.domains):
            self.crawler.stats.inc_value("capaian/search/decoded")
            return self.request(direct, source, "article", capaian_title=candidate.title,
                                capaian_via=candidate.url)
        self.crawler.stats.inc_value("capaian/search/redirect")
        return self.request(candidate.url, source, "article", callback=self.parse_redirect,
                            capaian_title=candidate.title)

    # ---- the news.google.com hop -------------------------------------------

    def parse_redirect(self, response):
        """The answer to a news.google.com item link: the article itself, or a page pointing to it."""
        if not host_allowed(response.url, GOOGLE_HOSTS):
            yield from self.parse_article(response)     # a plain HTTP redirect already got there
            return
        yield self.page(response, "listing")
        target = self._outbound_link(response)
        source = self.source_of(response)
        if target is None:
            self.crawler.stats.inc_value("capaian/search/unresolved")
            return
        if not self.plan.refresh and canonical(target) in self.known:
            self.crawler.stats.inc_value("capaian/article/skipped_known")
            return
        yield self.request(target, source, "article", capaian_title=response.meta.get("capaian_title"),
                           capaian_via=response.url)

    @staticmethod
    def _outbound_link(response) -> str | None:
        if not hasattr(response, "css"):
            return None
        for value in (response.css("[data-n-au]::attr(data-n-au)").get(),
                      _meta_refresh(response.css('meta[http-equiv="refresh" i]::attr(content)').get())):
            if value and value.startswith(("http://", "https://")):
                return value
        for href in response.css("a[href]::attr(href)").getall():
            url = response.urljoin(href)
            if url.startswith(("http://", "https://")) and not host_allowed(url, ("google.com",)):
                return url
        return None


def _meta_refresh(content: str | None) -> str | None:
    match = _META_REFRESH.search(content or "")
    return match[1] if match else None
