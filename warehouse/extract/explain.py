"""Explain an extraction: the office and year with why, then what became of every number.

    >>> print(explain("BNNK Belitung sepanjang tahun 2021 melayani 12 klien rehabilitasi."))

Input: the same arguments as `extract_document`. Output: plain text for a person
auditing a number: each sentence that holds a number, and under it each number
with what it became (indicator, breakdown, office, year, target) or why it gave no
fact (not an indicator, another agency's figure, a single case, a target, a part
of a larger total, another year, out of range, a restatement...).
"""
from __future__ import annotations

from typing import Optional

from ..phrasebook import lower
from .document import extract_document
from .model import Extraction, Fact, Published
from .quantities import find_quantities, number_spans
from .sentences import normalise, split_sentences

_WIDTH = 110


def explain(text: str, title: Optional[str] = None, published: Published = None,
            url: Optional[str] = None) -> str:
    """The office, the year and the fate of every number of a document, as text."""
    res = extract_document(text, title=title, published=published, url=url)
    text = normalise(text or "")
    lines = _header(res)
    if res.relevant and res.office is not None:
        lines += _numbers(text, res)
    return "\n".join(lines)


def _header(res: Extraction) -> list[str]:
    office = res.office.name if res.office else "(none)"
    return [
        f"relevant: {'yes' if res.relevant else 'no'} ({res.reason})",
        f"office:   {office}" + (f"  <- {res.office_why}" if res.office_why else ""),
        f"year:     {res.year}" + (f"  <- {res.year_why}" if res.year_why else ""),
        f"facts:    {len(res.facts)} kept, {len(res.rejected)} held back",
        "",
    ]


def _numbers(text: str, res: Extraction) -> list[str]:
    kept = {f.pos: f for f in res.facts}
    held = {f.pos: (f, why) for f, why in res.rejected}
    low, lines = lower(text), []
    for s, e in split_sentences(text):
        spans = list(number_spans(text, low, s, e))
        if not spans:
            continue
        lines.append("» " + _clip(text[s:e]))
        skipped: dict[int, str] = {}
        find_quantities(text, low, s, e, skipped)  # what the numbers of a sentence not read further are
        for a, b in spans:
            lines.append(f"    {text[a:b].strip():>14}  {_fate(a, kept, held, {**skipped, **res.notes})}")
    return lines


def _fate(pos: int, kept: dict, held: dict, notes: dict) -> str:
    if pos in kept:
        return "FACT " + _describe(kept[pos])
    if pos in held:
        fact, why = held[pos]
        return f"held back: {why} ({_describe(fact)})"
    return "no fact: " + notes.get(pos, "the sentence names no indicator")


def _describe(f: Fact) -> str:
    part = f"[{f.breakdown}]" if f.breakdown else ""
    target = f", target {f.target:g}" if f.target is not None else ""
    return f"{f.indicator}{part} = {f.value:g} {f.unit}{target}; {f.office_name}, {f.year}"


def _clip(sentence: str) -> str:
    one = " ".join(sentence.split())
    return one if len(one) <= _WIDTH else one[:_WIDTH - 1] + "…"
