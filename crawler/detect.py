"""Telling articles apart without the registry's URL pattern: by the look of a URL, by BNN words, by content.

Example::

    from crawler.detect import looks_like_article, has_bnn_words, news_article_evidence
    looks_like_article("https://x.id/2024/12/23/bnnk-medan-paparkan-capaian/")   # True
    has_bnn_words("Rilis akhir tahun", "https://x.id/bnnk-karo-rilis-2024/")       # True
    news_article_evidence(html)   # 'og:type article', 'JSON-LD NewsArticle', 'title and date', or None

Used by ``python -m crawler check`` (which links count as article candidates) and by
the crawl's fallback when a source's ``articles:`` pattern matches nothing its feeds
and sitemaps list (crawler/spiders/base.py).
"""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import lxml.html

#: A slug of at least three words: `bnnk-medan-paparkan`, `rilis_akhir_tahun`.
_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+){2,}")
_NUMERIC_ID = re.compile(r"\d{3,}")
_STATIC = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|ico|css|js|pdf|docx?|xlsx?|zip|xml|rss|json|txt)$")
#: First path segments of listing and utility pages, never of an article.
_LISTING_SEGMENTS = frozenset((
    "tag", "tags", "category", "kategori", "author", "penulis", "page", "search", "cari", "topic",
    "topik", "label", "indeks", "index", "feed", "wp-json", "wp-admin", "wp-content", "konten",
))
#: Words that name BNN or its subject, in a title or a URL slug.
BNN_WORDS = re.compile(r"\b(?:bnn[pk]?|narkotika|narkoba)\b")
_WORD_SPLIT = re.compile(r"[^0-9a-z]+")
_ARTICLE_TYPES = frozenset(("NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
                            "Article", "BlogPosting", "Report"))


def looks_like_article(url: str) -> bool:
    """True for a URL shaped like a news article: a slug of three or more words, or a numeric id.

    >>> looks_like_article("https://x.id/read/123456/bnn-ungkap-kasus"), looks_like_article("https://x.id/?p=42")
    (True, True)
    >>> looks_like_article("https://x.id/kategori/hukum-dan-kriminal/"), looks_like_article("https://x.id/")
    (False, False)
    """
    parts = urlsplit(url.lower())
    segments = [s for s in parts.path.split("/") if s]
    if parse_qs(parts.query).get("p", [""])[0].isdigit():
        return True
    if not segments or segments[0] in _LISTING_SEGMENTS or "page" in segments[-2:-1]:
        return False
    last = re.sub(r"\.(?:html?|php|aspx?)$", "", segments[-1])
    if _STATIC.search(segments[-1]):
        return False
    return bool(_SLUG.fullmatch(last) or (len(segments) > 1 and _NUMERIC_ID.fullmatch(last)))


def has_bnn_words(title: str | None, url: str) -> bool:
    """True when the title or the URL's last path segment names BNN, narkotika or narkoba."""
    slug = urlsplit(url.lower()).path.rstrip("/").rsplit("/", 1)[-1]
    text = " ".join(_WORD_SPLIT.split(f"{title or ''} {slug}".lower()))
    return bool(BNN_WORDS.search(text))


def news_article_evidence(html: str, url: str | None = None) -> str | None:
    """Why a page is a news article by its content, or None when nothing says so.

    Checked in order: ``og:type`` article, a JSON-LD ``NewsArticle`` (or Article,
    BlogPosting), then trafilatura finding both a title and a publication date.
    """
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    og_type = tree.xpath('string(//meta[@property="og:type"]/@content)').strip().lower()
    if og_type == "article":
        return "og:type article"
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        found = _json_ld_article_type(script)
        if found:
            return f"JSON-LD {found}"
    return "title and date" if _title_and_date(html, url) else None


def _json_ld_article_type(text: str) -> str | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    stack = [data]
    while stack:   # @graph lists and nested objects, without recursion
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            types = node.get("@type")
            for name in types if isinstance(types, list) else [types]:
                if name in _ARTICLE_TYPES:
                    return name
            stack.extend(v for k, v in node.items() if k == "@graph" or isinstance(v, list))
    return None


def _title_and_date(html: str, url: str | None) -> bool:
    import trafilatura   # slow to import; only pages that need it pay for it

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True})
    return bool(doc is not None and doc.title and doc.date and (doc.text or "").strip())
