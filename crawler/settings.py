"""Scrapy settings for Capaian: polite by default, every tunable overridable from the environment.

Example: a gentler crawl with more detail in the log::

    CAPAIAN_DOWNLOAD_DELAY=5 CAPAIAN_LOG_LEVEL=DEBUG python -m crawler crawl

| environment variable                      | setting                        | default |
|-------------------------------------------|--------------------------------|---------|
| CAPAIAN_USER_AGENT                        | USER_AGENT                     | Capaian/0.1 (+https://github.com/capaian-id/capaian) |
| CAPAIAN_ROBOTSTXT_OBEY                    | ROBOTSTXT_OBEY                 | 1 |
| CAPAIAN_AUTOTHROTTLE                      | AUTOTHROTTLE_ENABLED           | 1 |
| CAPAIAN_CONCURRENT_REQUESTS               | CONCURRENT_REQUESTS            | 16 |
| CAPAIAN_CONCURRENT_REQUESTS_PER_DOMAIN    | CONCURRENT_REQUESTS_PER_DOMAIN | 2 |
| CAPAIAN_DOWNLOAD_DELAY                    | DOWNLOAD_DELAY (seconds)       | 1.0 |
| CAPAIAN_DOWNLOAD_TIMEOUT                  | DOWNLOAD_TIMEOUT (seconds)     | 30 |
| CAPAIAN_DOWNLOAD_MAXSIZE                  | DOWNLOAD_MAXSIZE (bytes)       | 5 MB |
| CAPAIAN_DNS_TIMEOUT                       | DNS_TIMEOUT (seconds)          | 5 |
| CAPAIAN_RETRY_TIMES                       | RETRY_TIMES                    | 3 |
| CAPAIAN_RETRY_BACKOFF / _BACKOFF_MAX      | first / longest backoff (s)    | 1 / 60 |
| CAPAIAN_RETRY_AFTER_MAX                   | longest Retry-After honoured   | 120 |
| CAPAIAN_DNS_RETRY_TIMES                   | retries after a DNS failure    | 0 |
| CAPAIAN_CRAWL_DELAY_MAX                   | longest robots.txt Crawl-delay | 30 |
| CAPAIAN_PROGRESS_INTERVAL                 | seconds between progress lines | 30 |
| CAPAIAN_PROBE_MAX                         | pages probed per source whose articles: pattern matches nothing listed | 5 |
| CAPAIAN_STALE_DAYS                        | `crawler check`: a source is stale past this age | 90 |
| CAPAIAN_WARC_MAX_BYTES                    | WARC file size before rolling  | 100 MB |
| CAPAIAN_LOG_LEVEL                         | LOG_LEVEL                      | INFO |
| CAPAIAN_STATS_DUMP                        | STATS_DUMP (Scrapy's stats)    | 0 |
| CAPAIAN_GOOGLE_NEWS_BASE                  | where Google News links are decoded | https://news.google.com |
| CAPAIAN_REDIS_LEASE_TIMEOUT               | seconds before a dead worker's requests return (--redis) | 120 |

The date window and listing depth are read in crawler/plan.py
(CAPAIAN_RECENT_DAYS, CAPAIAN_MAX_LISTING_PAGES).
"""

import os


def _env(name: str, default, cast=str):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if cast is bool:
        return value.lower() not in ("0", "false", "no", "off")
    return cast(value)


BOT_NAME = "capaian"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# ---- politeness ------------------------------------------------------------
USER_AGENT = _env("CAPAIAN_USER_AGENT", "Capaian/0.1 (+https://github.com/capaian-id/capaian)")
ROBOTSTXT_OBEY = _env("CAPAIAN_ROBOTSTXT_OBEY", True, bool)
CONCURRENT_REQUESTS = _env("CAPAIAN_CONCURRENT_REQUESTS", 16, int)
CONCURRENT_REQUESTS_PER_DOMAIN = _env("CAPAIAN_CONCURRENT_REQUESTS_PER_DOMAIN", 2, int)
DOWNLOAD_DELAY = _env("CAPAIAN_DOWNLOAD_DELAY", 1.0, float)
AUTOTHROTTLE_ENABLED = _env("CAPAIAN_AUTOTHROTTLE", True, bool)
AUTOTHROTTLE_START_DELAY = max(DOWNLOAD_DELAY, 1.0) if AUTOTHROTTLE_ENABLED else DOWNLOAD_DELAY
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False   # no listening port in a cron job
# Registry priority (verified: unseen rows last) across hosts, not only within one.
SCHEDULER_PRIORITY_QUEUE = "crawler.queues.SourcePriorityQueue"
# The safety middleware resolves names with asyncio; this is Scrapy's default reactor.
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# ---- retries: 429 and 5xx with exponential backoff honouring Retry-After ------
RETRY_ENABLED = True
RETRY_TIMES = _env("CAPAIAN_RETRY_TIMES", 3, int)
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
CAPAIAN_RETRY_BACKOFF = _env("CAPAIAN_RETRY_BACKOFF", 1.0, float)
CAPAIAN_RETRY_BACKOFF_MAX = _env("CAPAIAN_RETRY_BACKOFF_MAX", 60.0, float)
CAPAIAN_RETRY_AFTER_MAX = _env("CAPAIAN_RETRY_AFTER_MAX", 120.0, float)
CAPAIAN_DNS_RETRY_TIMES = _env("CAPAIAN_DNS_RETRY_TIMES", 0, int)
CAPAIAN_DNS_NEGATIVE_TTL = _env("CAPAIAN_DNS_NEGATIVE_TTL", 600.0, float)

# ---- limits and safety ----------------------------------------------------------
DOWNLOAD_MAXSIZE = _env("CAPAIAN_DOWNLOAD_MAXSIZE", 5 * 1024 * 1024, int)
DOWNLOAD_WARNSIZE = min(1024 * 1024, DOWNLOAD_MAXSIZE)
DOWNLOAD_TIMEOUT = _env("CAPAIAN_DOWNLOAD_TIMEOUT", 30, int)
DNS_TIMEOUT = _env("CAPAIAN_DNS_TIMEOUT", 5, int)
REDIRECT_MAX_TIMES = 5
# Only http(s): no file://, data:, ftp:// or s3:// from a link in a page.
DOWNLOAD_HANDLERS = {"file": None, "data": None, "ftp": None, "s3": None}

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.SafetyMiddleware": 50,      # before robots.txt is fetched
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.robots.RobotsTxt": 100,                 # Scrapy's, obeyed by every request
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    # After every built-in one, so its process_response sees the raw response first.
    "crawler.middlewares.ConnectedAddressMiddleware": 950,
}
ITEM_PIPELINES = {
    "crawler.pipelines.CountPipeline": 100,
    "crawler.pipelines.FailurePipeline": 110,
    "crawler.pipelines.WarcPipeline": 200,
}
EXTENSIONS = {
    "crawler.progress.ProgressLog": 500,
    "crawler.middlewares.CrawlDelay": 600,   # after AutoThrottle, which it overrides
}
CAPAIAN_PROGRESS_INTERVAL = _env("CAPAIAN_PROGRESS_INTERVAL", 30.0, float)
# A wrong articles: pattern: how many BNN-looking feed/sitemap items to fetch and judge by content.
CAPAIAN_PROBE_MAX = _env("CAPAIAN_PROBE_MAX", 5, int)
CAPAIAN_WARC_MAX_BYTES = _env("CAPAIAN_WARC_MAX_BYTES", 100 * 1024 * 1024, int)
# Today's Google News item links are decoded by an exchange with this site
# (crawler/spiders/search_feed.py); a source must name its host, like any other.
CAPAIAN_GOOGLE_NEWS_BASE = _env("CAPAIAN_GOOGLE_NEWS_BASE", "https://news.google.com")
# With --redis: a live worker keeps extending its leases, so this only bounds how long
# the requests of a worker that died wait before another worker takes them.
CAPAIAN_REDIS_LEASE_TIMEOUT = _env("CAPAIAN_REDIS_LEASE_TIMEOUT", 120.0, float)

LOG_LEVEL = _env("CAPAIAN_LOG_LEVEL", "INFO")
# Per-source counters make Scrapy's closing stats dump thousands of lines on the full
# registry; the run summary (data/runs/<run_id>.json) carries the same figures.
STATS_DUMP = _env("CAPAIAN_STATS_DUMP", False, bool)
