"""The URL schemes of the sample sites: where an article, a listing page or a tag lives.

Each scheme also gives the regular expressions a source registry entry needs
(`articles`, `follow`), so the registry written for the crawler always agrees
with the links the sites print.
"""
from __future__ import annotations

import zlib
from urllib.parse import parse_qsl, urlencode, urlsplit

from .articles import Article


def normalize(path_and_query: str) -> str:
    """The key a request is routed by: the path plus its query arguments in sorted order."""
    parts = urlsplit(path_and_query)
    path = parts.path or "/"
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{path}?{query}" if query else path


def _paged(base: str, page: int, style: str) -> str:
    """Page `page` of a listing whose first page is `base`, in one of four pagination styles."""
    if page <= 1:
        return base
    sep = "&" if "?" in base else "?"
    return {
        "path": f"{base.rstrip('/')}/page/{page}/",     # WordPress pretty permalinks
        "query": f"{base}{sep}page={page}",
        "halaman": f"{base}{sep}halaman={page}",
        "paged": f"{base}{sep}paged={page}",           # WordPress plain permalinks
        "segment": f"{base.rstrip('/')}/{page}",
    }[style]


class Scheme:
    """Base class; subclasses set the article path and the listing bases."""

    pagination = "path"
    #: regexes (searched in the URL) for the registry; subclasses fill them in
    article_patterns: list[str] = []
    follow_patterns: list[str] = []

    def article(self, a: Article) -> str:
        raise NotImplementedError

    def section(self, section_slug: str, page: int = 1) -> str:
        return _paged(self.section_base(section_slug), page, self.pagination)

    def tag(self, tag_slug: str, page: int = 1) -> str:
        return _paged(f"/tag/{tag_slug}/", page, self.pagination)

    def section_base(self, section_slug: str) -> str:
        return f"/kategori/{section_slug}/"


class DatePermalink(Scheme):
    """WordPress: /2024/12/30/<slug>/ and /kategori/<section>/page/2/."""

    article_patterns = [r"/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/$"]
    follow_patterns = [r"/kategori/[a-z0-9-]+/(page/\d+/)?$"]

    def article(self, a: Article) -> str:
        return f"/{a.published:%Y/%m/%d}/{a.slug}/"


class DatedOrPlain(Scheme):
    """Dated articles at /2023/01/05/<slug>/, undated ones at /berita/<slug>/; /kategori/<section>/page/2/."""

    article_patterns = [r"/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/$", r"/berita/[a-z0-9-]+/$"]
    follow_patterns = [r"/kategori/[a-z0-9-]+/(page/\d+/)?$"]

    def article(self, a: Article) -> str:
        return f"/{a.published:%Y/%m/%d}/{a.slug}/" if a.published else f"/berita/{a.slug}/"


class ReadId(Scheme):
    """National portal: /read/<id>/<slug> and /kanal/<section>?page=2."""

    pagination = "query"
    article_patterns = [r"/read/\d+/[a-z0-9-]+$"]
    follow_patterns = [r"/kanal/[a-z0-9-]+(\?page=\d+)?$"]

    def article(self, a: Article) -> str:
        return f"/read/{a.number}/{a.slug}"

    def section_base(self, section_slug: str) -> str:
        return f"/kanal/{section_slug}"

    def tag(self, tag_slug: str, page: int = 1) -> str:
        return _paged(f"/tag/{tag_slug}", page, self.pagination)


class HtmlSuffix(Scheme):
    """Older CMS: /berita/<slug>.html and /rubrik/<section>?halaman=2."""

    pagination = "halaman"
    article_patterns = [r"/berita/[a-z0-9-]+\.html$"]
    follow_patterns = [r"/rubrik/[a-z0-9-]+(\?halaman=\d+)?$"]

    def article(self, a: Article) -> str:
        return f"/berita/{a.slug}.html"

    def section_base(self, section_slug: str) -> str:
        return f"/rubrik/{section_slug}"

    def tag(self, tag_slug: str, page: int = 1) -> str:
        return _paged(f"/topik/{tag_slug}", page, self.pagination)


class SectionSlugId(Scheme):
    """Regional portal: /<section>/<slug>-<id> and /indeks/<section>/2."""

    pagination = "segment"
    article_patterns = [r"/[a-z0-9-]+/[a-z0-9-]+-\d{6}$"]
    follow_patterns = [r"/indeks/[a-z0-9-]+(/\d+)?$"]

    def article(self, a: Article) -> str:
        return f"/{a.section_slug}/{a.slug}-{a.number}"

    def section_base(self, section_slug: str) -> str:
        return f"/indeks/{section_slug}"

    def tag(self, tag_slug: str, page: int = 1) -> str:
        return _paged(f"/tag/{tag_slug}", page, self.pagination)


class PlainWordPress(Scheme):
    """WordPress without pretty permalinks: /?p=<id> and /?cat=<n>&paged=2."""

    pagination = "paged"
    article_patterns = [r"/\?p=\d+$"]
    follow_patterns = [r"/\?cat=\d+(&paged=\d+)?$"]

    def article(self, a: Article) -> str:
        return f"/?p={a.number % 90000 + 1000}"

    def section_base(self, section_slug: str) -> str:
        return f"/?cat={category_number(section_slug)}"

    def tag(self, tag_slug: str, page: int = 1) -> str:
        return _paged(f"/?tag={tag_slug}", page, self.pagination)


class GovernmentPortal(Scheme):
    """BNN provincial site: /berita/<slug>/ for news, /artikel/<id> for the rest."""

    article_patterns = [r"/berita/[a-z0-9-]+/$", r"/artikel/\d+$"]
    follow_patterns = [r"/category/[a-z0-9-]+/(page/\d+/)?$"]

    def article(self, a: Article) -> str:
        if a.section_slug == "berita":
            return f"/berita/{a.slug}/"
        return f"/artikel/{a.number}"

    def section_base(self, section_slug: str) -> str:
        return f"/category/{section_slug}/"


def category_number(section_slug: str) -> int:
    """A stable WordPress-like category id for a section."""
    return 2 + zlib.crc32(section_slug.encode()) % 97
