"""Turn a fetched page into clean article text with its metadata.

    >>> art = clean_html(b"<html>...</html>", url="https://example.id/berita/x")
    >>> art.title, art.published_at, art.text

trafilatura finds the main text and metadata; ftfy repairs mojibake; dates
written the Indonesian way ("Senin (23/12/2024)", "Rabu, 29 Desember 2021")
are read day-first with dateparser's Indonesian settings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import ftfy

#: Month names as Indonesian (and English) pages write them.
_MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
#: "29 Desember 2021", optionally followed by a time "14:20".
_DATE_WORDS = re.compile(
    rf"\b(\d{{1,2}})\s+({_MONTH_ALT})\.?\s+(\d{{4}})(?:[,\s|-]{{1,4}}(\d{{1,2}})[:.](\d{{2}}))?",
    re.IGNORECASE,
)
#: "30/12/2024" or "30-12-2024": always day first in Indonesian writing.
_DATE_NUMERIC = re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})\b")
_CHARSET_META = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_-]{2,30})""", re.IGNORECASE)
_CHARSET_HEADER = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_-]{2,30})", re.IGNORECASE)
#: Inline links to other stories ("Baca juga: ...") that sit inside article bodies; their
#: headlines carry other reports' numbers and must not be read as this article's.
_RELATED_LINE = re.compile(
    r"^\W{0,3}(?:baca|simak|lihat|klik)\s+(?:juga|pula|berita)\b.*$|^\W{0,3}berita\s+terkait\b.*$",
    re.IGNORECASE | re.MULTILINE)
#: A table cell with this many words of paragraphs holds a story: the table is page layout.
STORY_WORDS = 40
#: Fewer words than this is a menu or a stub, not an article.
MIN_WORDS = 15
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
#: What is left of a UTF-8 non-breaking space read as windows-1252 once the space itself
#: was normalised away ("(KRO)Â untuk"): ftfy cannot see it as mojibake any more.
_STRAY_NBSP_MARK = re.compile(r"Â(?=[\s\u00a0]|$)", re.MULTILINE)


@dataclass
class Article:
    """The cleaned form of one page."""

    text: str
    title: str | None = None
    published_at: datetime | None = None
    site_name: str | None = None


def repair_text(text: str) -> str:
    """Repair mojibake and normalise spaces, keeping the text otherwise as written.

    >>> repair_text("(KRO)Â untuk")
    '(KRO) untuk'
    """
    text = ftfy.fix_text(text, normalization="NFC")
    text = _STRAY_NBSP_MARK.sub("", text)
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def drop_related_links(text: str) -> str:
    """Remove "Baca juga: ..." lines (links to other stories) from an article's text."""
    return _BLANK_LINES.sub("\n\n", _RELATED_LINE.sub("", text)).strip()


def declared_charset(body: bytes, content_type: str | None = None) -> str | None:
    """The charset a page declares: its Content-Type header, else a <meta> in its first 4 KB."""
    return _charset_from_header(content_type) or _charset_from_meta(body)


def decode_body(body: bytes, content_type: str | None = None) -> str:
    """Decode a response body by its declared charset, else UTF-8, else windows-1252."""
    for declared in (_charset_from_header(content_type), _charset_from_meta(body)):
        if declared:
            try:
                return body.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


def clean_text(body: bytes, content_type: str | None = None) -> Article:
    """A plain-text page or file as an article: decoded and repaired, nothing cut."""
    return Article(text=repair_text(decode_body(body, content_type)))


def clean_html(body: bytes | str, url: str | None = None, content_type: str | None = None) -> Article | None:
    """Main text and metadata of an HTML page, or None when it has no article text.

    Data tables inside an article are kept as text rows; a page laid out as a table
    is first cut down to the cell holding the story (see `_story_cell`).
    """
    html = body if isinstance(body, str) else decode_body(body, content_type)
    tree = _page_tree(html)
    if tree is None:
        return _from_document(_main_text(html, url, with_metadata=True), html)
    page = _story_cell(tree)
    page = tree if page is None else page
    doc = _main_text(page, url, with_metadata=False)
    if doc is not None:
        doc.title, doc.date, doc.sitename = page_metadata(page, url)
    return _from_document(doc, html)


def _from_document(doc, html: str) -> Article | None:
    if doc is None or len((doc.text or "").split()) < MIN_WORDS:
        return None
    text = drop_related_links(repair_text(doc.text))
    title = repair_text(doc.title) if doc.title else None
    published = _meta_date(doc.date) or find_date(text[:1500]) or find_date(_visible_head(html))
    return Article(text=text, title=title, published_at=published, site_name=doc.sitename or None)


#: Page furniture that trafilatura throws away itself (its MANUALLY_CLEANED list), cut once right
#: after parsing: on a heavy news page these subtrees are most of the DOM, and metadata search and
#: the fallback extractors would walk them all again. JSON-LD scripts stay: they carry the dates.
_FURNITURE = (
    "//script[not(@type='application/ld+json')]|//style|//noscript|//template|//svg|//iframe"
    "|//object|//embed|//nav|//menu|//aside|//footer"
)


def _page_tree(html: str):
    """The page parsed once, as trafilatura would parse it, with its furniture cut; None when
    it is not HTML that lxml can read (trafilatura then gets the text itself, as before)."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return None
    for element in tree.xpath(_FURNITURE):
        if element.getparent() is not None:
            element.drop_tree()
    return tree


#: Dates as trafilatura's metadata search finds them: the page's own date, no deep search.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _main_text(html, url: str | None, with_metadata: bool):
    import trafilatura

    # fast: no readability/jusText fallback; the main extractor alone gives the same texts on
    # the sample sites (tests/test_clean.py compares) at a fraction of the time.
    return trafilatura.bare_extraction(
        html, url=url, with_metadata=with_metadata, include_comments=False, include_tables=True,
        favor_precision=True, fast=True, date_extraction_params=_DATE_PARAMS,
    )


def page_metadata(tree, url: str | None) -> tuple[str | None, str | None, str | None]:
    """(title, date, site name) of a parsed page, found as trafilatura's extract_metadata finds them.

    Only these three are read here: its author, category and tag searches cost half
    of its time on a heavy page and are not used.
    """
    from htmldate import find_date as html_date
    from trafilatura.metadata import (META_URL, examine_meta, extract_meta_json, extract_sitename,
                                      extract_title, extract_url)

    meta = examine_meta(tree)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # trafilatura guards its JSON-LD reader the same way
        pass
    title = meta.title or extract_title(tree)
    page_url = meta.url or extract_url(tree, url)
    date = html_date(tree, url=page_url, **_DATE_PARAMS)
    site = meta.sitename or extract_sitename(tree)
    if site:
        site = site.lstrip("@")
        site = site.title() if site and "." not in site and not site[0].isupper() else site
    elif page_url:
        found = META_URL.match(page_url)
        site = found[1] if found else None
    return title, date, site


def _story_cell(tree):
    """For a page laid out in a table, the page reduced to the cell that holds the story.

    Old regional sites put the story and a sidebar of other headlines in two cells of
    one table; trafilatura would keep such a "table" whole. A cell with at least
    STORY_WORDS words of paragraphs is layout, not data: keep the head and the
    innermost such cell that holds most of the paragraph text.
    """
    body = tree.find("body")
    if body is None or body.find(".//table") is None:
        return None
    cells = [(td, _paragraph_words(td)) for td in tree.xpath("//td[.//p]")]
    cells = [(td, n) for td, n in cells if n >= STORY_WORDS]
    if not cells:
        return None
    most = max(n for _, n in cells)
    story = next(td for td, n in reversed(cells) if n >= 0.8 * most)  # document order: inner cells last
    story.tag = "article"
    for child in list(body):
        body.remove(child)
    body.append(story)
    return tree


def _paragraph_words(element) -> int:
    return sum(len(p.text_content().split()) for p in element.iter("p"))


def find_date(text: str) -> datetime | None:
    """The first Indonesian-written date in a text: "Senin (23/12/2024)" or "29 Desember 2021 14:20"."""
    words = _DATE_WORDS.search(text)
    numeric = _DATE_NUMERIC.search(text)
    if words and (not numeric or words.start() < numeric.start()):
        day, month, year = int(words[1]), _MONTHS[words[2].lower()], int(words[3])
        hour, minute = (int(words[4]), int(words[5])) if words[4] else (0, 0)
        return _safe_datetime(year, month, day, hour, minute)
    if numeric:
        return _dateparser_dmy(numeric[0])
    return None


def _safe_datetime(year, month, day, hour=0, minute=0):
    try:
        return datetime(year, month, day, min(hour, 23), min(minute, 59))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _dateparser_dmy(written: str) -> datetime | None:
    # dateparser reads 03/12/2024 as March unless told the language is Indonesian.
    import dateparser

    return dateparser.parse(written, languages=["id"], settings={"DATE_ORDER": "DMY"})


def _meta_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return _dateparser_dmy(value)


_TAGS = re.compile(r"<[^>]{0,2000}>")
_SCRIPTS = re.compile(r"<(script|style)\b.{0,200000}?</\1>", re.IGNORECASE | re.DOTALL)


def _visible_head(html: str) -> str:
    """The start of the page's visible text, where news sites print the date."""
    body_at = html.lower().find("<body")
    chunk = html[max(body_at, 0):][:60000]
    return _TAGS.sub(" ", _SCRIPTS.sub(" ", chunk))[:8000]


def _charset_from_header(content_type: str | None) -> str | None:
    match = _CHARSET_HEADER.search(content_type or "")
    return match[1] if match else None


def _charset_from_meta(body: bytes) -> str | None:
    match = _CHARSET_META.search(body[:4096])
    return match[1].decode("ascii") if match else None
