"""Which year a release reports on, and which year one sentence speaks of.

    >>> report_year("capaian kinerja sepanjang tahun 2024", None, None)
    2024

A release published in January or February reports the year before; one from
December the same year. Years after the publication year are plans, not reports.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Optional, Union

YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
#: Words that tie a year to the reported performance.
STRONG = re.compile(
    r"\b(?:capaian|kinerja|sepanjang|selama|periode|anggaran|akhir|refleksi|rilis|release|t\.?\s?a\.?|"
    r"laporan|hasil|pencapaian|evaluasi|(?:hingga|sampai|s\.?d\.?)\s+(?:bulan\s+)?(?:november|nopember|desember))\b"
    r"[^.\d\n]{0,40}?\b((?:19|20)\d{2})\b", re.I)
PLAIN = re.compile(r"\b(?:tahun|thn|ta\.?|pada|di)\s+((?:19|20)\d{2})\b", re.I)
#: A date written in the text, taken as the publication date when none is given.
TEXT_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)?\d{2})\b")
#: A sentence speaking of the year before the report's.
LAST_YEAR = re.compile(r"\btahun (?:lalu|sebelumnya|kemarin)\b", re.I)

#: "tahun ini" said of the performance: the year of the release's date.
THIS_YEAR = re.compile(r"\b(?:sepanjang|selama|pada|di|untuk|hingga akhir)\s+tahun\s+ini\b", re.I)

Published = Optional[Union[date, datetime]]
#: The report year is stated near the top; reading only the head keeps huge texts cheap.
_HEAD = 6000
#: The longest lead: the first sentence of the text.
_LEAD = 300


def _text_date(text: str) -> Optional[date]:
    for m in TEXT_DATE.finditer(text[:4000]):
        d, mth, y = (int(g) for g in m.groups())
        y = y + 2000 if y < 100 else y  # "(11/1/22)"
        if 1 <= d <= 31 and 1 <= mth <= 12:
            return date(y, mth, d)
    return None


def default_year(published: Published) -> Optional[int]:
    """The report year a publication date implies (January–February → the year before)."""
    if published is None:
        return None
    return published.year - 1 if published.month <= 2 else published.year


def report_year(text: str, title: Optional[str], published: Published) -> Optional[int]:
    """The year the release reports on, from strong phrases, the title and the date."""
    return report_year_why(text, title, published)[0]


def report_year_why(text: str, title: Optional[str], published: Published) -> tuple[Optional[int], str]:
    """(year, why): years said with report words ("capaian ... 2024", "sepanjang 2023") and in the
    title weigh most; years after the publication date are plans, not reports. A date written in the
    text (a dateline) stands in for a missing publication date, unless its year contradicts every
    year the text states (a typo in the dateline is outvoted)."""
    from_text = published is None
    if from_text:
        published = _text_date(text)
    scores = _year_scores(text, title)
    if published is not None:  # "sepanjang tahun ini" in a release dated (30/12/2021) speaks of 2021
        this_year = len(THIS_YEAR.findall(text[:_HEAD], )) + len(THIS_YEAR.findall(title or ""))
        if this_year:
            y = default_year(published)
            scores[y] = scores.get(y, 0) + 2.0 * min(this_year, 2)
    limit = (published.year if from_text else default_year(published)) if published else None
    allowed = {y: v for y, v in scores.items() if limit is None or y <= limit}
    fallback = default_year(published)
    if not allowed and scores and from_text:
        allowed, fallback = scores, None  # the dateline's year is a typo: the text's own years decide
    if not allowed:
        how = "the text's date" if from_text else "the publication date"
        return fallback, (f"no year stated; {how} {published:%d/%m/%Y} (January and February report the year before)"
                          if published else "no year stated and no date")
    best = max(allowed.items(), key=lambda kv: (kv[1], kv[0] == fallback, kv[0]))
    others = ", ".join(f"{y} ({v:g})" for y, v in sorted(allowed.items(), key=lambda kv: -kv[1]) if y != best[0])
    return best[0], f"named with report words and in the title most (score {best[1]:g}" + (
        f"; also {others})" if others else ")")


_SENTENCE_END = re.compile(r"\.\s|\n")


def _lead(text: str) -> str:
    """The first sentence (at most _LEAD characters)."""
    end = _SENTENCE_END.search(text, 40, _LEAD)
    return text[:end.start() if end else _LEAD]


def _year_scores(text: str, title: Optional[str]) -> dict[int, float]:
    scores: dict[int, float] = {}
    for src, weight in ((title or "", 3.0), (text[:_HEAD], 1.0)):
        for rx, w in ((STRONG, 2.0), (PLAIN, 1.0)):
            for m in rx.finditer(src):
                y = _range_end(src, m)
                scores[y] = scores.get(y, 0) + w * weight
    lead = _lead(text)
    for m in STRONG.finditer(lead):  # the lead states the report's year ("... sepanjang tahun 2016")
        y = _range_end(lead, m)
        scores[y] = scores.get(y, 0) + 2.0
    return scores


_RANGE_END = re.compile(r"\s*(?:-|–|—|s\.?d\.?|sampai|hingga)\s*((?:19|20)\d{2})\b")


def _range_end(src: str, m: re.Match) -> int:
    """The year a match names; of a range ("tahun anggaran 2019 – 2020"), the one it runs to."""
    nxt = _RANGE_END.match(src, m.end(1))
    return int(nxt.group(1)) if nxt and int(nxt.group(1)) > int(m.group(1)) else int(m.group(1))
