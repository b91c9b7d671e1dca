"""The main job on the bundled sample sites: serve, crawl, load, build, document, summarise.

    python -m warehouse demo            # everything under data/demo/, rebuilt from scratch

The sample sites run on loopback addresses; the crawl goes through the same
spiders and registry format as real sources.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from warehouse.dbt import PROJECT_ROOT, DbtFailed, run_dbt
from warehouse.load import load_warehouse

EXAMPLE_SQL = """\
select office_name, year, value as rehabilitated, target, achievement_pct
from fct_indicator_office_year
where indicator_code = 'rehab.rawat_jalan' and breakdown = ''
order by year desc, achievement_pct desc;"""


def run_demo(out: Path) -> int:
    """Run the whole pipeline into `out` and print what it produced."""
    from sample_sites.server import SampleSites

    started = time.monotonic()
    out = out if out.is_absolute() else PROJECT_ROOT / out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    db = out / "capaian.duckdb"
    with SampleSites() as sites:
        sources = out / "sources.yml"
        sites.write_sources(sources)
        _step(f"serving {len(sites.base_urls)} sample sites on loopback; crawling them")
        crawl = crawl_sources(sources, out, db)
    if crawl != 0:
        print(f"demo: the crawl failed (exit {crawl})", file=sys.stderr)
        return crawl
    _step("cleaning, extracting and loading")
    print(load_warehouse(db, data_dir=out, progress=lambda msg: None).summary())
    try:
        _step("dbt build (models, seeds, tests)")
        run_dbt(["build"], db, quiet=True)
        _step("dbt docs generate")
        run_dbt(["docs", "generate"], db, quiet=True)
    except DbtFailed as exc:
        print(f"demo: {exc}", file=sys.stderr)
        return 1
    _summary(db, time.monotonic() - started)
    return 0


def _step(message: str):
    print(f"==> {message}", flush=True)


def crawl_sources(sources: Path, out: Path, db: Path) -> int:
    """Crawl a registry of our own loopback sites into `out` (every date, no politeness delay); the exit code."""
    # The sample sites are ours and local: no need to wait between requests, and the demo
    # prints the crawl's own summary rather than Scrapy's log.
    env = dict(os.environ, CAPAIAN_DATA=str(out), BNN_DUCKDB=str(db), CAPAIAN_DOWNLOAD_DELAY="0",
               CAPAIAN_AUTOTHROTTLE="0", CAPAIAN_LOG_LEVEL=os.environ.get("CAPAIAN_LOG_LEVEL", "WARNING"))
    # The sample archive spans 2019-2025, so the demo crawls it whole rather than the recent window.
    cmd = [sys.executable, "-m", "crawler", "crawl", "--sources", str(sources), "--all-dates",
           "--jobdir", str(out / "jobs")]
    return subprocess.run(cmd, env=env, cwd=PROJECT_ROOT).returncode


def _summary(db: Path, seconds: float):
    with duckdb.connect(str(db), read_only=True) as con:
        pages, articles = con.execute(
            "select count(*), count(*) filter (where kind = 'article' or kind is null) from raw.pages").fetchone()
        relevant = con.execute("select count(*) from raw.articles where is_relevant").fetchone()[0]
        facts = con.execute("select count(*) from raw.facts").fetchone()[0]
        rows, offices, years, office_years = con.execute(
            "select count(*), count(distinct office_id), count(distinct year), count(distinct (office_id, year)) "
            "from fct_indicator_office_year").fetchone()
    rel = os.path.relpath(db, PROJECT_ROOT) if db.is_relative_to(PROJECT_ROOT) else str(db)
    print(f"""
Capaian demo finished in {seconds:.0f}s
  pages fetched           {pages} ({articles} article pages)
  articles kept           {relevant} relevant yearly reports
  facts extracted         {facts} mentions -> {rows} rows in fct_indicator_office_year
  offices x years         {offices} offices, {years} years, {office_years} office-years

Try a query:
  BNN_DUCKDB={rel} make sql
{EXAMPLE_SQL}

Browse the docs:  BNN_DUCKDB={rel} make docs   (then open http://127.0.0.1:8080)""")
