"""Is a document a BNN office's yearly performance report? One verdict with a reason.

    >>> judge(has_office=True, text="... capaian kinerja sepanjang 2024 ...", has_indicator=True, year=2024)
    (True, 'performance report')

A year-end round-up is a report whatever its wording: "capaian kinerja", "sepanjang
2024", "selama tahun ini", "sejak Januari", "rilis akhir tahun", "refleksi",
"kaleidoskop", "laporan". What keeps police and customs releases out is who owns
the numbers (decided per number and per headline elsewhere), not missing words.
A release about part of a year ("Januari hingga Juni", "dua bulan terakhir",
"semester I") is not a yearly report; one that runs from January to November or
December (a round-up given before the year is out) is.
"""
from __future__ import annotations

import re
from typing import Optional

_MONTH = r"(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|november|nopember|desember)"
_EARLY_MONTH = r"(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober)"

#: Wording of a report over a whole year (the title counts too).
PERFORMANCE = re.compile(
    r"capaian|kinerja|pencapaian|akhir tahun|penghujung tahun|refleksi|kaleidoskop|press release|pres rilis|"
    r"rilis|release|laporan|konferensi pers|ekspose|evaluasi|"
    r"(?:sepanjang|selama|sampai akhir|hingga akhir|menutup|dalam) (?:tahun )?(?:\d{4}|ini|anggaran)|"
    r"\bsetahun\b|satu tahun|sejak (?:awal )?januari|januari\W+(?:\d{4}\W+)?(?:hingga|sampai|s\.?d\.?|-|–)\W+(?:bulan\s+)?(?:\d{1,2} )?(?:desember|november|nopember)|"
    r"\bt\.?\s?a\.? ?\d{4}|tahun anggaran|tahun ini|kurun waktu (?:tahun )?\d{4}|\b(?:untuk|di|pada|dalam) tahun \d{4}|(?:^|\n)tahun \d{4}|"
    r"(?:sampai|hingga) (?:bulan )?desember", re.I | re.M)

#: A period shorter than a year as the release's scope: "periode Januari hingga Juni", "dua bulan".
PARTIAL = re.compile(
    rf"\b(?:periode|kurun|selama|sejak|dari|sepanjang)\s+(?:bulan\s+)?{_MONTH}\s*(?:\d{{4}}\s*)?(?:hingga|sampai|s\.?d\.?|-|–)\s*"
    rf"(?:bulan\s+)?{_EARLY_MONTH}\b|"
    rf"\b{_MONTH}\s*(?:-|–|hingga|sampai)\s*{_EARLY_MONTH}\s+\d{{4}}\b|"
    rf"\b(?:di|pada|khususnya)\s+bulan\s+{_MONTH}\s*(?:-|–|hingga|sampai|s\.?d\.?|dan)\s*(?:bulan\s+)?{_EARLY_MONTH}\b|"
    rf"\b(?:sepanjang|selama)\s+(?:bulan\s+{_MONTH}|{_EARLY_MONTH}\s+\d{{4}})\b|"
    r"\b(?:semester|triwulan|caturwulan|kuartal)\s+(?:i|ii|iii|1|2|3|pertama|kedua|ketiga)\b|"
    r"\b(?:dua|tiga|empat|lima|enam|2|3|4|5|6)\s+bulan\s+(?:pertama|terakhir|belakangan)\b|"
    r"\b(?:kurun waktu|dalam waktu|selama)\s+(?:[1-9]|10|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)\s+bulan\b|"
    r"\bprogram\s+100\s+hari\b", re.I)

#: A release about destroying seized drugs: its amounts are destroyed, not the year's seizures.
DESTRUCTION_LEAD = re.compile(r"\b(?:pemusnahan|memusnahkan|dimusnahkan|musnahkan)\b", re.I)
#: Words that say a destruction-event release also reports the year ("sepanjang tahun ini ... 18 kasus").
YEAR_REPORT = re.compile(r"capaian|kinerja|(?:sepanjang|selama)\s+(?:tahun\s+)?(?:\d{4}|ini)|rilis akhir tahun|"
                         r"refleksi|kaleidoskop", re.I)

#: How much of the text is searched for a partial period: the headline and the lead.
_HEAD = 700
_LEAD = 300


def judge(has_office: bool, text: str, has_indicator: bool, year: Optional[int]) -> tuple[bool, str]:
    """(relevant, reason): a BNN office, report wording, an indicator and a year are all needed."""
    if not has_office:
        return False, "no BNN office named"
    if not PERFORMANCE.search(text):
        return False, "no performance report over a year (capaian, kinerja, sepanjang/selama tahun, akhir tahun...)"
    partial = PARTIAL.search(text[:_HEAD])
    if partial:
        return False, f"reports part of a year ('{partial.group(0).strip()}')"
    if DESTRUCTION_LEAD.search(text[:_LEAD]) and not YEAR_REPORT.search(text[:_HEAD]):
        return False, "a destruction of seized drugs, not a yearly report"
    if not has_indicator:
        return False, "no indicator named"
    if year is None:
        return False, "no report year"
    return True, "performance report"
