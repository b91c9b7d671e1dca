"""Today's Google News links: decoded through the same politeness rules, once, then cached.

A stand-in for news.google.com on loopback answers the decoding exchange in the
shape Google does: the article page `/rss/articles/<id>` carries a signature and
a timestamp, and a POST to `/_/DotsSplashUi/data/batchexecute` holding them answers
the publisher URL (only for the signature that page gave). The crawler is pointed
at it with CAPAIAN_GOOGLE_NEWS_BASE; the feed's item links stay news.google.com links.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import hashlib
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler

from crawler.middlewares import HostRefused, SafetyMiddleware
from crawler.plan import CrawlPlan
from crawler.sources import parse_source
from crawler.spiders.search_feed import SearchFeedSpider
from tests.crawl_support import LocalSite, run_crawler, summaries, warc_records, write_sources

OPAQUE_ID = "CBMi" + base64.urlsafe_b64encode(
    b"\xa2\x01AU_yqLNbnnkMandailingCapaianKinerja2024opaque").decode().rstrip("=")
OLD_ARTICLE = "/2024/12/27/bnnk-langkat-rilis-capaian-akhir-tahun-2024/"
NEW_ARTICLE = "/2024/12/30/bnnk-mandailing-natal-paparkan-capaian-kinerja-2024/"
FEED_PATH = "/rss/search?q=%22capaian+kinerja%22+BNNK+2024&hl=id&gl=ID&ceid=ID:id"
TIMESTAMP = "1735530000"


def _old_id(url: str) -> str:
    """An item id of the pre-2024 kind: base64 protobuf holding the URL as plain bytes."""
    raw = b"\x08\x13\x22" + bytes([len(url)]) + url.encode() + b"\xd2\x01\x00"
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _signature(article_id: str) -> str:
    return "AZ5r3e" + hashlib.sha1(article_id.encode()).hexdigest()[:24]


class GoogleStandIn(LocalSite):
    """news.google.com's feed and decoding exchange on 127.0.0.1, recording every hit."""

    def __init__(self, publisher_base: str, robots: str = "User-agent: *\nDisallow: /search\n"):
        super().__init__({})
        self.publisher_base, self.robots = publisher_base, robots
        self.signature = _signature(OPAQUE_ID)   # the one batchexecute accepts

    def count(self, method: str, path_start: str) -> int:
        return sum(h.method == method and h.path.startswith(path_start) for h in self.hits)

    def exchange(self) -> list[str]:
        """The decoding requests seen so far."""
        return [f"{h.method} {h.path}" for h in self.hits
                if "/rss/articles/" in h.path or "batchexecute" in h.path]

    def feed(self) -> str:
        items = [("BNNK Langkat Rilis Capaian Akhir Tahun 2024 - Warta Langkat",
                  _old_id(self.publisher_base + OLD_ARTICLE), "Fri, 27 Dec 2024 08:45:00 GMT"),
                 ("BNNK Mandailing Natal Paparkan Capaian Kinerja 2024 - Warta Madina",
                  OPAQUE_ID, "Mon, 30 Dec 2024 05:00:00 GMT")]
        body = "".join(f"<item><title>{t}</title><link>https://news.google.com/rss/articles/{i}?oc=5"
                       f"</link><guid isPermaLink=\"false\">{i}</guid><pubDate>{d}</pubDate></item>"
                       for t, i, d in items)
        return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>{body}</channel></rss>'

    def article_page(self, article_id: str) -> str:
        return ('<!doctype html><html lang="id"><head><title>Google Berita</title></head><body>'
                f'<c-wiz jsrenderer="ZzFfgc"><div jscontroller="aLI87" data-n-a-id="{article_id}" '
                f'data-n-a-sg="{_signature(article_id)}" data-n-a-ts="{TIMESTAMP}"></div></c-wiz>'
                "<script>/* the page decodes itself with the call below */</script></body></html>")

    def batchexecute(self, form: str) -> str:
        """Google's answer: the URL for a request that brings the page's signature, else an error row."""
        envelopes = json.loads(parse_qs(form)["f.req"][0])[0]
        rows = []
        for rpc, inner, _, request_id in envelopes:
            _, _, article_id, timestamp, signature = json.loads(inner)
            if rpc == "Fbv4je" and article_id == OPAQUE_ID and signature == self.signature \
                    and str(timestamp) == TIMESTAMP:
                answer = json.dumps(["garturlres", self.publisher_base + NEW_ARTICLE, 1])
                rows.append(["wrb.fr", "Fbv4je", answer, None, None, None, request_id])
            else:
                rows.append(["wrb.fr", "Fbv4je", None, None, None, [3], request_id])
        rows += [["di", 41], ["af.httprm", 40, "-6172734195412378129", 17]]
        return ")]}'\n\n" + json.dumps(rows)

    def answer(self, hit):
        parts = urlsplit(hit.path)
        if hit.path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, self.robots
        if hit.path == FEED_PATH:
            return 200, {"Content-Type": "application/xml"}, self.feed()
        if hit.method == "GET" and parts.path.startswith("/rss/articles/") \
                and parse_qs(parts.query).get("hl") == ["id"]:
            return 200, {}, self.article_page(parts.path.rsplit("/", 1)[1])
        if hit.method == "POST" and parts.path == "/_/DotsSplashUi/data/batchexecute":
            return 200, {"Content-Type": "application/json; charset=utf-8"}, \
                self.batchexecute(hit.body.decode())
        return 404, {}, "not found"


def _publisher() -> LocalSite:
    page = "<html><head><title>{0}</title></head><body><p>{0}: BNNK memaparkan capaian.</p></body></html>"
    return LocalSite({"/robots.txt": (200, {"Content-Type": "text/plain"}, "User-agent: *\n"),
                      OLD_ARTICLE: (200, {}, page.format("BNNK Langkat")),
                      NEW_ARTICLE: (200, {}, page.format("BNNK Mandailing Natal"))}, host="127.0.0.2")


@pytest.fixture
def google_news(tmp_path):
    """(stand-in, publisher, registry file, crawl function) for one Google News search source."""
    with _publisher() as publisher, GoogleStandIn(publisher.base) as google:
        sources = write_sources(tmp_path, [{
            "name": "berita-google", "kind": "search_feed", "feeds": [google.base + FEED_PATH],
            "domains": ["127.0.0.2"], "articles": ["^https?://"], "title_keywords": ["bnn"],
            "allow_private": True}])

        def crawl(run_id, *args):
            result = run_crawler(tmp_path, sources, "--all-dates", "--run-id", run_id, *args,
                                 CAPAIAN_GOOGLE_NEWS_BASE=google.base)
            assert result.returncode == 0, result.stderr[-3000:]
            return next(s for s in summaries(tmp_path) if s["run_id"] == run_id)

        yield google, publisher, crawl


def _articles(tmp_path) -> collections.Counter:
    return collections.Counter(r["uri"] for r in warc_records(tmp_path)
                               if r["kind"] == "article" and r["status"] == 200)


def test_todays_link_is_decoded_politely_and_its_article_archived(tmp_path, google_news):
    google, publisher, crawl = google_news
    summary = crawl("satu")
    assert google.paths()[0] == "/robots.txt"                 # robots.txt before anything else
    assert google.count("GET", f"/rss/articles/{OPAQUE_ID}?hl=id&gl=ID&ceid=ID") == 1
    assert google.count("POST", "/_/DotsSplashUi/data/batchexecute") == 1
    assert _articles(tmp_path) == {publisher.url(NEW_ARTICLE): 1, publisher.url(OLD_ARTICLE): 1}
    assert summary["totals"]["capaian/search/decode/ok"] == 1
    assert summary["totals"]["capaian/search/decoded"] == 1     # the old id, offline,
    assert google.exchange() == [                              # without asking Google
        f"GET /rss/articles/{OPAQUE_ID}?hl=id&gl=ID&ceid=ID%3Aid",
        "POST /_/DotsSplashUi/data/batchexecute"]
    saved = (tmp_path / "data" / "state" / "google-news-links.jsonl").read_text()
    assert json.loads(saved) == {"id": OPAQUE_ID, "url": publisher.url(NEW_ARTICLE)}


def test_a_link_is_never_decoded_twice(tmp_path, google_news):
    google, publisher, crawl = google_news
    crawl("satu")
    decoding = google.exchange()
    second = crawl("dua")                                      # the daily run: article known
    assert second["totals"]["capaian/article/skipped_known"] == 2
    third = crawl("tiga", "--refresh")                         # fetch again, straight from the cache
    assert third["totals"]["capaian/search/decode/cached"] == 1
    assert google.exchange() == decoding
    assert google.count("GET", FEED_PATH) == 3
    assert publisher.count(NEW_ARTICLE) == 2                   # runs one and three
    assert _articles(tmp_path)[publisher.url(NEW_ARTICLE)] == 2


def test_robots_txt_of_the_decoder_is_obeyed(tmp_path, google_news):
    google, publisher, crawl = google_news
    google.robots = "User-agent: *\nDisallow: /_/\n"
    summary = crawl("satu")
    assert google.count("POST", "/_/") == 0
    assert publisher.count(NEW_ARTICLE) == 0
    assert summary["totals"]["capaian/failure/robots"] == 1
    assert not (tmp_path / "data" / "state" / "google-news-links.jsonl").exists()


def test_a_link_google_will_not_decode_is_reported(tmp_path, google_news):
    google, publisher, crawl = google_news
    google.signature = "AZ5r3e-kedaluwarsa"                    # the page's signature is refused
    summary = crawl("satu")
    assert google.count("POST", "/_/DotsSplashUi/data/batchexecute") == 1
    assert publisher.count(NEW_ARTICLE) == 0
    assert summary["totals"]["capaian/search/decode/failed"] == 1
    row = summary["sources"][0]
    assert row["status"] == "ok"                              # the old link still got its article
    assert f"Google News link {OPAQUE_ID[:24]}... not decoded" in row["message"]


def test_a_decoded_publisher_outside_the_domains_is_allowed_like_a_redirect():
    """Google's answer for its own link counts as a redirect from a registry host, no more."""
    row = {"name": "berita-google", "kind": "search_feed", "feeds": ["http://127.0.0.1:9/rss/search"]}
    crawler = get_crawler(SearchFeedSpider)
    spider = SearchFeedSpider.from_crawler(crawler, sources=[parse_source(row)],
                                           plan=CrawlPlan.any_date("t"))
    article = "http://93.184.215.14/2024/12/30/berita/"   # a public IP literal: no DNS, no traffic

    async def check(**meta):
        middleware = SafetyMiddleware(crawler)
        middleware.spider_opened(spider)
        await middleware.process_request(Request(article, meta={"capaian_source": "berita-google", **meta}))

    asyncio.run(check(capaian_via="http://127.0.0.1:9/rss/articles/CBMi?hl=id"))
    with pytest.raises(HostRefused, match="not a host of the source registry"):
        asyncio.run(check())
    with pytest.raises(HostRefused, match="not a host of the source registry"):
        asyncio.run(check(capaian_via="http://127.0.0.9/elsewhere"))
