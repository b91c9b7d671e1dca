"""Incremental crawling: articles already fetched (WARC not yet loaded, or the warehouse) are skipped."""

import duckdb

from tests.crawl_support import run_crawler, source_row, summaries, warc_records, write_sources


def _article_hits(site, paths):
    return sum(site.count(p) for p in paths)


def test_second_run_fetches_no_article_but_rereads_feeds(tmp_path, news_site):
    site, paths = news_site(6)
    sources = write_sources(tmp_path, [site.source("harian")])
    assert run_crawler(tmp_path, sources, "--all-dates").returncode == 0
    assert _article_hits(site, paths) == len(paths)
    feed_hits, sitemap_hits = site.count("/feed/"), site.count("/sitemap.xml")

    result = run_crawler(tmp_path, sources, "--all-dates")
    assert result.returncode == 0, result.stderr[-2000:]
    assert _article_hits(site, paths) == len(paths)            # none again
    assert site.count("/feed/") == feed_hits + 1                # feeds re-read
    assert site.count("/sitemap.xml") == sitemap_hits + 1
    assert site.count("/kategori/hukum/") == 2
    second = summaries(tmp_path)[-1]
    assert source_row(second, "harian")["articles_fetched"] == 0
    assert source_row(second, "harian")["status"] == "ok"
    assert second["totals"]["capaian/article/skipped_known"] >= len(paths)

    assert run_crawler(tmp_path, sources, "--all-dates", "--refresh").returncode == 0
    assert _article_hits(site, paths) == 2 * len(paths)


def test_warehouse_pages_count_as_fetched_and_loaded_warcs_are_not_reread(tmp_path, news_site):
    site, paths = news_site(4)
    sources = write_sources(tmp_path, [site.source("harian")])
    assert run_crawler(tmp_path, sources, "--all-dates").returncode == 0
    warc_files = sorted({str(r["file"]) for r in warc_records(tmp_path)})
    with duckdb.connect(str(tmp_path / "capaian.duckdb")) as con:   # as if `warehouse load` ran
        con.execute("create schema raw")
        con.execute("create table raw.pages (url text, final_url text, status int)")
        con.execute("insert into raw.pages values (?, ?, 200), (?, ?, 500)",
                    [site.url(paths[0]), site.url(paths[0]), site.url(paths[1]), site.url(paths[1])])
        con.execute("create table raw.warc_files (path text)")
        con.executemany("insert into raw.warc_files values (?)", [[f] for f in warc_files])

    assert run_crawler(tmp_path, sources, "--all-dates").returncode == 0
    assert site.count(paths[0]) == 1        # in the warehouse: skipped
    assert site.count(paths[1]) == 2        # in the warehouse with HTTP 500: tried again
    assert site.count(paths[2]) == 2        # only in a loaded WARC file, not in raw.pages


def test_after_warehouse_load_the_next_crawl_still_skips_articles(tmp_path, news_site):
    import subprocess
    import sys

    from tests.crawl_support import PROJECT, crawl_env

    site, paths = news_site(4)
    sources = write_sources(tmp_path, [site.source("harian")])
    assert run_crawler(tmp_path, sources, "--all-dates").returncode == 0
    load = subprocess.run([sys.executable, "-m", "warehouse", "load"], cwd=PROJECT,
                          env=crawl_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert load.returncode == 0, load.stderr[-2000:]
    with duckdb.connect(str(tmp_path / "capaian.duckdb"), read_only=True) as con:
        loaded = {r[0] for r in con.execute("select url from raw.pages where source = 'harian'").fetchall()}
    assert {site.url(p) for p in paths} <= loaded

    assert run_crawler(tmp_path, sources, "--all-dates").returncode == 0
    assert {site.count(p) for p in paths} == {1}               # known from raw.pages now
