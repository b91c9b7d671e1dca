"""The records the extractor hands out: `Fact` (one number), `Extraction` (one document).

Also the few relations between indicators that several stages need (`PARTS_OF`) and
the key under which two facts state the same thing (`fact_key`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Optional, Union
from ..offices import Office


@dataclass
class Fact:
    """One number an office reported for one year about one indicator."""

    office_name: Optional[str]
    office_level: Optional[str]
    office_code: Optional[str]
    office_id: Optional[str]
    year: Optional[int]
    indicator: str
    breakdown: str
    unit: str
    value: float
    target: Optional[float]
    value_text: str
    evidence: str
    start: int
    end: int
    _weak: bool = field(default=False, repr=False, compare=False)
    pos: int = field(default=-1, repr=False, compare=False)  # where the number stands in the text
    cues: frozenset = field(default=frozenset(), repr=False, compare=False)  # its role's cues (resolve)
    unit_word: str = field(default="", repr=False, compare=False)  # as written: "orang", "klien"

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("_weak", None)
        d.pop("pos", None)
        d.pop("cues", None)
        d.pop("unit_word", None)
        return d


@dataclass
class Extraction:
    """What one document yields: relevance, its own office and year, facts and rejects."""

    relevant: bool
    reason: str
    office: Optional[Office] = None
    year: Optional[int] = None
    facts: list[Fact] = field(default_factory=list)
    rejected: list[tuple[Fact, str]] = field(default_factory=list)
    #: Why the office and the year are what they are (for `warehouse explain`).
    office_why: str = ""
    year_why: str = ""
    #: For numbers that gave no fact: position in the text -> why not.
    notes: dict[int, str] = field(default_factory=dict)


Published = Optional[Union[date, datetime]]


def fact_key(f: Fact):
    return (f.office_id, f.year, f.indicator, f.breakdown, f.unit)


PARTS_OF = {"rehab.rawat_jalan": "rehab.layanan", "rehab.rawat_inap": "rehab.layanan",
             "p2m.tes_urine_positif": "p2m.tes_urine"}
