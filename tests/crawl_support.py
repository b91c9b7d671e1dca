"""Helpers for the crawler tests: a tiny loopback HTTP site, a crawler subprocess, WARC reading.

Example::

    site, paths = serve_news(6)
    with site:
        sources = write_sources(tmp_path, [site.source("demo")])
        result = run_crawler(tmp_path, sources, "--all-dates")
        records = warc_records(tmp_path)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml
from warcio.archiveiterator import ArchiveIterator

PROJECT = Path(__file__).resolve().parents[1]
ARTICLE_PATTERN = r"/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/$"
LISTING_PATTERN = r"/kategori/hukum/page/\d+/$"


@dataclass
class Hit:
    path: str
    at: float
    user_agent: str
    method: str = "GET"
    body: bytes = b""


class LocalSite:
    """An HTTP server on 127.0.0.1 (a free port) serving fixed routes and recording hits.

    A route is ``(status, headers, body)`` or a callable ``f(nth_hit) -> (status, headers, body)``.
    ``delay`` slows every answer (for kill-and-resume tests). POST is answered like GET; a
    subclass that needs the method or the request body overrides ``answer(hit)``.
    """

    def __init__(self, routes: dict, host: str = "127.0.0.1", delay: float = 0.0):
        self.routes, self.host, self.delay = routes, host, delay
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, 0), self._handler())
        self._server.daemon_threads = True
        self.base = f"http://{host}:{self._server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str) -> int:
        with self._lock:
            return sum(h.path == path for h in self.hits)

    def paths(self) -> list[str]:
        with self._lock:
            return [h.path for h in self.hits]

    def source(self, name: str, **extra) -> dict:
        """A registry row for this site (feed, sitemap and listing)."""
        row = {"name": name, "kind": "news", "allow_private": True,
               "feeds": [self.url("/feed/")], "sitemaps": [self.url("/sitemap.xml")],
               "start_urls": [self.url("/kategori/hukum/")],
               "follow": [LISTING_PATTERN], "articles": [ARTICLE_PATTERN]}
        row.update(extra)
        return row

    def answer(self, hit: Hit):
        """(status, headers, body) for one request."""
        return self._answer(hit.path)

    def _answer(self, path: str):
        with self._lock:
            nth = sum(h.path == path for h in self.hits) - 1   # this hit is recorded already
        route = self.routes.get(path)
        if route is None:
            return 404, {}, b"not found"
        return route(nth) if callable(route) else route

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                length = int(self.headers.get("Content-Length") or 0)
                hit = Hit(self.path, time.monotonic(), self.headers.get("User-Agent", ""),
                          self.command, self.rfile.read(length) if length else b"")
                with site._lock:
                    site.hits.append(hit)
                if site.delay:
                    time.sleep(site.delay)
                status, headers, body = site.answer(hit)
                body = body.encode() if isinstance(body, str) else body
                self.send_response(status)
                headers = {"Content-Type": "text/html; charset=utf-8", **headers}
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET

            def log_message(self, *args):
                pass

        return Handler


def article_path(i: int) -> str:
    return f"/2024/12/{10 + i % 18:02d}/rilis-akhir-tahun-bnnk-{i}/"


def news_routes(base: str, n_articles: int, per_page: int = 5,
                robots: str = "User-agent: *\nDisallow: /rahasia/\n"):
    """A small news site: robots.txt, RSS feed, sitemap, paginated listing, n articles."""
    paths = [article_path(i) for i in range(n_articles)]
    xml = {"Content-Type": "application/xml"}
    routes = {"/robots.txt": (200, {"Content-Type": "text/plain"}, robots)}
    items = "".join(f"<item><title>Rilis {i}</title><link>{base}{p}</link>"
                    f"<pubDate>Mon, 23 Dec 2024 10:00:00 +0700</pubDate></item>"
                    for i, p in enumerate(paths[:per_page]))
    routes["/feed/"] = (200, xml, f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>')
    urls = "".join(f"<url><loc>{base}{p}</loc><lastmod>2024-12-23</lastmod></url>" for p in paths)
    routes["/sitemap.xml"] = (200, xml, '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                        f"{urls}</urlset>")
    pages = [paths[i:i + per_page] for i in range(0, len(paths), per_page)] or [[]]
    for number, chunk in enumerate(pages, start=1):
        listing = "/kategori/hukum/" if number == 1 else f"/kategori/hukum/page/{number}/"
        links = "".join(f'<li><a href="{p}">Rilis BNNK {p}</a></li>' for p in chunk)
        nxt = f'<a href="/kategori/hukum/page/{number + 1}/">next</a>' if number < len(pages) else ""
        routes[listing] = (200, {}, f"<html><body><ul>{links}</ul>{nxt}"
                                    f'<a href="/rahasia/2024/12/01/x/">rahasia</a></body></html>')
    for i, p in enumerate(paths):
        routes[p] = (200, {}, f"<html><head><title>Rilis {i}</title></head>"
                              f"<body><p>BNNK capaian {i}</p></body></html>")
    return routes, paths


def serve_news(n_articles: int, delay: float = 0.0, **kw) -> tuple[LocalSite, list[str]]:
    """A LocalSite (not started yet) serving news_routes, and its article paths."""
    site = LocalSite({}, delay=delay)
    site.routes, paths = news_routes(site.base, n_articles, **kw)
    return site, paths


def write_sources(tmp_path: Path, rows: list[dict], name: str = "sources.yml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump({"sources": rows}, sort_keys=False))
    return path


def crawl_env(tmp_path: Path, **extra) -> dict:
    """Environment for a fast offline crawl into tmp_path/data."""
    env = dict(os.environ)
    env.update({
        "CAPAIAN_DATA": str(tmp_path / "data"), "BNN_DUCKDB": str(tmp_path / "capaian.duckdb"),
        "CAPAIAN_DOWNLOAD_DELAY": "0", "CAPAIAN_AUTOTHROTTLE": "0",
        "CAPAIAN_RETRY_BACKOFF": "0.2", "CAPAIAN_DNS_TIMEOUT": "3",
        "PYTHONPATH": str(PROJECT), **{k: str(v) for k, v in extra.items()},
    })
    return env


def crawl_command(sources: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "crawler", "crawl", "--sources", str(sources), *args]


def run_crawler(tmp_path: Path, sources: Path, *args: str, timeout: float = 90, **env):
    return subprocess.run(crawl_command(sources, *args), cwd=PROJECT, env=crawl_env(tmp_path, **env),
                          capture_output=True, text=True, timeout=timeout)


def warc_records(tmp_path: Path) -> list[dict]:
    """Every response record under tmp_path/data/warc, with its Capaian headers."""
    records = []
    for path in sorted((tmp_path / "data" / "warc").rglob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                h = record.rec_headers
                records.append({
                    "uri": h.get_header("WARC-Target-URI"),
                    "requested": h.get_header("WARC-Capaian-Requested-URI"),
                    "source": h.get_header("WARC-Capaian-Source"),
                    "kind": h.get_header("WARC-Capaian-Kind"),
                    "date": h.get_header("WARC-Date"),
                    "status": int(record.http_headers.get_statuscode()),
                    "body": record.content_stream().read(),
                    "file": path,
                })
    return records


def summaries(tmp_path: Path) -> list[dict]:
    runs = tmp_path / "data" / "runs"
    return [json.loads(p.read_text()) for p in sorted(runs.glob("*.json"))] if runs.is_dir() else []


def source_row(summary: dict, name: str) -> dict:
    return next(r for r in summary["sources"] if r["source"] == name)
