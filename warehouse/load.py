"""Load crawled pages into the DuckDB warehouse: raw pages, cleaned articles, facts.

    >>> report = load_warehouse("data/capaian.duckdb", data_dir="data")
    >>> report.pages, report.articles, report.facts

One load is one transaction: new WARC records go into `raw.pages` (the latest
fetch of a URL wins), every page that is new or was extracted by an older
extractor is cleaned and extracted again, and the rows of those pages are
replaced in bulk from Arrow tables. A load killed half-way leaves the previous
state as it was; loading the same files twice gives the same rows.
"""
from __future__ import annotations

import glob
import hashlib
import json
import logging
import os
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa

from warehouse.clean import clean_html, clean_text
from warehouse.schema import COLUMNS, ensure_schema

log = logging.getLogger(__name__)

#: Pages are read, cleaned and written in chunks of this many, so memory stays flat.
CHUNK = 200
_HTML_TYPES = re.compile(r"text/html|application/xhtml|text/plain", re.IGNORECASE)
_WORDS = re.compile(r"\w+", re.UNICODE)


class LoadError(Exception):
    """A load could not start (no such WARC file, an unreadable warehouse)."""


@dataclass
class LoadReport:
    """What one load did."""

    warc_files: int = 0
    records: int = 0
    pages: int = 0
    articles: int = 0
    relevant: int = 0
    facts: int = 0
    rejected: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"loaded {self.warc_files} WARC files ({self.records} records, {self.pages} new pages); "
                f"processed {self.articles} articles, {self.relevant} relevant, {self.facts} facts, "
                f"{self.rejected} rejected facts in {self.seconds:.1f}s")


def extractor_version() -> str:
    """A digest of the warehouse code and its data files: pages extracted by another version are redone.

    Every module counts, not only the extractor's: re-extracting is cheap, and a
    missed change would leave stale facts behind.
    """
    here, digest = Path(__file__).parent, hashlib.sha1()
    for path in sorted(here.glob("**/*.py")) + sorted(here.glob("data/**/*")):
        if path.is_file():
            digest.update(str(path.relative_to(here)).encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def page_id(url: str) -> str:
    """Stable id of a requested URL."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def simhash64(text: str) -> int:
    """64-bit simhash over word trigrams: near-duplicate texts differ in few bits."""
    words = _WORDS.findall(text.lower())
    grams = [" ".join(words[i:i + 3]) for i in range(max(len(words) - 2, 1))]
    weights = [0] * 64
    for gram in grams:
        h = int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if h >> bit & 1 else -1
    return sum(1 << bit for bit in range(64) if weights[bit] > 0)


def find_warc_files(data_dir: str | Path) -> list[str]:
    """Every WARC file under `<data_dir>/warc`, oldest run first."""
    root = Path(data_dir) / "warc"
    found = glob.glob(str(root / "**" / "*.warc.gz"), recursive=True)
    found += glob.glob(str(root / "**" / "*.warc"), recursive=True)
    return sorted(found)


def load_warehouse(db_path, data_dir="data", warc_paths=None, reextract=False, progress=None) -> LoadReport:
    """Load new WARC files (or the given ones) and bring every article's facts up to date."""
    started, report = time.monotonic(), LoadReport()
    progress = progress or log.info
    for path in warc_paths or []:
        if not Path(path).exists():
            raise LoadError(f"no such WARC file: {path}")
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path))
    try:
        ensure_schema(con)
        con.execute("begin transaction")
        files = _files_to_load(con, data_dir, warc_paths)
        for path in files:
            report.records += _stage_warc(con, path)
            report.warc_files += 1
        report.pages = _merge_pages(con)
        _replace_offices(con)
        _replace_crawl_runs(con, data_dir)
        _process_articles(con, report, reextract, progress)
        con.execute("commit")
    except BaseException:
        _rollback(con)
        raise
    finally:
        con.close()
    report.seconds = time.monotonic() - started
    return report


def _rollback(con):
    try:
        con.execute("rollback")
    except duckdb.Error:
        pass


def _files_to_load(con, data_dir, warc_paths) -> list[str]:
    if warc_paths:
        return [str(Path(p).resolve()) for p in warc_paths]
    loaded = {row[0] for row in con.execute("select path from raw.warc_files").fetchall()}
    return [p for p in (str(Path(f).resolve()) for f in find_warc_files(data_dir)) if p not in loaded]


def _stage_warc(con, path: str) -> int:
    """Read one WARC file's responses into the temporary table `_new_pages`, chunk by chunk."""
    con.execute("create temp table if not exists _new_pages as select * from raw.pages limit 0")
    count, rows = 0, []
    for row in _warc_responses(path):
        rows.append(row)
        count += 1
        if len(rows) >= CHUNK:
            _append(con, "_new_pages", "pages", rows)
            rows = []
    _append(con, "_new_pages", "pages", rows)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    _append(con, "_warc_file", "warc_files", [{"path": path, "n_records": count, "loaded_at": now}], create=True)
    con.execute("delete from raw.warc_files where path = ?", [path])
    con.execute("insert into raw.warc_files select * from _warc_file")
    con.execute("drop table _warc_file")
    return count


def _warc_responses(path: str):
    """Response records of a WARC file as `raw.pages` rows (foreign archives welcome)."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            final_url = record.rec_headers.get_header("WARC-Target-URI")
            url = record.rec_headers.get_header("WARC-Capaian-Requested-URI") or final_url
            headers = {k: v for k, v in record.http_headers.headers}
            yield {
                "page_id": page_id(url), "url": url, "final_url": final_url,
                "status": int(record.http_headers.get_statuscode() or 0),
                "headers": json.dumps(headers, ensure_ascii=False),
                "fetched_at": _warc_date(record.rec_headers.get_header("WARC-Date")),
                "body": record.content_stream().read(),
                "source": record.rec_headers.get_header("WARC-Capaian-Source") or "warc",
                "run_id": record.rec_headers.get_header("WARC-Capaian-Run") or Path(path).parent.name,
                "warc_file": path,
                "kind": record.rec_headers.get_header("WARC-Capaian-Kind"),
            }


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(timezone.utc).replace(tzinfo=None)


def _append(con, table: str, like: str, rows: list[dict], create: bool = False):
    """Bulk-append rows to a table through Arrow (never one INSERT per row)."""
    if not rows:
        return
    arrow = _arrow(like, rows)
    con.register("_arrow_rows", arrow)
    verb = f"create temp table {table} as" if create else f"insert into {table}"
    con.execute(f"{verb} select * from _arrow_rows")
    con.unregister("_arrow_rows")


#: Arrow types that inference would get wrong (a simhash needs all 64 bits).
_ARROW_TYPES = {"text_simhash": pa.uint64(), "body": pa.binary()}


def _arrow(table: str, rows: list[dict]) -> pa.Table:
    return pa.table({c: pa.array([r.get(c) for r in rows], type=_ARROW_TYPES.get(c)) for c in COLUMNS[table]})


def _merge_pages(con) -> int:
    """Replace the pages of newly staged records, keeping the latest fetch of each URL."""
    if not _exists(con, "_new_pages"):
        return 0
    con.execute("""
        create temp table _latest as
        select * from _new_pages
        qualify row_number() over (partition by page_id order by fetched_at desc nulls last, status = 200 desc) = 1
    """)
    con.execute("delete from raw.pages where page_id in (select page_id from _latest)")
    con.execute("insert into raw.pages select * from _latest")
    count = con.execute("select count(*) from _latest").fetchone()[0]
    con.execute("delete from raw.articles where page_id in (select page_id from _latest)")
    con.execute("drop table _latest")
    con.execute("drop table _new_pages")
    return count


def _exists(con, temp_table: str) -> bool:
    return bool(con.execute(
        "select count(*) from duckdb_tables() where temporary and table_name = ?", [temp_table]).fetchone()[0])


def _replace_offices(con):
    from warehouse.offices import all_offices

    con.execute("delete from raw.offices")
    _append(con, "raw.offices", "offices", all_offices())


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


def _process_articles(con, report: LoadReport, reextract: bool, progress):
    """Clean and extract every page that has no article row from the current extractor."""
    version = extractor_version()
    todo = [row[0] for row in con.execute(f"""
        select p.page_id from raw.pages p left join raw.articles a using (page_id)
        where p.status = 200 and coalesce(p.kind, 'article') = 'article'
          and (a.page_id is null or a.extractor_version is distinct from ? or {bool(reextract)})
        order by p.page_id
    """, [version]).fetchall()]
    progress(f"cleaning and extracting {len(todo)} pages")
    for start in range(0, len(todo), CHUNK):
        ids = todo[start:start + CHUNK]
        pages = con.execute(
            "select page_id, url, final_url, source, headers, body from raw.pages where page_id in "
            "(select unnest(?::varchar[]))", [ids]).fetchall()
        articles, facts, rejected = _extract_pages(pages, version)
        _replace_rows(con, ids, articles, facts, rejected)
        report.articles += len(articles)
        report.relevant += sum(1 for a in articles if a["is_relevant"])
        report.facts += len(facts)
        report.rejected += len(rejected)
        progress(f"  {min(start + CHUNK, len(todo))}/{len(todo)} pages: {report.relevant} relevant, {report.facts} facts")


def _replace_rows(con, ids, articles, facts, rejected):
    con.register("_ids", pa.table({"page_id": ids}))
    for table, rows in (("articles", articles), ("facts", facts), ("rejected_facts", rejected)):
        con.execute(f"delete from raw.{table} where page_id in (select page_id from _ids)")
        _append(con, f"raw.{table}", table, rows)
    con.unregister("_ids")


def _extract_pages(pages, version):
    from warehouse.extract import extract_document

    now = datetime.now(timezone.utc).replace(tzinfo=None)
    articles, facts, rejected = [], [], []
    for pid, url, final_url, source, headers, body in pages:
        content_type = json.loads(headers or "{}").get("Content-Type", "")
        if content_type and not _HTML_TYPES.search(content_type):
            continue
        article = _clean(bytes(body or b""), final_url or url, content_type)
        if article is None:
            continue
        res = extract_document(article.text, title=article.title, published=article.published_at,
                               url=final_url or url, site=article.site_name or source)
        office = res.office
        articles.append({
            "page_id": pid, "url": url, "final_url": final_url, "source": source,
            "site_name": article.site_name or source, "title": article.title,
            "published_at": _naive(article.published_at), "text": article.text,
            "text_simhash": simhash64(article.text), "is_relevant": res.relevant,
            "relevance_reason": res.reason,
            "office_id": office.office_id if office else None, "office_name": office.name if office else None,
            "office_level": office.level if office else None, "office_code": office.code if office else None,
            "report_year": res.year, "n_facts": len(res.facts), "n_rejected": len(res.rejected),
            "extractor_version": version, "loaded_at": now,
        })
        common = {"page_id": pid, "url": final_url or url, "extractor_version": version, "loaded_at": now}
        facts.extend(_fact_row(f, common) for f in res.facts)
        rejected.extend(_fact_row(f, common, reason) for f, reason in res.rejected)
    return articles, facts, rejected


def _clean(body: bytes, url: str, content_type: str):
    if content_type.lower().startswith("text/plain"):
        return clean_text(body, content_type)
    return clean_html(body, url=url, content_type=content_type)


def _naive(value):
    if value is None:
        return None
    return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value


def _fact_row(fact, common: dict, reason: str | None = None) -> dict:
    row = dict(fact.to_dict())
    row.update(common)
    row["evidence_start"], row["evidence_end"] = row.pop("start", None), row.pop("end", None)
    ident = "|".join(str(row.get(k)) for k in (
        "page_id", "office_id", "year", "indicator", "breakdown", "unit", "value", "evidence_start"))
    row["fact_id"] = hashlib.sha1(ident.encode("utf-8")).hexdigest()[:16]
    if reason is not None:
        row["reason"] = reason
    return row


def default_db() -> str:
    """The warehouse file: `BNN_DUCKDB`, else `data/capaian.duckdb`."""
    return os.environ.get("BNN_DUCKDB", "data/capaian.duckdb")


def default_data_dir() -> str:
    """Where crawls keep WARC files and run summaries: `CAPAIAN_DATA`, else `data`."""
    return os.environ.get("CAPAIAN_DATA", "data")
