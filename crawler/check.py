"""``python -m crawler check``: is every source reachable, working, matching and fresh?

Example::

    from crawler.check import run_check
    report = run_check("crawler/registry/sources.yml")
    report.rows[0]["verdict"]        # 'ok', 'stale', 'broken' or 'unreachable'

One polite request per entry point of every source: robots.txt of each host (the
one Scrapy's robots.txt middleware fetches anyway; a ``sitemaps`` entry ending in
``/robots.txt`` reuses it), each sitemap, feed and listing page a daily crawl
would start from, plus at most ``CHILD_SITEMAPS`` child sitemaps per source (the
newest, so that a sitemap index shows its articles). Nothing is retried and no
article is fetched. It runs on the crawl's own Scrapy settings (robots.txt obeyed,
two requests at a time per host, AutoThrottle, the project's user agent, the
safety rules) and its own discovery code (each kind's spider, subclassed), all
sources in parallel.

Per source (the columns of ``$CAPAIAN_DATA/sources-check.csv``): ``candidates``
are article-like URLs seen in its feeds, sitemaps and listings (crawler/detect.py,
or accepted by its ``articles`` pattern), ``matched`` those the pattern accepts,
``newest_article`` the newest date among the matched ones. Verdicts:

* ``unreachable``: no entry point got any HTTP answer (DNS or connection failures);
* ``broken``: reachable, but no sitemap, feed or listing works, or no candidate
  matches the ``articles`` pattern;
* ``stale``: nothing matched is newer than ``stale_days`` (default 90);
* ``ok``: otherwise (failing entry points, if any, are named in the message).
"""
from __future__ import annotations

import csv
import logging
import os
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

import scrapy
import yaml
from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.asyncio import create_looping_call

from crawler.detect import looks_like_article
from crawler.plan import CrawlPlan, date_in_url
from crawler.runner import CrawlOptions, build_settings, data_dir, spider_classes
from crawler.sources import DEFAULT_REGISTRY, Source, load_sources
from crawler.spiders.base import describe_failure
from crawler.spiders.news import NewsSpider

COLUMNS = ("source", "verdict", "entry_points_ok", "entry_points_total", "candidates", "matched",
           "newest_article", "message")
VERDICTS = ("unreachable", "broken", "stale", "ok")   # worst first: the table's order
CHILD_SITEMAPS = 3
STALE_DAYS = 90
_EXAMPLES = 3


# ---- what one source showed ----------------------------------------------------

@dataclass
class EntryPoint:
    """One URL a daily crawl starts from, and how it answered."""

    url: str
    kind: str                      # robots | sitemap | feed | listing
    outcome: str | None = None     # None: no answer yet; 'ok'; else what went wrong
    answered: bool = False         # an HTTP response came back (whatever its status)
    network: bool = False          # failed without an HTTP answer (DNS, connection)

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    def finish(self, outcome: str, answered: bool, network: bool = False) -> None:
        self.outcome, self.answered, self.network = outcome, answered, network


@dataclass
class SourceHealth:
    """Everything the check saw of one source; ``row()`` turns it into the CSV row."""

    source: Source
    entry_points: dict[str, EntryPoint] = field(default_factory=dict)
    candidates: dict[str, date | None] = field(default_factory=dict)
    matched: dict[str, date | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    child_sitemaps: int = 0

    def add_entry(self, url: str, kind: str) -> None:
        parts = urlsplit(url)
        robots = f"{parts.scheme}://{parts.netloc}/robots.txt"
        self.entry_points.setdefault(robots, EntryPoint(robots, "robots"))
        if url == robots:
            self.entry_points[url].kind = kind   # a sitemaps entry read from robots.txt
        else:
            self.entry_points.setdefault(url, EntryPoint(url, kind))

    def see(self, url: str, published: date | None) -> None:
        """A link found in a feed, sitemap or listing page."""
        source = self.source
        if not url.startswith(("http://", "https://")) or source.is_listing_url(url):
            return
        matches = source.is_article_url(url)
        if not (matches or looks_like_article(url)):
            return
        dates = [d for d in (published or date_in_url(url), self.candidates.get(url)) if d]
        day = max(dates, default=None)   # the same link, seen dated and undated
        self.candidates[url] = day
        if matches:
            self.matched[url] = day

    @property
    def complete(self) -> bool:
        return all(e.outcome is not None for e in self.entry_points.values())

    def settle_unanswered(self) -> None:
        """Entry points never answered (a host refused before robots.txt was asked for)."""
        failed = [e for e in self.entry_points.values() if e.outcome not in (None, "ok")]
        for entry in self.entry_points.values():
            if entry.outcome is None:
                first = failed[0] if failed else None
                entry.finish(f"not fetched: {first.outcome}" if first else "not fetched",
                             False, bool(first and first.network))

    def row(self, today: date, stale_days: int) -> dict:
        verdict, message = self.verdict(today, stale_days)
        newest = max((d for d in self.matched.values() if d), default=None)
        return {"source": self.source.name, "verdict": verdict,
                "entry_points_ok": sum(e.ok for e in self.entry_points.values()),
                "entry_points_total": len(self.entry_points),
                "candidates": len(self.candidates), "matched": len(self.matched),
                "newest_article": newest.isoformat() if newest else "", "message": message}

    def verdict(self, today: date, stale_days: int) -> tuple[str, str]:
        points = list(self.entry_points.values())
        # what failed, the entry points that were asked first (not "not fetched: ...")
        failing = sorted((e for e in points if not e.ok), key=lambda e: e.outcome.startswith("not fetched"))
        if not points:
            return "broken", "no sitemaps, feeds or listing pages to start from"
        if not any(e.answered for e in points):
            verdict = "unreachable" if any(e.network for e in points) else "broken"
            return verdict, failing[0].outcome or "no answer"
        content = [e for e in points if e.kind != "robots"]
        if not any(e.ok for e in content):
            return "broken", "no sitemap, feed or listing works: " + _outcomes(failing)
        tail = f"; failing: {_outcomes(failing)}" if failing else ""
        if not self.matched:
            return "broken", self._pattern_message() + tail
        newest = max((d for d in self.matched.values() if d), default=None)
        if newest and newest < today - timedelta(days=stale_days):
            return "stale", f"newest article {newest} is {(today - newest).days} days old{tail}"
        dated = "" if newest else "; no dates seen"
        return "ok", f"{len(self.matched)} of {len(self.candidates)} candidates match{dated}{tail}"

    def _pattern_message(self) -> str:
        if not self.candidates:
            return "no article-like links in any sitemap, feed or listing" + "".join(
                f"; {n}" for n in self.notes[:2])
        examples = ", ".join(list(self.candidates)[:_EXAMPLES])
        return (f"articles: pattern matches none of {len(self.candidates)} candidates, "
                f"e.g. {examples}")


def _outcomes(points: list[EntryPoint]) -> str:
    shown = "; ".join(f"{e.kind} {e.outcome}" for e in points[:3])
    return shown + (f"; and {len(points) - 3} more" if len(points) > 3 else "")


# ---- the spider and the robots.txt middleware ----------------------------------------

class CheckMixin:
    """Put before a kind's spider class: requests entry points only and records what they show."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.health = {name: SourceHealth(s) for name, s in self.sources.items()}
        self._unreadable: set[str] = set()
        self._progress_task = None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._start_progress, signal=signals.spider_opened)
        crawler.signals.connect(spider._stop_progress, signal=signals.spider_closed)
        return spider

    async def start(self):
        for source in self.sources.values():
            for request in self.start_requests_for(source):
                self.health[source.name].add_entry(request.url, request.meta["capaian_kind"])
                yield request.replace(dont_filter=True, meta={**request.meta, "capaian_entry": True})

    def run_years(self) -> list[int]:
        """A check reads the search feeds of this year and the last (crawler/spiders/search_feed.py)."""
        year = datetime.now(timezone.utc).year
        return [year - 1, year]

    def article_link(self, url: str, source: Source) -> bool:
        return source.is_article_url(url) or looks_like_article(url)

    # discovery: record candidates instead of requesting articles
    def _follow_entries(self, entries, source: Source):
        health = self.health[source.name]
        for entry in entries:
            if not isinstance(entry, scrapy.Request):
                health.see(entry.url, entry.published)
            elif health.child_sitemaps < CHILD_SITEMAPS:
                health.child_sitemaps += 1
                yield entry

    def note_listed(self, candidate, source, reason) -> None:
        """No article fallback in a check (crawler/fallback.py): nothing is fetched."""

    def start_probes(self) -> int:
        return 0

    def parse_sitemap(self, response):
        yield from self._answered(response, super().parse_sitemap(response))

    def parse_feed(self, response):
        yield from self._answered(response, super().parse_feed(response))

    def parse_listing(self, response):
        yield from self._answered(response, super().parse_listing(response))

    def _answered(self, response, output):
        requests = [r for r in output if isinstance(r, scrapy.Request)]   # pages are not archived
        unreadable = response.url in self._unreadable and not response.url.endswith("/robots.txt")
        outcome = f"HTTP {response.status} but not a feed or sitemap" if unreadable else "ok"
        self._record(response.request, response.meta, outcome, answered=True)
        return requests

    def _xml_root(self, response):
        root = super()._xml_root(response)
        if root is None:
            self._unreadable.add(response.url)
        return root

    def on_error(self, failure):
        request, exc = failure.request, failure.value
        response = getattr(exc, "response", None)
        _, message = describe_failure(exc, request.url, response)
        network = not isinstance(exc, (HttpError, IgnoreRequest)) and "too large" not in message
        self._record(request, request.meta, message, answered=response is not None, network=network)
        return ()

    def _record(self, request, meta, outcome: str, answered: bool, network: bool = False) -> None:
        health = self.health[meta["capaian_source"]]
        asked = (meta.get("redirect_urls") or [request.url])[0]   # the entry point, before redirects
        entry = health.entry_points.get(asked) if meta.get("capaian_entry") else None
        if entry is not None:
            entry.finish(outcome, answered, network)
        elif outcome != "ok":
            health.notes.append(f"child sitemap {outcome}")

    def note_robots(self, url: str, outcome: str, answered: bool, network: bool) -> None:
        """robots.txt as Scrapy's middleware fetched it, for every source on that host."""
        for health in self.health.values():
            entry = health.entry_points.get(url)
            if entry is not None and entry.outcome is None:
                entry.finish(outcome, answered, network)

    # progress on long runs
    def _start_progress(self, spider):
        interval = self.crawler.settings.getfloat("CAPAIAN_PROGRESS_INTERVAL", 30)
        self._started = time.monotonic()
        if interval > 0:
            self._progress_task = create_looping_call(self._print_progress)
            self._progress_task.start(interval, now=False)

    def _stop_progress(self, spider, reason):
        if self._progress_task is not None and self._progress_task.running:
            self._progress_task.stop()

    def _print_progress(self) -> None:
        points = [e for h in self.health.values() for e in h.entry_points.values()]
        print(f"check [{self.kind}]: {sum(e.outcome is not None for e in points)} of {len(points)} "
              f"entry points answered, {sum(h.complete for h in self.health.values())} of "
              f"{len(self.health)} sources complete ({time.monotonic() - self._started:.0f} s)",
              file=sys.stderr, flush=True)


class RobotsCheck:
    """Downloader middleware of the check, after Scrapy's robots.txt middleware (priority 110).

    Records the robots.txt fetch that middleware makes for each host, and answers a
    source's own request for that robots.txt (a ``sitemaps`` entry) from it, so the
    host is asked once.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.fetched: dict[str, scrapy.http.Response] = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request):
        cached = self.fetched.get(request.url)
        if cached is not None and not request.meta.get("dont_obey_robotstxt"):
            return cached.replace(request=request)
        return None

    def process_response(self, request, response):
        if self._is_robots_fetch(request):
            self.fetched[request.url] = response
            outcome = "ok" if response.status < 500 else f"HTTP {response.status}"
            self.crawler.spider.note_robots(request.url, outcome, True, False)
        return response

    def process_exception(self, request, exception):
        if self._is_robots_fetch(request):
            _, message = describe_failure(exception, request.url)
            self.crawler.spider.note_robots(request.url, message, False,
                                            not isinstance(exception, IgnoreRequest))
        return None

    @staticmethod
    def _is_robots_fetch(request) -> bool:
        return bool(request.meta.get("dont_obey_robotstxt")) and request.url.endswith("/robots.txt")


# ---- running it --------------------------------------------------------------------

@dataclass
class CheckReport:
    rows: list[dict]
    csv_path: Path
    seconds: float

    @property
    def all_ok(self) -> bool:
        return all(r["verdict"] == "ok" for r in self.rows)

    def counts(self) -> dict[str, int]:
        return {v: sum(r["verdict"] == v for r in self.rows) for v in VERDICTS}


def run_check(sources_path: str | Path | None = None, stale_days: int | None = None,
              today: date | None = None) -> CheckReport:
    """Check every source of a registry; write and return the report (RegistryError if bad)."""
    started = time.monotonic()
    sources = load_sources(sources_path)
    stale_days = stale_days if stale_days is not None else int(
        os.environ.get("CAPAIAN_STALE_DAYS") or STALE_DAYS)
    healths = _crawl(sources)
    today = today or datetime.now(timezone.utc).date()
    rows = []
    for source in sources:
        health = healths.get(source.name)
        if health is None:
            rows.append({**dict.fromkeys(COLUMNS, 0), "source": source.name, "verdict": "broken",
                         "newest_article": "", "message": "the check of this kind of source did not start"})
            continue
        health.settle_unanswered()
        rows.append(health.row(today, stale_days))
    path = write_csv(rows, data_dir() / "sources-check.csv")
    return CheckReport(rows, path, time.monotonic() - started)


def _crawl(sources: list[Source]) -> dict[str, SourceHealth]:
    plan = CrawlPlan(run_id="check", mode="check", max_listing_pages=1,
                     max_child_sitemaps=CHILD_SITEMAPS)
    settings = build_settings(plan, CrawlOptions())
    settings.setdict({
        "ITEM_PIPELINES": {}, "RETRY_ENABLED": False,   # one request per entry point
        "EXTENSIONS": {**settings.getdict("EXTENSIONS"), "crawler.progress.ProgressLog": None},
        "DOWNLOADER_MIDDLEWARES": {**settings.getdict("DOWNLOADER_MIDDLEWARES"),
                                   "crawler.check.RobotsCheck": 110},
        "LOG_LEVEL": os.environ.get("CAPAIAN_LOG_LEVEL") or "WARNING",
    }, priority="cmdline")
    # RobotsCheck reports robots.txt failures per source; Scrapy would add a traceback per host
    logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(logging.CRITICAL)
    process = CrawlerProcess(settings)
    classes = spider_classes()
    crawlers = []
    for kind in sorted({s.kind for s in sources}):
        base = classes.get(kind, NewsSpider)
        spidercls = type(f"Check{base.__name__}", (CheckMixin, base), {"name": f"check-{kind}", "kind": kind})
        crawler = process.create_crawler(spidercls)
        process.crawl(crawler, sources=[s for s in sources if s.kind == kind], plan=plan)
        crawlers.append(crawler)
    process.start()
    found = {}
    for crawler in crawlers:
        found.update(getattr(crawler.spider, "health", None) or {})
    return found


def write_csv(rows: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(path)
    return path


def print_table(report: CheckReport, width: int = 110) -> None:
    """The report as a table, worst verdicts first, and a one-line total."""
    order = {v: i for i, v in enumerate(VERDICTS)}
    print(f"{'source':28} {'verdict':11} {'entry':>7} {'cand.':>6} {'match':>6} {'newest':10}  message")
    for row in sorted(report.rows, key=lambda r: (order[r["verdict"]], r["source"])):
        entry = f"{row['entry_points_ok']}/{row['entry_points_total']}"
        message = row["message"] if len(row["message"]) <= width else row["message"][:width - 3] + "..."
        print(f"{row['source'][:28]:28} {row['verdict']:11} {entry:>7} {row['candidates']:>6} "
              f"{row['matched']:>6} {row['newest_article'] or '-':10}  {message}")
    counts = ", ".join(f"{n} {v}" for v, n in report.counts().items() if n)
    print(f"{len(report.rows)} sources: {counts}; {report.seconds:.0f} s; written to {report.csv_path}")


# ---- --prune ---------------------------------------------------------------------------

def prune_registry(source_path: str | Path | None, target: str | Path, drop: set[str]) -> Path:
    """Write the registry without the sources in ``drop``, keeping its comments and order."""
    source_path = Path(source_path or DEFAULT_REGISTRY)
    lines = source_path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = _without_blocks(lines, drop)
    stamp = datetime.now(timezone.utc).date().isoformat()
    header = (f"# Pruned by `python -m crawler check --prune` on {stamp} from {source_path.name}: "
              f"{len(drop)} unreachable source(s) removed: {', '.join(sorted(drop)) or 'none'}.\n")
    text = header + "".join(kept)
    remaining = {s["name"] for s in (_yaml_rows(text) or [])}
    expected = {s.name for s in load_sources(source_path)} - drop
    if remaining != expected:   # a layout the line-based cut does not understand
        text = header + _dump_rows([r for r in _yaml_rows(source_path.read_text(encoding="utf-8"))
                                    if r.get("name") not in drop])
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return target


_ITEM = re.compile(r"^(\s*)-\s+name:\s*['\"]?([A-Za-z0-9_-]+)")


def _without_blocks(lines: list[str], drop: set[str]) -> list[str]:
    """Lines minus each dropped ``- name: x`` item (comments just above the next item stay)."""
    out, skipping, indent = [], False, 0
    for line in lines:
        match = _ITEM.match(line)
        stripped = line.strip()
        if match:
            skipping, indent = match[2] in drop, len(match[1])
        elif skipping and stripped and not stripped.startswith("#") \
                and len(line) - len(line.lstrip()) <= indent:
            skipping = False   # the list ended
        elif skipping and stripped.startswith("#") and len(line) - len(line.lstrip()) <= indent:
            out.append(line)   # a comment heading the next item or section
            continue
        if not skipping and not (not stripped and out and not out[-1].strip()):
            out.append(line)   # (one blank line where dropped items leave several)
    return out


def _yaml_rows(text: str) -> list[dict]:
    try:
        doc = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        return []
    return doc.get("sources") or [] if isinstance(doc, dict) else []


def _dump_rows(rows: list[dict]) -> str:
    return yaml.safe_dump({"sources": rows}, sort_keys=False, allow_unicode=True, width=10_000)
