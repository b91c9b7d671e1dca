"""Checks on a document's facts: range, multiple mentions, parts above their total.

Input: the candidate facts. Output: `Extraction.facts` and `Extraction.rejected`
(fact, reason). Nothing is silently dropped: every fact held back carries its reason.
"""
from __future__ import annotations

from dataclasses import replace

from ..catalog import load_catalog
from .model import Extraction, Fact, fact_key, PARTS_OF
from .resolve import drop_weak_totals, resolve_conflicts

def check_facts(facts: list[Fact], res: Extraction, foreign: frozenset = frozenset()) -> None:
    """Range, another agency's figure said again, multiple mentions, weak totals, parts above totals."""
    catalog = load_catalog()
    kept = []
    for f in facts:
        ind = catalog[f.indicator]
        if f.value != f.value:
            continue
        if (f.indicator, f.value) in foreign and f.value > 1:
            res.rejected.append((f, f"restates {f.value:g}, given elsewhere as another agency's figure"))
        elif not ind.in_range(f.value):
            res.rejected.append((f, f"value {f.value:g} outside {ind.code} range {ind.min}..{ind.max}"))
        else:
            kept.append(f)
    kept = resolve_conflicts(kept, res, catalog)
    kept = drop_weak_totals(kept, res)
    kept = _own_shares(kept, res)
    res.facts = _check_parts(kept, res)


def _own_shares(facts: list[Fact], res) -> list[Fact]:
    """"BNNP Papua 56 klien, BNNK Jayapura 26 klien, BNNK Mimika 14 klien" after "96 klien rawat jalan di
    Provinsi Papua": a split by office of a total stated elsewhere. The report office's own share is no
    fact of its own; the BNNKs' shares take the total's indicator when the split said only "melayani"."""
    if res.office is None:
        return facts
    own = res.office.office_id
    by_sentence: dict[tuple, list[Fact]] = {}
    for f in facts:
        by_sentence.setdefault((f.start, f.year, f.unit, f.breakdown), []).append(f)
    dropped, relabel = set(), {}
    for group in by_sentence.values():
        mine = [f for f in group if f.office_id == own]
        theirs = [f for f in group if f.office_id != own]
        if len(mine) != 1 or not theirs or len({f.indicator for f in group}) != 1:
            continue
        total = mine[0].value + sum(f.value for f in theirs)
        whole = next((t for t in facts if t.office_id == own and t.start != mine[0].start and t.year == mine[0].year
                      and t.unit == mine[0].unit and t.breakdown == mine[0].breakdown and t.value == total
                      and (t.indicator == mine[0].indicator or (mine[0]._weak and t.indicator in _SERVICES))), None)
        if whole is None:
            continue
        res.rejected.append((mine[0], f"the report office's own share of its total {total:g} with the BNNKs"))
        dropped.add(id(mine[0]))
        relabel.update({id(f): whole.indicator for f in theirs})
    return [replace(f, indicator=relabel.get(id(f), f.indicator)) for f in facts if id(f) not in dropped]


_SERVICES = ("rehab.rawat_jalan", "rehab.rawat_inap", "rehab.pasca")


def _check_parts(facts, res) -> list[Fact]:
    """A part above its total: one of the two is not what it seems. A total read from a weak verb
    ("melayani 56 klien") yields to a named service above it; otherwise the part is held back."""
    totals = {fact_key(f)[:3] + (f.unit,): f for f in facts if f.breakdown == ""}
    dropped: set[int] = set()
    for f in facts:
        total = _total_of(f, totals)
        if total is None or f.value <= total.value or load_catalog()[f.indicator].kind not in ("count", "mass"):
            continue
        if total._weak and not f._weak and not f.breakdown:
            res.rejected.append((total, f"a total read from a weak verb, below its named part {f.value:g}"))
            dropped.add(id(total))
        else:
            res.rejected.append((f, f"part {f.value:g} above its total {total.value:g}"))
            dropped.add(id(f))
    return [f for f in facts if id(f) not in dropped]


def _total_of(f: Fact, totals: dict):
    if f.breakdown:
        return totals.get((f.office_id, f.year, f.indicator, f.unit))
    if f.indicator in PARTS_OF:
        return totals.get((f.office_id, f.year, PARTS_OF[f.indicator], f.unit))
    return None
