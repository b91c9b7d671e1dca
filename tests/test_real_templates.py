"""Discovery on saved pages shaped like the real sites, through the real registry entries.

The fixtures (tests/fixtures/real/<site>/) are the project's own HTML/XML written to
the real sites' structure: a BNN network portal (WordPress, Salient listings), a
regional WordPress paper (Yoast sitemaps), detik regional (RSS, Google News
sitemap, search listing), Tribun regional (sitemap index of section news sitemaps,
/index-news) and a Google News RSS search. The clock is frozen at 10 January 2025:
the daily window opens on 26 November 2024.
"""
from __future__ import annotations

from datetime import date

import pytest

from crawler.spiders.bnn_portal import BnnPortalSpider, indonesian_date
from crawler.spiders.news import NewsSpider
from crawler.spiders.search_feed import (SearchFeedSpider, publisher_url,
                                         strip_publisher)
from tests.offline import FixtureSites, crawl, make_spider

CILEGON = "https://cilegonkota.bnn.go.id"
CAPAIAN_CILEGON = f"{CILEGON}/bnn-kota-cilegon-paparkan-capaian-kinerja-tahun-2024/"


def stat(spider, key):
    return spider.crawler.stats.get_value(key, 0)


# ---- a BNN network portal (cilegonkota.bnn.go.id) ---------------------------

@pytest.fixture(scope="module")
def portal():
    spider = make_spider(BnnPortalSpider, ["bnnk-cilegonkota"])
    return spider, crawl(spider, FixtureSites("bnn_portal"))


def test_portal_fetches_the_year_end_report_once(portal):
    _, result = portal
    assert result.fetched("article") == [CAPAIAN_CILEGON]


def test_portal_reads_robots_sitemap_feed_and_listings(portal):
    _, result = portal
    for url in (f"{CILEGON}/robots.txt", f"{CILEGON}/wp-sitemap.xml",
                f"{CILEGON}/wp-sitemap-posts-post-1.xml", f"{CILEGON}/feed/",
                f"{CILEGON}/berita/", f"{CILEGON}/siaran-pers/"):
        assert url in result.requested


def test_portal_skips_page_taxonomy_and_user_sitemaps(portal):
    _, result = portal
    assert not [u for u in result.requested if "wp-sitemap-" in u and "posts-post" not in u]


def test_portal_filters_by_title_and_date_before_fetching(portal):
    spider, result = portal
    assert f"{CILEGON}/tes-urine-pegawai-dinas-perhubungan-kota-cilegon/" not in result.requested
    assert f"{CILEGON}/press-release-akhir-tahun-2023-bnn-kota-cilegon/" not in result.requested
    assert stat(spider, "capaian/candidate/rejected/title") >= 1
    assert stat(spider, "capaian/candidate/rejected/date") >= 1


def test_portal_listing_stops_at_a_page_older_than_the_window(portal):
    spider, result = portal
    assert f"{CILEGON}/berita/page/2/" in result.requested
    assert f"{CILEGON}/berita/page/3/" not in result.requested
    assert stat(spider, "capaian/listing/stopped_old") == 1


def test_portal_never_follows_menus_widgets_or_other_sites(portal):
    _, result = portal
    for url in result.requested:
        assert url.startswith(CILEGON), url
        assert not any(part in url for part in ("/kontak/", "/profil/", "/category/", "/tag/", "/author/"))


def test_portal_listing_dates_come_from_the_theme_markup():
    from scrapy.http import HtmlResponse, Request
    from tests.offline import FIXTURES
    spider = make_spider(BnnPortalSpider, ["bnnk-cilegonkota"])
    source = spider.sources["bnnk-cilegonkota"]
    request = Request(f"{CILEGON}/berita/", meta={"capaian_source": source.name})
    body = (FIXTURES / "bnn_portal" / "berita.html").read_bytes()
    response = HtmlResponse(request.url, body=body, request=request, encoding="utf-8")
    found = {c.url: c.published for c in spider.listing_entries(response, source)}
    assert found == {CAPAIAN_CILEGON: date(2024, 12, 27),
                     f"{CILEGON}/tes-urine-pegawai-dinas-perhubungan-kota-cilegon/": date(2024, 12, 20)}


@pytest.mark.parametrize("text, expected", [
    ("27 Des 2024", date(2024, 12, 27)),
    ("5 Januari 2025", date(2025, 1, 5)),
    ("Senin, 23 December 2024", date(2024, 12, 23)),
    ("14 Okt 2024", date(2024, 10, 14)),
    ("1 Agt 2024", date(2024, 8, 1)),
    ("tanpa tanggal", None),
    ("31 Feb 2024", None),
])
def test_indonesian_listing_dates(text, expected):
    assert indonesian_date(text) == expected


def test_portal_backfill_walks_month_archives_of_that_year():
    spider = make_spider(BnnPortalSpider, ["bnnk-cilegonkota"], backfill=2024)
    result = crawl(spider, FixtureSites("bnn_portal"))
    assert f"{CILEGON}/2024/12/" in result.requested
    assert f"{CILEGON}/2025/01/" in result.requested
    assert f"{CILEGON}/2023/12/" not in result.requested
    assert result.fetched("article") == [CAPAIAN_CILEGON]


# ---- a regional WordPress paper (dutaselaparang.com) -------------------------

DUTA = "https://dutaselaparang.com"


@pytest.fixture(scope="module")
def wordpress():
    spider = make_spider(NewsSpider, ["dutaselaparang"])
    return spider, crawl(spider, FixtureSites("wordpress"))


def test_wordpress_finds_both_releases(wordpress):
    _, result = wordpress
    assert set(result.fetched("article")) == {
        f"{DUTA}/bnnp-ntb-paparkan-capaian-kinerja-sepanjang-2024/",
        f"{DUTA}/bnnk-sumbawa-rilis-kinerja-akhir-tahun-2024/",
    }


def test_wordpress_reads_only_recent_post_sitemaps(wordpress):
    _, result = wordpress
    assert f"{DUTA}/post-sitemap2.xml" in result.requested
    assert f"{DUTA}/post-sitemap.xml" not in result.requested       # lastmod before the window
    assert not [u for u in result.requested if u.endswith(("page-sitemap.xml", "category-sitemap.xml", "author-sitemap.xml"))]


def test_wordpress_does_not_fetch_unrelated_posts_or_pages(wordpress):
    _, result = wordpress
    assert f"{DUTA}/harga-beras-di-pasar-mandalika-naik-lagi/" not in result.requested
    for part in ("/category/", "/author/", "/redaksi/", "pedagang-bakso", "facebook.com"):
        assert not [u for u in result.requested if part in u], part


def test_wordpress_walks_tag_pagination(wordpress):
    _, result = wordpress
    assert f"{DUTA}/tag/bnn/page/2/" in result.requested


def test_wordpress_listing_dates_keep_old_search_results_out(wordpress):
    _, result = wordpress
    assert f"{DUTA}/bnnp-ntb-umumkan-hasil-kinerja-semester-pertama/" not in result.requested


# ---- detik regional (www.detik.com/sumut) -------------------------------------

DETIK_SUMUT = "https://www.detik.com/sumut"


@pytest.fixture(scope="module")
def detik():
    spider = make_spider(NewsSpider, ["detik-regional"])
    return spider, crawl(spider, FixtureSites("detik"))


def test_detik_finds_releases_in_rss_and_news_sitemap(detik):
    _, result = detik
    fetched = set(result.fetched("article"))
    assert f"{DETIK_SUMUT}/berita/d-7712345/bnnp-sumut-paparkan-capaian-kinerja-2024" in fetched
    assert f"{DETIK_SUMUT}/hukum-dan-kriminal/d-7713001/bnn-kota-binjai-rilis-akhir-tahun-ungkap-7-kasus" in fetched


def test_detik_news_sitemap_titles_and_dates_filter_before_fetching(detik):
    spider, result = detik
    assert f"{DETIK_SUMUT}/sepakbola/d-7714500/psms-medan-tambah-dua-pemain-asing" not in result.requested
    assert f"{DETIK_SUMUT}/berita/d-7714020/jadwal-kapal-pelni-dari-belawan-pekan-ini" not in result.requested
    assert f"{DETIK_SUMUT}/berita/d-6400001/ini-capaian-bnn-kota-medan-tahun-lalu" not in result.requested
    assert stat(spider, "capaian/candidate/rejected/date") == 1


def test_detik_search_listing_yields_articles_and_its_next_page(detik):
    _, result = detik
    assert "https://www.detik.com/jatim/berita/d-7715502/bnnk-kediri-catat-capaian-kinerja-2024" in result.requested
    assert ("https://www.detik.com/search/searchall?query=capaian+kinerja+bnn&siteid=2&sortby=time&page=2"
            in result.requested)
    for part in ("/terpopuler", "/redaksi", "akcdn.detik.net.id"):
        assert not [u for u in result.requested if part in u], part


def test_detik_each_article_is_requested_once(detik):
    _, result = detik
    assert len(result.requested) == len(set(result.requested))


# ---- Tribun regional (medan.tribunnews.com) ---------------------------------

TRIBUN = "https://medan.tribunnews.com"


@pytest.fixture(scope="module")
def tribun():
    spider = make_spider(NewsSpider, ["tribun-medan"])
    return spider, crawl(spider, FixtureSites("tribun"))


def test_tribun_finds_releases_in_both_url_forms(tribun):
    _, result = tribun
    assert set(result.fetched("article")) == {
        f"{TRIBUN}/sumut-terkini/1771234/bnnk-tebingtinggi-beberkan-capaian-kinerja-2024",
        f"{TRIBUN}/2024/12/27/bnnk-langkat-rilis-capaian-akhir-tahun-2024",
    }


def test_tribun_reads_only_recent_news_sitemaps_of_the_index(tribun):
    _, result = tribun
    sitemaps = [u for u in result.requested if u.endswith(".xml")]
    assert sitemaps == [f"{TRIBUN}/sitemap.xml", f"{TRIBUN}/sumut-terkini/sitemap_news.xml",
                        f"{TRIBUN}/medan-terkini/sitemap_news.xml"]


def test_tribun_skips_old_unrelated_and_disallowed_links(tribun):
    _, result = tribun
    assert f"{TRIBUN}/2023/12/28/bnnk-langkat-rilis-capaian-akhir-tahun-2023" not in result.requested
    assert f"{TRIBUN}/sumut-terkini/1771400/harga-cabai-merah-turun-di-pasar-petisah" not in result.requested
    assert not [u for u in result.requested if "/tag/" in u or "/topic/" in u]


def test_tribun_index_pagination_stays_within_ten_pages(tribun):
    _, result = tribun
    assert f"{TRIBUN}/index-news?page=2" in result.requested
    assert f"{TRIBUN}/index-news?page=11" not in result.requested


# ---- Google News RSS search -----------------------------------------------------

RIAUPOS = "https://riaupos.jawapos.com/dumai/2024/12/28/bnn-kota-dumai-sampaikan-capaian-kinerja-2024"
PINUSI = "https://pinusi.com/bnnp-dki-jakarta-paparkan-capaian-kinerja-sepanjang-2024/"
LANGKAT = f"{TRIBUN}/2024/12/27/bnnk-langkat-rilis-capaian-akhir-tahun-2024"


@pytest.fixture(scope="module")
def search():
    spider = make_spider(SearchFeedSpider, ["google-news-bnn"], known={LANGKAT})
    return spider, crawl(spider, FixtureSites("google_news", "tribun"))


def test_search_reads_only_the_feeds_of_the_years_in_question(search):
    spider, result = search
    feeds = [u for u in result.requested if "/rss/search?" in u]
    assert feeds and all(any(f"+{y}&" in u for y in (2023, 2024, 2025)) for u in feeds)
    assert not [u for u in feeds if "+2019&" in u or "+2022&" in u]
    assert len(feeds) == 3 * len(spider.sources["google-news-bnn"].extra["queries"])


def test_search_fetches_each_relevant_result_at_its_publisher(search):
    _, result = search
    assert set(result.fetched("article")) == {
        f"{TRIBUN}/sumut-terkini/1771234/bnnk-tebingtinggi-beberkan-capaian-kinerja-2024",
        RIAUPOS, PINUSI}


def test_search_decodes_known_publishers_without_the_google_hop(search):
    spider, result = search
    assert not [u for u in result.requested
                if "news.google.com/rss/articles/" in u and "dHJpYnVubmV3cy5jb20vc3VtdXQtdGVya2luaS8x" in u]
    assert stat(spider, "capaian/search/decoded") == 1


def test_search_follows_the_redirect_for_other_publishers(search):
    _, result = search
    assert RIAUPOS in result.redirects.values()
    assert [p for p in result.pages if p.url == RIAUPOS][0].requested_url.startswith(
        "https://news.google.com/rss/articles/")


def test_search_reads_the_publisher_link_off_the_interstitial_page(search):
    _, result = search
    assert PINUSI in result.requested


def test_search_filters_titles_dates_and_known_articles_before_any_fetch(search):
    spider, result = search
    assert stat(spider, "capaian/candidate/rejected/title") == 1      # harga cabai
    assert stat(spider, "capaian/candidate/rejected/date") == 1       # a January 2023 item
    assert stat(spider, "capaian/article/skipped_known") == 1         # Langkat, already stored
    assert LANGKAT not in result.requested


@pytest.mark.parametrize("title, expected", [
    ("BNNK Dumai Paparkan Capaian 2023 - Riau Pos", "BNNK Dumai Paparkan Capaian 2023"),
    ("Capaian Kinerja BNN Kota X Tahun 2024 - Tribun-medan.com", "Capaian Kinerja BNN Kota X Tahun 2024"),
    ("BNNP Bali: Rilis Akhir Tahun", "BNNP Bali: Rilis Akhir Tahun"),
])
def test_search_titles_lose_the_publisher_suffix(title, expected):
    assert strip_publisher(title) == expected


def test_new_style_google_ids_are_not_guessed():
    assert publisher_url("https://news.google.com/rss/articles/CBMiswFBVV95cUxPbWtBX2Z6X1dPZ2JsTmZ2?oc=5") is None
