"""robots.txt, obeyed for every request: Scrapy's middleware with its waiting fixed.

Scrapy's ``RobotsTxtMiddleware`` (2.19) lets every request that reaches a host while
its robots.txt is being fetched await one shared Deferred through
``maybe_deferred_to_future``. The first waiter's callback consumes the result, so
the second and later waiters get None, which the middleware reads as "no
robots.txt, allow everything" (the change came with scrapy/scrapy#6802). A source's
sitemap, feed and listings start together, so pages robots.txt forbids were
fetched. ``RobotsTxt`` replaces it in settings.py: a waiter that got None reads
the parser the middleware stored once the fetch settled.
"""
from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class RobotsTxt(RobotsTxtMiddleware):
    """RobotsTxtMiddleware whose concurrent waiters all get the host's parser."""

    async def robot_parser(self, request):
        parser = await super().robot_parser(request)
        if parser is None:
            settled = self._parsers.get(urlparse_cached(request).netloc)
            if not isinstance(settled, Deferred):
                parser = settled   # None only when robots.txt could not be fetched
        return parser
