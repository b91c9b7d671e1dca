"""Which page lives at which path of a site, worked out from the current articles.

    routes = build_routes(site, articles)     # {"/2024/12/30/slug/": Page("article", ...), ...}

The table is rebuilt from the article files on every request (it is cheap), so
the sites always show what is in `sample_sites/articles/` right now.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from .articles import Article, slugify
from .sites import COMMENTS, SITES_BY_ID, TAG_WORDS, Site
from .urls import normalize

PER_PAGE = 3          # small, so that every site shows its pagination with few articles
HOME_ITEMS = 6


@dataclass
class Page:
    kind: str                      # home | listing | article | robots | sitemap | ... | static
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Link:
    """A listing entry that is not an article (the deliberately broken link)."""

    title: str
    path: str
    published: object = None


def is_hidden(site: Site, a: Article) -> bool:
    """True for an article robots.txt forbids: flagged so, or filed in the forbidden section."""
    return a.special == "robots-disallowed" or a.section_slug == site.disallow


def article_path(site: Site, a: Article) -> str:
    """The article's path; a forbidden article sits under the forbidden section's path."""
    path = site.scheme.article(a)
    return site.disallow_path.rstrip("/") + path if is_hidden(site, a) else path


def section_path(site: Site, slug: str, page: int = 1) -> str:
    """Page `page` of a section listing; the forbidden section is one page at its own path."""
    return site.disallow_path if slug == site.disallow else site.scheme.section(slug, page)


def allowed(site: Site, articles: list[Article]) -> list[Article]:
    """The site's articles a polite crawler may fetch, and that feeds and sitemaps list."""
    return [a for a in articles if a.site == site.id and not is_hidden(site, a)]


def sections_of(site: Site, articles: list[Article]) -> dict[str, str]:
    """Section slug -> display name: the menu's sections, then any the articles add."""
    names = {slugify(n): n for n in site.nav}
    for a in articles:
        names.setdefault(a.section_slug, section_name(a))
    return names


def section_name(a: Article) -> str:
    """'siaran-pers' -> 'Siaran Pers'."""
    return a.section.replace("-", " ").title()


def tags_of(a: Article) -> list[str]:
    """Tag names for an article: its section and the tag words it mentions."""
    text = f"{a.title} {a.body}"
    found = [w for w in TAG_WORDS if re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE)]
    return [section_name(a), *found[:5]]


def comments_for(a: Article) -> list[tuple[str, str]]:
    """One or two reader comments, the same ones for the same article every time."""
    n = zlib.crc32(a.slug.encode())
    first = COMMENTS[n % len(COMMENTS)]
    second = COMMENTS[(n // 7) % len(COMMENTS)]
    return [first] if n % 3 == 0 or second == first else [first, second]


def build_routes(site: Site, articles: list[Article]) -> dict[str, Page]:
    """Every path the site answers, mapped to the page to render there."""
    everything, articles = articles, [a for a in articles if a.site == site.id]
    routes: dict[str, Page] = {}
    routes["/"] = Page("home", {"items": allowed(site, articles)[:HOME_ITEMS], **_single_page(None)})
    routes.update(_section_pages(site, articles))
    routes.update(_tag_pages(site, articles))
    routes[site.disallow_path] = _disallowed_listing(site, articles)
    routes.update(_article_pages(site, articles, everything))
    routes.update(_machine_pages(site, articles))
    routes.update({p: Page("static", {"title": t, "text": x}) for p, t, x in site.extra.get("pages", ())})
    return {normalize(path): page for path, page in routes.items()}


def _section_pages(site: Site, articles: list[Article]) -> dict[str, Page]:
    routes = {}
    sections = {slug: name for slug, name in sections_of(site, articles).items() if slug != site.disallow}
    busiest = max(sections, key=lambda slug: sum(a.section_slug == slug for a in articles))
    for slug, name in sections.items():
        items = [a for a in articles if a.section_slug == slug]
        if slug == busiest:
            items[1:1] = _odd_links(site, articles)
        paths = lambda n, slug=slug: section_path(site, slug, n)
        routes.update(_paginate(items, paths, title=name, section=slug))
    return routes


def _odd_links(site: Site, articles: list[Article]) -> list:
    """What the busiest listing's first page links to besides its own articles:
    the broken link, and the articles filed in the forbidden section."""
    odd = [a for a in articles if a.section_slug == site.disallow]
    if site.broken_link:
        odd.insert(0, Link("Kilas Balik: Berita yang Sudah Ditarik Redaksi", site.broken_link))
    return odd


def _tag_pages(site: Site, articles: list[Article]) -> dict[str, Page]:
    by_tag: dict[str, tuple[str, list[Article]]] = {}
    for a in allowed(site, articles):
        for tag in tags_of(a):
            by_tag.setdefault(slugify(tag), (tag, []))[1].append(a)
    routes = {}
    for slug, (name, items) in by_tag.items():
        paths = lambda n, slug=slug: site.scheme.tag(slug, n)
        routes.update(_paginate(items, paths, title=f"Tag: {name}", section=None))
    return routes


def _paginate(items: list, path_for, title: str, section: str | None) -> dict[str, Page]:
    """Listing pages of at most PER_PAGE items, each knowing its neighbours."""
    chunks = [items[i:i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [[]]
    routes = {}
    for n, chunk in enumerate(chunks, start=1):
        routes[path_for(n)] = Page("listing", {
            "title": title, "section": section, "items": chunk, "page": n, "pages": len(chunks),
            "prev": path_for(n - 1) if n > 1 else None,
            "next": path_for(n + 1) if n < len(chunks) else None,
            "page_links": [(i, path_for(i)) for i in range(1, len(chunks) + 1)],
        })
    return routes


def _single_page(title: str | None) -> dict:
    return {"title": title, "section": None, "page": 1, "pages": 1,
            "prev": None, "next": None, "page_links": []}


def _disallowed_listing(site: Site, articles: list[Article]) -> Page:
    hidden = [a for a in articles if is_hidden(site, a)]
    return Page("listing", {"items": hidden, **_single_page("Arsip Internal")})


def _article_pages(site: Site, articles: list[Article], everything: list[Article]) -> dict[str, Page]:
    visible = allowed(site, articles)
    origins = {a.slug: SITES_BY_ID[a.site].name for a in everything}
    routes = {}
    for a in articles:
        others = [o for o in visible if o.slug != a.slug]
        same_section = [o for o in others if o.section_slug == a.section_slug]
        routes[article_path(site, a)] = Page("article", {
            "article": a,
            "read_also": (same_section or others)[:2],
            "latest": others[:5],
            "tags": tags_of(a),
            "comments": comments_for(a),
            "origin": origins.get(a.syndicated_from or "", a.syndicated_from),
        })
    return routes


def _machine_pages(site: Site, articles: list[Article]) -> dict[str, Page]:
    """robots.txt, the sitemap(s) and the feed."""
    visible = allowed(site, articles)
    routes = {"/robots.txt": Page("robots"), site.feed_path: Page("rss", {"items": visible})}
    if site.sitemap_index:
        routes["/sitemap.xml"] = Page("sitemap_index", {"maps": ["/post-sitemap.xml", "/news-sitemap.xml"]})
        routes["/post-sitemap.xml"] = Page("sitemap", {"items": visible})
        routes["/news-sitemap.xml"] = Page("news_sitemap", {"items": visible})
    else:
        routes["/sitemap.xml"] = Page("sitemap", {"items": visible})
    return routes
