"""News portals: the generic discovery of SourceSpider, driven by registry rows alone.

Example registry row (docs/ARCHITECTURE.md)::

    - name: warta-deli
      kind: news
      sitemaps: [https://example.id/sitemap.xml]
      feeds: [https://example.id/feed/]
      start_urls: [https://example.id/kategori/hukum/]
      follow: ['/kategori/[^/]+/page/\\d+/?$']
      articles: ['/\\d{4}/\\d{2}/\\d{2}/[^/]+/?$']
"""

from crawler.spiders.base import SourceSpider


class NewsSpider(SourceSpider):
    """Every ``kind: news`` source: sitemaps, feeds, listing pages, then articles."""

    name = "news"
    kind = "news"
