"""Pages that cannot be a BNN performance report, told apart before cleaning by one cheap look.

    >>> skip_reason(b"<html>... Pertandingan sepak bola ...</html>", "text/html", "https://x.id/bola")
    'no_bnn_terms'
    >>> skip_reason(release_bytes, "text/html", "https://x.id/bnnk-capaian") is None
    True

A news archive is almost all other news; trafilatura costs tens of milliseconds a
page, this test well under one. It must never cost recall: every office mention the
extractor can read contains "BNN" or "Badan Narkotika/Nasional Narkotika", and a BNN
portal's address contains "bnn", so a page with none of the words below cannot give
a fact. "narkoba" is kept too, so that police drug news still reaches the extractor
and is judged there (tests/test_prefilter.py holds the dev set, the seeds and the demo
to that).
"""
from __future__ import annotations

import re

from warehouse.clean import declared_charset, decode_body

#: Every reason a page may be skipped for, with what it means (dbt's accepted_values lists the codes).
REASONS = {
    "not_html": "not an HTML or text page (Content-Type or content says so: PDF, image, archive)",
    "binary": "the body is not text (control bytes where text should be)",
    "no_bnn_terms": "no BNN or narcotics vocabulary: cannot be a BNN office's report",
    "not_indonesian": "not written in Indonesian",
    "too_large": "the body is over the size cap once decompressed (the crawler's maximum page size)",
    "timeout": "cleaning and extraction took longer than the per-page time budget",
    "no_article_text": "cleaning found no article text (a menu, a stub, an empty page)",
    "failed": "cleaning or extraction raised an error (logged with the URL)",
    "unreadable": "the WARC record could not be read",
}
#: Reasons for records that are hostile or broken rather than merely off-topic; a load lists each.
LISTED = ("not_html", "binary", "too_large", "timeout", "failed", "unreadable")

_PAGE_TYPES = re.compile(r"text/html|application/xhtml|text/plain", re.IGNORECASE)
#: Magic numbers of formats that are never an article, whatever the Content-Type claims.
_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"\x00\x00\x01\x00",
          b"RIFF", b"OggS", b"ID3", b"\x7fELF")
#: A page needs one of these in its lower-cased text: BNN, narkotika, narkoba (each `in`
#: scan of a 150 KB page costs ~60 µs, so "narko" stands for both of the last two).
_VOCABULARY = (b"bnn", b"narko")
#: Indonesian function words; a page in Indonesian has several of them, other languages few.
_INDONESIAN = (b" yang ", b" dan ", b" di ", b" dengan ", b" untuk ", b" dari ", b" pada ", b" dalam ")
_MIN_INDONESIAN = 3
_CONTROL = bytes([*range(0x00, 0x09), 0x0b, *range(0x0e, 0x20)])
#: Share of control bytes in the first 4096 above which a body is binary.
_MAX_CONTROL = 0.01
#: Charsets in which ASCII letters are not ASCII bytes: only these pages are decoded first.
_NOT_ASCII_COMPATIBLE = re.compile(r"utf-?(?:16|32)|ucs-?[24]|utf-?7|cp0?37\b|cp500|ebcdic", re.IGNORECASE)
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")


def skip_reason(body: bytes, content_type: str | None, url: str | None) -> str | None:
    """Why the page cannot be a BNN report (a key of REASONS), or None when it must be cleaned."""
    if (content_type and not _PAGE_TYPES.search(content_type)) or body.lstrip()[:8].startswith(_MAGIC):
        return "not_html"
    low = _lowered(body, content_type)
    head = low[:4096]
    if head and len(head) - len(head.translate(None, _CONTROL)) > _MAX_CONTROL * len(head):
        return "binary"
    if not any(word in low for word in _VOCABULARY) and b"bnn" not in (url or "").lower().encode():
        return "no_bnn_terms"
    if not _indonesian(low):
        return "not_indonesian"
    return None


def _indonesian(low: bytes) -> bool:
    found = 0
    for word in _INDONESIAN:  # stop at the third: each look is a scan of the whole page
        found += word in low
        if found == _MIN_INDONESIAN:
            return True
    return False


def _lowered(body: bytes, content_type: str | None) -> bytes:
    """The page lower-cased as bytes in which every ASCII letter of its text is that letter.

    In UTF-8, windows-1252 and every other ASCII-compatible charset the raw bytes already
    are; only UTF-16/32 (and the odd EBCDIC page) are decoded with their charset first.
    Searching bytes spares decoding 150 KB per page, most of this test's cost.
    """
    charset = declared_charset(body, content_type) or ""
    if body[:2] in _WIDE_BOMS or _NOT_ASCII_COMPATIBLE.search(charset):
        return decode_body(body, content_type).encode("utf-8", "replace").lower()
    return body.lower()
