"""The scheduler's priority queue: registry priority first, then Scrapy's spread across hosts.

Scrapy's default ``DownloaderAwarePriorityQueue`` keeps one queue per host (download
slot) and picks the host with the fewest active downloads, so a request's
``priority`` only orders requests of the same host. A crawl of hundreds of BNN
portals, each on its own host, would then give ``verified: unseen`` rows
(crawler/sources.py, ``UNSEEN_PRIORITY``) the same share as the rows seen to
exist. ``SourcePriorityQueue`` first keeps only the hosts whose next request has
the highest priority, then lets Scrapy choose among them as usual. Set as
``SCHEDULER_PRIORITY_QUEUE`` in settings.py (scrapy-redis orders its shared queue
by priority already).
"""
from __future__ import annotations

from scrapy.pqueues import DownloaderAwarePriorityQueue


class SourcePriorityQueue(DownloaderAwarePriorityQueue):
    """DownloaderAwarePriorityQueue where hosts holding higher-priority requests go first."""

    def _next_slot(self, stats: list[tuple[int, str]], *, update_state: bool) -> str:
        # curprio is the negated priority of a host queue's best request (lower = sooner)
        best = min(self._rank(slot) for _, slot in stats)
        stats = [(active, slot) for active, slot in stats if self._rank(slot) == best]
        return super()._next_slot(stats, update_state=update_state)

    def _rank(self, slot: str) -> int:
        rank = self.pqueues[slot].curprio
        return 0 if rank is None else rank
