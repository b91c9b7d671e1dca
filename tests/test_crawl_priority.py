"""Registry rows marked `verified: unseen` are crawled after the rows whose hosts were seen."""

import pytest

from crawler.sources import UNSEEN_PRIORITY, RegistryError, parse_source
from tests.crawl_support import LocalSite, news_routes, run_crawler, write_sources


def _site(host: str) -> LocalSite:
    site = LocalSite({}, host=host)
    site.routes, _ = news_routes(site.base, 6, per_page=6)   # one listing page: no gap in the queue
    return site


def test_unseen_rows_wait_for_the_seen_ones(tmp_path):
    # The unseen row comes first in the file: only its priority can put it last.
    with _site("127.0.0.2") as unseen, _site("127.0.0.3") as seen:
        rows = [unseen.source("unseen-portal", verified="unseen"),
                seen.source("seen-portal", verified="seen: stored page")]
        result = run_crawler(tmp_path, write_sources(tmp_path, rows), "--all-dates",
                             CAPAIAN_CONCURRENT_REQUESTS=1)
        assert result.returncode == 0, result.stderr[-2000:]
        seen_hits, unseen_hits = seen.hits, unseen.hits
    assert len(seen_hits) > 6 and len(unseen_hits) > 6
    assert max(h.at for h in seen_hits) < min(h.at for h in unseen_hits)


def test_priority_comes_from_verified_or_is_set_explicitly():
    assert parse_source({"name": "a", "verified": "unseen"}).priority == UNSEEN_PRIORITY
    assert parse_source({"name": "b", "verified": "seen: stored page"}).priority == 0
    assert parse_source({"name": "c", "verified": "unseen", "priority": 5}).priority == 5
    with pytest.raises(RegistryError, match="priority must be a whole number"):
        parse_source({"name": "d", "priority": "high"})
