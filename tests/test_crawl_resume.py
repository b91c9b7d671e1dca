"""A crawl killed half-way resumes from its JOBDIR without losing or repeating pages."""

import collections
import signal
import subprocess
import time

import pytest

from tests.crawl_support import PROJECT, crawl_command, crawl_env, run_crawler, summaries, \
    warc_records, write_sources


# Few requests in flight, so that a kill leaves work queued; frequent progress lines.
SMALL_STEPS = {"CAPAIAN_CONCURRENT_REQUESTS": 2, "CAPAIAN_PROGRESS_INTERVAL": 0.5}


def _wait_for(predicate, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_killed_crawl_resumes_without_losing_or_repeating(tmp_path, news_site, signum):
    site, paths = news_site(24, delay=0.2)
    sources = write_sources(tmp_path, [site.source("lambat")])
    jobdir = tmp_path / "job"
    crawl = subprocess.Popen(crawl_command(sources, "--all-dates", "--jobdir", str(jobdir)),
                             cwd=PROJECT, env=crawl_env(tmp_path, **SMALL_STEPS),
                             stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    assert _wait_for(lambda: sum(site.count(p) for p in paths) >= 4, timeout=60)
    crawl.send_signal(signum)
    output = crawl.communicate(timeout=60)[0]
    fetched_first = {r["uri"] for r in warc_records(tmp_path) if r["kind"] == "article"}
    assert 0 < len(fetched_first) < len(paths), output[-2000:]
    assert "progress [news]" in output and "lambat " in output
    assert (jobdir / "capaian-run.json").is_file()             # kept for the resume
    first_run = summaries(tmp_path)[0]["run_id"]
    feed_hits = site.count("/feed/")

    result = run_crawler(tmp_path, sources, "--all-dates", "--jobdir", str(jobdir), **SMALL_STEPS)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    records = [r for r in warc_records(tmp_path) if r["kind"] == "article"]
    per_url = collections.Counter(r["uri"] for r in records)
    assert set(per_url) == {site.url(p) for p in paths}         # nothing lost
    assert set(per_url.values()) == {1}                          # nothing twice
    assert {site.count(p) for p in paths} == {1}                 # never requested twice
    assert site.count("/feed/") == feed_hits                     # the queue resumed, not restarted
    summary = summaries(tmp_path)
    assert [s["run_id"] for s in summary] == [first_run]         # same run, one summary
    assert summary[0]["sources"][0]["articles_fetched"] == len(paths)
    assert not jobdir.exists()                                   # finished: next run starts afresh


def test_max_pages_stops_a_run_that_the_next_run_continues(tmp_path, news_site):
    site, paths = news_site(10)
    sources = write_sources(tmp_path, [site.source("bertahap")])
    first = run_crawler(tmp_path, sources, "--all-dates", "--max-pages", "5",
                        CAPAIAN_CONCURRENT_REQUESTS=1)
    assert first.returncode == 0, first.stdout[-2000:]
    assert "run stopped: closespider_pagecount" in first.stdout
    assert run_crawler(tmp_path, sources, "--all-dates").returncode == 0
    per_url = collections.Counter(r["uri"] for r in warc_records(tmp_path) if r["kind"] == "article")
    assert set(per_url) == {site.url(p) for p in paths} and set(per_url.values()) == {1}
    assert len(summaries(tmp_path)) == 1                          # one run, in two parts
