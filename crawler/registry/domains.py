"""Which sites publish BNN's year-end reports, counted from stored pages.

`evidence/articles.csv` lists stored news pages (found with the project's search
tool; `evidence/queries.txt` holds the look-ups) that report a BNN office's
year-end results: BNN RI, a BNNP or a BNNK presenting its "capaian kinerja" or
"rilis akhir tahun". Only URLs and facts are kept, no text. This module counts
them by registrable domain into `evidence/domains.csv`, names the registry
source (if any) whose `articles:` patterns take every stored URL of a domain, and
lists the top domains the registry must cover (tests/test_registry.py checks it):

    python -m crawler.registry.domains --write    # rewrite evidence/domains.csv
    python -m crawler.registry.domains --check    # exit 1 if it is stale
    python -m crawler.registry.domains            # print the table
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.registry.bnn_portals import SOURCES_YML, registrable_domain
from crawler.sources import Source, load_sources

EVIDENCE = Path(__file__).resolve().parent / "evidence"
ARTICLES_CSV = EVIDENCE / "articles.csv"
DOMAINS_CSV = EVIDENCE / "domains.csv"
COLUMNS = ("domain", "n_articles", "example_url", "url_scheme_seen", "latest_year", "source")
#: How many of the most-publishing domains the registry must cover.
TOP = 30
#: Hosts that republish other sites' articles: their copies count for nobody.
AGGREGATORS = {
    "feed.ilidea.com": "feed reader re-serving Pos Kupang items",
    "newsmeter.id": "aggregator re-serving other papers' items",
}
#: Query parameters that only track, paginate or theme a page: a feed or a sitemap
#: lists the article without them, so they are dropped before matching.
_NOISE_PARAMS = re.compile(r"^(?:utm_\w+|page|pgrelated|noamp|amp|theme|share|all)$")


@dataclass(frozen=True)
class Article:
    url: str       # as stored
    office: str
    year: str
    query: str

    @property
    def canonical(self) -> str:
        return canonical_url(self.url)

    @property
    def domain(self) -> str:
        return registrable_domain(urlsplit(self.url).hostname or "")


def canonical_url(url: str) -> str:
    """The URL without tracking, paging or theme parameters (`?p=` and `?id=` stay)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _NOISE_PARAMS.match(k)]
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, urlencode(query), ""))


def load_articles(path: Path = ARTICLES_CSV) -> list[Article]:
    """The stored year-end report pages, aggregator copies left out."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = [Article(r["url"], r["office"], r["year"], r["query"]) for r in csv.DictReader(f)]
    return [a for a in rows if (urlsplit(a.url).hostname or "") not in AGGREGATORS
            and a.domain not in AGGREGATORS]


def url_shape(url: str) -> str:
    """`https://sumut.antaranews.com/berita/123/bnnp-x` -> `<sub>.antaranews.com/berita/<id>/<slug>`."""
    parts = urlsplit(canonical_url(url))
    host = parts.hostname or ""
    domain = registrable_domain(host)
    sub = host[: -len(domain)].rstrip(".")
    head = domain if sub in ("", "www") else f"{sub}.{domain}"
    shaped, previous = [], ""
    for seg in [s for s in parts.path.split("/") if s]:
        stem, dot, ext = seg.rpartition(".") if seg.endswith((".html", ".htm")) else (seg, "", "")
        if re.fullmatch(r"(?:19|20)\d\d", stem):
            token = "YYYY"
        elif re.fullmatch(r"\d\d", stem) and previous in ("YYYY", "MM"):
            token = "MM" if previous == "YYYY" else "DD"
        elif re.fullmatch(r"\d+", stem):
            token = "<id>"
        elif "-" in stem or "." in stem or len(stem) > 24:
            token = "<slug>"
        else:
            token = stem
        shaped.append(token + (dot + ext if dot else ""))
        previous = token
    query = "&".join(f"{k}=<id>" if v.isdigit() else f"{k}=<v>" for k, v in parse_qsl(parts.query))
    return head + "/" + "/".join(shaped) + ("?" + query if query else "")


def _news_sources(path: Path) -> list[Source]:
    return [s for s in load_sources(path) if s.kind in ("news", "bnn_portal")]


def covering_source(domain: str, urls: list[str], sources: list[Source]) -> str:
    """The registry sources (joined by `+`) that reach `domain` and whose `articles:`
    patterns take every one of `urls`; "" when some URL is taken by none."""
    names = []
    for url in urls:
        hits = [s.name for s in sources
                if domain in {registrable_domain(h) for h in s.hosts()}
                and any(p.search(canonical_url(url)) for p in s.articles)]
        if not hits:
            return ""
        if hits[0] not in names:
            names.append(hits[0])
    return "+".join(names)


def table(articles: list[Article] | None = None, registry: Path = SOURCES_YML) -> list[dict]:
    """One row per domain, most articles first (ties: latest year, then name)."""
    articles = load_articles() if articles is None else articles
    sources = _news_sources(registry)
    by_domain: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_domain[article.domain].append(article)
    rows = []
    for domain, found in by_domain.items():
        shapes = sorted({url_shape(a.url) for a in found})
        rows.append({
            "domain": domain,
            "n_articles": len(found),
            "example_url": found[0].url,
            "url_scheme_seen": " | ".join(shapes),
            "latest_year": max((a.year for a in found if a.year), default=""),
            "source": covering_source(domain, [a.url for a in found], sources),
        })
    rows.sort(key=lambda r: (-r["n_articles"], -int(r["latest_year"] or 0), r["domain"]))
    return rows


def top_domains(n: int = TOP) -> list[str]:
    """The `n` domains that published the most stored year-end reports."""
    return [r["domain"] for r in table()[:n]]


def render(rows: list[dict] | None = None) -> str:
    """domains.csv's text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table() if rows is None else rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Count stored BNN year-end reports by domain.

    Example: python -m crawler.registry.domains --write
    """
    parser = argparse.ArgumentParser(prog="python -m crawler.registry.domains", description=main.__doc__)
    parser.add_argument("--write", action="store_true", help=f"rewrite {DOMAINS_CSV.name}")
    parser.add_argument("--check", action="store_true", help=f"exit 1 when {DOMAINS_CSV.name} is stale")
    args = parser.parse_args(argv)
    rows = table()
    text = render(rows)
    if args.check:
        ok = DOMAINS_CSV.exists() and DOMAINS_CSV.read_text(encoding="utf-8") == text
        print(f"{DOMAINS_CSV.name} is current" if ok else
              f"{DOMAINS_CSV.name} is stale: run python -m crawler.registry.domains --write")
        return 0 if ok else 1
    if args.write:
        DOMAINS_CSV.write_text(text, encoding="utf-8")
    covered = sum(1 for r in rows[:TOP] if r["source"])
    print(f"{len(load_articles())} articles on {len(rows)} domains; "
          f"top {TOP} covered by a registry source: {covered}", file=sys.stderr)
    if not args.write:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
