"""Capaian's crawler: ``python -m crawler check``, ``crawl`` and ``schedule``.

Examples::

    python -m crawler check                              # is every source reachable and matching?
    python -m crawler check --prune working.yml          # ... and a registry without the unreachable
    python -m crawler crawl                              # the real registry, recent window
    python -m crawler crawl --sources my.yml --all-dates # a registry of your own, any date
    python -m crawler crawl --backfill 2023              # walk the archives of 2023
    python -m crawler crawl --redis redis://10.0.0.5:6379/0   # one of several workers
"""

from __future__ import annotations

import argparse
import sys


def _sources_option(p) -> None:
    p.add_argument("--sources", metavar="FILE.yml",
                   help="source registry (default: crawler/registry/sources.yml)")


def _crawl_parser(sub) -> None:
    p = sub.add_parser(
        "crawl", help="crawl the registry's sources into WARC files and a run summary",
        description="Crawl every source of a registry once. Writes data/warc/<run_id>/ and "
                    "data/runs/<run_id>.json; exits 1 only if every source failed, 2 when "
                    "the crawl cannot start (bad registry, Redis unreachable). Example: python -m crawler crawl --sources sources.yml",
    )
    _sources_option(p)
    p.add_argument("--refresh", action="store_true",
                   help="fetch articles again even when already fetched")
    window = p.add_mutually_exclusive_group()
    window.add_argument("--backfill", type=int, metavar="YEAR",
                        help="walk archives of YEAR (1 Jan YEAR to 31 Jan YEAR+1)")
    window.add_argument("--all-dates", action="store_true",
                        help="no date window (bundled sample sites, one-off imports)")
    p.add_argument("--redis", metavar="URL",
                   help="share queue and duplicate filter with other workers, "
                        "e.g. redis://127.0.0.1:6379/0")
    p.add_argument("--jobdir", metavar="DIR",
                   help="resume state (default data/jobs/<registry>-<hash>)")
    p.add_argument("--max-pages", type=int, metavar="N",
                   help="stop after N responses per spider (resumable)")
    p.add_argument("--run-id", help="run id (default: UTC time; with --redis: UTC date)")
    p.add_argument("--worker", help="worker id in WARC file names (default: host name)")


def crawl(args) -> int:
    from crawler.runner import CrawlOptions, CrawlSetupError, run_crawl
    from crawler.sources import RegistryError

    options = CrawlOptions(
        sources=args.sources, refresh=args.refresh, backfill=args.backfill,
        all_dates=args.all_dates, redis=args.redis, jobdir=args.jobdir,
        max_pages=args.max_pages, run_id=args.run_id, worker=args.worker)
    try:
        summary = run_crawl(options)
    except (RegistryError, CrawlSetupError) as exc:
        print(f"crawl: {exc}", file=sys.stderr)
        return 2
    rows = summary["sources"]
    return 1 if rows and all(r["status"] == "failed" for r in rows) else 0


def _check_parser(sub) -> None:
    p = sub.add_parser(
        "check", help="one polite request per entry point of every source: ok, stale, broken or unreachable",
        description="Check every source of a registry before a crawl (and in cron): one request per "
                    "robots.txt, sitemap, feed and listing page, no article fetched. Prints a table, "
                    "writes $CAPAIAN_DATA/sources-check.csv; exits 0 when every source is ok, 1 when "
                    "some are not, 2 when the check cannot start. "
                    "Example: python -m crawler check --sources sources.yml --prune reachable.yml",
    )
    _sources_option(p)
    p.add_argument("--prune", metavar="FILE.yml",
                   help="also write the registry without its unreachable sources to FILE.yml")
    p.add_argument("--stale-days", type=int, metavar="N",
                   help="stale when nothing matched is newer than N days (default 90, CAPAIAN_STALE_DAYS)")


def check(args) -> int:
    from crawler.check import prune_registry, print_table, run_check
    from crawler.sources import RegistryError, load_sources

    try:
        if not load_sources(args.sources):
            print("check: the registry lists no sources", file=sys.stderr)
            return 2
        report = run_check(args.sources, stale_days=args.stale_days)
        print_table(report)
        if args.prune:
            drop = {r["source"] for r in report.rows if r["verdict"] == "unreachable"}
            print(f"registry without {len(drop)} unreachable source(s): "
                  f"{prune_registry(args.sources, args.prune, drop)}")
    except RegistryError as exc:
        print(f"check: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"check: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    return 0 if report.all_ok else 1


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["schedule"]:
        from crawler.schedule import main as schedule_main   # owned by crawler/schedule.py
        return schedule_main(argv[1:]) or 0
    parser = argparse.ArgumentParser(prog="python -m crawler", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    _check_parser(sub)
    _crawl_parser(sub)
    sub.add_parser("schedule", help="install (or --print) the daily crontab entry")
    args = parser.parse_args(argv)
    return check(args) if args.command == "check" else crawl(args)


if __name__ == "__main__":
    sys.exit(main())
