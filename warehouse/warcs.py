"""Write pages to a WARC file the way the crawler does (for tests, benchmarks and imports).

    write_pages("x.warc.gz", [("https://example.id/a", "<html>...</html>", "article")])
"""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def write_pages(path, pages, source="local", capaian_headers=True) -> Path:
    """Write (url, html, kind[, content_type[, headers]]) as gzipped WARC response records; returns the path.

    `html` may be text (written as UTF-8) or the bytes of a body as it was served (say
    gzip-compressed, with `headers={"Content-Encoding": "gzip"}`).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, html, kind, *rest in pages:
            content_type = rest[0] if rest else "text/html; charset=utf-8"
            body = html.encode("utf-8") if isinstance(html, str) else bytes(html)
            extra_http = list((rest[1] if len(rest) > 1 else {}).items())
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type), *extra_http], protocol="HTTP/1.1")
            extra = {"WARC-Capaian-Requested-URI": url, "WARC-Capaian-Source": source}
            if kind:
                extra["WARC-Capaian-Kind"] = kind
            record = writer.create_warc_record(url, "response", payload=BytesIO(body),
                                               http_headers=http,
                                               warc_headers_dict=extra if capaian_headers else {})
            writer.write_record(record)
    return path
