"""The indicator catalog: `dbt_project/seeds/indicators.csv`, the project's single copy.

    >>> load_catalog()["p2m.dektara"].max
    100.0
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

CATALOG_CSV = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "indicators.csv"


@dataclass(frozen=True)
class Indicator:
    """One catalog row: what an indicator counts, its unit, range and breakdown dimension."""

    code: str
    category: str
    name_id: str
    unit: str
    kind: str  # count | index | percent | mass | currency
    min: Optional[float]
    max: Optional[float]
    breakdown: str  # '' | lingkungan | narkotika | jenis_kelamin

    def in_range(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


def _num(s: str) -> Optional[float]:
    return float(s) if s not in ("", None) else None


@lru_cache(maxsize=4)
def load_catalog(path: Optional[str] = None) -> dict[str, Indicator]:
    """Indicators by code, read from the dbt seed."""
    with open(path or CATALOG_CSV, newline="", encoding="utf-8") as f:
        return {
            r["code"]: Indicator(r["code"], r["category"], r["name_id"], r["unit"], r["kind"],
                                 _num(r["min"]), _num(r["max"]), r["breakdown"] or "")
            for r in csv.DictReader(f)
        }
