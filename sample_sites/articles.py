"""Read the sample articles (one YAML file each) and split their bodies into blocks.

    store = ArticleStore(ARTICLES_DIR)
    for article in store.load():
        article.slug, article.site, article.blocks

The files are re-read whenever one of them changes, so a server started before
an article was written still serves it.
"""
from __future__ import annotations

import logging
import re
import threading
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import yaml

ARTICLES_DIR = Path(__file__).parent / "articles"
SPECIALS = ("none", "windows-1252", "mojibake", "error-once", "robots-disallowed")

WIB = timezone(timedelta(hours=7), "WIB")

log = logging.getLogger(__name__)

_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+(.*)$")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


class BadArticle(ValueError):
    """An article file that lacks a field or names an unknown value."""


@dataclass(frozen=True)
class Block:
    """One piece of an article body: a paragraph ('p'), a bullet list ('ul') or a numbered list ('ol')."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()


@dataclass
class Article:
    slug: str
    site: str
    section: str
    published: datetime | date | None   # a bare date or none at all for pages that give no time
    title: str
    author: str
    kind: str
    body: str
    special: str = "none"
    syndicated_from: str | None = None
    blocks: list[Block] = field(default_factory=list)

    @property
    def section_slug(self) -> str:
        return slugify(self.section)

    @property
    def number(self) -> int:
        """A stable six-digit id for URL schemes that want one (`/read/483920/...`)."""
        return 100000 + zlib.crc32(f"{self.site}/{self.slug}".encode()) % 900000

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "p"]

    @property
    def summary(self) -> str:
        first = self.paragraphs[:1] or [self.title]
        return _shorten(first[0], 220)


def slugify(text: str) -> str:
    """'Hukum & Kriminal' -> 'hukum-kriminal'."""
    return _SLUG_JUNK.sub("-", str(text).lower()).strip("-") or "umum"


def parse_body(body: str, join_lines: bool = True) -> list[Block]:
    """Split a body into paragraphs and lists; blank lines separate paragraphs.

    With `join_lines=False` every text line is a paragraph of its own (texts saved
    from real pages, whose line breaks were paragraph breaks).

    >>> [b.kind for b in parse_body("Satu.\\n\\n- a\\n- b\\n\\n1. x\\n2. y")]
    ['p', 'ul', 'ol']
    """
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        blocks.extend(_chunk_blocks(chunk.splitlines(), join_lines))
    return blocks


def _chunk_blocks(lines: list[str], join_lines: bool) -> list[Block]:
    """Group consecutive lines of one kind: text lines join into a paragraph, items into a list."""
    out: list[Block] = []
    kind, buf = None, []
    for line in (ln for ln in lines if ln.strip()):
        line_kind, content = _line_kind(line)
        if buf and (line_kind != kind or (kind == "p" and not join_lines)):
            out.append(_make_block(kind, buf))
            buf = []
        kind = line_kind
        buf.append(content)
    if buf:
        out.append(_make_block(kind, buf))
    return out


def _line_kind(line: str) -> tuple[str, str]:
    for kind, pattern in (("ul", _BULLET), ("ol", _NUMBERED)):
        m = pattern.match(line)
        if m:
            return kind, m.group(1).strip()
    return "p", line.strip()


def _make_block(kind: str, lines: list[str]) -> Block:
    if kind == "p":
        return Block("p", text=" ".join(lines))
    return Block(kind, items=tuple(lines))


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def article_from_dict(data: dict, known_sites=None) -> Article:
    """Validate one parsed YAML mapping and build its Article."""
    missing = [k for k in ("slug", "site", "published", "title", "body") if not data.get(k)]
    if missing:
        raise BadArticle(f"missing {', '.join(missing)}")
    if known_sites is not None and data["site"] not in known_sites:
        raise BadArticle(f"unknown site {data['site']!r}")
    special = str(data.get("special") or "none")
    if special not in SPECIALS:
        raise BadArticle(f"unknown special {special!r}")
    article = Article(
        slug=slugify(data["slug"]), site=str(data["site"]), section=str(data.get("section") or "berita"),
        published=_parse_datetime(data["published"]), title=str(data["title"]).strip(),
        author=str(data.get("author") or "Redaksi"), kind=str(data.get("kind") or "release"),
        body=str(data["body"]), special=special, syndicated_from=data.get("syndicated_from") or None,
    )
    article.blocks = parse_body(article.body)
    return article


def _parse_datetime(value) -> datetime:
    """YAML may hand back a datetime already, or the ISO string."""
    if not isinstance(value, datetime):
        try:
            value = datetime.fromisoformat(str(value).strip())
        except ValueError as exc:
            raise BadArticle(f"published is not an ISO datetime: {value!r}") from exc
    # A time without an offset is taken as Western Indonesian Time, as the writers use.
    return value if value.tzinfo else value.replace(tzinfo=WIB)


class FixedArticles:
    """Articles built in code rather than read from files, with ArticleStore's `load()`."""

    def __init__(self, articles: list[Article]):
        self._articles = list(articles)

    def load(self) -> list[Article]:
        return list(self._articles)


class ArticleStore:
    """The article files of one folder, parsed, cached until a file changes."""

    def __init__(self, directory: Path | str = ARTICLES_DIR, known_sites=None):
        self.directory = Path(directory)
        self.known_sites = known_sites
        self._lock = threading.Lock()
        self._stamp: tuple = ()
        self._articles: list[Article] = []

    def load(self) -> list[Article]:
        """All valid articles, newest first; broken files are logged and skipped."""
        files = sorted(self.directory.glob("*.y*ml")) if self.directory.is_dir() else []
        stamp = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
        with self._lock:
            if stamp != self._stamp:
                self._articles = self._parse_all(files)
                self._stamp = stamp
            return list(self._articles)

    def _parse_all(self, files: list[Path]) -> list[Article]:
        articles, seen = [], set()
        for path in files:
            article = self._parse_file(path)
            if article and (article.site, article.slug) not in seen:
                seen.add((article.site, article.slug))
                articles.append(article)
        articles.sort(key=lambda a: (a.published, a.slug), reverse=True)
        return articles

    def _parse_file(self, path: Path) -> Article | None:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise BadArticle("not a mapping")
            return article_from_dict(data, self.known_sites)
        except (OSError, yaml.YAMLError, BadArticle, UnicodeDecodeError) as exc:
            log.warning("skipping sample article %s: %s", path.name, exc)
            return None
