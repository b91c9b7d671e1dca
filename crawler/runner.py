"""Run one crawl: registry → one spider per kind in one Scrapy process → WARC + run summary.

Example::

    from crawler.runner import CrawlOptions, run_crawl
    summary = run_crawl(CrawlOptions(sources="sample_sources.yml", all_dates=True))
    summary["sources"][0]["status"]      # 'ok' or 'failed'

Where things go (``CAPAIAN_DATA``, default ``data``):

* WARC: ``data/warc/<run_id>/<worker>-<n>.warc.gz``
* summary: ``data/runs/<run_id>.json`` (``<run_id>.<worker>.json`` with ``--redis``)
* resume state: ``--jobdir`` (default ``data/jobs/<registry name>-<hash>/``), one
  subfolder per spider. A run stopped by SIGINT/SIGTERM (or ``--max-pages``) keeps
  it, and the next run with the same jobdir resumes that run (same run_id, the
  queue and the duplicate filter as they were); a run that finished removes it, so
  the next run re-reads feeds, sitemaps and listings.

Scale-out (``--redis URL``): the queue and duplicate filter live in Redis under
``capaian:<run_id>:<spider>:*``. Processes share a crawl when they share the run
id: ``--run-id`` or, by default, the UTC date (``YYYYMMDD``), so workers started by
cron on the same day join one crawl. Each writes its own WARC files (worker id =
host name and process id). A worker takes requests under a lease (crawler/leases.py):
those of a worker that dies go back to the queue after ``CAPAIAN_REDIS_LEASE_TIMEOUT``
seconds. The keys expire two days after a worker finishes.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import json
import logging
import os
import pkgutil
import re
import shutil
import socket
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.plan import CrawlPlan
from crawler.progress import source_figures
from crawler.sources import DEFAULT_REGISTRY, Source, load_sources
from crawler.spiders.base import SourceSpider
from crawler.spiders.news import NewsSpider
from crawler.state import known_article_urls

logger = logging.getLogger(__name__)
RUN_FILE = "capaian-run.json"
REDIS_KEY_TTL = 2 * 24 * 3600


@dataclass
class CrawlOptions:
    """The ``python -m crawler crawl`` options."""

    sources: str | Path | None = None
    refresh: bool = False
    backfill: int | None = None
    all_dates: bool = False
    redis: str | None = None
    jobdir: str | Path | None = None
    max_pages: int | None = None
    run_id: str | None = None
    worker: str | None = None


def data_dir() -> Path:
    return Path(os.environ.get("CAPAIAN_DATA") or "data")


def warehouse_path() -> Path:
    return Path(os.environ.get("BNN_DUCKDB") or "data/capaian.duckdb")


class CrawlSetupError(RuntimeError):
    """The crawl cannot start (e.g. Redis unreachable); the message says what to fix."""


def run_crawl(options: CrawlOptions) -> dict:
    """Crawl every registry source once; return (and write) the run summary."""
    sources = load_sources(options.sources)
    if options.redis:
        _check_redis(options.redis)
    registry = Path(options.sources or DEFAULT_REGISTRY)
    jobdir = None if options.redis else Path(options.jobdir or default_jobdir(registry))
    plan, started_at, resumed = _plan_for(options, jobdir)
    known = set() if plan.refresh else known_article_urls(warehouse_path(), data_dir() / "warc")
    logger.info("run %s (%s, worker %s): %d sources, %d articles already fetched%s",
                plan.run_id, plan.mode, plan.worker, len(sources), len(known),
                ", resuming" if resumed else "")
    crawlers = _start(sources, plan, known, options, jobdir)
    summary = summarize(plan, sources, crawlers, started_at, options)
    if resumed:
        summary = _merge_previous(summary, summary_path(plan, options))
    write_summary(summary, summary_path(plan, options))
    _finish(crawlers, jobdir, options, plan)
    print_summary(summary)
    return summary


def default_jobdir(registry: Path) -> Path:
    digest = hashlib.sha1(str(registry.resolve()).encode()).hexdigest()[:6]
    return data_dir() / "jobs" / f"{registry.stem}-{digest}"


def _plan_for(options: CrawlOptions, jobdir: Path | None) -> tuple[CrawlPlan, str, bool]:
    """A fresh plan, or the interrupted run's plan when its jobdir is still there."""
    run_file = jobdir / RUN_FILE if jobdir else None
    if run_file and run_file.is_file():
        saved = json.loads(run_file.read_text())
        return CrawlPlan.from_dict(saved["plan"]), saved["started_at"], True
    now = datetime.now(timezone.utc)
    run_id = options.run_id or (now.strftime("%Y%m%d") if options.redis
                                else now.strftime("%Y%m%dT%H%M%SZ"))
    worker = options.worker or _default_worker(bool(options.redis))
    common = dict(worker=worker, refresh=options.refresh)
    if options.backfill:
        plan = CrawlPlan.backfill(run_id, options.backfill, **common)
    elif options.all_dates:
        plan = CrawlPlan.any_date(run_id, **common)
    else:
        plan = CrawlPlan.recent(run_id, **common)
    started_at = _iso(now)
    if run_file:
        run_file.parent.mkdir(parents=True, exist_ok=True)
        run_file.write_text(json.dumps({"plan": plan.to_dict(), "started_at": started_at}))
    return plan, started_at, False


def _default_worker(redis: bool) -> str:
    host = re.sub(r"[^A-Za-z0-9_.]+", "_", socket.gethostname().split(".")[0]) or "worker"
    return f"{host}_{os.getpid()}" if redis else host


def spider_classes() -> dict[str, type[SourceSpider]]:
    """kind → spider class, found in every module of ``crawler.spiders``."""
    import crawler.spiders as package
    found: dict[str, type[SourceSpider]] = {"news": NewsSpider}
    for module_info in pkgutil.iter_modules(package.__path__):
        try:
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        except Exception as exc:   # a broken spider module must not stop other kinds
            logger.error("cannot import crawler.spiders.%s: %s", module_info.name, exc)
            continue
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, SourceSpider) and obj.kind and obj.__module__ == module.__name__:
                found[obj.kind] = obj
    return found


def build_settings(plan: CrawlPlan, options: CrawlOptions) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("CAPAIAN_PLAN", plan.to_dict(), priority="cmdline")
    settings.set("CAPAIAN_DATA_DIR", str(data_dir()), priority="cmdline")
    if options.max_pages:
        settings.set("CLOSESPIDER_PAGECOUNT", options.max_pages, priority="cmdline")
    if options.redis:
        prefix = f"capaian:{plan.run_id}:%(spider)s"
        settings.setdict({
            "SCHEDULER": "crawler.leases.LeasedScheduler",   # no request lost with its worker
            "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
            "SCHEDULER_PERSIST": True,   # a worker that ends must not wipe the shared queue
            "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
            "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
            "REDIS_URL": options.redis,
            "CAPAIAN_IDLE_GRACE": float(os.environ.get("CAPAIAN_REDIS_IDLE_GRACE") or 5),
        }, priority="cmdline")
    return settings


def _start(sources: list[Source], plan: CrawlPlan, known: set[str], options: CrawlOptions,
           jobdir: Path | None) -> list:
    settings = build_settings(plan, options)
    process = CrawlerProcess(settings)
    classes = spider_classes()
    crawlers = []
    for kind in sorted({s.kind for s in sources}):
        spidercls = classes.get(kind)
        if spidercls is None:
            logger.warning("no spider for kind %r yet; using the generic news spider", kind)
            spidercls = type(f"Generic_{kind}", (NewsSpider,), {"name": kind, "kind": kind})
        crawler = process.create_crawler(spidercls)
        if jobdir:
            crawler.settings.set("JOBDIR", str(jobdir / spidercls.name), priority="cmdline")
        group = [s for s in sources if s.kind == kind]
        process.crawl(crawler, sources=group, known=known, plan=plan)
        crawlers.append(crawler)
    process.start()
    return crawlers


# ---- summary ------------------------------------------------------------------

def summarize(plan: CrawlPlan, sources: list[Source], crawlers: list, started_at: str,
              options: CrawlOptions) -> dict:
    """The run summary: one row per source (the columns of raw.crawl_runs) and totals."""
    finished_at = _iso(datetime.now(timezone.utc))
    figures, reasons, totals, warc_files = {}, {}, {}, []
    for crawler in crawlers:
        stats = _stats_of(crawler)
        figures.update(source_figures(stats))
        reasons[crawler.spidercls.kind] = stats.get("finish_reason", "not started")
        warc_files += stats.get("capaian/warc/files", [])
        for key, value in stats.items():
            if key.startswith("capaian/") and not key.startswith("capaian/source/") \
                    and isinstance(value, int):
                totals[key] = totals.get(key, 0) + value
    rows = [_source_row(plan, s.name, figures.get(s.name, {}), reasons.get(s.kind, "not started"),
                        started_at, finished_at) for s in sources]
    return {"run_id": plan.run_id, "worker": plan.worker, "mode": plan.mode,
            "plan": plan.to_dict(), "started_at": started_at, "finished_at": finished_at,
            "finish_reasons": sorted(set(reasons.values())),
            "sources": rows, "totals": totals, "warc_files": sorted(set(warc_files))}


def _stats_of(crawler) -> dict:
    """A crawler's stats, or {} when it never got as far as having any."""
    try:
        return crawler.stats.get_stats()
    except Exception:   # a spider that failed to start: its sources show "not started"
        return {}


def _source_row(plan: CrawlPlan, name: str, f: dict, reason: str, started_at: str,
                finished_at: str) -> dict:
    pages, ok_pages = f.get("pages_fetched", 0), f.get("ok_pages", 0)
    errors = f.get("errors", 0) + f.get("refused", 0)
    robots = f.get("robots_skipped", 0)
    failed = ok_pages == 0 and (errors > 0 or robots > 0 or reason != "finished")
    message = _source_message(f, pages, errors, robots, reason, failed)
    last = f.get("last_at")
    return {"run_id": plan.run_id, "worker": plan.worker, "source": name,
            "started_at": started_at,
            "finished_at": _iso(last) if isinstance(last, datetime) else finished_at,
            "pages_fetched": pages, "articles_fetched": f.get("articles_fetched", 0),
            "errors": errors, "status": "failed" if failed else "ok", "message": message,
            "failures": f.get("failures", []), "pattern_examples": f.get("pattern_examples", [])}


def _source_message(f: dict, pages: int, errors: int, robots: int, reason: str,
                    failed: bool) -> str:
    if failed and errors:
        text = f"every request failed ({errors}): {f.get('first_error', 'unknown error')}"
    elif failed and robots:
        text = f"every request is disallowed by robots.txt ({robots})"
    elif failed and reason == "not started":
        return "the spider for this kind of source did not start; see the crawl log"
    elif failed:
        text = "nothing fetched"
    else:
        text = (f"{pages} pages, {f.get('articles_fetched', 0)} articles, {errors} errors, "
                f"{robots} disallowed by robots.txt")
        if errors:
            text += f"; first error: {f.get('first_error')}"
    text += _pattern_note(f)
    if reason != "finished":
        text += f" [run stopped: {reason}; run again with the same --jobdir to resume]"
    return text


def _pattern_note(f: dict) -> str:
    """What the fallback (crawler/fallback.py) found: the articles: pattern needs fixing."""
    unmatched = f.get("pattern_unmatched")
    if not unmatched:
        return ""
    kept, fetched = f.get("probe_kept", 0), f.get("probe_fetched", 0)
    examples = ", ".join(f.get("pattern_examples", [])[:3])
    found = f"{kept} of {fetched} fetched are articles by content" + (f", e.g. {examples}" if examples else "")
    return (f"; FIX articles: pattern: it matches none of the feed/sitemap items, "
            f"{unmatched} of which name BNN; {found}")


def _merge_previous(summary: dict, path: Path) -> dict:
    """Add the figures of the interrupted part of a resumed run."""
    if not path.is_file():
        return summary
    previous = {r["source"]: r for r in json.loads(path.read_text()).get("sources", [])}
    for row in summary["sources"]:
        before = previous.get(row["source"])
        if not before:
            continue
        for key in ("pages_fetched", "articles_fetched", "errors"):
            row[key] += before.get(key, 0)
        row["failures"] = (before.get("failures", []) + row["failures"])[:10]
        if row["status"] == "failed" and before.get("status") == "ok":
            row["status"], row["message"] = "ok", f"{before['message']} (before resuming)"
    summary["warc_files"] = sorted(set(summary["warc_files"]) | set(
        json.loads(path.read_text()).get("warc_files", [])))
    return summary


def summary_path(plan: CrawlPlan, options: CrawlOptions) -> Path:
    name = f"{plan.run_id}.{plan.worker}.json" if options.redis else f"{plan.run_id}.json"
    return data_dir() / "runs" / name


def write_summary(summary: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(summary, indent=2, default=str, ensure_ascii=False))
    tmp.replace(path)
    summary["path"] = str(path)


def _finish(crawlers: list, jobdir: Path | None, options: CrawlOptions, plan: CrawlPlan) -> None:
    reasons = {_stats_of(c).get("finish_reason") for c in crawlers}
    if jobdir and reasons == {"finished"}:
        shutil.rmtree(jobdir, ignore_errors=True)
    if options.redis:
        _expire_redis_keys(options.redis, plan.run_id)


def _check_redis(url: str) -> None:
    import redis
    try:
        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except (redis.RedisError, ValueError) as exc:
        raise CrawlSetupError(f"cannot reach Redis at {url}: {exc}") from exc


def _expire_redis_keys(url: str, run_id: str) -> None:
    try:
        import redis
        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"capaian:{run_id}:*"):
            client.expire(key, REDIS_KEY_TTL)
    except Exception as exc:   # the crawl is done; stale keys only cost memory
        logger.warning("could not set expiry on Redis keys of run %s: %s", run_id, exc)


def print_summary(summary: dict) -> None:
    rows = summary["sources"]
    failed = [r for r in rows if r["status"] == "failed"]
    print(f"\ncrawl {summary['run_id']} ({summary['mode']}): "
          f"{sum(r['pages_fetched'] for r in rows)} pages, "
          f"{sum(r['articles_fetched'] for r in rows)} articles, "
          f"{sum(r['errors'] for r in rows)} errors; "
          f"{len(rows) - len(failed)} sources ok, {len(failed)} failed")
    for row in sorted(rows, key=lambda r: (r["status"] != "failed", r["source"]))[:40]:
        print(f"  {row['status']:6} {row['source']:32} {row['message']}")
    if len(rows) > 40:
        print(f"  ... {len(rows) - 40} more in {summary.get('path')}")
    print(f"summary: {summary.get('path')}; WARC files: {len(summary['warc_files'])}")
    if rows and len(failed) == len(rows) and all("DNS lookup failed" in r["message"] for r in rows):
        print("no source's host could be resolved: this machine looks offline (check its network and "
              "DNS; `make sources-check` tells which sources answer)")


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
