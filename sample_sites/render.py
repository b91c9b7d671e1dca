"""Turn a routed Page into response bytes with the site's own Jinja2 templates.

    content_type, body = render(site, page, base="http://127.0.1.1:41234", articles=articles)
"""
from __future__ import annotations

from datetime import date, datetime, time, timezone
from email.utils import format_datetime
from pathlib import Path

import jinja2

from .articles import WIB, Article, slugify
from .routes import Page, allowed, article_path, section_path, sections_of
from .sites import Site

TEMPLATES = Path(__file__).parent / "templates"

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
          "Agustus", "September", "Oktober", "November", "Desember")

_XML_TYPES = {"rss": "application/rss+xml", "sitemap": "application/xml",
              "sitemap_index": "application/xml", "news_sitemap": "application/xml"}


def zone(dt: datetime) -> str:
    """WIB, WITA or WIT for a time at UTC+7, +8 or +9."""
    hours = dt.utcoffset().total_seconds() / 3600 if dt.utcoffset() is not None else 7
    return {8: "WITA", 9: "WIT"}.get(hours, "WIB")


def indo_long(dt: datetime) -> str:
    """'Senin, 30 Desember 2024 14:20 WIB'."""
    return f"{DAYS[dt.weekday()]}, {dt.day} {MONTHS[dt.month - 1]} {dt.year} {dt:%H:%M} {zone(dt)}"


def indo_date(dt: datetime) -> str:
    """'30 Desember 2024'."""
    return f"{dt.day} {MONTHS[dt.month - 1]} {dt.year}"


def indo_short(dt: datetime) -> str:
    """'Senin, 30 Des 2024 14:20 WIB'."""
    return f"{DAYS[dt.weekday()]}, {dt.day:02d} {MONTHS[dt.month - 1][:3]} {dt.year} {dt:%H:%M} {zone(dt)}"


def rfc822(dt: datetime | date) -> str:
    """RSS's date form; a bare date is taken as its midnight in WIB (RSS wants a time)."""
    return format_datetime(dt if isinstance(dt, datetime) else datetime.combine(dt, time(), WIB))


def day_name(dt: datetime) -> str:
    return DAYS[dt.weekday()]


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    env.filters.update(indo_long=indo_long, indo_date=indo_date, indo_short=indo_short,
                       day_name=day_name, zone=zone, rfc822=rfc822)
    return env


ENV = _environment()


def render(site: Site, page: Page, base: str, articles: list[Article]) -> tuple[str, bytes]:
    """The Content-Type and body of one page."""
    if page.kind == "robots":
        return "text/plain; charset=utf-8", _robots(site, base).encode()
    context = _context(site, page, base, articles)
    if page.kind in _XML_TYPES:
        text = ENV.get_template(f"xml/{page.kind}.xml").render(context)
        return f"{_XML_TYPES[page.kind]}; charset=utf-8", text.encode()
    charset = _charset(page)
    # A theme may leave out a page kind; the shared template then wraps the theme's layout.
    template = ENV.select_template([f"{site.theme}/{page.kind}.html", f"_{page.kind}.html"])
    text = template.render(context, charset=charset)
    return f"text/html; charset={charset}", text.encode(charset, errors="xmlcharrefreplace")


def render_not_found(site: Site, base: str, articles: list[Article]) -> bytes:
    """The site's own 404 page."""
    page = Page("static", {"title": "Halaman Tidak Ditemukan",
                           "text": "Maaf, halaman yang Anda cari tidak ada atau sudah dipindahkan."})
    return render(site, page, base, articles)[1]


def _charset(page: Page) -> str:
    article = page.context.get("article")
    return "windows-1252" if article and article.special == "windows-1252" else "utf-8"


def _context(site: Site, page: Page, base: str, articles: list[Article]) -> dict:
    """What every template sees: the page's own context plus the site furniture."""
    mine = [a for a in articles if a.site == site.id]
    sections = sections_of(site, mine)
    return {
        **page.context,
        "site": site, "base": base, "sections": sections,
        "recent": allowed(site, mine)[:5],
        "popular": [(h, section_path(site, next(iter(sections)))) for h in site.headlines],
        "url": lambda a: article_path(site, a) if isinstance(a, Article) else a.path,
        "abs_url": lambda a: base + article_path(site, a),
        "section_url": lambda slug, n=1: section_path(site, slug, n),
        "tag_url": lambda name: site.scheme.tag(slugify(name)),
        "year": datetime.now(timezone.utc).year,
    }


def _robots(site: Site, base: str) -> str:
    lines = ["User-agent: *"]
    if site.wordpress:
        lines += ["Disallow: /wp-admin/", "Allow: /wp-admin/admin-ajax.php"]
    lines += [f"Disallow: {site.disallow_path}", "", f"Sitemap: {base}/sitemap.xml", ""]
    return "\n".join(lines)
