"""A wrong articles: pattern does not give a silent zero: BNN-looking feed/sitemap items are judged by content."""

import json

from tests.crawl_support import LocalSite, run_crawler, source_row, summaries, warc_records, write_sources

XML = {"Content-Type": "application/xml"}
PARAGRAPHS = (
    "<p>Badan Narkotika Nasional Kabupaten Karo memaparkan capaian kinerja selama tahun 2024 di "
    "hadapan wartawan dan mitra kerja di aula kantornya pada Senin pagi.</p>"
    "<p>Kepala BNNK menyebut layanan rehabilitasi rawat jalan bertambah dan sosialisasi bahaya "
    "narkoba menjangkau sekolah di seluruh kecamatan sepanjang tahun.</p>")


def _page(title: str, head: str = "", dateline: str = "") -> str:
    return (f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
            f"{dateline}{PARAGRAPHS}</article></body></html>")


OG = _page("BNNK Karo paparkan capaian 2024", '<meta property="og:type" content="article">')
JSON_LD = _page("BNNP Sumut rilis akhir tahun", '<script type="application/ld+json">'
                + json.dumps({"@context": "https://schema.org", "@graph": [
                    {"@type": "WebPage"}, {"@type": "NewsArticle", "headline": "Rilis"}]}) + "</script>")
PLAIN = _page("BNN Kota Medan ungkap 40 kasus", dateline="<p>Medan, 23 Desember 2024</p>")
NOT_ARTICLE = ("<html><head><title>Agenda</title></head><body><ul>"
               "<li><a href='/a'>Agenda BNNK satu</a></li><li><a href='/b'>Agenda BNNK dua</a></li>"
               "</ul></body></html>")

#: path -> (title in the feed, page, pubDate day of December 2024)
FEED_ITEMS = {
    "/2024/12/28/bnnk-karo-paparkan-capaian-2024/": ("BNNK Karo paparkan capaian 2024", OG, 28),
    "/2024/12/27/rilis-akhir-tahun-bnnp-sumut/": ("Rilis akhir tahun", JSON_LD, 27),
    "/2024/12/26/kota-medan-ungkap-40-kasus/": ("BNN Kota Medan ungkap 40 kasus", PLAIN, 26),
    "/2024/12/25/agenda-kegiatan-bnnk-desember/": ("Agenda kegiatan BNNK", NOT_ARTICLE, 25),
    "/2024/12/24/harga-cabai-merah-naik-lagi/": ("Harga cabai merah naik lagi", OG, 24),
}
#: older BNN items, listed only in the sitemap: beyond the probe limit
SITEMAP_ONLY = [f"/2024/11/{d:02d}/bnnk-karo-gelar-sosialisasi-{d}/" for d in (10, 11, 12)]
KEPT = list(FEED_ITEMS)[:3]


def _site() -> LocalSite:
    site = LocalSite({})
    items = "".join(f"<item><title>{t}</title><link>{site.url(p)}</link>"
                    f"<pubDate>{d} Dec 2024 10:00:00 +0700</pubDate></item>"
                    for p, (t, _, d) in FEED_ITEMS.items())
    urls = "".join(f"<url><loc>{site.url(p)}</loc><lastmod>2024-11-{p[9:11]}</lastmod></url>"
                   for p in SITEMAP_ONLY)
    site.routes = {
        "/robots.txt": (200, {"Content-Type": "text/plain"}, "User-agent: *\nAllow: /\n"),
        "/feed/": (200, XML, f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'),
        "/sitemap.xml": (200, XML, '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                   f"{urls}</urlset>"),
        **{p: (200, {}, page) for p, (_, page, _) in FEED_ITEMS.items()},
        **{p: (200, {}, OG) for p in SITEMAP_ONLY},
    }
    return site


def _crawl(tmp_path, site, articles):
    row = {"name": "salah-pola", "kind": "news", "allow_private": True, "articles": articles,
           "feeds": [site.url("/feed/")], "sitemaps": [site.url("/sitemap.xml")]}
    result = run_crawler(tmp_path, write_sources(tmp_path, [row]), "--all-dates", CAPAIAN_PROBE_MAX=4)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return source_row(summaries(tmp_path)[0], "salah-pola")


def test_wrong_pattern_articles_are_found_by_content_and_reported(tmp_path):
    with _site() as site:
        row = _crawl(tmp_path, site, [r"/berita/\d+/[a-z0-9-]+$"])
        hits = site.paths()
    archived = sorted(r["uri"] for r in warc_records(tmp_path) if r["kind"] == "article")
    assert archived == sorted(site.url(p) for p in KEPT)
    assert row["articles_fetched"] == 3
    assert "FIX articles: pattern" in row["message"] and site.url(KEPT[0]) in row["message"]
    assert set(row["pattern_examples"]) <= {site.url(p) for p in KEPT}
    # the non-article was fetched and judged, but not archived
    assert hits.count("/2024/12/25/agenda-kegiatan-bnnk-desember/") == 1
    # bounded (4 newest BNN items), and items without BNN words are never fetched
    assert not {"/2024/12/24/harga-cabai-merah-naik-lagi/", *SITEMAP_ONLY} & set(hits)


def test_no_probing_while_the_pattern_matches_a_listed_item(tmp_path):
    with _site() as site:
        row = _crawl(tmp_path, site, [r"/2024/12/28/"])
        hits = site.paths()
    archived = [r["uri"] for r in warc_records(tmp_path) if r["kind"] == "article"]
    assert archived == [site.url(KEPT[0])]
    assert "FIX" not in row["message"]
    assert not set(KEPT[1:]) & set(hits)
