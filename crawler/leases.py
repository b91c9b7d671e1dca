"""Leases on the shared Redis queue: a request taken by a worker that dies comes back.

scrapy-redis pops a request off the shared queue and forgets it, so a worker killed
with SIGKILL loses every request it had in flight. ``LeasedScheduler`` (the scheduler
of ``python -m crawler crawl --redis URL``) takes requests under a lease instead:

* taking a request moves it, in one Lua script, from the queue ``<prefix>:requests`` to
  ``<prefix>:leases`` (lease ids scored by deadline, on Redis's clock) and
  ``<prefix>:leased`` / ``<prefix>:leased:score`` (lease id → the request, its priority);
* the lease is acknowledged (deleted) once Scrapy is done with the request: its response
  or failure went through the callback, and the items (archived) and requests (queued)
  it produced were handled;
* a live worker extends its own leases every third of the timeout, so a slow fetch or
  a long Retry-After keeps its lease;
* every live worker puts expired leases back in the queue at their old priority, and
  does not finish while any lease is out, so a dead worker's requests are fetched by
  another one at most ``CAPAIAN_REDIS_LEASE_TIMEOUT`` seconds (default 120) after it died.

A request goes back to the queue only if its worker stopped extending its lease, so it
is fetched twice only if a worker wrote its page and died before the acknowledgement
(the next statement), or stalled longer than the timeout. Counters:
``capaian/lease/taken``, ``capaian/lease/reclaimed`` (requests another worker dropped),
``capaian/lease/lost`` (leases of this worker found reclaimed: it stalled too long).
"""

from __future__ import annotations

import logging
import uuid

from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

logger = logging.getLogger(__name__)

# KEYS: queue, leases, leased, leased:score; ARGV: lease id, timeout (s).
_TAKE = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
local now = redis.call('TIME')
redis.call('ZADD', KEYS[2], now[1] + now[2] / 1000000 + tonumber(ARGV[2]), ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], top[1])
redis.call('HSET', KEYS[4], ARGV[1], top[2])
return top[1]
"""
# KEYS: leases; ARGV: timeout (s), lease ids. Only leases still out are extended.
_RENEW = """
local now = redis.call('TIME')
local deadline = now[1] + now[2] / 1000000 + tonumber(ARGV[1])
local kept = 0
for i = 2, #ARGV do
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
    redis.call('ZADD', KEYS[1], deadline, ARGV[i])
    kept = kept + 1
  end
end
return kept
"""
# KEYS: queue, leases, leased, leased:score; ARGV: most to reclaim at once.
_RECLAIM = """
local now = redis.call('TIME')
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now[1] + now[2] / 1000000,
                       'LIMIT', 0, tonumber(ARGV[1]))
for _, id in ipairs(ids) do
  local request = redis.call('HGET', KEYS[3], id)
  if request then
    redis.call('ZADD', KEYS[1], redis.call('HGET', KEYS[4], id) or 0, request)
  end
  redis.call('ZREM', KEYS[2], id)
  redis.call('HDEL', KEYS[3], id)
  redis.call('HDEL', KEYS[4], id)
end
return #ids
"""
_RECLAIM_BATCH = 500


class LeasedScheduler(Scheduler):
    """scrapy-redis's scheduler, taking each request under a lease (see module doc)."""

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.timeout = crawler.settings.getfloat("CAPAIAN_REDIS_LEASE_TIMEOUT", 120.0)
        worker = crawler.settings.getdict("CAPAIAN_PLAN").get("worker") or "worker"
        scheduler.lease_prefix = f"{worker}:{uuid.uuid4().hex[:8]}"
        return scheduler

    def open(self, spider):
        super().open(spider)
        if not isinstance(self.queue, PriorityQueue):
            raise TypeError("LeasedScheduler needs scrapy_redis.queue.PriorityQueue")
        if _in_progress(self.crawler.engine) is None:   # else no lease would ever be acknowledged
            raise RuntimeError("this Scrapy has no engine._slot.inprogress: leases cannot tell "
                               "when a request is done (requirements.txt pins Scrapy)")
        key = self.queue.key
        self.keys = [key, f"{key}:leases", f"{key}:leased", f"{key}:leased:score"]
        self._take, self._renew, self._reclaim = (
            self.server.register_script(s) for s in (_TAKE, _RENEW, _RECLAIM))
        self._held: dict[int, tuple[object, str]] = {}   # id(request) → (request, lease id)
        self._taken = 0
        self._tick()   # a restarted worker takes back what its predecessor left at once
        self._loop = LoopingCall(self._tick)
        self._loop.start(max(self.timeout / 3, 0.2), now=False)

    def close(self, reason):
        if self._loop.running:
            self._loop.stop()
        self._settle()   # the engine waits for every request before closing the scheduler
        if self._held:   # stopped with requests unfinished: hand them back now
            self._expire([lease for _, lease in self._held.values()])
            self._held.clear()
        super().close(reason)

    def next_request(self):
        self._settle()
        self._taken += 1
        lease = f"{self.lease_prefix}:{self._taken}"
        data = self._take(keys=self.keys, args=[lease, self.timeout])
        if not data:
            return None
        request = self.queue._decode_request(data)
        self._held[id(request)] = (request, lease)
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
            self.stats.inc_value("capaian/lease/taken")
        return request

    def has_pending_requests(self):
        """Queued requests, or leases out (their worker may queue more, or die)."""
        return len(self) > 0 or self.server.zcard(self.keys[1]) > 0

    # ---- leases ----------------------------------------------------------------

    def _tick(self) -> None:
        """Every timeout/3: acknowledge, extend what is still held, take back expired leases."""
        try:
            self._settle()
            self._extend()
            reclaimed = self._reclaim(keys=self.keys, args=[_RECLAIM_BATCH])
        except Exception as exc:   # Redis away for a moment: try again next tick
            logger.warning("lease upkeep failed (%s); retrying in %.0f s", exc, self.timeout / 3)
            return
        if reclaimed:
            logger.warning("%d requests of a stopped worker back in the queue", reclaimed)
            self.stats.inc_value("capaian/lease/reclaimed", reclaimed)

    def _settle(self) -> None:
        """Acknowledge the leases of requests the engine has finished with."""
        busy = _in_progress(self.crawler.engine)
        if busy is None:
            return
        done = [key for key, (request, _) in self._held.items() if request not in busy]
        if not done:
            return
        pipe = self.server.pipeline()
        for key in done:
            _, lease = self._held.pop(key)
            pipe.zrem(self.keys[1], lease).hdel(self.keys[2], lease).hdel(self.keys[3], lease)
        pipe.execute()

    def _extend(self) -> None:
        leases = [lease for _, lease in self._held.values()]
        if not leases:
            return
        kept = self._renew(keys=[self.keys[1]], args=[self.timeout, *leases])
        if kept < len(leases):
            logger.warning("%d leases expired before this worker extended them: their "
                           "requests may be fetched twice", len(leases) - kept)
            self.stats.inc_value("capaian/lease/lost", len(leases) - kept)

    def _expire(self, leases: list[str]) -> None:
        self.server.zadd(self.keys[1], {lease: 0 for lease in leases}, xx=True)
        self._reclaim(keys=self.keys, args=[_RECLAIM_BATCH + len(leases)])


def _in_progress(engine) -> set | None:
    """The requests the engine has taken and not yet finished; None if it keeps no such set.

    Scrapy removes a request from this set only after its response or failure went
    through the callback and every item and request it produced was handled: the
    moment a lease may be acknowledged. No public API exposes it (Scrapy is pinned).
    """
    slot = getattr(engine, "_slot", None)
    return getattr(slot, "inprogress", None)
