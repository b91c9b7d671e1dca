"""One WARC file into warehouse rows (pages, articles, facts, rejected facts), written as Parquet.

    >>> warc_to_parquet("cc-news.warc.gz", "stage/", version, Limits(), loaded_at)
    PosixPath('stage/3f2a…')      # pages.parquet, articles.parquet, facts.parquet, rejected_facts.parquet

A pure function of the file and its arguments: the same file gives the same rows in
any process on any machine, which is what lets a process pool or a Dask cluster do
the work while one parent writes DuckDB. Every record is bounded: its body is read
decompressed up to `Limits.max_bytes`, cleaning and extraction get `Limits.seconds`,
and a page over a bound becomes a page row with a `skip_reason`, never an error
that stops the file. Pages the pre-filter or a bound skipped keep their row without
the body (`warc_file` and `warc_offset` say where it is), so that an archive of
other news does not fill the warehouse; a page that passed keeps its body.
"""
from __future__ import annotations

import ctypes
import dataclasses
import functools
import hashlib
import itertools
import json
import logging
import os
import re
import threading
import time
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from warehouse.clean import clean_html, clean_text
from warehouse.prefilter import skip_reason
from warehouse.schema import arrow_schema

log = logging.getLogger(__name__)

#: Pages to clean in one pool task (a chunk of records holds this many, or 40 times as many records).
CHUNK = 25
TABLES = ("pages", "articles", "facts", "rejected_facts")
#: Skip reasons decided before cleaning: such a page keeps no body (its WARC record has it).
BODYLESS = ("not_html", "binary", "no_bnn_terms", "not_indonesian", "too_large", "unreadable")
#: Columns that tie an article, fact or rejected fact to the WARC record its page came from.
RECORD_KEY = ("warc_file", "warc_offset")
_WORDS = re.compile(r"\w+", re.UNICODE)


class PageTimeout(Exception):
    """Cleaning and extracting one page took longer than its time budget."""


@dataclass(frozen=True)
class Limits:
    """Bounds on every record: decompressed body size (bytes) and time per page (seconds)."""

    max_bytes: int = field(default_factory=lambda: int(os.environ.get("CAPAIAN_DOWNLOAD_MAXSIZE", 5 * 1024 * 1024)))
    seconds: float = field(default_factory=lambda: float(os.environ.get("CAPAIAN_PAGE_SECONDS", 30)))


def page_id(url: str) -> str:
    """Stable id of a requested URL."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def simhash64(text: str) -> int:
    """64-bit simhash over word trigrams: near-duplicate texts differ in few bits.

    Each trigram's blake2b digest votes on every bit; numpy counts the votes.
    """
    import numpy as np

    words = _WORDS.findall(text.lower())
    grams = [" ".join(words[i:i + 3]) for i in range(max(len(words) - 2, 1))]
    digests = b"".join(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest() for g in grams)
    bits = np.unpackbits(np.frombuffer(digests, dtype=np.uint8)).reshape(-1, 64)  # column 0 = bit 63
    ones = bits.sum(axis=0, dtype=np.int64)
    return int(np.packbits(2 * ones > len(grams)).view(">u8")[0])


def read_pages(path: str, limits: Limits):
    """Response records of a WARC file as `raw.pages` rows, each body read up to the size cap.

    Decompression (the record's and the HTTP Content-Encoding) stops one byte past the
    cap, so a gzip bomb costs megabytes, not gigabytes. A record warcio cannot parse
    ends the file: it is logged, the rows read so far are kept.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    _inflate_with_zlib_ng()
    with open(path, "rb") as stream:
        # 64 KiB reads of the file: a quarter fewer Python steps than warcio's 16 KiB, and one
        # inflate step of a hostile record still yields at most ~64 MiB.
        records = ArchiveIterator(stream, block_size=64 * 1024)
        try:
            for record in records:
                if record.rec_type == "response" and record.http_headers is not None:
                    yield _page_row(path, record, records, limits)
        except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
            log.warning("%s: unreadable WARC record after offset %s, rest of the file skipped: %s",
                        path, records.get_record_offset(), exc)


def _inflate_with_zlib_ng():
    """Have warcio inflate gzip with zlib-ng: the same format, ~1.7 times as fast (a fifth of
    reading an archive), set through the table of decompressors warcio keeps for such choices."""
    from warcio.bufferedreaders import BufferedReader

    BufferedReader.DECOMPRESSORS["gzip"] = _zlib_ng_gzip


def _zlib_ng_gzip():
    from zlib_ng import zlib_ng

    return zlib_ng.decompressobj(16 + zlib_ng.MAX_WBITS)


def _page_row(path: str, record, records, limits: Limits) -> dict:
    headers = record.rec_headers
    final_url = headers.get_header("WARC-Target-URI")
    url = headers.get_header("WARC-Capaian-Requested-URI") or final_url
    body, reason = _bounded_body(record, limits.max_bytes)
    offset = records.get_record_offset()  # only after the body: warcio reads the record to its end here
    return {
        "page_id": page_id(url), "url": url, "final_url": final_url,
        "status": int(record.http_headers.get_statuscode() or 0),
        "headers": json.dumps(dict(record.http_headers.headers), ensure_ascii=False),
        "fetched_at": _warc_date(headers.get_header("WARC-Date")), "body": body,
        "source": headers.get_header("WARC-Capaian-Source") or "warc",
        "run_id": headers.get_header("WARC-Capaian-Run") or Path(path).parent.name,
        "warc_file": path, "kind": headers.get_header("WARC-Capaian-Kind"),
        "warc_offset": offset, "skip_reason": reason,
    }


def _bounded_body(record, max_bytes: int) -> tuple[bytes | None, str | None]:
    try:
        body = record.content_stream().read(max_bytes + 1)
    except Exception as exc:  # a broken Content-Encoding: the record is unreadable, its neighbours are not
        log.warning("unreadable body of %s: %s", record.rec_headers.get_header("WARC-Target-URI"), exc)
        return None, "unreadable"
    return (None, "too_large") if len(body) > max_bytes else (body, None)


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(timezone.utc).replace(tzinfo=None)


def needs_examining(page: dict) -> bool:
    """Only fetched articles are cleaned; listings, feeds, sitemaps and errors are kept as they are."""
    return page["status"] == 200 and (page.get("kind") or "article") == "article" and not page.get("skip_reason")


@dataclass
class Examined:
    """What examining a chunk of pages gave: one verdict per page (None = cleaned), and rows."""

    verdicts: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    facts: list = field(default_factory=list)
    rejected: list = field(default_factory=list)


def examine(pages: list[dict], version: str, limits: Limits, loaded_at: datetime,
            prefilter: bool = True) -> Examined:
    """Pre-filter, clean and extract each page under its time budget (runs in pool workers too).

    `prefilter=False` cleans every page: for pages that passed it already, and for the
    benchmark's check that the pre-filter loses no fact.
    """
    out = Examined()
    for page in pages:
        reason = None
        if prefilter:
            reason = skip_reason(bytes(page["body"] or b""), _content_type(page), page.get("final_url") or page["url"])
        if reason is None:
            reason = _clean_and_extract(page, version, limits, loaded_at, out)
        out.verdicts.append(reason)
    return out


def _content_type(page: dict) -> str:
    return json.loads(page.get("headers") or "{}").get("Content-Type", "")


def _clean_and_extract(page: dict, version: str, limits: Limits, loaded_at: datetime, out: Examined) -> str | None:
    url = page.get("final_url") or page["url"]
    try:
        with deadline(limits.seconds):
            rows = _rows(page, version, loaded_at)
    except PageTimeout:
        log.warning("%s: over the %.0f s time budget, skipped", url, limits.seconds)
        return "timeout"
    except Exception as exc:  # one hostile page must not stop the load; its reason stays in raw.pages
        log.warning("%s: cleaning or extraction failed, skipped: %r", url, exc)
        return "failed"
    if rows is None:
        return "no_article_text"
    article, facts, rejected = rows
    out.articles.append(article)
    out.facts.extend(facts)
    out.rejected.extend(rejected)
    return None


def _rows(page: dict, version: str, loaded_at: datetime):
    from warehouse.extract import extract_document

    url, final_url, source = page["url"], page.get("final_url"), page.get("source")
    content_type = _content_type(page)
    body = bytes(page["body"] or b"")
    if content_type.lower().startswith("text/plain"):
        article = clean_text(body, content_type)
    else:
        article = clean_html(body, url=final_url or url, content_type=content_type)
    if article is None:
        return None
    res = extract_document(article.text, title=article.title, published=article.published_at,
                           url=final_url or url, site=article.site_name or source)
    office, key = res.office, {k: page.get(k) for k in RECORD_KEY}
    row = {
        "page_id": page["page_id"], "url": url, "final_url": final_url, "source": source,
        "site_name": article.site_name or source, "title": article.title,
        "published_at": _naive(article.published_at), "text": article.text,
        "text_simhash": simhash64(article.text), "is_relevant": res.relevant, "relevance_reason": res.reason,
        "office_id": office.office_id if office else None, "office_name": office.name if office else None,
        "office_level": office.level if office else None, "office_code": office.code if office else None,
        "report_year": res.year, "n_facts": len(res.facts), "n_rejected": len(res.rejected),
        "extractor_version": version, "loaded_at": loaded_at, **key,
    }
    common = {"page_id": page["page_id"], "url": final_url or url, "extractor_version": version,
              "loaded_at": loaded_at, **key}
    return (row, [_fact_row(f, common) for f in res.facts],
            [_fact_row(f, common, reason) for f, reason in res.rejected])


def _naive(value):
    if value is None:
        return None
    return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value


def _fact_row(fact, common: dict, reason: str | None = None) -> dict:
    # The public fields, as Fact.to_dict gives them, without asdict's deep copy (scalars only).
    row = {f.name: getattr(fact, f.name) for f in dataclasses.fields(fact) if not f.name.startswith("_")}
    row.update(common)
    row["evidence_start"], row["evidence_end"] = row.pop("start", None), row.pop("end", None)
    ident = "|".join(str(row.get(k)) for k in (
        "page_id", "office_id", "year", "indicator", "breakdown", "unit", "value", "evidence_start"))
    row["fact_id"] = hashlib.sha1(ident.encode("utf-8")).hexdigest()[:16]
    if reason is not None:
        row["reason"] = reason
    return row


@contextmanager
def deadline(seconds: float):
    """Raise PageTimeout in this thread once `seconds` have passed (any thread, not only the main one).

    The exception is delivered between Python bytecodes, so a single long C call (one lxml
    parse) finishes first; the size cap keeps those short.
    """
    ticket = _WATCHDOG.arm(seconds)
    try:
        yield
    finally:
        if _WATCHDOG.disarm(ticket):
            raise PageTimeout(f"over {seconds} s")


class _Watchdog:
    """One thread per process that interrupts threads past their deadline (a thread per page
    would cost a millisecond a page to start)."""

    def __init__(self):
        self._cond = threading.Condition()
        self._due: dict[int, tuple[float, int]] = {}  # ticket -> (deadline, thread id)
        self._fired: set[int] = set()
        self._tickets = itertools.count()
        self._thread = None

    def arm(self, seconds: float) -> int:
        with self._cond:
            if self._thread is None or not self._thread.is_alive():  # also after a fork
                self._thread = threading.Thread(target=self._watch, name="capaian-deadline", daemon=True)
                self._thread.start()
            ticket = next(self._tickets)
            self._due[ticket] = (time.monotonic() + seconds, threading.get_ident())
            self._cond.notify()
            return ticket

    def disarm(self, ticket: int) -> bool:
        """Whether the deadline had passed; a timeout not yet raised in the thread is taken back."""
        with self._cond:
            self._due.pop(ticket, None)
            if ticket not in self._fired:
                return False
            self._fired.discard(ticket)
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(threading.get_ident()), None)
            return True

    def _watch(self):
        with self._cond:
            while True:
                now = time.monotonic()
                for ticket, (due, thread) in list(self._due.items()):
                    if due <= now:
                        del self._due[ticket]
                        self._fired.add(ticket)
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(PageTimeout))
                wait = min((due for due, _ in self._due.values()), default=now + 60) - now
                self._cond.wait(max(wait, 0.001))


_WATCHDOG = _Watchdog()


def warc_to_parquet(path: str, out_dir: str | Path, version: str, limits: Limits, loaded_at: datetime,
                    chunk_map=map) -> Path:
    """Write the rows of one WARC file as four Parquet files in a folder of their own; returns the folder.

    `chunk_map(func, chunks)` runs `examine` over chunks of pages and yields the results
    in order: `map` in one process (a Dask task), or the loader's process pool.
    """
    folder = Path(out_dir) / hashlib.sha1(str(path).encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    in_flight = deque()

    def to_examine():
        for chunk in _chunked(_prefiltered(read_pages(path, limits), version)):
            in_flight.append(chunk)
            yield [p for p in chunk if needs_examining(p)]

    with _Stage(folder) as stage:
        # The pages sent to `examine` passed the pre-filter as they were read: no second look.
        work = functools.partial(examine, version=version, limits=limits, loaded_at=loaded_at, prefilter=False)
        for examined in chunk_map(work, to_examine()):
            stage.add(_with_verdicts(in_flight.popleft(), examined, version), examined)
    return folder


def describe_stage(folder: Path) -> str:
    """One line on what a staged WARC file holds."""
    skipped = pq.read_table(folder / "pages.parquet", columns=["skip_reason"]).column(0).to_pylist()
    reasons = Counter(r for r in skipped if r)
    articles, facts = (pq.read_metadata(folder / f"{t}.parquet").num_rows for t in ("articles", "facts"))
    detail = ", ".join(f"{r} {n}" for r, n in sorted(reasons.items()))
    return (f"{len(skipped)} records, {articles} articles, {facts} facts, "
            f"{sum(reasons.values())} skipped{f' ({detail})' if detail else ''}")


def stage_schema(table: str) -> pa.Schema:
    """A raw table's schema; article and fact rows also carry the WARC record their page came from."""
    schema = arrow_schema(table)
    if table == "pages":
        return schema
    return schema.append(pa.field("warc_file", pa.string())).append(pa.field("warc_offset", pa.int64()))


def _prefiltered(pages, version: str):
    """Pages with the pre-filter's verdict given here, as they are read: a skipped page's body is
    dropped at once and never travels to a worker, which gets only the pages it must clean."""
    for page in pages:
        if needs_examining(page):
            page["skip_reason"] = skip_reason(page["body"], _content_type(page), page.get("final_url") or page["url"])
        if page["skip_reason"]:
            page["skipped_by"] = version
        if page["skip_reason"] in BODYLESS:
            page["body"] = None
        yield page


def _chunked(pages):
    """Chunks holding CHUNK pages to clean, or 40 times as many records, whichever comes first."""
    chunk, to_clean = [], 0
    for page in pages:
        chunk.append(page)
        to_clean += needs_examining(page)
        if to_clean == CHUNK or len(chunk) == 40 * CHUNK:
            yield chunk
            chunk, to_clean = [], 0
    if chunk:
        yield chunk


def _with_verdicts(pages: list[dict], examined: Examined, version: str) -> list[dict]:
    verdicts = iter(examined.verdicts)
    for page in pages:
        if needs_examining(page):
            page["skip_reason"] = next(verdicts)
            page["skipped_by"] = version if page["skip_reason"] else None
        if page.get("skip_reason") in BODYLESS:
            page["body"] = None
    return pages


class _Stage:
    """The four Parquet files of one staged WARC file, written in row groups of up to FLUSH_ROWS
    rows or FLUSH_BYTES of bodies (few large writes cost less than one per chunk)."""

    FLUSH_ROWS, FLUSH_BYTES = 500, 16 * 2 ** 20

    def __init__(self, folder: Path):
        self.writers = {t: pq.ParquetWriter(folder / f"{t}.parquet", stage_schema(t)) for t in TABLES}
        self.rows = {t: [] for t in TABLES}
        self.body_bytes = 0

    def __enter__(self):
        return self

    def add(self, pages: list[dict], examined: Examined):
        self.body_bytes += sum(len(p["body"] or b"") for p in pages)
        for table, rows in zip(TABLES, (pages, examined.articles, examined.facts, examined.rejected)):
            self.rows[table].extend(rows)
            if len(self.rows[table]) >= self.FLUSH_ROWS or (table == "pages" and self.body_bytes >= self.FLUSH_BYTES):
                self._flush(table)

    def _flush(self, table: str):
        if self.rows[table]:
            self.writers[table].write_table(pa.Table.from_pylist(self.rows[table], schema=stage_schema(table)))
        self.rows[table] = []
        self.body_bytes = 0 if table == "pages" else self.body_bytes

    def __exit__(self, *exc):
        for table, writer in self.writers.items():
            if exc[0] is None:
                self._flush(table)
            writer.close()
