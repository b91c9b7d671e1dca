"""Load crawled pages into the DuckDB warehouse: raw pages, cleaned articles, facts.

    >>> report = load_warehouse("data/capaian.duckdb", data_dir="data")
    >>> report.pages, report.articles, report.facts, report.skipped

Each WARC file is first turned into rows by `warehouse.warc_rows` (pre-filter, bounded
reading, cleaning, extraction), written as Parquet: in a process pool here, one chunk
of records a task, or on a Dask cluster, one file a task (`dask=`). The parent then
ingests all the Parquet in one transaction: new records go into `raw.pages` (the
latest fetch of a URL wins), with the articles and facts of the winners; pages kept
from an older extractor are extracted again from their stored bodies, and WARC files
holding pages that an older extractor skipped are read again. A load killed half-way
leaves the previous state as it was; loading the same files twice gives the same rows,
whatever the number of workers or the engine.
"""
from __future__ import annotations

import functools
import glob
import hashlib
import json
import logging
import multiprocessing
import os
import shutil
import tempfile
import time
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from warehouse.prefilter import LISTED, REASONS
from warehouse.schema import COLUMNS, arrow_schema, ensure_schema
from warehouse.warc_rows import (BODYLESS, CHUNK, TABLES, Examined, Limits, describe_stage, examine,
                                 warc_to_parquet)

log = logging.getLogger(__name__)

#: Below this much WARC data a pool costs more to start than it saves: unless told a number of
#: workers, the load then runs in-process.
POOL_MIN_BYTES = 4 * 1024 * 1024
#: Row groups of the warehouse file (DuckDB's smallest): a large load's uncommitted rows go to
#: disk every 2,048 rows instead of waiting in memory for 122,880, so memory stays flat.
ROW_GROUP_SIZE = 2048
#: DuckDB's memory during a load, besides the row group of bodies and texts it holds uncommitted.
LOAD_MEMORY_BASE = 32 * 2 ** 20


class LoadError(Exception):
    """A load could not start (no such WARC file, an unreadable warehouse)."""


@dataclass
class LoadReport:
    """What one load did; `skipped` counts pages per skip reason, `listed` names the hostile ones."""

    warc_files: int = 0
    records: int = 0
    pages: int = 0
    articles: int = 0
    relevant: int = 0
    facts: int = 0
    rejected: int = 0
    seconds: float = 0.0
    skipped: Counter = field(default_factory=Counter)
    listed: list = field(default_factory=list)

    def summary(self) -> str:
        skipped = ", ".join(f"{reason} {n}" for reason, n in sorted(self.skipped.items()))
        return (f"loaded {self.warc_files} WARC files ({self.records} records, {self.pages} new pages); "
                f"processed {self.articles} articles, {self.relevant} relevant, {self.facts} facts, "
                f"{self.rejected} rejected facts; skipped {sum(self.skipped.values())} pages"
                f"{f' ({skipped})' if skipped else ''} in {self.seconds:.1f}s")


def extractor_version() -> str:
    """A digest of the warehouse code and its data files: pages extracted by another version are redone.

    Every module that reads, cleans, filters or extracts counts, not only the extractor's:
    a missed change would leave stale facts behind. The tools around the warehouse (the
    benchmarks, the scorers, the CLI, the demo) do not: changing them would make the next
    load read every archive again for pages the pre-filter skipped.
    """
    here, digest = Path(__file__).parent, hashlib.sha1()
    for path in sorted(here.glob("**/*.py")) + sorted(here.glob("data/**/*")):
        if path.is_file() and path.name not in _TOOLS:
            digest.update(str(path.relative_to(here)).encode() + path.read_bytes())
    return digest.hexdigest()[:12]


#: Modules that do not change what a load writes.
_TOOLS = frozenset({"__main__.py", "bench.py", "loadbench.py", "benchpages.py", "devset.py", "pathscore.py",
                    "score.py", "demo.py", "dbt.py", "export.py", "shell.py"})


def default_workers() -> int:
    """Processes that clean and extract: `CAPAIAN_WORKERS`, else one per core."""
    return int(os.environ.get("CAPAIAN_WORKERS") or os.cpu_count() or 1)


def find_warc_files(data_dir: str | Path) -> list[str]:
    """Every WARC file under `<data_dir>/warc`, oldest run first."""
    root = Path(data_dir) / "warc"
    found = glob.glob(str(root / "**" / "*.warc.gz"), recursive=True)
    found += glob.glob(str(root / "**" / "*.warc"), recursive=True)
    return sorted(found)


def load_warehouse(db_path, data_dir="data", warc_paths=None, reextract=False, progress=None,
                   workers=None, dask=None, limits=None) -> LoadReport:
    """Load new WARC files (or the given ones) and bring every article's facts up to date.

    `workers` processes clean and extract (default: one per core, or this process alone for
    under POOL_MIN_BYTES of WARC); `dask` is `"local"` for a LocalCluster or a scheduler
    address (`tcp://host:8786`) to turn each file into rows there.
    """
    started, report = time.monotonic(), LoadReport()
    progress, limits = progress or log.info, limits or Limits()
    for path in warc_paths or []:
        if not Path(path).exists():
            raise LoadError(f"no such WARC file: {path}")
    version, loaded_at = extractor_version(), datetime.now(timezone.utc).replace(tzinfo=None)
    con = _connect(db_path)
    try:
        _remove_stale_stages(db_path)
        ensure_schema(con)
        files = _files_to_load(con, data_dir, warc_paths) + _files_to_reexamine(con, version, reextract, warc_paths)
        pool_size = workers or (default_workers() if _warc_bytes(files) >= POOL_MIN_BYTES else 1)
        with _workers(pool_size) as (chunk_map, later), tempfile.TemporaryDirectory(
                prefix="capaian-stage-", dir=Path(db_path).resolve().parent) as stage:
            offices = None if _offices_current(con, version) else later(_office_rows)
            folders = _stage(files, stage, version, limits, loaded_at, chunk_map, dask,
                             workers or default_workers(), progress)
            progress(f"ingesting {len(folders)} WARC files in one transaction")
            con.execute("begin transaction")
            _ingest(con, files, folders, report, loaded_at)
            progress(f"  {report.pages} pages ingested from {report.records} records")
            if offices is not None:
                _replace_offices(con, version, offices.result())
            _replace_crawl_runs(con, data_dir)
            _process_articles(con, report, version, reextract, limits, loaded_at, chunk_map, progress)
            _tally(con, report, loaded_at, progress)
            con.execute("commit")
    except BaseException:
        _rollback(con)
        raise
    finally:
        con.close()
    report.seconds = time.monotonic() - started
    return report


def _connect(db_path):
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    name = "w" + hashlib.sha1(str(Path(db_path).resolve()).encode()).hexdigest()[:8]
    try:
        con.execute(f"attach ? as {name} (row_group_size {ROW_GROUP_SIZE})", [str(db_path)])
    except duckdb.Error as exc:
        con.close()
        raise LoadError(f"cannot open the warehouse {db_path}: {exc}") from exc
    con.execute(f"use {name}")
    con.execute("set threads = 1")  # the load's SQL streams; one thread holds one row group at a time
    return con


def _remove_stale_stages(db_path):
    """Staged Parquet that a killed load left beside the warehouse (this load holds the file's lock,
    so no other load is using it)."""
    for folder in Path(db_path).resolve().parent.glob("capaian-stage-*"):
        shutil.rmtree(folder, ignore_errors=True)


def _rollback(con):
    try:
        con.execute("rollback")
    except duckdb.Error:
        pass


def _files_to_load(con, data_dir, warc_paths) -> list[str]:
    if warc_paths:
        return list(dict.fromkeys(str(Path(p).resolve()) for p in warc_paths))
    loaded = {row[0] for row in con.execute("select path from raw.warc_files").fetchall()}
    return [p for p in (str(Path(f).resolve()) for f in find_warc_files(data_dir)) if p not in loaded]


def _files_to_reexamine(con, version, reextract, chosen) -> list[str]:
    """WARC files holding pages that another extractor version skipped without keeping their body."""
    rows = con.execute("""
        select distinct warc_file from raw.pages
        where skip_reason in (select unnest(?::varchar[])) and (skipped_by is distinct from ? or ?)
        order by 1
    """, [list(BODYLESS), version, bool(reextract)]).fetchall()
    files = [path for (path,) in rows if path not in (chosen or ())]
    for path in [p for p in files if not Path(p).exists()]:
        log.warning("%s is gone: the pages an older extractor skipped there cannot be looked at again", path)
    return [p for p in files if Path(p).exists()]


def _warc_bytes(files) -> int:
    return sum(Path(f).stat().st_size for f in files)


@contextmanager
def _workers(workers: int):
    """(ordered map over chunks of pages, `later(func)` for a result wanted later): in this
    process, or in a pool of `workers` processes, where `later` runs while the parent reads."""
    if workers <= 1:
        yield map, lambda func: SimpleNamespace(result=func)
        return
    pool = Pool(workers)
    try:
        yield pool.map, pool.later
    finally:
        pool.executor.shutdown(cancel_futures=True)


def _warm_worker():
    from warehouse.extract import extract_document

    extract_document("BNNK Medan")  # load the gazetteer and patterns once per worker


class Pool:
    """Worker processes for `examine`, with results in order and at most 4 chunks a worker in
    flight (Executor.map would read every WARC record first).

    A worker that dies (killed for memory, a crash in a C library) takes only its pages'
    verdicts with it: the chunks it broke are cleaned again one page at a time, each in a
    process of its own, and a page that kills that one too is skipped as `failed`.
    """

    def __init__(self, workers: int):
        # Not fork: the parent holds DuckDB's threads, which a fork would copy half-way. A fork
        # server starts clean, imports the cleaning code once, and forks each worker from that.
        self.workers, self.context = workers, multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["warehouse.warc_rows", "warehouse.extract", "trafilatura"])
        self.executor = self._start()

    def _start(self):
        return ProcessPoolExecutor(self.workers, mp_context=self.context, initializer=_warm_worker)

    def map(self, func, items):
        pending = deque()
        for item in items:
            pending.append((item, self._submit(func, item)))
            if len(pending) >= 4 * self.workers:
                yield self._result(func, *pending.popleft())
        while pending:
            yield self._result(func, *pending.popleft())

    def later(self, func):
        """func() run by a worker; by this process if the pool is broken."""
        future = self._submit(func)
        return SimpleNamespace(result=lambda: _or_here(future, func))

    def _submit(self, func, *args):
        try:
            return self.executor.submit(func, *args)
        except BrokenProcessPool:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = self._start()
            return self.executor.submit(func, *args)

    def _result(self, func, pages, future):
        try:
            return future.result()
        except BrokenProcessPool:
            log.warning("a cleaning worker died: its %d pages are cleaned again one by one", len(pages))
            return _merged([self._alone(func, page) for page in pages])

    def _alone(self, func, page):
        with ProcessPoolExecutor(1, mp_context=self.context) as one:
            try:
                return one.submit(func, [page]).result()
            except BrokenProcessPool:
                log.warning("%s: cleaning it killed its worker, skipped", page.get("final_url") or page["url"])
                return Examined(verdicts=["failed"])


def _or_here(future, func):
    try:
        return future.result()
    except BrokenProcessPool:
        return func()


def _merged(parts: list[Examined]) -> Examined:
    out = Examined()
    for part in parts:
        out.verdicts += part.verdicts
        out.articles += part.articles
        out.facts += part.facts
        out.rejected += part.rejected
    return out


def _stage(files, stage, version, limits, loaded_at, chunk_map, dask, workers, progress) -> list[Path]:
    """Each WARC file as a folder of Parquet files, here or on Dask."""
    if dask:
        from warehouse.dask_load import stage_on_dask

        return stage_on_dask(files, stage, dask, workers, progress,
                             version=version, limits=limits, loaded_at=loaded_at)
    folders = []
    for path in files:
        folders.append(warc_to_parquet(path, stage, version, limits, loaded_at, chunk_map=chunk_map))
        progress(f"  {path}: {describe_stage(folders[-1])}")
    return folders


def memory_limit(folders) -> int:
    """DuckDB's memory limit for ingesting these staged files, in bytes.

    A transaction keeps the row group it is filling (ROW_GROUP_SIZE rows) in memory
    until it is full or committed, and must be able to hold it; rows already written
    are evicted under this limit instead of being cached, so memory does not grow with
    the archive. The largest run of ROW_GROUP_SIZE page bodies plus article texts, as
    the Parquet metadata tells, twice over (it is written out at commit), plus a base.
    """
    runs = [_largest_run(folders, "pages", "body"), _largest_run(folders, "articles", "text")]
    return LOAD_MEMORY_BASE + 2 * sum(runs)


def _largest_run(folders, table: str, column: str) -> int:
    """Most bytes of `column` in ROW_GROUP_SIZE consecutive rows (by Parquet row group, rounded up)."""
    groups = []
    for folder in folders:
        meta = pq.ParquetFile(folder / f"{table}.parquet").metadata
        index = meta.schema.names.index(column)
        groups += [(meta.row_group(i).num_rows, meta.row_group(i).column(index).total_uncompressed_size)
                   for i in range(meta.num_row_groups)]
    best = rows = size = start = 0
    for count, nbytes in groups:
        rows, size = rows + count, size + nbytes
        while rows - groups[start][0] >= ROW_GROUP_SIZE:
            rows, size, start = rows - groups[start][0], size - groups[start][1], start + 1
        best = max(best, size)
    return best


def _parquet(folders, table: str) -> str:
    return "read_parquet([" + ", ".join(f"'{folder / (table + '.parquet')}'" for folder in folders) + "])"


def _ingest(con, files, folders, report, loaded_at):
    """Move the staged rows of the winning record of each page into the raw tables."""
    con.execute("create or replace temp table _latest "
                "(page_id varchar, warc_file varchar, warc_offset bigint, fetched_at timestamp)")
    con.execute("create or replace temp table _touched (page_id varchar)")
    if not folders:
        return
    con.execute(f"set memory_limit = '{memory_limit(folders) // 2 ** 20}MB'")
    pages = _parquet(folders, "pages")
    con.execute(f"""
        insert into _latest
        select page_id, warc_file, warc_offset, fetched_at from {pages}
        qualify row_number() over (partition by page_id
                                   order by fetched_at desc nulls last, status = 200 desc,
                                            warc_file desc, warc_offset desc) = 1
    """)
    # A fetch already stored that is newer than any read now stays (a file read again for re-examining).
    con.execute("delete from _latest using raw.pages p where p.page_id = _latest.page_id "
                "and p.fetched_at > _latest.fetched_at")
    for table in TABLES:
        con.execute(f"delete from raw.{table} where page_id in (select page_id from _latest)")
        columns = ", ".join(COLUMNS[table])
        con.execute(f"insert into raw.{table} select {columns} from {_parquet(folders, table)} "
                    "semi join _latest using (warc_file, warc_offset)")
    counts = dict(con.execute(f"select warc_file, count(*) from {pages} group by 1").fetchall())
    _append(con, "_warc_files", "warc_files",
            [{"path": p, "n_records": counts.get(p, 0), "loaded_at": loaded_at} for p in files], create=True)
    con.execute("delete from raw.warc_files where path in (select path from _warc_files)")
    con.execute("insert into raw.warc_files select * from _warc_files")
    con.execute("drop table _warc_files")
    report.warc_files, report.records = len(files), sum(counts.values())
    report.pages = con.execute("select count(*) from _latest").fetchall()[0][0]
    con.execute("insert into _touched select page_id from _latest")


def _append(con, table: str, like: str, rows: list[dict], create: bool = False):
    """Bulk-append rows to a table through Arrow (never one INSERT per row)."""
    if not rows:
        return
    con.register("_arrow_rows", pa.Table.from_pylist(rows, schema=arrow_schema(like)))
    verb = f"create temp table {table} as" if create else f"insert into {table}"
    con.execute(f"{verb} select * from _arrow_rows")
    con.unregister("_arrow_rows")


def _offices_current(con, version: str) -> bool:
    """Whether raw.offices was written by this extractor version (its table comment says so)."""
    written = con.execute("select comment from duckdb_tables() where database_name = current_database() "
                          "and schema_name = 'raw' and table_name = 'offices'").fetchall()
    return bool(written) and written[0][0] == version


def _office_rows() -> list[dict]:
    from warehouse.offices import all_offices

    return all_offices()


def _replace_offices(con, version: str, rows: list[dict]):
    con.execute("delete from raw.offices")
    _append(con, "raw.offices", "offices", rows)
    con.execute(f"comment on table raw.offices is '{version}'")


def _replace_crawl_runs(con, data_dir):
    rows = []
    for path in sorted(glob.glob(str(Path(data_dir) / "runs" / "*.json"))):
        rows.extend(_run_rows(path))
    if rows:
        _append(con, "_runs", "crawl_runs", rows, create=True)
        con.execute("delete from raw.crawl_runs where run_id in (select run_id from _runs)")
        con.execute("insert into raw.crawl_runs select * from _runs")
        con.execute("drop table _runs")


def _run_rows(path: str) -> list[dict]:
    """Rows of one run summary; the file's stem names the run (and the worker, in scale-out runs)."""
    try:
        run = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("skipping unreadable run summary %s: %s", path, exc)
        return []
    sources = run.get("sources") or []
    if isinstance(sources, dict):
        sources = [{"source": name, **row} for name, row in sources.items()]
    return [{
        "run_id": Path(path).stem, "source": src.get("source"),
        "started_at": _iso(src.get("started_at") or run.get("started_at")),
        "finished_at": _iso(src.get("finished_at") or run.get("finished_at")),
        "pages_fetched": src.get("pages_fetched"), "articles_fetched": src.get("articles_fetched"),
        "errors": src.get("errors"), "status": src.get("status"), "message": src.get("message"),
    } for src in sources if isinstance(src, dict) and src.get("source")]


def _iso(value):
    if not value:
        return None
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed.astimezone(timezone.utc).replace(tzinfo=None) if parsed.tzinfo else parsed


def _process_articles(con, report, version, reextract, limits, loaded_at, chunk_map, progress):
    """Clean and extract again every stored page whose verdict came from another extractor version."""
    todo = [row[0] for row in con.execute(f"""
        select p.page_id from raw.pages p left join raw.articles a using (page_id)
        where p.status = 200 and coalesce(p.kind, 'article') = 'article'
          and coalesce(p.skip_reason, '') not in (select unnest(?::varchar[]))  -- has its body
          and p.page_id not in (select page_id from _latest)
          and ({bool(reextract)} or (a.extractor_version is distinct from ? and p.skipped_by is distinct from ?))
        order by p.page_id
    """, [list(BODYLESS), version, version]).fetchall()]
    if todo:
        progress(f"cleaning and extracting {len(todo)} stored pages again")
    work = functools.partial(examine, version=version, limits=limits, loaded_at=loaded_at)
    for start, done in zip(range(0, len(todo), CHUNK), chunk_map(work, _stored_pages(con, todo))):
        ids = todo[start:start + CHUNK]
        _replace_rows(con, ids, done, version)
        if (start // CHUNK) % 8 == 7 or start + CHUNK >= len(todo):
            progress(f"  {min(start + CHUNK, len(todo))}/{len(todo)} pages")


def _stored_pages(con, todo):
    for start in range(0, len(todo), CHUNK):
        cur = con.execute(
            "select page_id, url, final_url, source, headers, body, status, kind, warc_file, warc_offset "
            "from raw.pages where page_id in (select unnest(?::varchar[])) order by page_id",
            [todo[start:start + CHUNK]])
        names = [d[0] for d in cur.description]
        yield [dict(zip(names, row)) for row in cur.fetchall()]


def _replace_rows(con, ids, done, version):
    con.register("_ids", pa.table({"page_id": ids, "skip_reason": done.verdicts,
                                   "skipped_by": [version if v else None for v in done.verdicts]}))
    con.execute("update raw.pages set skip_reason = v.skip_reason, skipped_by = v.skipped_by "
                "from _ids v where raw.pages.page_id = v.page_id")
    for table, rows in (("articles", done.articles), ("facts", done.facts), ("rejected_facts", done.rejected)):
        con.execute(f"delete from raw.{table} where page_id in (select page_id from _ids)")
        _append(con, f"raw.{table}", table, rows)
    con.execute("insert into _touched select page_id from _ids")
    con.unregister("_ids")


def _tally(con, report, loaded_at, progress):
    """Count what this load gave, and list every hostile record with its reason."""
    report.articles, report.relevant, report.facts, report.rejected = con.execute("""
        select count(*), count(*) filter (where is_relevant), coalesce(sum(n_facts), 0), coalesce(sum(n_rejected), 0)
        from raw.articles where loaded_at = ?
    """, [loaded_at]).fetchall()[0]
    verdicts = con.execute("""
        select coalesce(final_url, url), skip_reason from raw.pages
        where skip_reason is not null and page_id in (select page_id from _touched) order by 1, 2
    """).fetchall()
    report.skipped = Counter(reason for _, reason in verdicts)
    report.listed = [(url, reason) for url, reason in verdicts if reason in LISTED]
    for url, reason in report.listed:
        progress(f"skipped {url}: {reason} ({REASONS[reason]})")


def default_db() -> str:
    """The warehouse file: `BNN_DUCKDB`, else `data/capaian.duckdb`."""
    return os.environ.get("BNN_DUCKDB", "data/capaian.duckdb")


def default_data_dir() -> str:
    """Where crawls keep WARC files and run summaries: `CAPAIAN_DATA`, else `data`."""
    return os.environ.get("CAPAIAN_DATA", "data")
