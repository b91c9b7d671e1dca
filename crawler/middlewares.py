"""Downloader middlewares: what may be fetched (safety) and how failures are retried;
and the ``CrawlDelay`` extension that honours robots.txt ``Crawl-delay``.

``SafetyMiddleware`` (runs before robots.txt is even consulted)
    * only http(s);
    * only hosts the registry names (a registry host ``www.x.id`` allows ``x.id``
      and its subdomains) plus the hosts their redirects lead to;
    * never an address that is private, loopback, link-local, reserved, multicast
      or otherwise not global, checked on IP literals directly and on names after
      resolving them, unless the request's source sets ``allow_private: true``
      and names that very host itself (the bundled sample sites on 127.0.1.x).
    * a host reached from a registry host counts as the source's for the rest of the
      run: by a redirect, or by a link Google News decoded for it (``capaian_via``).
    Refusals raise ``HostRefused`` (never retried) and count as
    ``capaian/request/refused_private`` or ``capaian/request/refused_offsite``.
    Names are resolved with a short timeout (``DNS_TIMEOUT``) and failures are
    remembered for ``CAPAIAN_DNS_NEGATIVE_TTL`` seconds, so an offline run fails fast.

``ConnectedAddressMiddleware`` (next to the downloader: it sees a response first)
    The check above resolves a name before Scrapy connects, and the connection
    resolves it again: a name that answers a public address to the check and a
    private one to the connection (DNS rebinding) would get through. So the
    address the response really came from (``response.ip_address``) is checked by
    the same rules; a refused response's body is dropped before any redirect,
    decompression or callback sees it (nothing is archived), it is logged, and it
    counts as ``capaian/response/refused_private`` and as a refusal of its source.

``BackoffRetryMiddleware`` (replaces Scrapy's RetryMiddleware)
    Retries 429/5xx and network errors with exponential backoff
    (``CAPAIAN_RETRY_BACKOFF`` × 2^n seconds, at most ``CAPAIAN_RETRY_BACKOFF_MAX``),
    honouring ``Retry-After`` (seconds or an HTTP date; capped by
    ``CAPAIAN_RETRY_AFTER_MAX``) and holding the whole host back for that long.
    DNS failures are retried only ``CAPAIAN_DNS_RETRY_TIMES`` times (default 0).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import threading
import time
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.error import DNSLookupError

from crawler.sources import is_ip_literal

logger = logging.getLogger(__name__)
_DNS_ERRORS = (CannotResolveHostError, DNSLookupError)
_DNS_PARALLEL = 64


def _getaddrinfo(host: str) -> asyncio.Future:
    """getaddrinfo in a daemon thread: it may block for the resolver's own timeout
    when offline, and such a thread must neither hold up other names nor the exit."""
    loop = asyncio.get_running_loop()
    future = loop.create_future()

    def settle(result, error):
        if not future.done():   # wait_for may have given up on it already
            future.set_exception(error) if error else future.set_result(result)

    def work():
        try:
            result = socket.getaddrinfo(host, None, 0, socket.SOCK_STREAM)
        except Exception as exc:
            loop.call_soon_threadsafe(settle, None, exc)
        else:
            loop.call_soon_threadsafe(settle, result, None)

    threading.Thread(target=work, name=f"dns-{host}", daemon=True).start()
    return future



class HostRefused(IgnoreRequest):
    """A request the safety rules forbid; the message says which rule and how to allow it."""


def address_class(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """The name of a non-public address class (``'loopback'``...), or None if global."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for name in ("loopback", "link_local", "unspecified", "multicast", "reserved", "private"):
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    return None if ip.is_global else "non-global"


def _allows(domains: set[str], host: str) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains if not is_ip_literal(d)) \
        or host in domains


def _domain_of(host: str) -> str:
    return host[4:] if host.startswith("www.") and not is_ip_literal(host) else host


def _private_hosts(spider) -> dict[str, set[str]]:
    """source → the hosts it may reach on a non-public address (it names them, allow_private)."""
    return {source.name: source.hosts() if source.allow_private else set()
            for source in getattr(spider, "sources", {}).values()}


def _sources_of(request, every: list[str]) -> list[str]:
    name = request.meta.get("capaian_source")
    return [name] if name else every   # robots.txt requests carry no source


def _private_refusal(host: str, address: str, klass: str) -> str:
    return (f"refused {host}: {address} is a {klass} address; only a source that sets "
            "allow_private: true and names this host itself may fetch it")


async def _sleep(seconds: float) -> None:
    from twisted.internet import reactor
    from twisted.internet.task import deferLater
    await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


class SafetyMiddleware:
    """Refuse off-registry hosts, non-http schemes and private addresses (see module doc)."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.dns_timeout = crawler.settings.getfloat("DNS_TIMEOUT", 10)
        self.negative_ttl = crawler.settings.getfloat("CAPAIAN_DNS_NEGATIVE_TTL", 30)
        self.domains: dict[str, set[str]] = {}     # source → allowed domains
        self.private_ok: dict[str, set[str]] = {}  # source → hosts allowed to be private
        self._dns: dict[str, tuple[float, list[str] | str]] = {}   # host → (expiry, IPs or error)
        self._lookups: dict[str, asyncio.Task] = {}
        self._registry_hosts: set[str] = set()
        self._dns_slots = asyncio.Semaphore(_DNS_PARALLEL)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        for source in getattr(spider, "sources", {}).values():
            hosts = source.hosts()
            self.domains[source.name] = {_domain_of(h) for h in hosts}
            self._registry_hosts |= hosts
        self.private_ok = _private_hosts(spider)
        for source, host in (getattr(spider, "state", None) or {}).get("redirect_hosts", []):
            self.domains.setdefault(source, set()).add(host)
        self._prefetch()

    async def process_request(self, request):
        url = urlsplit(request.url)
        host = (url.hostname or "").lower()
        if url.scheme not in ("http", "https") or not host:
            raise self._refuse("offsite", f"refused {request.url}: only http(s) URLs are fetched")
        names = _sources_of(request, list(self.domains))
        self._check_domain(request, host, names)
        await self._check_address(host, url.port or (443 if url.scheme == "https" else 80), names)

    def _check_domain(self, request, host: str, names: list[str]) -> None:
        if any(_allows(self.domains.get(n, set()), host) for n in names):
            return
        # Where the request was pointed from: the first URL of a redirect chain, or
        # the Google News link a decoded publisher URL stands for (a redirect in all
        # but form: Google's answer to where its link leads).
        first = (request.meta.get("redirect_urls") or [request.meta.get("capaian_via")])[0]
        first_host = (urlsplit(first).hostname or "").lower() if first else ""
        for name in names:
            if first_host and _allows(self.domains.get(name, set()), first_host):
                self._remember_redirect(name, host)
                return
        raise self._refuse("offsite", f"refused {host}: not a host of the source registry")

    def _remember_redirect(self, source: str, host: str) -> None:
        self.domains.setdefault(source, set()).add(host)
        state = getattr(self.crawler.spider, "state", None)
        if isinstance(state, dict):   # persisted with JOBDIR so a resumed run agrees
            state.setdefault("redirect_hosts", []).append((source, host))

    async def _check_address(self, host: str, port: int, names: list[str]) -> None:
        addresses = [host] if is_ip_literal(host) else await self._resolve(host, port)
        for address in addresses:
            klass = address_class(ipaddress.ip_address(address.split("%", 1)[0]))
            if klass is None:
                continue
            if any(host in self.private_ok.get(n, set()) for n in names):
                return
            raise self._refuse("private", _private_refusal(host, address, klass))

    async def _resolve(self, host: str, port: int) -> list[str]:
        cached = self._dns.get(host)
        if not (cached and cached[0] > time.monotonic()):
            try:
                await asyncio.shield(self._lookup(host))
            except Exception:
                pass   # cached below with its reason
            cached = self._dns[host]
        if isinstance(cached[1], str):
            raise CannotResolveHostError(f"DNS lookup failed for {host}: {cached[1]}")
        return cached[1]

    def _lookup(self, host: str) -> asyncio.Task:
        """One lookup per host at a time, however many requests wait for it."""
        task = self._lookups.get(host)
        if task is None:
            task = asyncio.ensure_future(self._lookup_and_cache(host))
            self._lookups[host] = task
            task.add_done_callback(lambda t, h=host: self._lookups.pop(h, None))
        return task

    async def _lookup_and_cache(self, host: str) -> None:
        try:
            async with self._dns_slots:
                infos = await asyncio.wait_for(_getaddrinfo(host), self.dns_timeout)
        except Exception as exc:   # cached as a reason string: failures are remembered too
            reason = str(exc) or f"no answer within {self.dns_timeout:g} s"
            self._dns[host] = (time.monotonic() + self.negative_ttl, reason)
            return
        self._dns[host] = (time.monotonic() + 300, sorted({info[4][0] for info in infos}))

    def _prefetch(self) -> None:
        """Resolve every registry host at once, so an offline run fails in seconds."""
        for host in self._registry_hosts:
            if not is_ip_literal(host):
                self._lookup(host)

    def _refuse(self, why: str, message: str) -> HostRefused:
        self.crawler.stats.inc_value(f"capaian/request/refused_{why}")
        return HostRefused(message)


class ConnectedAddressMiddleware:
    """Refuse a response that came from a non-public address (DNS rebinding; see module doc)."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.private_ok: dict[str, set[str]] = {}
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        self.private_ok = _private_hosts(spider)

    def process_response(self, request, response):
        address = response.ip_address
        klass = address_class(address) if address is not None else None
        if klass is None:
            return response
        host = (urlsplit(response.url).hostname or "").lower()
        names = _sources_of(request, list(self.private_ok))
        if any(host in self.private_ok.get(n, set()) for n in names):
            return response
        message = _private_refusal(host, str(address), klass) + " (connected address)"
        self.crawler.stats.inc_value("capaian/response/refused_private")
        logger.warning("%s; response to %s discarded", message, request.url)
        raise HostRefused(message)


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware with exponential backoff and Retry-After (see module doc)."""

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff = settings.getfloat("CAPAIAN_RETRY_BACKOFF", 1.0)
        self.backoff_max = settings.getfloat("CAPAIAN_RETRY_BACKOFF_MAX", 60.0)
        self.retry_after_max = settings.getfloat("CAPAIAN_RETRY_AFTER_MAX", 120.0)
        self.dns_retry_times = settings.getint("CAPAIAN_DNS_RETRY_TIMES", 0)

    async def process_response(self, request, response):
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, f"HTTP {response.status}")
        if retry is None:
            return response
        delay = self._retry_after(response)
        if delay is None:
            delay = self._backoff(request)
        else:
            self.crawler.stats.inc_value("capaian/retry/retry_after")
        self._hold_host(request, delay)
        await _sleep(delay)
        return retry

    async def process_exception(self, request, exception):
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        if isinstance(exception, _DNS_ERRORS):
            if not self.dns_retry_times:
                return None   # no retry, and no "gave up retrying" line per request
            request.meta.setdefault("max_retry_times", self.dns_retry_times)
        retry = self._retry(request, exception)
        if retry is not None:
            await _sleep(self._backoff(request))
        return retry

    def _backoff(self, request) -> float:
        attempt = request.meta.get("retry_times", 0)
        return min(self.backoff * (2 ** attempt), self.backoff_max)

    def _retry_after(self, response) -> float | None:
        value = (response.headers.get(b"Retry-After") or b"").decode("latin-1").strip()
        if not value:
            return None
        if value.isdigit():
            seconds = float(value)
        else:
            try:
                seconds = parsedate_to_datetime(value).timestamp() - time.time()
            except (TypeError, ValueError, IndexError):
                return None
        return max(0.0, min(seconds, self.retry_after_max))

    def _hold_host(self, request, delay: float) -> None:
        """Make the host's download slot wait ``delay`` before its next request."""
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None and slot.delay:
            slot.lastseen = max(slot.lastseen, time.monotonic() + delay - slot.delay)


class CrawlDelay:
    """Honour robots.txt ``Crawl-delay`` (an extension; Scrapy itself ignores it).

    The delay (capped by ``CAPAIAN_CRAWL_DELAY_MAX``, default 30 s) becomes a floor
    under the host's download delay, restored after every AutoThrottle adjustment
    and widened for the slot's jitter, so no two requests come closer than it.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.cap = crawler.settings.getfloat("CAPAIAN_CRAWL_DELAY_MAX", 30.0)
        self.user_agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get("USER_AGENT")
        self.floors: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def robots_parsed(self, robotparser, request):
        delay = robotparser.crawl_delay(self.user_agent)
        if not delay:
            return
        host = (urlsplit(request.url).hostname or "").lower()
        self.floors[host] = min(float(delay), self.cap)
        self.crawler.stats.inc_value("capaian/robots/crawl_delay")
        downloader = self.crawler.engine.downloader
        jitter = self.crawler.settings.getfloat("DOWNLOAD_DELAY_JITTER", 0.5)
        downloader.per_slot_settings.setdefault(host, {})["delay"] = self._floor(host, jitter)
        self._raise(downloader.slots.get(host), host)

    def response_downloaded(self, response, request, spider):
        key = request.meta.get("download_slot")
        if key in self.floors:
            self._raise(self.crawler.engine.downloader.slots.get(key), key)

    def _raise(self, slot, host: str) -> None:
        if slot is not None:
            slot.delay = max(slot.delay, self._floor(host, slot.jitter))

    def _floor(self, host: str, jitter: float) -> float:
        return self.floors[host] / max(1.0 - jitter, 0.1)
