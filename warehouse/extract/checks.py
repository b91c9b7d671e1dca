"""Checks on a document's facts: range, multiple mentions, parts above their total.

Input: the candidate facts. Output: `Extraction.facts` and `Extraction.rejected`
(fact, reason). Nothing is silently dropped: every fact held back carries its reason.
"""
from __future__ import annotations

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
    res.facts = _check_parts(kept, res)


def _check_parts(facts, res) -> list[Fact]:
    totals = {fact_key(f)[:3] + (f.unit,): f.value for f in facts if f.breakdown == ""}
    out = []
    for f in facts:
        total = None
        if f.breakdown:
            total = totals.get((f.office_id, f.year, f.indicator, f.unit))
        elif f.indicator in PARTS_OF:
            total = totals.get((f.office_id, f.year, PARTS_OF[f.indicator], f.unit))
        if total is not None and f.value > total and load_catalog()[f.indicator].kind in ("count", "mass"):
            res.rejected.append((f, f"part {f.value:g} above its total {total:g}"))
        else:
            out.append(f)
    return out
