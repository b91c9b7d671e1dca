"""Write pages to a WARC file the way the crawler does (for tests, benchmarks and imports).

    write_pages("x.warc.gz", [("https://example.id/a", "<html>...</html>", "article")])
"""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def write_pages(path, pages, source="local", capaian_headers=True) -> Path:
    """Write (url, html, kind) triples as gzipped WARC response records; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, html, kind in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            extra = {"WARC-Capaian-Requested-URI": url, "WARC-Capaian-Source": source}
            if kind:
                extra["WARC-Capaian-Kind"] = kind
            record = writer.create_warc_record(url, "response", payload=BytesIO(html.encode("utf-8")),
                                               http_headers=http,
                                               warc_headers_dict=extra if capaian_headers else {})
            writer.write_record(record)
    return path
