"""Safety: private addresses (before and at connect time), hosts outside the registry, DNS
failures; exit codes."""

import subprocess
import sys
import time

from tests.crawl_support import (PROJECT, LocalSite, crawl_env, news_routes, run_crawler,
                                 source_row, summaries, warc_records, write_sources)


def test_private_address_is_refused_without_allow_private(tmp_path, news_site):
    site, _ = news_site(3)
    sources = write_sources(tmp_path, [site.source("diam", allow_private=False)])
    result = run_crawler(tmp_path, sources, "--all-dates")
    assert site.hits == []                      # not even robots.txt
    assert result.returncode == 1               # the only source failed
    row = source_row(summaries(tmp_path)[0], "diam")
    assert row["status"] == "failed"
    assert "127.0.0.1 is a loopback address" in row["message"]
    assert "allow_private: true" in row["message"]
    assert "diam" in result.stdout and "failed" in result.stdout
    assert summaries(tmp_path)[0]["totals"]["capaian/request/refused_private"] >= 3


def test_links_to_hosts_outside_the_registry_are_not_fetched(tmp_path, news_site):
    site, paths = news_site(2)
    with LocalSite({"/2024/12/20/asing/": (200, {}, "x")}, host="127.0.0.2") as other:
        feed = site.routes["/feed/"]
        site.routes["/feed/"] = (200, feed[1], feed[2].replace(
            "</channel>", f"<item><title>BNN</title><link>{other.url('/2024/12/20/asing/')}</link>"
                          "</item></channel>"))
        sources = write_sources(tmp_path, [site.source("sini")])
        result = run_crawler(tmp_path, sources, "--all-dates")
        assert result.returncode == 0, result.stderr[-2000:]
        assert other.hits == []
    summary = summaries(tmp_path)[0]
    assert summary["totals"]["capaian/request/refused_offsite"] == 1
    assert source_row(summary, "sini")["articles_fetched"] == len(paths)


def test_offline_source_fails_fast_and_others_still_count(tmp_path, news_site):
    site, paths = news_site(2)
    offline = {"name": "luring", "feeds": ["https://capaian-offline.invalid/feed/"],
               "sitemaps": ["https://capaian-offline.invalid/sitemap.xml"]}
    sources = write_sources(tmp_path, [site.source("daring"), offline])
    started = time.monotonic()
    result = run_crawler(tmp_path, sources, "--all-dates")
    assert time.monotonic() - started < 30
    assert result.returncode == 0, result.stderr[-2000:]   # not every source failed
    summary = summaries(tmp_path)[0]
    row = source_row(summary, "luring")
    assert row["status"] == "failed"
    assert "DNS lookup failed for capaian-offline.invalid" in row["message"]
    assert {f["url"] for f in row["failures"]} == {"https://capaian-offline.invalid/feed/",
                                                  "https://capaian-offline.invalid/sitemap.xml"}
    assert source_row(summary, "daring")["status"] == "ok"


def test_exit_code_is_non_zero_only_when_every_source_failed(tmp_path):
    offline = {"name": "luring", "feeds": ["https://capaian-offline.invalid/feed/"]}
    sources = write_sources(tmp_path, [offline])
    result = run_crawler(tmp_path, sources)
    assert result.returncode == 1
    assert "DNS lookup failed" in result.stdout
    assert "this machine looks offline" in result.stdout.strip().splitlines()[-1]


def test_missing_registry_is_a_clear_error(tmp_path):
    result = run_crawler(tmp_path, tmp_path / "nope.yml")
    assert result.returncode == 2
    assert "nope.yml not found; pass --sources" in result.stderr


def test_responses_over_the_size_limit_are_dropped(tmp_path, news_site):
    site, paths = news_site(2)
    site.routes[paths[1]] = (200, {}, "<p>" + "x" * 200_000 + "</p>")
    sources = write_sources(tmp_path, [site.source("besar")])
    result = run_crawler(tmp_path, sources, "--all-dates", CAPAIAN_DOWNLOAD_MAXSIZE=100_000)
    assert result.returncode == 0
    row = source_row(summaries(tmp_path)[0], "besar")
    assert row["articles_fetched"] == 1
    assert "too large, not downloaded (DOWNLOAD_MAXSIZE)" in row["message"]


def _rebinding_site(tmp_path, host: str, **source):
    """A news site on 127.0.0.1 whose registry row names it as `host` (a rebinding name)."""
    site = LocalSite({})
    named = f"http://{host}:{site.base.rsplit(':', 1)[1]}"
    site.routes, paths = news_routes(named, 2)
    row = {k: [u.replace(site.base, named) for u in v] if k in ("feeds", "sitemaps", "start_urls")
           else v for k, v in site.source("pindah", **source).items()}
    return site, write_sources(tmp_path, [row]), paths


def _crawl_rebinding(tmp_path, sources, host):
    return subprocess.run([sys.executable, "-m", "tests.rebinding", "crawl", "--sources",
                           str(sources), "--all-dates"], cwd=PROJECT, capture_output=True,
                          text=True, timeout=90, env=crawl_env(tmp_path, CAPAIAN_TEST_REBIND=host))


def test_a_name_that_rebinds_to_loopback_after_the_check_is_refused(tmp_path):
    host = "pindah.capaian.test"
    site, sources, _ = _rebinding_site(tmp_path, host, allow_private=False)
    with site:
        result = _crawl_rebinding(tmp_path, sources, host)
    assert site.hits                          # the check passed: the connection was made
    assert warc_records(tmp_path) == []       # but nothing it answered was kept
    assert result.returncode == 1, result.stderr[-2000:]
    summary = summaries(tmp_path)[0]
    row = source_row(summary, "pindah")
    assert row["status"] == "failed" and row["pages_fetched"] == 0
    assert f"refused {host}: 127.0.0.1 is a loopback address" in row["message"]
    assert "(connected address)" in row["message"]
    assert summary["totals"]["capaian/response/refused_private"] >= 3   # feed, sitemap, listing
    assert "capaian/request/refused_private" not in summary["totals"]   # the early check saw public
    assert "response to http://pindah.capaian.test" in result.stderr   # logged as refused


def test_a_source_that_names_its_loopback_host_keeps_it_at_connect_time(tmp_path):
    host = "pindah.capaian.test"
    site, sources, paths = _rebinding_site(tmp_path, host, allow_private=True)
    with site:
        result = _crawl_rebinding(tmp_path, sources, host)
    assert result.returncode == 0, result.stderr[-2000:]
    articles = {r["uri"] for r in warc_records(tmp_path) if r["kind"] == "article"}
    assert articles == {f"http://{host}:{site.base.rsplit(':', 1)[1]}{p}" for p in paths}
