"""What is already fetched: article URLs a crawl need not fetch again.

Example::

    from crawler.state import known_article_urls
    known = known_article_urls("data/capaian.duckdb", "data/warc")

Two places hold fetched pages: the warehouse (``raw.pages``, url and final_url,
opened read-only) and WARC files under ``data/warc/`` that ``warehouse load`` has
not taken in yet (not listed in ``raw.warc_files``). A missing file, table or
column, or a warehouse locked by a running load, is tolerated: the crawl then
knows less and fetches more, it never fails for it. Pages that came back with an
HTTP error (status ≥ 400) are not "known", so they are tried again.

``DecodedLinks`` keeps the publisher URLs of Google News links decoded by earlier
runs (crawler/spiders/search_feed.py), so no link is decoded twice.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from w3lib.url import canonicalize_url
from warcio.archiveiterator import ArchiveIterator

logger = logging.getLogger(__name__)


def canonical(url: str) -> str:
    return canonicalize_url(url, keep_fragments=False)


def known_article_urls(db_path: str | Path, warc_root: str | Path) -> set[str]:
    """Canonical URLs (asked-for and final) of articles fetched by earlier runs."""
    urls, loaded = warehouse_urls(Path(db_path))
    for path in unloaded_warc_files(Path(warc_root), loaded):
        urls |= warc_article_urls(path)
    return urls


def warehouse_urls(db_path: Path) -> tuple[set[str], set[str]]:
    """(URLs in raw.pages, keys of WARC files in raw.warc_files); empty when unavailable."""
    if not db_path.is_file():
        return set(), set()
    try:
        import duckdb
        with duckdb.connect(str(db_path), read_only=True) as con:
            return _pages(con), _loaded_warcs(con)
    except Exception as exc:   # locked by a running load, or not a DuckDB file
        logger.warning("warehouse %s not readable (%s); relying on WARC files only", db_path, exc)
        return set(), set()


def _columns(con, table: str) -> set[str]:
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_schema = 'raw' and table_name = ?", [table]).fetchall()
    return {r[0] for r in rows}


def _pages(con) -> set[str]:
    columns = _columns(con, "pages")
    wanted = [c for c in ("url", "final_url") if c in columns]
    if not wanted:
        return set()
    where = "where status is null or status < 400" if "status" in columns else ""
    urls: set[str] = set()
    for column in wanted:
        rows = con.execute(f"select distinct {column} from raw.pages {where}").fetchall()
        urls.update(canonical(r[0]) for r in rows if r[0])
    return urls


def _loaded_warcs(con) -> set[str]:
    if "path" not in _columns(con, "warc_files"):
        return set()
    return {warc_key(r[0]) for r in con.execute("select path from raw.warc_files").fetchall()
            if r[0]}


def warc_key(path: str | Path) -> str:
    """``<run_id>/<file>``: the same whether a path was stored absolute or relative."""
    return "/".join(Path(path).parts[-2:])


def unloaded_warc_files(warc_root: Path, loaded: set[str]) -> list[Path]:
    if not warc_root.is_dir():
        return []
    return sorted(p for p in warc_root.rglob("*.warc.gz") if warc_key(p) not in loaded)


def warc_article_urls(path: Path) -> set[str]:
    """Article URLs in one WARC file (records of another kind are skipped)."""
    urls: set[str] = set()
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                urls |= _record_urls(record)
    except Exception as exc:   # a file cut short by a kill: keep what was read
        logger.warning("WARC %s read partly (%s)", path, exc)
    return urls


def _record_urls(record) -> set[str]:
    if record.rec_type != "response":
        return set()
    kind = record.rec_headers.get_header("WARC-Capaian-Kind")
    if kind not in (None, "article"):
        return set()
    status = record.http_headers.get_statuscode() if record.http_headers else None
    if status and status.isdigit() and int(status) >= 400:
        return set()
    found = (record.rec_headers.get_header("WARC-Target-URI"),
             record.rec_headers.get_header("WARC-Capaian-Requested-URI"))
    return {canonical(u) for u in found if u}


class DecodedLinks:
    """Google News article ids already decoded → publisher URL, kept from run to run.

    Example::

        links = DecodedLinks("data/state/google-news-links.jsonl")
        links.get("CBMi...")            # None until decoded once
        links.add("CBMi...", "https://publisher.example/berita")

    One JSON object a line, appended as each link is decoded, so a killed run keeps
    what it learnt and a cut-off last line costs only that one link. ``path=None``
    keeps the links in memory only.
    """

    def __init__(self, path: str | Path | None):
        self.path = Path(path) if path else None
        self._urls: dict[str, str] = self._read() if self.path else {}

    def __len__(self) -> int:
        return len(self._urls)

    def get(self, article_id: str) -> str | None:
        return self._urls.get(article_id)

    def add(self, article_id: str, url: str) -> None:
        if self._urls.get(article_id) == url:
            return
        self._urls[article_id] = url
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as stream:
                stream.write(json.dumps({"id": article_id, "url": url}) + "\n")

    def _read(self) -> dict[str, str]:
        urls: dict[str, str] = {}
        if not self.path.is_file():
            return urls
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
                urls[row["id"]] = row["url"]
            except (ValueError, KeyError, TypeError):
                logger.warning("%s: skipping an unreadable line", self.path)
        return urls
