"""WARC archive: every response kept, with the Capaian headers; files roll over."""

from tests.crawl_support import LocalSite, run_crawler, warc_records, write_sources


def test_records_carry_source_kind_and_requested_uri(tmp_path, news_site):
    site, paths = news_site(3)
    site.routes["/lama/"] = (301, {"Location": site.url("/2024/12/30/pindah/")}, "")
    site.routes["/2024/12/30/pindah/"] = (200, {}, "<p>pindah</p>")
    feed = site.routes["/feed/"]
    site.routes["/feed/"] = (200, feed[1], feed[2].replace(
        "</channel>", f"<item><title>lama</title><link>{site.url('/lama/')}</link></item></channel>"))
    sources = write_sources(tmp_path, [site.source("arsip", articles=[r"/\d{4}/.+/$", r"/lama/$"])])
    result = run_crawler(tmp_path, sources, "--all-dates", "--run-id", "r1", "--worker", "w1")
    assert result.returncode == 0, result.stderr[-2000:]
    records = warc_records(tmp_path)
    assert {r["file"].name for r in records} == {"w1-1.warc.gz"}
    assert all(r["file"].parent.name == "r1" for r in records)
    assert {r["source"] for r in records} == {"arsip"}
    kinds = {r["uri"]: r["kind"] for r in records}
    assert kinds[site.url("/feed/")] == "feed"
    assert kinds[site.url("/sitemap.xml")] == "sitemap"
    assert kinds[site.url("/kategori/hukum/")] == "listing"
    assert kinds[site.url(paths[1])] == "article"
    redirected = [r for r in records if r["requested"] == site.url("/lama/")]
    assert [r["uri"] for r in redirected] == [site.url("/2024/12/30/pindah/")]
    article = next(r for r in records if r["uri"] == site.url(paths[1]))
    assert article["body"].startswith(b"<html><head><title>Rilis 1")
    assert article["date"].endswith("Z")


def test_http_errors_are_archived_and_counted(tmp_path, news_site):
    site, paths = news_site(2)
    site.routes[paths[1]] = (404, {}, "hilang")
    sources = write_sources(tmp_path, [site.source("galat")])
    result = run_crawler(tmp_path, sources, "--all-dates")
    assert result.returncode == 0
    records = [r for r in warc_records(tmp_path) if r["uri"] == site.url(paths[1])]
    assert [r["status"] for r in records] == [404]
    assert "HTTP 404 for" in result.stdout


def test_files_roll_over_past_the_size_limit(tmp_path, news_site):
    site, paths = news_site(8)
    sources = write_sources(tmp_path, [site.source("gulung")])
    result = run_crawler(tmp_path, sources, "--all-dates", "--worker", "w", CAPAIAN_WARC_MAX_BYTES=2000)
    assert result.returncode == 0
    records = warc_records(tmp_path)
    assert len({r["file"] for r in records}) > 2
    assert len([r for r in records if r["kind"] == "article"]) == len(paths)
