"""Breakdowns: which breakdown marker governs a quantity ("860 siswa", "sabu 1,2 kg").

Input: a `Sentence` and one of its quantities. Output: the governing `Marker` and
whether it sits right beside the number; `breakdown_of` turns that into the fact's
breakdown value ('' for a total), or None when the number is a part of something
the indicator does not break down.
"""
from __future__ import annotations

import re
from typing import Optional
from .. import patterns as P
from ..catalog import Indicator
from .anchors import Marker
from .quantities import LAST_OF_LIST, MASS, Qty
from .sentences import CLAUSE_BREAK, Sentence

#: A list's separator between a drug and the next number: that drug ends the item before.
_LIST_GAP = re.compile(r"[,;]")

_TOTAL_WORD = re.compile(r"\b(?:total|seluruhnya|keseluruhan|jumlah keseluruhan)\b", re.I)


def filler(text: str, a: int, b: int) -> bool:
    return b - a <= 40 and bool(P.FILLER.match(text[a:b]))


def marker_for(sent: Sentence, q: Qty) -> Optional[Marker]:
    return marker_info(sent, q)[0]


def marker_info(sent: Sentence, q: Qty) -> tuple[Optional[Marker], bool]:
    """The breakdown marker that governs q, and whether it sits right beside it."""
    if q.marker is None:
        q.marker = _find_marker(sent, q)
    return q.marker


def _find_marker(sent: Sentence, q: Qty) -> tuple[Optional[Marker], bool]:
    text, mks = sent.text, sent.markers
    post = _post_marker(sent, q)
    if post:
        return post, True
    pre = [mk for mk in mks if mk.end <= q.start and filler(text, mk.end, q.start) and not _claimed(sent, mk, q)
           and not _unit_of_other(sent, mk, q)]
    drug = _drug_after(sent, q)
    if pre and not (drug and _LIST_GAP.search(text, pre[-1].end, q.start)):
        return (None, False) if _mixed(sent, pre[-1], before=True) else (pre[-1], True)
    if drug:
        return drug, True  # "..., 50 butir pil ekstasi, 466 gram ganja": ganja, not the ekstasi before the comma
    for mk in mks:
        if mk.dim == "jenis_kelamin" and q.unit_end <= mk.start <= q.unit_end + 20 \
                and _GENDER_GAP.fullmatch(sent.low, q.unit_end, mk.start):
            return mk, True
    held = None
    for mk in mks:
        if mk.end <= q.start and (mk.strong or mk.dim == "narkotika") and not _claimed(sent, mk, q):
            held = mk
    if held and (_TOTAL_WORD.search(text, held.end, q.start) and not _only_drug(sent, held) or _mixed(sent, held)):
        return None, False  # "lingkungan ... total 500": a total; but "sabu dengan total berat 12 gram" is sabu
    if held and held.dim == "narkotika" and any(held.end <= o.start < q.start and o.unit_class in (MASS + (None,))
                                                for o in sent.qtys):
        return None, False
    if held and held.dim == "lingkungan" and _describes_earlier(sent, held, q):
        return None, False
    return held, False


def _describes_earlier(sent: Sentence, mk: Marker, q: Qty) -> bool:
    """"845 orang menjalani tes urine, terutama pegawai pemerintah dan sopir, dan 6 orang positif": a group
    named without a number of its own, after an earlier figure and a clause break, describes that figure."""
    if not any(o.unit_end <= mk.start for o in sent.qtys if o is not q):
        return False
    if any(mk.end <= o.start < q.start for o in sent.qtys):
        return False
    return bool(CLAUSE_BREAK.search(sent.text, mk.end, q.start))


def _only_drug(sent: Sentence, mk: Marker) -> bool:
    """The drug the total is of: not one of a list of drugs ("sabu, ganja dan ekstasi dengan total ...")."""
    if mk.dim != "narkotika":
        return False
    for o in sent.markers:
        if o is mk or o.dim != "narkotika":
            continue
        a, b = (o.end, mk.start) if o.end <= mk.start else (mk.end, o.start)
        if 0 <= b - a <= 25 and _JOINED.fullmatch(sent.text, a, b):
            return False
    return True


#: Between a number and its gender: "12 laki-laki", "12 orang berjenis kelamin laki-laki".
_GENDER_GAP = re.compile(r"\s{0,2}(?:(?:ber)?jenis kelamin\s|berkelamin\s)?")


_GROUP_UNITS = frozenset({"pemerintah", "pendidikan", "swasta"})


_MIXED_AFTER = re.compile(r",|\b(?:dan|serta|maupun)\b", re.I)


_DESCRIBED = re.compile(r"\b(?:yang|semuanya|seluruhnya|adalah|ialah)\b", re.I)
_JOINED = re.compile(r"\s*(?:,\s*(?:dan|serta)?|dan|serta|maupun|hingga|sampai|&|/)\s*"
                     r"(?:(?:lingkungan|kalangan)\s+\w+\s*(?:,\s*(?:dan|serta)?|dan|serta)\s*)?"  # "lingkungan kerja dan"
                     r"(?:(?:di )?(?:lingkungan|kalangan|instansi|institusi)\s+)?", re.I)


def _mixed(sent: Sentence, mk: Marker, before: bool = False) -> bool:
    """"lingkungan pendidikan dan masyarakat": several groups together make a total, not a part."""
    if mk.dim != "lingkungan":
        return False
    for other in sent.markers:
        if other is mk or other.dim != mk.dim or other.value == mk.value:
            continue
        a, b = (mk.end, other.start) if other.start >= mk.end else (other.end, mk.start)
        if 0 <= b - a <= 25 and _JOINED.fullmatch(sent.text, a, b):
            return True
        if 0 <= b - a <= 80 and _SERIES.fullmatch(sent.text, a, b) and not any(
                a <= q.start < b or q.unit_start <= other.start < q.unit_end for q in sent.qtys):
            return True  # "ke sekolah, komunitas, instansi swasta dan instansi pemerintahan": a list of places
    return False


#: The items between two groups of a list: "komunitas, instansi sawasta dan dan".
_SERIES = re.compile(r"\s*(?:,|\bdan\b|\bserta\b)\s*(?:[a-z]+\s+){1,2}(?:(?:,|\bdan\b|\bserta\b)\s*(?:[a-z]+\s+){0,2})+",
                     re.I)


def _post_marker(sent: Sentence, q: Qty) -> Optional[Marker]:
    """A lingkungan marker after the number: "860 siswa", "7 orang dari kalangan swasta"."""
    text, mks = sent.text, sent.markers
    if q.unit_class == "noun":
        return None
    after = q.unit_end
    for a in sent.anchors:  # "40 penggiat anti narkoba dari lingkungan masyarakat"
        if a.start <= q.unit_end + 1 and a.start >= q.end and a.end > after:
            after = a.end
    for i, mk in enumerate(mks):
        if mk.dim == "narkotika":
            continue
        if q.unit_start <= mk.start < q.unit_end and q.unit_word:
            # "860 siswa"; "warga" is everyone, unless it names one part of a list
            return mk if mk.value in _GROUP_UNITS or _in_parts_list(sent, q) or _ends_parts(sent, q) else None
        if mk.start >= after:
            gap = P.POST_MARKER_GAP.fullmatch(text, after, mk.start)
            if not gap or (mk.dim != "jenis_kelamin" and _DESCRIBED.search(gap.group(0))):
                return None  # "8.809 orang yang berasal dari kalangan pelajar": who the total were, not a part
            nxt = mks[i + 1] if i + 1 < len(mks) else None
            if nxt and nxt.dim == mk.dim and nxt.value != mk.value and nxt.start - mk.end <= 25 \
                    and _MIXED_AFTER.search(text, mk.end, nxt.start) \
                    and not any(mk.end <= o.start < nxt.start for o in sent.qtys):
                return None  # "dari sekolah, kantor dan perusahaan": a mixed total
            return mk
    return None


PARTS_INTRO = re.compile(r"\b(?:terdiri (?:atas|dari)|rinciannya|di ?antaranya|meliputi|masing-masing|yakni|yaitu|antara lain)\b", re.I)


def _in_parts_list(sent: Sentence, q: Qty) -> bool:
    """"7.650 orang, terdiri atas 4.020 pelajar dan 3.630 warga": q follows a total and a word listing its parts."""
    intro = PARTS_INTRO.search(sent.text, sent.s, q.start)
    return bool(intro) and any(o.end <= intro.start() for o in sent.qtys)


def _unit_of_other(sent: Sentence, mk: Marker, q: Qty) -> bool:
    """"200 siswa, 95 pegawai": siswa is the earlier number's group, not the next one's."""
    return mk.dim == "lingkungan" and any(
        o is not q and o.unit_word and o.unit_start <= mk.start < o.unit_end for o in sent.qtys)


def _ends_parts(sent: Sentence, q: Qty) -> bool:
    """"210 pelajar, 130 ASN, dan 11 warga masyarakat": the last of a list of groups is a group too."""
    if not LAST_OF_LIST.search(sent.text, max(sent.s, q.start - 8), q.start):
        return False
    return any(o.unit_word and o.end <= q.start and any(
        mk.dim == "lingkungan" and mk.value in _GROUP_UNITS and o.unit_start <= mk.start < o.unit_end + 12
        for mk in sent.markers) for o in sent.qtys)


def _claimed(sent: Sentence, mk: Marker, q: Qty) -> bool:
    """"58,7 kg sabu, 12.450 butir ekstasi": sabu is the earlier number's drug, not the next one's."""
    return mk.dim == "narkotika" and any(
        o is not q and o.unit_end <= mk.start <= o.unit_end + 30 and _drug_after(sent, o) is mk for o in sent.qtys)


#: The same amount in another unit before the drug: "5.899 gram atau 5,9 kilogram, sabu", "995,97 gram
#: atau sekitar 0,99 kg ganja", "2.100,14 gram (2,1 kilogram) sabu".
_RESTATED = re.compile(r"\s*(?:\(\s*(?:(?:atau|alias|sekitar|kurang lebih|±)\s*)*|(?:atau|alias|/)\s+(?:(?:sekitar|kurang lebih|kira-kira|±)\s*)?)"
                       r"\d[\d.,]*\s*(?:gram|gr|g|kilogram|kg|ons|ton)\b\s*\)?\s*,?", re.I)


def _drug_after(sent: Sentence, q: Qty) -> Optional[Marker]:
    if q.unit_class not in MASS:
        return None
    after = q.unit_end
    again = _RESTATED.match(sent.text, after) if q.unit_class != "butir" else None
    if again:
        after = again.end()
    for mk in sent.markers:
        if mk.dim == "narkotika" and after <= mk.start <= after + 30:
            if not re.search(r"[,;.\d]|\b(?:dan|serta)\b", sent.text[after:mk.start]):
                return mk
    return None


_SEEDS = re.compile(r"\b(?:bibit|biji|benih)\s+$", re.I)


def breakdown_of(sent: Sentence, q: Qty, ind: Indicator) -> Optional[str]:
    """The breakdown value q is a part of ('' for a total), or None when q is no fact of ind."""
    mk, beside = marker_info(sent, q)
    breakdown = ""
    if ind.kind == "mass" and q.kind == "zero" and not beside:
        return None  # "dua kasus tidak ada barang bukti": no drug said to be nil
    if mk is not None:
        if mk.value == "obat_keras":
            return None
        if mk.dim == "narkotika" and _SEEDS.search(sent.text, max(sent.s, mk.start - 12), mk.start):
            return None  # "657 batang bibit ganja", "biji ganja 53 gram": seeds and seedlings, not the drug
        if mk.dim == ind.breakdown:
            breakdown = mk.value
        elif beside and (mk.dim != "narkotika" or ind.kind == "mass") and _states_part(sent, q, mk):
            return None  # a part ("pelajar 1 orang", "7 di antaranya laki-laki") of an indicator without it
    if ind.kind == "mass" and not breakdown and (
            _marker_named(sent, "obat_keras") or not _TOTAL_WORD.search(sent.text, max(sent.s, q.start - 60), q.start)):
        return None  # a mass of no named drug is a fact only as the stated total of all seizures
    return breakdown


def _states_part(sent: Sentence, q: Qty, mk: Marker) -> bool:
    """A marker before the number, or after it with "di antaranya", names a part; "1 kelompok
    masyarakat" and "12 agen dari unsur masyarakat" only describe."""
    if mk.start < q.start or mk.dim == "jenis_kelamin":
        return True
    return "antaranya" in sent.text[q.unit_end:mk.start].lower()


def _marker_named(sent, value):
    return any(mk.value == value for mk in sent.markers)
