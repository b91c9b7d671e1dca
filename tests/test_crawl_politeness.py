"""Politeness against a live loopback site: robots.txt, Retry-After, retry of a 500, user agent."""

import pytest

from tests.crawl_support import run_crawler, serve_news, source_row, summaries, warc_records, write_sources

UA = "Capaian/0.1 (+https://github.com/capaian-id/capaian)"


def _429_then_ok(nth):
    return (429, {"Retry-After": "1"}, "slow down") if nth == 0 else (200, {}, "<p>BNNK capaian</p>")


def _500_once(nth):
    return (500, {}, "busy") if nth == 0 else (200, {}, "<p>BNNK capaian</p>")


@pytest.fixture(scope="module")
def polite_crawl(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("polite")
    site, paths = serve_news(6)
    site.routes[paths[1]] = _429_then_ok
    site.routes[paths[2]] = _500_once
    with site:
        sources = write_sources(tmp_path, [site.source("sopan")])
        result = run_crawler(tmp_path, sources, "--all-dates")
        assert result.returncode == 0, result.stderr[-3000:]
        yield site, paths, tmp_path


def test_robots_disallowed_page_is_never_requested(polite_crawl):
    site, _, tmp_path = polite_crawl
    assert site.count("/robots.txt") >= 1
    assert not [p for p in site.paths() if p.startswith("/rahasia/")]
    assert "1 disallowed by robots.txt" in source_row(summaries(tmp_path)[0], "sopan")["message"]


def test_retry_after_is_honoured(polite_crawl):
    site, paths, tmp_path = polite_crawl
    hits = [h.at for h in site.hits if h.path == paths[1]]
    assert len(hits) == 2
    assert hits[1] - hits[0] >= 1.0
    assert [r["status"] for r in warc_records(tmp_path) if r["uri"] == site.url(paths[1])] == [200]


def test_page_failing_once_succeeds_on_retry(polite_crawl):
    site, paths, tmp_path = polite_crawl
    assert site.count(paths[2]) == 2
    assert [r["status"] for r in warc_records(tmp_path) if r["uri"] == site.url(paths[2])] == [200]


def test_every_request_names_the_project(polite_crawl):
    site, _, _ = polite_crawl
    assert {h.user_agent for h in site.hits} == {UA}


def test_every_article_fetched_once(polite_crawl):
    site, paths, tmp_path = polite_crawl
    articles = [r["uri"] for r in warc_records(tmp_path) if r["kind"] == "article"]
    assert sorted(articles) == sorted(site.url(p) for p in paths)


def test_robots_crawl_delay_spaces_requests(tmp_path):
    site, paths = serve_news(2, robots="User-agent: *\nCrawl-delay: 0.5\n")
    with site:
        sources = write_sources(tmp_path, [site.source("pelan", sitemaps=[], start_urls=[])])
        result = run_crawler(tmp_path, sources, "--all-dates")
        assert result.returncode == 0, result.stderr[-2000:]
        times = sorted(h.at for h in site.hits if h.path != "/robots.txt")
    assert len(times) == 1 + len(paths)          # the feed, then its articles
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.45


def test_robots_txt_binds_every_request_that_waited_for_it(tmp_path, news_site):
    # sitemap, feed and two listings start together: all of them wait for robots.txt
    site, _ = news_site(6, robots="User-agent: *\nDisallow: /kategori/\n")
    row = site.source("larangan", start_urls=[site.url("/kategori/hukum/"), site.url("/kategori/daerah/")])
    result = run_crawler(tmp_path, write_sources(tmp_path, [row]), "--all-dates")
    assert result.returncode == 0, result.stderr[-3000:]
    assert site.count("/robots.txt") == 1
    assert not [p for p in site.paths() if p.startswith("/kategori/")]
    assert "2 disallowed by robots.txt" in source_row(summaries(tmp_path)[0], "larangan")["message"]
