"""Item pipelines, one job each, ordered in settings.py.

* ``CountPipeline``   pages per kind and per source into crawl stats
* ``FailurePipeline`` failures per source (count, first message) into crawl stats
* ``WarcPipeline``    every page as a WARC ``response`` record, streamed to
  ``$CAPAIAN_DATA/warc/<run_id>/<worker>-<n>.warc.gz`` (rolled at ~100 MB; each
  file opens with a ``warcinfo`` record). Extra headers: ``WARC-Capaian-Requested-URI``,
  ``WARC-Capaian-Source``, ``WARC-Capaian-Kind`` (article|listing|feed|sitemap),
  ``WARC-Capaian-Run``.

Per-source stats keys (read by crawler/runner.py for the run summary):
``capaian/source/<name>/{pages_fetched,ok_pages,articles_fetched,errors,refused,
robots_skipped,first_error,failures,first_at,last_at}`` (``failures``: the first ten, with
url, status, error and category).
"""

from __future__ import annotations

import http
import logging
import re
import socket
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

from scrapy import signals
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.items import FetchFailure, Page

logger = logging.getLogger(__name__)

# Scrapy hands over decoded bodies: headers that describe the wire encoding would lie.
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}
_FAILURE_SAMPLES = 10   # per source, kept in the run summary
_WARC_NAME = re.compile(r"^(?P<worker>.+)-(?P<n>\d+)\.warc\.gz$")


def source_key(source: str, what: str) -> str:
    return f"capaian/source/{source}/{what}"


def _mark_time(stats, source: str, when: datetime) -> None:
    stats.min_value(source_key(source, "first_at"), when)
    stats.max_value(source_key(source, "last_at"), when)


class _StatsPipeline:
    """A pipeline that only counts items of one type into the crawl stats."""

    item_type: type = object

    def __init__(self, crawler):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        if isinstance(item, self.item_type):
            self.count(self.stats, item)
        return item


class CountPipeline(_StatsPipeline):
    """Count pages: ``capaian/<kind>/fetched`` and per-source figures."""

    item_type = Page

    @staticmethod
    def count(stats, page: Page) -> None:
        stats.inc_value(f"capaian/{page.kind}/fetched")
        stats.inc_value(source_key(page.source, "pages_fetched"))
        _mark_time(stats, page.source, page.fetched_at)
        if page.ok:
            stats.inc_value(source_key(page.source, "ok_pages"))
            if page.kind == "article":
                stats.inc_value(source_key(page.source, "articles_fetched"))
        else:
            stats.inc_value(f"capaian/{page.kind}/http_error")


class FailurePipeline(_StatsPipeline):
    """Keep failures for the summary: counts per category and the first message."""

    item_type = FetchFailure

    @staticmethod
    def count(stats, failure: FetchFailure) -> None:
        stats.inc_value(f"capaian/failure/{failure.category}")
        key = {"robots": "robots_skipped", "refused": "refused"}.get(failure.category, "errors")
        stats.inc_value(source_key(failure.source, key))
        _mark_time(stats, failure.source, failure.at or datetime.now(timezone.utc))
        samples = stats.get_value(source_key(failure.source, "failures")) or []
        if len(samples) < _FAILURE_SAMPLES:
            samples.append({"url": failure.url, "status": failure.status, "error": failure.error,
                            "category": failure.category})
            stats.set_value(source_key(failure.source, "failures"), samples)
        if failure.category != "robots" and not stats.get_value(
                source_key(failure.source, "first_error")):
            stats.set_value(source_key(failure.source, "first_error"), failure.error)
            logger.warning("%s: %s", failure.source, failure.error)


class RollingWarcWriter:
    """Append WARC records to ``<dir>/<worker>-<n>.warc.gz``, starting a new file past max_bytes.

    Each record is its own gzip member and is flushed at once, so a killed crawl
    leaves every record written before the kill readable.
    """

    def __init__(self, directory: Path, worker: str, max_bytes: int, info: dict | None = None):
        self.directory, self.worker, self.max_bytes = Path(directory), worker, max_bytes
        self.info = info or {}
        self.run_id = self.info.get("run_id") or self.directory.name
        self.paths: list[Path] = []
        self._file = None
        self._writer: WARCWriter | None = None

    def write_page(self, page: Page, extra: dict[str, str] | None = None) -> None:
        if self._file is None or self._file.tell() >= self.max_bytes:
            self._roll()
        headers = [(k, v) for k, v in page.headers if k.lower() not in _WIRE_HEADERS]
        headers.append(("Content-Length", str(len(page.body))))
        http_headers = StatusAndHeaders(
            f"{page.status} {_reason(page.status)}".strip(), headers, protocol=page.protocol)
        warc_headers = {
            "WARC-Date": page.fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "WARC-Capaian-Requested-URI": page.requested_url,
            "WARC-Capaian-Source": page.source,
            "WARC-Capaian-Kind": page.kind,
            "WARC-Capaian-Run": self.run_id,
            **(extra or {}),
        }
        if page.ip_address:
            warc_headers["WARC-IP-Address"] = page.ip_address
        record = self._writer.create_warc_record(
            page.url, "response", payload=BytesIO(page.body), http_headers=http_headers,
            warc_headers_dict=warc_headers)
        self._writer.write_record(record)
        self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def _roll(self) -> None:
        self.close()
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{self.worker}-{self._next_number()}.warc.gz"
        self._file = open(path, "xb")   # never overwrite another file of the run
        self._writer = WARCWriter(self._file, gzip=True)
        self._writer.write_record(self._writer.create_warcinfo_record(path.name, self.info))
        self._file.flush()
        self.paths.append(path)

    def _next_number(self) -> int:
        numbers = [int(m["n"]) for p in self.directory.glob("*.warc.gz")
                   if (m := _WARC_NAME.match(p.name)) and m["worker"] == self.worker]
        return max(numbers, default=0) + 1


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


class WarcPipeline:
    """Archive every Page to WARC. One writer per process, shared by its spiders."""

    _shared: dict[Path, tuple[RollingWarcWriter, int]] = {}

    def __init__(self, crawler):
        settings = crawler.settings
        plan = settings.getdict("CAPAIAN_PLAN")
        data = Path(settings.get("CAPAIAN_DATA_DIR") or "data")
        self.directory = data / "warc" / plan["run_id"]
        self.worker = plan.get("worker") or socket.gethostname()
        self.max_bytes = settings.getint("CAPAIAN_WARC_MAX_BYTES", 100 * 1024 * 1024)
        self.info = {"software": settings.get("USER_AGENT"), "run_id": plan["run_id"],
                     "worker": self.worker, "format": "WARC File Format 1.1"}
        self.stats = crawler.stats
        self.writer: RollingWarcWriter | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        writer, users = self._shared.get(self.directory, (None, 0))
        if writer is None:
            writer = RollingWarcWriter(self.directory, self.worker, self.max_bytes, self.info)
        self._shared[self.directory] = (writer, users + 1)
        self.writer = writer

    def spider_closed(self, spider):
        writer, users = self._shared.get(self.directory, (None, 0))
        if writer is not None and users <= 1:
            writer.close()
            self._shared.pop(self.directory, None)
        elif writer is not None:
            self._shared[self.directory] = (writer, users - 1)
        self.stats.set_value("capaian/warc/files", [str(p) for p in self.writer.paths])

    def process_item(self, item):
        if isinstance(item, Page):
            self.writer.write_page(item)
            self.stats.inc_value("capaian/warc/records")
            item.body = b""   # archived; later pipelines need no copy of it
        return item
