"""`python -m crawler` under a DNS that rebinds one name: public when checked, loopback after.

Example (what tests/test_crawl_safety.py runs)::

    CAPAIAN_TEST_REBIND=pindah.capaian.test python -m tests.rebinding crawl --sources s.yml

The first lookup of the name answers a public address (it is the crawler's own
check, which runs before anything connects); every later lookup answers
127.0.0.1, so the connection lands on a local test server. The connecting path
(Scrapy's resolver, ``socket.gethostbyname``) never gets the public address, so
nothing is ever sent to it, whatever the crawler does.
"""

from __future__ import annotations

import os
import socket
import sys
import threading

PUBLIC = "93.184.215.14"   # a global address, only ever shown to the check
LOOPBACK = "127.0.0.1"


def install(name: str) -> None:
    """Patch socket's lookups of `name` (others resolve as usual)."""
    real_getaddrinfo, real_gethostbyname = socket.getaddrinfo, socket.gethostbyname
    asked = {"n": 0}
    lock = threading.Lock()

    def answer() -> str:
        with lock:
            asked["n"] += 1
            return PUBLIC if asked["n"] == 1 else LOOPBACK

    def getaddrinfo(host, port, *args, **kwargs):
        if host != name:
            return real_getaddrinfo(host, port, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answer(), port or 0))]

    def gethostbyname(host):
        if host != name:
            return real_gethostbyname(host)
        answer()
        return LOOPBACK

    socket.getaddrinfo, socket.gethostbyname = getaddrinfo, gethostbyname


if __name__ == "__main__":
    install(os.environ["CAPAIAN_TEST_REBIND"])
    from crawler.__main__ import main
    sys.exit(main())
