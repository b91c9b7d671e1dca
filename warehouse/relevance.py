"""Is a document a BNN office's yearly performance report? One verdict with a reason.

    >>> judge(has_office=True, text="... capaian kinerja sepanjang 2024 ...", has_indicator=True, year=2024)
    (True, 'performance report')
"""
from __future__ import annotations

import re
from typing import Optional

#: Wording of a yearly report (the title counts too).
PERFORMANCE = re.compile(
    r"capaian|kinerja|pencapaian|sepanjang (?:tahun )?\d{4}|selama (?:tahun )?\d{4}|akhir tahun|"
    r"refleksi|press release|rilis|laporan tahunan", re.I)


def judge(has_office: bool, text: str, has_indicator: bool, year: Optional[int]) -> tuple[bool, str]:
    """(relevant, reason): a BNN office, report wording, an indicator and a year are all needed."""
    if not has_office:
        return False, "no BNN office named"
    if not PERFORMANCE.search(text):
        return False, "no performance report wording (capaian/kinerja)"
    if not has_indicator:
        return False, "no indicator named"
    if year is None:
        return False, "no report year"
    return True, "performance report"
