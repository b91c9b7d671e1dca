"""BNN's own portals: bnn.go.id and the regional `<office>.bnn.go.id` sites.

All of them run one WordPress theme (Salient) across the BNN network: category
listings such as `/berita/`, `/siaran-pers/`, `/berita-kegiatan/` paginate as
`/berita/page/2/`, each post in a listing is an `<article>` inside
`.posts-container` with its link in `.title a` and its date as text in
`.grav-wrap .text span` ("23 Des 2024"), and posts live at `/<slug>/`. The
generic discovery (feeds, sitemaps via robots.txt, month archives for a
backfill) comes from SourceSpider; this spider adds the listing dates, so a
walk through `/berita/page/N/` stops as soon as a page is older than the window.
"""
from __future__ import annotations

import re
from datetime import date

from crawler.items import Candidate
from crawler.plan import date_in_url
from crawler.spiders.base import SourceSpider

#: Month names and abbreviations as BNN pages print them (Indonesian, some English).
MONTHS = {
    "jan": 1, "januari": 1, "january": 1,
    "feb": 2, "februari": 2, "pebruari": 2, "february": 2,
    "mar": 3, "maret": 3, "march": 3,
    "apr": 4, "april": 4,
    "mei": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7,
    "ag": 8, "agu": 8, "agt": 8, "agus": 8, "agustus": 8, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "oct": 10, "october": 10,
    "nov": 11, "nop": 11, "november": 11, "nopember": 11,
    "des": 12, "desember": 12, "dec": 12, "december": 12,
}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")
#: Listing markup of the BNN theme; plain links are the fallback for other themes.
POST_SELECTOR = ".posts-container article, article.post, article[class*=post]"


def indonesian_date(text: str | None) -> date | None:
    """`23 Des 2024`, `5 Januari 2025`, `Senin, 23 December 2024` -> a date (None if none).

    >>> indonesian_date("Diposting 23 Des 2024"), indonesian_date("tanpa tanggal")
    (datetime.date(2024, 12, 23), None)
    """
    match = _DAY_MONTH_YEAR.search(text or "")
    if not match:
        return None
    month = MONTHS.get(match[2].lower())
    if month is None:
        return None
    try:
        return date(int(match[3]), month, int(match[1]))
    except ValueError:
        return None


class BnnPortalSpider(SourceSpider):
    """Every `kind: bnn_portal` source: the BNN RI site and the BNNP/BNNK sites."""

    name = "bnn_portal"
    kind = "bnn_portal"

    def listing_entries(self, response, source):
        posts = response.css(POST_SELECTOR) if hasattr(response, "css") else []
        if not posts:
            yield from super().listing_entries(response, source)
            return
        seen: set[str] = set()
        for post in posts:
            candidate = self._post_candidate(response, post, source)
            if candidate and candidate.url not in seen:
                seen.add(candidate.url)
                yield candidate

    def _post_candidate(self, response, post, source) -> Candidate | None:
        """One listing `<article>`: its link, title and printed date."""
        for link in post.css(".title a[href], h2 a[href], h3 a[href], a[href]"):
            url = response.urljoin(link.attrib["href"]).split("#", 1)[0]
            if self.article_link(url, source):
                title = " ".join(" ".join(link.css("::text").getall()).split())
                return Candidate(url=url, title=title or link.attrib.get("title"),
                                 published=self._post_date(post) or date_in_url(url),
                                 via="listing")
        return None

    @staticmethod
    def _post_date(post) -> date | None:
        stamp = post.css("time::attr(datetime)").get()
        if stamp and re.match(r"\d{4}-\d{2}-\d{2}", stamp):
            return date.fromisoformat(stamp[:10])
        text = " ".join(post.css(".grav-wrap .text span::text, .meta-date::text, time::text").getall())
        return indonesian_date(text)
