"""Anchors and markers: where a sentence names an indicator or a breakdown value.

Input: the lower-cased text and the phrasebook hits of one sentence.
Output: `Anchor` spans (indicator code, weak or not) and `Marker` spans (breakdown
dimension and value), in text order. The phrasings themselves are data in
`warehouse.patterns`; the phrasebooks index them by literal prefix.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from .. import patterns as P
from ..phrasebook import on_lower, Phrasebook

ANCHORS = Phrasebook([(ind, None, pat.lower()) for ind, pat in P.ANCHORS]
                      + [(ind, need, pat.lower()) for ind, pat, need in P.CONTEXT_ANCHORS])


MARKERS = Phrasebook([(dim, value, pat.lower()) for dim, value, pat in P.BREAKDOWNS])


@dataclass
class Anchor:
    start: int
    end: int
    indicator: str
    weak: bool
    bound: bool = False
    inherited: bool = False
    parts_only: bool = False  # inherited by the sentence after a total: binds only its parts
    peers: tuple = ()  # the indicators bound in the sentence it comes from, in order


@dataclass
class Marker:
    start: int
    end: int
    dim: str
    value: str
    strong: bool


def find_anchors(text: str, hits, s: int, e: int, context: tuple[int, int]) -> list[Anchor]:
    out: list[Anchor] = []
    verbs = []  # contextual verbs ("melayani"): used only in a sentence with no named indicator
    for m0, m1, (ind, verb_need, _) in hits:
        need = verb_need or P.REQUIRES.get(ind)
        if need and not (need.search(text, s, e) or need.search(text, *context)):
            continue
        a0 = m0 + len(text[m0:m1]) - len(text[m0:m1].lstrip())
        if out and out[-1].start <= a0 and m1 <= out[-1].end:
            continue  # inside a longer phrasing: "rehabilitasi" within "pasca rehabilitasi"
        if out and out[-1].indicator == ind and len(text[out[-1].end:a0].strip(" ()")) == 0:
            out[-1].end = m1
            if verb_need is None:  # "dirujuk rawat inap": the verb now names its service outright
                verbs = [v for v in verbs if v is not out[-1]]
            continue
        if out and out[-1].weak and ind.startswith("rehab.") and _HOW.fullmatch(text, out[-1].end, a0):
            out.pop()  # "menjalani rehabilitasi (secara) rawat jalan": the named service wins
        out.append(Anchor(a0, m1, ind, bool(P.WEAK.match(text[a0:m1]))))
        if verb_need is not None:
            verbs.append(out[-1])
    if verbs and len(verbs) < len(out):
        out = [a for a in out if not any(a is v for v in verbs)]
    return _same_service(text, out)


_SERVICES = ("rehab.rawat_jalan", "rehab.rawat_inap")
_HOW = re.compile(r"\s{0,3}(?:(?:secara|dengan|melalui|berupa|yaitu|dalam bentuk)\s+)?")


def _same_service(text: str, anchors: list[Anchor]) -> list[Anchor]:
    """"klien rawat jalan ... telah memberikan layanan rehabilitasi kepada 200 klien": a generic rehab
    verb after a named service, with no number between, speaks of that service."""
    for prev, a in zip(anchors, anchors[1:]):
        if a.indicator == "rehab.layanan" and a.weak and prev.indicator in _SERVICES and \
                not any(ch.isdigit() for ch in text[prev.end:a.start]):
            a.indicator = prev.indicator
    return anchors


def find_markers(text: str, hits, anchors: list[Anchor]) -> list[Marker]:
    out = []
    for m0, m1, (dim, value, _) in hits:
        if dim != "narkotika" and any(a.start <= m0 < a.end for a in anchors):
            continue
        out.append(Marker(m0, m1, dim, value, P.is_strong_marker(text[m0:m1], dim)))
    return out


@lru_cache(maxsize=64)
def fast(rx: re.Pattern) -> re.Pattern:
    return on_lower(rx)
