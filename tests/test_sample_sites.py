"""The bundled sample sites, fetched over real HTTP as the crawler will see them."""
from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
import urllib.robotparser
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from sample_sites.articles import parse_body
from sample_sites.routes import PER_PAGE, build_routes, is_hidden
from sample_sites.server import SampleSites
from sample_sites.sites import SITES, SITES_BY_ID

SITE_IDS = [s.id for s in SITES]
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def sites():
    with SampleSites() as running:
        yield running


@pytest.fixture
def fresh_sites():
    """A server of its own, for tests that count first requests."""
    with SampleSites() as running:
        yield running


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def only(sites, special: str):
    found = [a for a in sites.articles if a.special == special]
    assert len(found) == 1, f"expected one article with special {special}, found {len(found)}"
    return found[0]


def of_site(sites, site_id: str, hidden: bool | None = None):
    site = SITES_BY_ID[site_id]
    return [a for a in sites.articles
            if a.site == site_id and (hidden is None or is_hidden(site, a) == hidden)]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


def links_of(url: str, body: bytes) -> list[str]:
    parser = _Links()
    parser.feed(body.decode("utf-8", "replace"))
    return [urljoin(url, href) for href in parser.hrefs]


def sitemap_urls(url: str) -> list[str]:
    """Every <loc> of a sitemap, following a sitemap index to its children."""
    status, _, body = fetch(url)
    assert status == 200, url
    root = ET.fromstring(body)
    if root.tag.endswith("sitemapindex"):
        return [u for loc in root.iterfind("sm:sitemap/sm:loc", NS) for u in sitemap_urls(loc.text)]
    return [loc.text for loc in root.iterfind("sm:url/sm:loc", NS)]


def test_there_are_six_sites_with_articles_and_every_special(sites):
    assert set(sites.base_urls) == set(SITE_IDS)
    assert {a.site for a in sites.articles} == set(SITE_IDS)
    for special in ("windows-1252", "mojibake", "error-once", "robots-disallowed"):
        only(sites, special)


def test_each_site_has_its_own_loopback_address(sites):
    hosts = {urlsplit(base).hostname for base in sites.base_urls.values()}
    assert all(h.startswith("127.") for h in hosts)
    assert len(hosts) == len(SITES) or hosts == {"127.0.0.1"}


@pytest.mark.parametrize("site_id", SITE_IDS)
def test_robots_txt_disallows_one_section_and_its_articles(sites, site_id):
    base = sites.base_urls[site_id]
    status, _, body = fetch(base + "/robots.txt")
    assert status == 200
    assert f"Disallow: /{SITES_BY_ID[site_id].disallow}/" in body.decode()
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(body.decode().splitlines())
    for article in of_site(sites, site_id, hidden=True):
        assert not robots.can_fetch("capaian", sites.url(article))
    for article in of_site(sites, site_id, hidden=False):
        assert robots.can_fetch("capaian", sites.url(article))


def test_the_robots_disallowed_article_lives_in_the_disallowed_section(sites):
    article = only(sites, "robots-disallowed")
    prefix = SITES_BY_ID[article.site].disallow_path
    assert urlsplit(sites.url(article)).path.startswith(prefix)


@pytest.mark.parametrize("site_id", SITE_IDS)
def test_sitemap_lists_every_allowed_article_with_absolute_urls(sites, site_id):
    listed = sitemap_urls(sites.base_urls[site_id] + "/sitemap.xml")
    expected = {sites.url(a) for a in of_site(sites, site_id, hidden=False)}
    assert set(listed) == expected
    assert all(u.startswith(sites.base_urls[site_id] + "/") for u in listed)


def test_two_sites_have_a_sitemap_index_with_a_google_news_sitemap(sites):
    with_index = [s for s in SITES if s.sitemap_index]
    assert len(with_index) == 2
    for site in with_index:
        status, _, body = fetch(sites.base_urls[site.id] + "/news-sitemap.xml")
        assert status == 200 and b"<news:publication_date>" in body


@pytest.mark.parametrize("site_id", SITE_IDS)
def test_feed_lists_every_allowed_article(sites, site_id):
    site = SITES_BY_ID[site_id]
    status, headers, body = fetch(sites.base_urls[site_id] + site.feed_path)
    assert status == 200 and "rss" in headers["Content-Type"]
    channel = ET.fromstring(body).find("channel")
    links = [item.findtext("link") for item in channel.iterfind("item")]
    assert set(links) == {sites.url(a) for a in of_site(sites, site_id, hidden=False)}
    assert all(item.findtext("pubDate") for item in channel.iterfind("item"))


@pytest.mark.parametrize("site_id", SITE_IDS)
def test_listed_articles_resolve(sites, site_id):
    for article in of_site(sites, site_id, hidden=False):
        status, _, body = fetch(sites.url(article))
        if status == 500 and article.special == "error-once":
            status, _, body = fetch(sites.url(article))
        assert status == 200, sites.url(article)
        encoding = "cp1252" if article.special == "windows-1252" else "utf-8"
        assert article.title in html.unescape(body.decode(encoding))


def _walk_listings(sites, site_id):
    """Breadth-first over the listing pages the registry names; returns article links and pages seen."""
    source = _source(sites, site_id)
    follow = [re.compile(p) for p in source["follow"]]
    articles = [re.compile(p) for p in source["articles"]]
    queue, seen, found = list(source["start_urls"]), set(), set()
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        status, _, body = fetch(url)
        assert status == 200, url
        for link in links_of(url, body):
            if not link.startswith(sites.base_urls[site_id]):
                continue
            if any(p.search(link) for p in articles):
                found.add(link)
            elif any(p.search(link) for p in follow):
                queue.append(link)
    return found, seen


def _source(sites, site_id):
    return next(s for s in sites.source_entries() if s["name"] == site_id)


@pytest.mark.parametrize("site_id", SITE_IDS)
def test_listing_pages_reach_every_article(sites, site_id):
    found, _ = _walk_listings(sites, site_id)
    expected = {sites.url(a) for a in of_site(sites, site_id)}
    assert expected <= found
    for broken in found - expected:
        assert fetch(broken)[0] == 404


def test_listings_paginate_and_a_listing_carries_a_broken_link(sites):
    paginated, broken = 0, 0
    for site in SITES:
        found, seen = _walk_listings(sites, site.id)
        paginated += any(re.search(r"page/2/|page=2|halaman=2|paged=2|/2$", u) for u in seen)
        broken += len(found - {sites.url(a) for a in of_site(sites, site.id)})
        listings = [p for p in build_routes(site, sites.articles).values() if p.kind == "listing"]
        assert all(len(p.context["items"]) <= PER_PAGE <= 5 for p in listings)
    assert paginated >= 3
    assert broken >= 1


def test_error_once_article_answers_500_then_200(fresh_sites):
    article = only(fresh_sites, "error-once")
    url = fresh_sites.url(article)
    assert [fetch(url)[0] for _ in range(3)] == [500, 200, 200]
    path = url[len(fresh_sites.base_urls[article.site]):]
    assert fresh_sites.hits.count(article.site, path, 500) == 1
    assert fresh_sites.hits.count(article.site, path, 200) == 2


def test_windows_1252_article_is_served_in_windows_1252(sites):
    article = only(sites, "windows-1252")
    status, headers, body = fetch(sites.url(article))
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=windows-1252"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = html.unescape(body.decode("cp1252"))
    assert 'charset=windows-1252' in text
    assert article.paragraphs[0] in text


def test_mojibake_article_is_served_as_utf8_with_its_damage(sites):
    article = only(sites, "mojibake")
    status, headers, body = fetch(sites.url(article))
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    damaged = [p for p in article.paragraphs if "Â" in p or "â€" in p]
    assert damaged and damaged[0] in html.unescape(body.decode("utf-8"))


def test_syndicated_copies_are_ordinary_articles_of_their_own_site(sites):
    copies = [a for a in sites.articles if a.syndicated_from]
    assert copies
    originals = {a.slug: a for a in sites.articles}
    for copy in copies:
        assert copy.syndicated_from in originals
        assert originals[copy.syndicated_from].site != copy.site
        assert fetch(sites.url(copy))[0] == 200


def test_unknown_path_is_a_404_in_the_site_style(sites):
    status, _, body = fetch(sites.base_urls["pojok-jabar"] + "/tidak-ada/")
    assert status == 404 and b"Halaman Tidak Ditemukan" in body


def test_hits_are_recorded(fresh_sites):
    base = fresh_sites.base_urls["kabar-sumatera"]
    fetch(base + "/robots.txt")
    fetch(base + "/robots.txt")
    fetch(base + "/no-such-page")
    assert fresh_sites.hits.count("kabar-sumatera", "/robots.txt", 200) == 2
    assert ("kabar-sumatera", "/no-such-page", 404) in list(fresh_sites.hits)
    assert len(fresh_sites.hits) == 3


def test_write_sources_names_every_site(sites, tmp_path):
    path = sites.write_sources(tmp_path / "demo" / "sources.yml")
    sources = yaml.safe_load(path.read_text())["sources"]
    assert [s["name"] for s in sources] == SITE_IDS
    for source in sources:
        base = sites.base_urls[source["name"]]
        assert source["allow_private"] is True
        assert source["kind"] in {"news", "bnn_portal"}
        assert all(u.startswith(base) for u in source["sitemaps"] + source["feeds"] + source["start_urls"])
        for pattern in source["follow"] + source["articles"]:
            re.compile(pattern)
    assert next(s for s in sources if s["name"] == "portal-bnnp-sumut")["kind"] == "bnn_portal"


def test_the_crawler_accepts_the_written_registry(sites, tmp_path):
    from crawler.sources import load_sources

    loaded = load_sources(sites.write_sources(tmp_path / "sources.yml"))
    assert [s.name for s in loaded] == SITE_IDS
    assert all(s.allow_private for s in loaded)


def test_article_urls_match_their_sites_article_patterns(sites):
    for article in sites.articles:
        source = _source(sites, article.site)
        assert any(re.search(p, sites.url(article)) for p in source["articles"]), sites.url(article)


@pytest.mark.parametrize("body, kinds", [
    ("Satu.\n\nDua.", ["p", "p"]),
    ("Rincian:\n- a\n- b", ["p", "ul"]),
    ("1. x\n2. y\n\nPenutup.", ["ol", "p"]),
])
def test_bodies_split_into_paragraphs_and_lists(body, kinds):
    assert [b.kind for b in parse_body(body)] == kinds
