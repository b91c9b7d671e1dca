"""End to end on the bundled sample sites: every reachable article once, robots.txt obeyed."""

import collections
from urllib.parse import urlsplit

import duckdb
import pytest

import sample_sites.server as sample_sites
from tests.crawl_support import run_crawler, summaries, warc_records
from warehouse.load import load_warehouse
from warehouse.warcs import write_pages


@pytest.fixture(scope="module")
def sample_crawl(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("sample")
    with sample_sites.SampleSites() as sites:
        sources = sites.write_sources(tmp_path / "sources.yml")
        result = run_crawler(tmp_path, sources, "--all-dates")
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        yield sites, tmp_path, sites.hits.snapshot()


def test_every_allowed_article_is_archived_once(sample_crawl):
    sites, tmp_path, _ = sample_crawl
    expected = {sites.url(a) for a in sites.articles if a.special != "robots-disallowed"}
    archived = collections.Counter(r["uri"] for r in warc_records(tmp_path)
                                   if r["kind"] == "article" and r["status"] == 200)
    assert expected <= set(archived)
    assert set(archived.values()) == {1}


def test_robots_disallowed_articles_are_never_requested(sample_crawl):
    sites, _, hits = sample_crawl
    forbidden = {urlsplit(sites.url(a)).path for a in sites.articles if a.special == "robots-disallowed"}
    assert forbidden
    assert not forbidden & {path for _, path, _ in hits}


def test_the_page_failing_once_is_archived_after_its_retry(sample_crawl):
    sites, tmp_path, _ = sample_crawl
    flaky = [sites.url(a) for a in sites.articles if a.special == "error-once"]
    records = [r for r in warc_records(tmp_path) if r["uri"] in flaky]
    assert flaky and [r["status"] for r in records] == [200] * len(flaky)


def test_every_source_is_ok_in_the_summary(sample_crawl):
    _, tmp_path, _ = sample_crawl
    rows = summaries(tmp_path)[0]["sources"]
    assert len(rows) == 6
    assert {r["status"] for r in rows} == {"ok"}
    assert all(r["articles_fetched"] > 0 for r in rows)


def _articles_and_facts(db):
    with duckdb.connect(str(db), read_only=True) as con:
        articles = con.execute("select final_url, title, is_relevant, report_year from raw.articles "
                               "order by all").fetchall()
        facts = con.execute("select a.final_url, f.indicator, f.breakdown, f.value, f.target from raw.facts f "
                            "join raw.articles a using (page_id) order by all").fetchall()
    return articles, facts


def test_warc_round_trip_loads_the_same_articles(sample_crawl, tmp_path):
    """crawl → WARC → load equals loading the same files by name, and a foreign re-archive of the pages."""
    crawl_dir = sample_crawl[1] / "data"
    direct = load_warehouse(tmp_path / "direct.duckdb", data_dir=crawl_dir)
    named = load_warehouse(tmp_path / "named.duckdb", data_dir=tmp_path / "none",
                           warc_paths=sorted(crawl_dir.rglob("*.warc.gz")))
    assert direct.relevant >= 20 and named.records == direct.records
    expected = _articles_and_facts(tmp_path / "direct.duckdb")
    assert _articles_and_facts(tmp_path / "named.duckdb") == expected
    with duckdb.connect(str(tmp_path / "direct.duckdb"), read_only=True) as con:
        pages = con.execute("select final_url, body, coalesce(headers::json->>'Content-Type', 'text/html') "
                            "from raw.pages where status = 200 and kind = 'article'").fetchall()
    foreign = write_pages(tmp_path / "foreign.warc.gz", [(u, b, None, t) for u, b, t in pages],
                          capaian_headers=False)
    load_warehouse(tmp_path / "foreign.duckdb", data_dir=tmp_path / "none", warc_paths=[foreign])
    assert _articles_and_facts(tmp_path / "foreign.duckdb") == expected
