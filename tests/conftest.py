"""Shared fixtures. Crawler test helpers live in tests/crawl_support.py."""

import pytest

from tests.crawl_support import serve_news


@pytest.fixture
def news_site():
    """Factory: start a small loopback news site; ``site, article_paths = news_site(6)``."""
    started = []

    def make(n_articles: int = 6, delay: float = 0.0, **kw):
        site, paths = serve_news(n_articles, delay=delay, **kw)
        started.append(site.__enter__())
        return site, paths

    yield make
    for site in started:
        site.__exit__(None, None, None)
