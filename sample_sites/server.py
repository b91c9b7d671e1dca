"""Serve the six sample sites over HTTP on loopback, each on its own address and port.

    from sample_sites.server import SampleSites
    with SampleSites() as sites:
        sites.base_urls                    # {"kabar-sumatera": "http://127.0.1.1:41234", ...}
        sites.write_sources("data/demo/sources.yml")
        sites.hits.count(status=500)       # what has been served so far

Other articles and sites than the bundled ones (as `warehouse.pathscore` serves a set of real texts):

    with SampleSites(articles=[...], sites=(LOCAL_NEWS,)) as sites: ...

From the shell (serves until Ctrl-C):

    python -m sample_sites.server --sources data/demo/sources.yml
"""
from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from .articles import ARTICLES_DIR, Article, ArticleStore, FixedArticles
from .render import render, render_not_found
from .routes import article_path, build_routes, section_path, sections_of
from .sites import SITES, SITES_BY_ID, Site
from .urls import normalize

log = logging.getLogger(__name__)

#: each site gets its own loopback address (the whole 127/8 is loopback on Linux)
HOST_PREFIX = "127.0.1."
FALLBACK_HOST = "127.0.0.1"


class HitLog:
    """A thread-safe record of every response served: (site_id, path, status)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._hits: list[tuple[str, str, int]] = []

    def append(self, hit: tuple[str, str, int]) -> None:
        with self._lock:
            self._hits.append(hit)

    def snapshot(self) -> list[tuple[str, str, int]]:
        with self._lock:
            return list(self._hits)

    def count(self, site_id: str | None = None, path: str | None = None, status: int | None = None) -> int:
        """How many responses matched every given field."""
        return sum(
            (site_id is None or s == site_id) and (path is None or p == path) and (status is None or c == status)
            for s, p, c in self.snapshot()
        )

    def counter(self) -> Counter:
        return Counter(self.snapshot())

    def clear(self) -> None:
        with self._lock:
            self._hits.clear()

    def __iter__(self):
        return iter(self.snapshot())

    def __len__(self) -> int:
        return len(self.snapshot())


class SampleSites:
    """The six sample sites, rendered on the fly from the article YAML files (or from `articles`)."""

    def __init__(self, articles_dir: Path | str = ARTICLES_DIR, host_prefix: str = HOST_PREFIX,
                 sites: tuple[Site, ...] = SITES, articles: list[Article] | None = None):
        self.sites = sites
        self.store = (FixedArticles(articles) if articles is not None
                      else ArticleStore(articles_dir, known_sites=set(SITES_BY_ID)))
        self.host_prefix = host_prefix
        self.hits = HitLog()
        self.base_urls: dict[str, str] = {}
        self._servers: list[ThreadingHTTPServer] = []
        self._failed_once: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    # -- life cycle -----------------------------------------------------------------
    def start(self) -> "SampleSites":
        for n, site in enumerate(self.sites, start=1):
            server = self._bind(site, f"{self.host_prefix}{n}")
            host, port = server.server_address[:2]
            self.base_urls[site.id] = f"http://{host}:{port}"
            threading.Thread(target=server.serve_forever, args=(0.1,), name=f"sample-{site.id}", daemon=True).start()
            self._servers.append(server)
        return self

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()
        self._servers.clear()

    def __enter__(self) -> "SampleSites":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _bind(self, site: Site, host: str) -> ThreadingHTTPServer:
        """A server on `host` and a free port; 127.0.0.1 where other loopback addresses are missing (macOS)."""
        handler = _handler_for(self, site)
        try:
            server = ThreadingHTTPServer((host, 0), handler)
        except OSError:
            log.info("cannot bind %s, serving %s on %s", host, site.id, FALLBACK_HOST)
            server = ThreadingHTTPServer((FALLBACK_HOST, 0), handler)
        server.daemon_threads = True
        return server

    # -- what the sites hold ----------------------------------------------------------
    @property
    def articles(self) -> list[Article]:
        """The parsed articles, newest first (re-read when a file changes)."""
        return self.store.load()

    def url(self, article: Article) -> str:
        """The absolute URL an article is served at."""
        site = SITES_BY_ID[article.site]
        return self.base_urls[site.id] + article_path(site, article)

    def write_sources(self, path: Path | str) -> Path:
        """Write a source registry (docs/ARCHITECTURE.md) with one source per site."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        registry = {"sources": self.source_entries()}
        header = "# The bundled sample sites, written by sample_sites.server; valid while it runs.\n"
        path.write_text(header + yaml.safe_dump(registry, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return path

    def source_entries(self) -> list[dict]:
        """The registry entries `write_sources` writes, one per site."""
        return [self._source(site) for site in self.sites]

    def _source(self, site: Site) -> dict:
        base = self.base_urls[site.id]
        mine = [a for a in self.articles if a.site == site.id]
        listings = [base + section_path(site, slug) for slug in sections_of(site, mine) if slug != site.disallow]
        return {
            "name": site.id, "kind": site.kind,
            "sitemaps": [f"{base}/sitemap.xml"], "feeds": [base + site.feed_path],
            "start_urls": [f"{base}/", *listings],
            "follow": list(site.scheme.follow_patterns),
            "articles": list(site.scheme.article_patterns),
            "allow_private": True,
        }

    # -- answering requests -------------------------------------------------------------
    def respond(self, site: Site, raw_path: str) -> tuple[int, str, bytes]:
        """Status, Content-Type and body for a request path of one site."""
        base = self.base_urls[site.id]
        articles = self.articles
        page = build_routes(site, articles).get(normalize(raw_path))
        if page is None:
            return 404, "text/html; charset=utf-8", render_not_found(site, base, articles)
        if self._fails_this_time(site, page, raw_path):
            return 500, "text/html; charset=utf-8", _SERVER_ERROR
        content_type, body = render(site, page, base, articles)
        return 200, content_type, body

    def _fails_this_time(self, site: Site, page, raw_path: str) -> bool:
        """The `error-once` article answers 500 to its first request on this server instance."""
        article = page.context.get("article")
        if not article or article.special != "error-once":
            return False
        key = (site.id, normalize(raw_path))
        with self._lock:
            first = key not in self._failed_once
            self._failed_once.add(key)
        return first


_SERVER_ERROR = (b"<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head>"
                 b"<body><h1>Internal Server Error</h1><p>The server is temporarily busy.</p></body></html>")


def _handler_for(app: SampleSites, site: Site) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to one site of `app`."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "nginx"
        sys_version = ""

        def do_GET(self):
            self._answer(send_body=True)

        def do_HEAD(self):
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            try:
                status, content_type, body = app.respond(site, self.path)
            except Exception:  # a broken template must not hang the crawler; show it in the log
                log.exception("sample site %s failed on %s", site.id, self.path)
                status, content_type, body = 500, "text/html; charset=utf-8", _SERVER_ERROR
            app.hits.append((site.id, self.path, status))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            log.debug("%s %s", site.id, format % args)

    return Handler


def main(argv: list[str] | None = None) -> int:
    """Serve the sample sites until Ctrl-C.

    Example: python -m sample_sites.server --sources data/demo/sources.yml
    """
    parser = argparse.ArgumentParser(prog="python -m sample_sites.server", description=main.__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", help="write a source registry YAML for the crawler here")
    parser.add_argument("--articles", default=str(ARTICLES_DIR), help="folder of article YAML files")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    with SampleSites(args.articles) as sites:
        print(f"{len(sites.articles)} articles")
        for site_id, base in sites.base_urls.items():
            print(f"  {site_id:<20} {base}/")
        if args.sources:
            print(f"source registry: {sites.write_sources(args.sources)}")
        print("serving; Ctrl-C to stop", flush=True)
        _wait_for_stop()
        print("stopped")
    return 0


def _wait_for_stop() -> None:
    """Block until Ctrl-C or SIGTERM (how `make demo` or a test harness stops us)."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
