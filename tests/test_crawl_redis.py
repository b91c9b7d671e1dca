"""Scale-out: crawler processes share one Redis queue; every article is fetched exactly once,
even when a worker is killed with requests in flight."""

import collections
import shutil
import socket
import subprocess
import threading
import time
from urllib.parse import urlsplit

import pytest
import redis

import sample_sites.server as sample_sites
from tests.crawl_support import (PROJECT, crawl_command, crawl_env, serve_news, summaries,
                                 warc_records, write_sources)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url():
    """A throwaway redis-server on loopback, no persistence (installed from Debian if missing)."""
    if shutil.which("redis-server") is None:
        subprocess.run("apt-get update && apt-get install -y redis-server", shell=True,
                       check=True, capture_output=True, timeout=600)
    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
         "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def start_worker(tmp_path, redis_url):
    """start(sources, run_id, worker, **env): a crawler on the shared queue; killed at teardown
    if a failed test left it running."""
    started = []

    def start(sources, run_id: str, name: str, **env):
        process = subprocess.Popen(
            crawl_command(sources, "--all-dates", "--redis", redis_url, "--run-id", run_id,
                          "--worker", name),
            cwd=PROJECT, env=crawl_env(tmp_path, **env), stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def test_two_workers_share_the_queue_and_fetch_each_article_once(tmp_path, redis_url, start_worker):
    with sample_sites.SampleSites() as sites:
        sources = sites.write_sources(tmp_path / "sources.yml")
        workers = [start_worker(sources, "bersama", name, CAPAIAN_DOWNLOAD_DELAY="0.1",
                                CAPAIAN_REDIS_IDLE_GRACE="2") for name in ("w1", "w2")]
        outputs = [w.communicate(timeout=120)[0] for w in workers]
        assert [w.returncode for w in workers] == [0, 0], outputs[0][-2000:] + outputs[1][-2000:]
        hits = sites.hits.snapshot()
        allowed = [a for a in sites.articles if a.special != "robots-disallowed"]
        expected = {sites.url(a) for a in allowed}
        expected_hits = {(a.site, urlsplit(sites.url(a)).path) for a in allowed}

    records = [r for r in warc_records(tmp_path) if r["kind"] == "article" and r["status"] == 200]
    per_url = collections.Counter(r["uri"] for r in records)
    assert expected <= set(per_url)
    assert set(per_url.values()) == {1}                        # exactly once across both workers
    served = collections.Counter((site, path) for site, path, status in hits if status == 200)
    assert {served[hit] for hit in expected_hits} == {1}
    by_worker = collections.Counter(r["file"].name.split("-")[0] for r in records)
    assert set(by_worker) == {"w1", "w2"}                       # the work was shared
    assert {s["worker"] for s in summaries(tmp_path)} == {"w1", "w2"}
    keys = redis.Redis.from_url(redis_url).keys("capaian:bersama:*")
    assert keys and all(redis.Redis.from_url(redis_url).ttl(k) > 0 for k in keys)
    assert _left_behind(redis_url, "bersama") == 0      # every lease acknowledged, nothing requeued


def test_unreachable_redis_is_a_clear_error(tmp_path):
    from tests.crawl_support import run_crawler, write_sources
    sources = write_sources(tmp_path, [{"name": "x", "feeds": ["https://x.invalid/feed/"]}])
    result = run_crawler(tmp_path, sources, "--redis", f"redis://127.0.0.1:{_free_port()}/0")
    assert result.returncode == 2
    assert "cannot reach Redis at redis://127.0.0.1:" in result.stderr


def _left_behind(redis_url: str, run_id: str) -> int:
    """Requests still queued or under a lease once the workers are done (sorted sets)."""
    client = redis.Redis.from_url(redis_url)
    return sum(client.zcard(k) for k in client.scan_iter(f"capaian:{run_id}:*")
               if client.type(k) == b"zset")


def _wait_for(condition, what: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_requests_of_a_worker_killed_mid_crawl_are_fetched_by_the_other_once(tmp_path, redis_url,
                                                                            start_worker):
    site, paths = serve_news(6)
    answer = threading.Event()   # article answers wait for it: the victim dies holding some

    def held(route):
        return lambda nth: (answer.wait(60), route)[1]

    for path in paths:
        site.routes[path] = held(site.routes[path])
    with site:
        sources = write_sources(tmp_path, [site.source("lambat")])
        # Two requests at a time per worker: the victim cannot take the whole queue.
        env = dict(CAPAIAN_REDIS_IDLE_GRACE="2", CAPAIAN_REDIS_LEASE_TIMEOUT="2",
                   CAPAIAN_CONCURRENT_REQUESTS="2")

        def worker(name):
            return start_worker(sources, "gugur", name, **env)

        victim = worker("korban")
        _wait_for(lambda: set(site.paths()) & set(paths), "the first worker to ask for an article")
        in_flight = set(site.paths()) & set(paths)     # only the victim runs yet
        survivor = worker("penyintas")
        _wait_for(lambda: site.count("/robots.txt") == 2, "the second worker to start crawling")
        victim.kill()                                  # SIGKILL: no goodbye, no acknowledgement
        victim.wait(timeout=10)
        answer.set()
        output = survivor.communicate(timeout=120)[0]
        assert survivor.returncode == 0, output[-3000:]
        hits = collections.Counter(site.paths())

    records = [r for r in warc_records(tmp_path) if r["kind"] == "article" and r["status"] == 200]
    per_url = collections.Counter(r["uri"] for r in records)
    assert per_url == {site.url(p): 1 for p in paths}          # every article, exactly once
    assert {r["file"].name.split("-")[0] for r in records} == {"penyintas"}
    assert all(hits[p] == 2 for p in in_flight)                # the victim's try, then the survivor's
    totals = summaries(tmp_path)[0]["totals"]
    assert totals["capaian/lease/reclaimed"] >= len(in_flight)
    assert _left_behind(redis_url, "gugur") == 0
