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
4. today's ids (since mid-2024) are opaque: they are decoded the way Google's own
   page does it, with `googlenewsdecoder`'s parsers and Scrapy requests (so
   robots.txt, delays, retries and the address checks apply to Google too):
   the article page `<base>/rss/articles/<id>?hl=id&gl=ID&ceid=ID:id` carries a
   signature and a timestamp (`data-n-a-sg`, `data-n-a-ts`), which one POST to
   `<base>/_/DotsSplashUi/data/batchexecute` exchanges for the publisher URL.
   `<base>` is the setting CAPAIAN_GOOGLE_NEWS_BASE (default https://news.google.com).
   Each decoded URL is kept in `$CAPAIAN_DATA/state/google-news-links.jsonl`
   (crawler/state.py `DecodedLinks`), so no link is decoded twice, in this run or a later one;
5. otherwise the news.google.com link itself is requested and its redirect (or,
   on the interstitial page, the publisher link in `data-n-au`, a meta refresh
   or the first outbound `<a>`) is followed.

An article already known under its publisher URL is not fetched again.
Counters: `capaian/search/{decoded,redirect}` (old ids), `capaian/search/decode/
{requested,cached,ok,failed}` (today's ids), `capaian/search/unresolved`.
"""
from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

from googlenewsdecoder._parse import (build_batchexecute_body, params_page_url,
                                      parse_batchexecute, parse_signature)

from crawler.items import Candidate, FetchFailure
from crawler.registry.bnn_portals import GOOGLE_NEWS
from crawler.spiders.base import SourceSpider, canonical
from crawler.state import DecodedLinks

GOOGLE_HOSTS = ("news.google.com",)
_ARTICLE_ID = re.compile(r"/(?:rss/)?articles/([A-Za-z0-9_-]+)")
_URL_BYTES = re.compile(rb"https?://[\x21-\x7e]+")
_PUBLISHER_SEPARATORS = (" - ", " \u2013 ", " \u2014 ", " | ")
_META_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\" >]+)", re.I)
_BATCHEXECUTE = "/_/DotsSplashUi/data/batchexecute"
_FORM = {"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"}
DECODED_LINKS = "state/google-news-links.jsonl"   # under $CAPAIAN_DATA


def google_article_id(google_link: str) -> str | None:
    """The id of a Google News item link (`.../rss/articles/<id>?oc=5`), None for other URLs."""
    parts = urlsplit(google_link)
    match = _ARTICLE_ID.search(parts.path) if parts.hostname in GOOGLE_HOSTS else None
    return match[1] if match else None


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

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        data = crawler.settings.get("CAPAIAN_DATA_DIR")   # unset: tests, keep them in memory
        spider.decoded = DecodedLinks(Path(data) / DECODED_LINKS if data else None)
        spider.google_base = crawler.settings.get(
            "CAPAIAN_GOOGLE_NEWS_BASE", "https://news.google.com").rstrip("/")
        return spider

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
            direct = publisher_url(candidate.url) or self._cached(candidate.url)
            if direct and canonical(direct) in self.known:
                return "known"
        return reason

    def _cached(self, google_link: str) -> str | None:
        article_id = google_article_id(google_link)
        return self.decoded.get(article_id) if article_id else None

    def article_request(self, candidate, source):
        direct = publisher_url(candidate.url)
        if direct and host_allowed(direct, source.domains):
            self.crawler.stats.inc_value("capaian/search/decoded")
            return self.request(direct, source, "article", capaian_title=candidate.title,
                                capaian_via=candidate.url)
        article_id = None if direct else google_article_id(candidate.url)
        if article_id:
            return self._decode_request(article_id, candidate, source)
        self.crawler.stats.inc_value("capaian/search/redirect")
        return self.request(candidate.url, source, "article", callback=self.parse_redirect,
                            capaian_title=candidate.title)

    # ---- today's opaque ids: the decoding exchange ---------------------------

    def _decode_request(self, article_id: str, candidate, source):
        """The publisher URL when decoded before, else the article page that starts the exchange."""
        page = self.google_base + _path_and_query(params_page_url(article_id, GOOGLE_NEWS))
        cached = self.decoded.get(article_id)
        if cached:
            self.crawler.stats.inc_value("capaian/search/decode/cached")
            return self.request(cached, source, "article", capaian_title=candidate.title,
                                capaian_via=page)
        self.crawler.stats.inc_value("capaian/search/decode/requested")
        return self.request(page, source, "article", callback=self.parse_redirect,
                            capaian_title=candidate.title, capaian_google_id=article_id)

    def _batchexecute(self, response, article_id: str, signature: str, timestamp: str):
        """The POST that trades the page's signature for the publisher URL."""
        body = build_batchexecute_body([("1", article_id, timestamp, signature)])
        request = self.request(self.google_base + _BATCHEXECUTE, self.source_of(response),
                               "article", callback=self.parse_decoded,
                               capaian_title=response.meta.get("capaian_title"),
                               capaian_google_id=article_id, capaian_via=response.url)
        return request.replace(method="POST", body=body, headers=_FORM)

    def parse_decoded(self, response):
        """The batchexecute answer: follow the publisher URL it holds."""
        article_id, source = response.meta["capaian_google_id"], self.source_of(response)
        target = _decoded_url(response)
        if target is None:
            self.crawler.stats.inc_value("capaian/search/decode/failed")
            yield FetchFailure(url=response.meta["capaian_via"], source=source.name, kind="article",
                               error=f"Google News link {article_id[:24]}... not decoded: "
                                     "no URL in the batchexecute answer",
                               status=response.status, at=datetime.now(timezone.utc))
            return
        self.decoded.add(article_id, target)
        self.crawler.stats.inc_value("capaian/search/decode/ok")
        if not self.plan.refresh and canonical(target) in self.known:
            self.crawler.stats.inc_value("capaian/article/skipped_known")
            return
        yield self.request(target, source, "article", capaian_title=response.meta.get("capaian_title"),
                           capaian_via=response.meta["capaian_via"])

    # ---- the news.google.com hop -------------------------------------------

    def parse_redirect(self, response):
        """The answer to a news.google.com item link: the article itself, or a page pointing to it."""
        if not host_allowed(response.url, self._google_hosts()):
            yield from self.parse_article(response)     # a plain HTTP redirect already got there
            return
        yield self.page(response, "listing")
        article_id = response.meta.get("capaian_google_id")
        signed = parse_signature(response.text) if article_id and hasattr(response, "text") else None
        if signed:
            yield self._batchexecute(response, article_id, *signed)
            return
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

    def _google_hosts(self) -> tuple[str, ...]:
        return (*GOOGLE_HOSTS, urlsplit(self.google_base).hostname or "")

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


def _path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _decoded_url(response) -> str | None:
    """The first http(s) URL in a batchexecute answer, None when it holds none."""
    try:
        pairs = parse_batchexecute(response.text)
    except (AttributeError, ValueError, IndexError, TypeError, KeyError):
        return None   # not text, not JSON, or not the shape Google sends
    return next((url for _, url in pairs
                 if isinstance(url, str) and url.startswith(("http://", "https://"))), None)


def _meta_refresh(content: str | None) -> str | None:
    match = _META_REFRESH.search(content or "")
    return match[1] if match else None
