"""The source registry: read, check and describe the sites a crawl may visit.

Example::

    from crawler.sources import load_sources
    sources = load_sources("crawler/registry/sources.yml")
    sources[0].name, sources[0].hosts()

The YAML format is documented in docs/ARCHITECTURE.md. Keys this module does not
know are kept in ``Source.extra`` so that a kind of spider can read its own
settings (e.g. a search feed's queries) without changing this module.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

DEFAULT_REGISTRY = Path(__file__).parent / "registry" / "sources.yml"
KINDS = ("news", "bnn_portal", "search_feed")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_LIST_KEYS = (
    "sitemaps", "feeds", "start_urls", "follow", "articles",
    "title_keywords", "backfill_urls", "domains", "sitemap_follow",
)
_KNOWN_KEYS = {"name", "kind", "allow_private", "priority", *_LIST_KEYS}
#: Crawl priority of a row whose host was never seen in stored pages or public code
#: (``verified: unseen``): such rows are crawled after every other row of their kind.
UNSEEN_PRIORITY = -10


class RegistryError(ValueError):
    """The source registry is missing or malformed; the message says where."""


@dataclass(frozen=True)
class Source:
    """One row of the registry: where a site's articles are announced.

    ``backfill_urls`` are archive pages walked only by ``--backfill YEAR``;
    ``{year}`` and ``{month}`` (01..12) in them are filled in.
    ``domains`` lists extra hosts (beyond those of its URLs) the source may reach.
    ``sitemap_follow``: regexes on child-sitemap URLs worth reading from a sitemap
    index (others are skipped). A ``sitemaps`` entry ending in ``/robots.txt``
    means "read the Sitemap: lines of robots.txt".
    ``priority`` orders the crawl: higher first (Scrapy request priority and the
    order sources start in); default 0, or ``UNSEEN_PRIORITY`` for ``verified: unseen``.
    """

    name: str
    kind: str = "news"
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    follow: tuple[re.Pattern, ...] = ()
    articles: tuple[re.Pattern, ...] = ()
    title_keywords: tuple[str, ...] = ()
    backfill_urls: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    sitemap_follow: tuple[re.Pattern, ...] = ()
    allow_private: bool = False
    priority: int = 0
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def entry_urls(self) -> tuple[str, ...]:
        """Every URL the registry names for this source."""
        return self.sitemaps + self.feeds + self.start_urls + self.backfill_urls

    def hosts(self) -> set[str]:
        """Host names (lower case, no port) named by the source itself."""
        hosts = {_host(u) for u in self.entry_urls()}
        hosts.update(d.lower().strip(".") for d in self.domains)
        return {h for h in hosts if h}

    def is_article_url(self, url: str) -> bool:
        """True when ``url`` matches one of the ``articles`` patterns (or none are set)."""
        return not self.articles or any(p.search(url) for p in self.articles)

    def is_listing_url(self, url: str) -> bool:
        """True when ``url`` matches one of the ``follow`` patterns."""
        return any(p.search(url) for p in self.follow)


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def is_ip_literal(host: str) -> bool:
    """True for ``127.0.0.1`` or ``::1``, false for a name."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def load_sources(path: str | Path | None = None) -> list[Source]:
    """Read and check a registry file; raise RegistryError with a clear message."""
    path = Path(path) if path else DEFAULT_REGISTRY
    if not path.is_file():
        raise RegistryError(
            f"source registry {path} not found; pass --sources FILE.yml "
            "(format: docs/ARCHITECTURE.md, 'Source registry')"
        )
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: not valid YAML: {exc}") from exc
    rows = doc.get("sources") if isinstance(doc, dict) else None
    if not isinstance(rows, list):
        raise RegistryError(f"{path}: expected a top-level 'sources:' list")
    sources = [parse_source(row, where=f"{path}: sources[{i}]") for i, row in enumerate(rows)]
    _check_unique(sources, path)
    return sources


def parse_source(row: dict, where: str = "source") -> Source:
    """Turn one registry mapping into a Source, checking names, URLs and regexes."""
    if not isinstance(row, dict):
        raise RegistryError(f"{where}: expected a mapping, got {type(row).__name__}")
    name = str(row.get("name", ""))
    if not _NAME.match(name):
        raise RegistryError(f"{where}: name {name!r} must match [a-z0-9-]+")
    where = f"{where} ({name})"
    kind = str(row.get("kind", "news"))
    if kind not in KINDS:
        raise RegistryError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    lists = {key: _str_list(row.get(key), key, where) for key in _LIST_KEYS}
    for key in ("sitemaps", "feeds", "start_urls"):
        for url in lists[key]:
            _check_url(url, key, where)
    return Source(
        name=name,
        kind=kind,
        sitemaps=lists["sitemaps"],
        feeds=lists["feeds"],
        start_urls=lists["start_urls"],
        follow=_compile(lists["follow"], "follow", where),
        articles=_compile(lists["articles"], "articles", where),
        title_keywords=tuple(k.lower() for k in lists["title_keywords"]),
        backfill_urls=lists["backfill_urls"],
        domains=lists["domains"],
        sitemap_follow=_compile(lists["sitemap_follow"], "sitemap_follow", where),
        allow_private=bool(row.get("allow_private", False)),
        priority=_priority(row, where),
        extra={k: v for k, v in row.items() if k not in _KNOWN_KEYS},
    )


def _priority(row: dict, where: str) -> int:
    value = row.get("priority")
    if value is None:
        unseen = str(row.get("verified", "")).strip().lower().startswith("unseen")
        return UNSEEN_PRIORITY if unseen else 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise RegistryError(f"{where}: priority must be a whole number, got {value!r}")
    return value


def _str_list(value, key: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RegistryError(f"{where}: {key} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _check_url(url: str, key: str, where: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RegistryError(f"{where}: {key} entry {url!r} is not an http(s) URL")


def _compile(patterns: tuple[str, ...], key: str, where: str) -> tuple[re.Pattern, ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise RegistryError(f"{where}: {key} regex {pattern!r}: {exc}") from exc
    return tuple(compiled)


def _check_unique(sources: list[Source], path: Path) -> None:
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            raise RegistryError(f"{path}: source name {source.name!r} appears twice")
        seen.add(source.name)
