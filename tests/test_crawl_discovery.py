"""Discovery on saved pages: sitemaps, news sitemaps, feeds and listings → article requests.

Each saved page under tests/fixtures/crawl/ becomes a Scrapy response; the clock
is frozen by giving the spider a fixed date window.
"""

from datetime import date
from pathlib import Path

import pytest
import scrapy
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.utils.test import get_crawler

from crawler.items import Page
from crawler.plan import CrawlPlan, date_in_url, parse_date, url_month_outside
from crawler.sources import RegistryError, load_sources, parse_source
from crawler.spiders.news import NewsSpider

FIXTURES = Path(__file__).parent / "fixtures" / "crawl"
SEASON = CrawlPlan.recent("test", today=date(2025, 1, 12))   # window 2024-11-28 .. 2025-01-14

SOURCE = dict(
    name="warta", kind="news",
    sitemaps=["https://warta.example.id/sitemap_index.xml"],
    feeds=["https://warta.example.id/feed/"],
    start_urls=["https://warta.example.id/kategori/hukum/"],
    follow=[r"/kategori/hukum/page/\d+/$"],
    articles=[r"/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/$", r"/berita/[a-z0-9-]+$"],
)


def make_spider(plan=SEASON, known=(), **overrides):
    source = parse_source({**SOURCE, **overrides})
    crawler = get_crawler(NewsSpider, {"CAPAIAN_PLAN": plan.to_dict()})
    crawler.stats.open_spider()
    spider = NewsSpider.from_crawler(crawler, sources=[source], known=known, plan=plan)
    return spider


def response_for(name: str, url: str, kind: str, depth: int = 1):
    request = scrapy.Request(url, meta={"capaian_source": "warta", "capaian_kind": kind,
                                        "capaian_depth": depth})
    cls = HtmlResponse if name.endswith(".html") else XmlResponse
    return cls(url=url, body=(FIXTURES / name).read_bytes(), request=request,
               headers={"Content-Type": "text/html" if cls is HtmlResponse else "text/xml"})


def split(output):
    output = list(output)
    pages = [o for o in output if isinstance(o, Page)]
    requests = [o for o in output if isinstance(o, scrapy.Request)]
    return pages, {r.url: r.meta["capaian_kind"] for r in requests}


def test_sitemap_index_reads_only_children_inside_the_window():
    spider = make_spider()
    response = response_for("sitemap_index.xml", "https://warta.example.id/sitemap_index.xml", "sitemap")
    pages, requests = split(spider.parse_sitemap(response))
    assert [p.kind for p in pages] == ["sitemap"]
    assert requests == {
        "https://warta.example.id/post-sitemap-2024-12.xml": "sitemap",
        "https://warta.example.id/page-sitemap.xml": "sitemap",
        "https://warta.example.id/news-sitemap.xml": "sitemap",
    }


def test_sitemap_follow_narrows_the_children():
    spider = make_spider(sitemap_follow=[r"news-sitemap"])
    response = response_for("sitemap_index.xml", "https://warta.example.id/sitemap_index.xml", "sitemap")
    assert list(split(spider.parse_sitemap(response))[1]) == ["https://warta.example.id/news-sitemap.xml"]


def test_news_sitemap_filters_by_pattern_date_and_title():
    spider = make_spider(title_keywords=["bnn", "narkotika"])
    response = response_for("news_sitemap.xml", "https://warta.example.id/news-sitemap.xml", "sitemap")
    _, requests = split(spider.parse_sitemap(response))
    assert requests == {
        "https://warta.example.id/2024/12/23/bnnk-deli-serdang-paparkan-capaian-kinerja-2024/": "article"}
    stats = spider.crawler.stats
    assert stats.get_value("capaian/candidate/rejected/title") == 1      # the football story
    assert stats.get_value("capaian/candidate/rejected/date") == 1       # June 2023
    assert stats.get_value("capaian/candidate/rejected/pattern") == 1    # /tentang-kami/


def test_rss_feed_items_become_article_requests_with_their_titles():
    spider = make_spider(title_keywords=["bnn", "narkotika"])
    response = response_for("feed_rss.xml", "https://warta.example.id/feed/", "feed")
    output = list(spider.parse_feed(response))
    requests = [o for o in output if isinstance(o, scrapy.Request)]
    assert [r.url for r in requests] == ["https://warta.example.id/2024/12/30/refleksi-akhir-tahun-bnnp-sumut/"]
    assert requests[0].meta["capaian_title"].startswith("Refleksi Akhir Tahun")


def test_atom_feed_resolves_relative_links_and_dates():
    spider = make_spider()
    url = "https://kabar.example.id/feed.atom"
    response = response_for("feed_atom.xml", url, "feed")
    _, requests = split(spider.parse_feed(response))
    assert requests == {"https://kabar.example.id/berita/capaian-kinerja-bnnk-karo-2024": "article",
                        "https://kabar.example.id/berita/lowongan-kerja-desember": "article"}


def test_listing_yields_articles_and_next_pages_but_runs_no_script():
    spider = make_spider()
    response = response_for("listing.html", "https://warta.example.id/kategori/hukum/", "listing")
    pages, requests = split(spider.parse_listing(response))
    assert [p.kind for p in pages] == ["listing"]
    assert requests == {
        "https://warta.example.id/2024/12/27/bnnk-langkat-capaian-kinerja-2024/": "article",
        "https://warta.example.id/2024/12/26/polres-tangkap-pengedar/": "article",
        "https://warta.example.id/kategori/hukum/page/2/": "listing",
        "https://warta.example.id/kategori/hukum/page/3/": "listing",
    }   # 2019 link: outside the window; evil.example.com: never seen


def test_listing_pagination_stops_at_the_depth_limit():
    spider = make_spider()
    response = response_for("listing.html", "https://warta.example.id/kategori/hukum/page/3/",
                            "listing", depth=SEASON.max_listing_pages)
    kinds = set(split(spider.parse_listing(response))[1].values())
    assert kinds == {"article"}


def test_known_articles_are_skipped_unless_refresh():
    known = {"https://warta.example.id/2024/12/30/refleksi-akhir-tahun-bnnp-sumut/"}
    response = response_for("feed_rss.xml", "https://warta.example.id/feed/", "feed")
    spider = make_spider(known=known)
    assert "https://warta.example.id/2024/12/30/refleksi-akhir-tahun-bnnp-sumut/" \
        not in split(spider.parse_feed(response))[1]
    assert spider.crawler.stats.get_value("capaian/article/skipped_known") == 1
    refresh = CrawlPlan.recent("test", today=date(2025, 1, 12), refresh=True)
    spider = make_spider(plan=refresh, known=known)
    assert "https://warta.example.id/2024/12/30/refleksi-akhir-tahun-bnnp-sumut/" \
        in split(spider.parse_feed(response))[1]


def test_backfill_walks_archive_urls_of_the_year():
    plan = CrawlPlan.backfill("test", 2023)
    spider = make_spider(plan=plan, backfill_urls=["https://warta.example.id/{year}/{month}/"])
    urls = [r.url for r in spider.start_requests_for(spider.sources["warta"])
            if r.meta["capaian_kind"] == "listing"]
    assert "https://warta.example.id/2023/01/" in urls and "https://warta.example.id/2024/01/" in urls
    assert "https://warta.example.id/2024/02/" not in urls


@pytest.mark.parametrize("text, expected", [
    ("Mon, 30 Dec 2024 03:12:00 +0000", date(2024, 12, 30)),
    ("2024-12-31T23:30:00-02:00", date(2025, 1, 1)),
    ("2024-12-23", date(2024, 12, 23)),
    ("2025-01-03T08:00:00Z", date(2025, 1, 3)),
    ("kemarin", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_dates_in_urls():
    assert date_in_url("https://x.id/2024/12/23/slug/") == date(2024, 12, 23)
    assert date_in_url("https://x.id/bnn/2024/12/23/18/38/44/6444/slug") == date(2024, 12, 23)
    assert date_in_url("https://x.id/read/123/slug") is None
    assert url_month_outside("https://x.id/post-sitemap-2019-05.xml", SEASON)
    assert not url_month_outside("https://x.id/post-sitemap-2024-12.xml", SEASON)
    assert not url_month_outside("https://x.id/sitemap-1.xml", SEASON)


def test_registry_errors_are_clear(tmp_path):
    with pytest.raises(RegistryError, match="not found; pass --sources"):
        load_sources(tmp_path / "missing.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("sources:\n  - name: Bad Name\n")
    with pytest.raises(RegistryError, match="must match"):
        load_sources(bad)
    bad.write_text("sources:\n  - name: ok\n    articles: ['(']\n")
    with pytest.raises(RegistryError, match="articles regex"):
        load_sources(bad)
