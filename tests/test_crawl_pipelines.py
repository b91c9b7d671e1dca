"""Pipelines and the progress line as plain functions."""

from datetime import datetime, timezone

from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from crawler.items import FetchFailure, Page
from crawler.pipelines import CountPipeline, FailurePipeline, RollingWarcWriter
from crawler.progress import ProgressLog, source_figures

NOW = datetime(2024, 12, 23, 3, 0, tzinfo=timezone.utc)


def _page(url, kind="article", status=200, body=b"<p>x</p>", source="warta"):
    return Page(url=url, requested_url=url, status=status, body=body, source=source, kind=kind,
                headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip")], fetched_at=NOW)


def _stats():
    stats = get_crawler().stats
    stats.open_spider()
    return stats


def test_pages_and_failures_are_counted_per_source():
    stats = _stats()
    CountPipeline.count(stats, _page("https://w.id/a/"))
    CountPipeline.count(stats, _page("https://w.id/feed/", kind="feed"))
    CountPipeline.count(stats, _page("https://w.id/b/", status=404))
    FailurePipeline.count(stats, FetchFailure("https://w.id/b/", "warta", "article",
                                                      "HTTP 404 for https://w.id/b/", status=404))
    FailurePipeline.count(stats, FetchFailure("https://w.id/r/", "warta", "article",
                                                      "Forbidden by robots.txt", category="robots"))
    figures = source_figures(stats.get_stats())["warta"]
    assert (figures["pages_fetched"], figures["ok_pages"], figures["articles_fetched"]) == (3, 2, 1)
    assert (figures["errors"], figures["robots_skipped"]) == (1, 1)
    assert figures["first_error"] == "HTTP 404 for https://w.id/b/"
    assert stats.get_value("capaian/article/fetched") == 2
    assert stats.get_value("capaian/feed/fetched") == 1


def test_warc_writer_drops_wire_encoding_and_rolls(tmp_path):
    writer = RollingWarcWriter(tmp_path / "run1", "w", max_bytes=1, info={"run_id": "run1"})
    writer.write_page(_page("https://w.id/a/"))
    writer.write_page(_page("https://w.id/b/"))
    writer.close()
    assert [p.name for p in writer.paths] == ["w-1.warc.gz", "w-2.warc.gz"]
    with open(writer.paths[0], "rb") as stream:
        records = list(ArchiveIterator(stream))
    assert [r.rec_type for r in records] == ["warcinfo", "response"]
    response = records[1]
    assert response.http_headers.get_header("Content-Encoding") is None   # the body is decoded
    assert response.http_headers.get_header("Content-Length") == "8"
    assert response.rec_headers.get_header("WARC-Capaian-Run") == "run1"
    assert response.rec_headers.get_header("WARC-Date") == "2024-12-23T03:00:00Z"


def test_progress_line_lists_busiest_sources_first():
    crawler = get_crawler()
    crawler.stats.open_spider()
    for _ in range(3):
        CountPipeline.count(crawler.stats, _page("https://k.id/a/", source="kabar"))
    CountPipeline.count(crawler.stats, _page("https://w.id/a/"))
    line = ProgressLog(crawler, 30).line()
    assert "4 pages, 4 articles, 0 errors" in line
    assert line.index("kabar 3/3/0") < line.index("warta 1/1/0")


def test_retry_after_and_backoff_delays():
    from email.utils import format_datetime
    import time as _time

    from scrapy import Request
    from scrapy.http import Response

    from crawler.middlewares import BackoffRetryMiddleware, address_class
    import ipaddress

    settings = get_crawler(settings_dict={"CAPAIAN_RETRY_BACKOFF": 1, "CAPAIAN_RETRY_AFTER_MAX": 120}).settings
    mw = BackoffRetryMiddleware(settings)
    later = format_datetime(datetime.fromtimestamp(_time.time() + 30, tz=timezone.utc), usegmt=True)
    assert mw._retry_after(Response("https://x.id/", status=429, headers={"Retry-After": "7"})) == 7
    assert 25 < mw._retry_after(Response("https://x.id/", status=503, headers={"Retry-After": later})) <= 30
    assert mw._retry_after(Response("https://x.id/", status=429, headers={"Retry-After": "86400"})) == 120
    assert mw._retry_after(Response("https://x.id/", status=500)) is None
    assert [mw._backoff(Request("https://x.id/", meta={"retry_times": n})) for n in (0, 1, 2)] == [1, 2, 4]
    assert address_class(ipaddress.ip_address("10.1.2.3")) == "private"
    assert address_class(ipaddress.ip_address("169.254.169.254")) == "link-local"
    assert address_class(ipaddress.ip_address("::ffff:127.0.0.1")) == "loopback"
    assert address_class(ipaddress.ip_address("103.10.20.30")) is None
