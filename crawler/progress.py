"""A progress line every ``CAPAIAN_PROGRESS_INTERVAL`` seconds (default 30), per source.

Example log line::

    progress [news] 120 pages, 31 articles, 2 errors in 95 s | warta-deli 60/20/0, kabar-bnn 60/11/2

(pages/articles/errors per source, busiest first). Enabled in settings.py as an extension.
"""

from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

logger = logging.getLogger(__name__)
_SHOWN = 8


def source_figures(stats: dict) -> dict[str, dict]:
    """Per-source counters out of a crawl's stats (``capaian/source/<name>/<what>``)."""
    figures: dict[str, dict] = {}
    for key, value in stats.items():
        parts = key.split("/")
        if len(parts) == 4 and parts[:2] == ["capaian", "source"]:
            figures.setdefault(parts[2], {})[parts[3]] = value
    return figures


class ProgressLog:
    """Log pages, articles and errors per source at a fixed interval."""

    def __init__(self, crawler, interval: float):
        self.crawler, self.interval = crawler, interval
        self.task = None
        self.started = time.monotonic()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        interval = crawler.settings.getfloat("CAPAIAN_PROGRESS_INTERVAL", 30)
        if interval <= 0:
            raise NotConfigured
        return cls(crawler, interval)

    def spider_opened(self, spider):
        self.started = time.monotonic()
        self.task = create_looping_call(self.log)
        self.task.start(self.interval, now=False)

    def spider_closed(self, spider, reason):
        if self.task is not None and self.task.running:
            self.task.stop()

    def log(self) -> None:
        logger.info("%s", self.line())

    def line(self) -> str:
        stats = self.crawler.stats.get_stats()
        figures = source_figures(stats)
        busiest = sorted(figures.items(), key=lambda kv: -kv[1].get("pages_fetched", 0))
        parts = [f"{name} {f.get('pages_fetched', 0)}/{f.get('articles_fetched', 0)}/"
                 f"{f.get('errors', 0) + f.get('refused', 0)}" for name, f in busiest[:_SHOWN]]
        if len(busiest) > _SHOWN:
            parts.append(f"... {len(busiest) - _SHOWN} more")
        errors = sum(f.get("errors", 0) + f.get("refused", 0) for f in figures.values())
        pages = sum(f.get("pages_fetched", 0) for f in figures.values())
        articles = sum(f.get("articles_fetched", 0) for f in figures.values())
        name = getattr(self.crawler.spider, "name", "?")
        return (f"progress [{name}] {pages} pages, {articles} articles, {errors} errors in "
                f"{time.monotonic() - self.started:.0f} s | " + ", ".join(parts))
