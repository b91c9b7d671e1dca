"""Quantities: the numbers of a sentence, each with its unit and what it counts.

Input: a sentence span of the text. Output: `Qty` records (value, token, unit word,
unit class such as orang/kasus/gram, kind digits/words/zero/garbled). Numbers that
are not figures (dates, years, ages, article numbers, phone numbers, staff counts)
are left out here, so later stages never see them. `convert` turns a quantity into
the indicator's unit (kilogram to gram).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional
from .. import patterns as P
from ..catalog import Indicator
from ..numbers import NUMBER, NUMBER_WORDS, parse_number, SCALES, words_to_number
from ..phrasebook import on_lower
from .anchors import ANCHORS, MARKERS

LIST_NUMBER = re.compile(r"(?:^|\n)[ \t]*\(?\d{1,2}$")


_QUANTITY_RX = re.compile(
    rf"(?P<rp>\bRp\.?\s*)?(?P<num>{NUMBER.pattern})|(?P<words>{NUMBER_WORDS.pattern})|(?P<zero>{P.ZERO_WORDS.pattern})"
    r"|(?P<one>\bseorang)(?=\s+(?:wanita|perempuan|pria|laki-laki|lelaki)\b)",
    re.IGNORECASE)


#: Where a quantity may start: a digit, "Rp", a number word or a word for zero.
_QTY_TRIGGER = on_lower(re.compile(r"(?<!\d)\d|\b(?:rp|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|"
                                   r"sepuluh|sebelas|seratus|seribu|sejuta|tidak|nihil|belum|seorang)"))


#: The word after a number: "10.490,56-gram", 'dua "Desa Bersinar"', "138 mantan penyalahguna" too.
_WORD_AFTER = re.compile(r"[ \t]*[-\"“‘']?(?:(?:mantan|eks)[ \t]+)?(%|[A-Za-z][A-Za-z/]*)", re.I)


@dataclass
class Qty:
    start: int
    end: int  # end of the number (and scale word)
    unit_end: int  # end of the unit word, or `end`
    unit_start: int
    value: float
    token: str
    unit_class: Optional[str]
    unit_word: str
    kind: str  # digits | words | zero
    echo: Optional[Qty] = None  # the figure this one repeats for another year ("tahun 2019 sebesar ...")
    made: Optional[object] = None  # the fact made of it, if any
    is_target: bool = False
    before_target: bool = False
    marker: Optional[tuple] = None  # (marker, beside), worked out once by marker_info


@lru_cache(maxsize=4096)
def _unit_class(word: str) -> Optional[str]:
    w = word.lower()
    if w in P.UNIT_OF:
        return P.UNIT_OF[w]
    if len(w) >= 4:
        for cand, cls in P.UNIT_OF.items():
            if len(cand) >= 5 and (cand.startswith(w) or (len(w) >= 6 and _one_edit(w, cand))):
                return cls
    return None


def _cut_unit(text: str, wm: re.Match) -> Optional[str]:
    """The unit of a word the stored page cut off at its very end ("450 or" for orang)."""
    w = wm.group(1).lower()
    if len(text) - wm.end() > 40 or text[wm.end():].strip() or len(w) < 2:  # only the text's very end
        return None
    found = {cls for cand, cls in P.UNIT_OF.items() if cand.startswith(w)}
    return found.pop() if len(found) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    """True when a is b with one letter missing, extra or changed (typos like "kelurga")."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:] if len(a) < len(b) else a[i + 1:] == b[i:]


class Skip(str):
    """Why a number is not a figure ("a date", "a year"): kept for `warehouse explain`."""


def find_quantities(text: str, low: str, s: int, e: int, skipped: Optional[dict] = None) -> list[Qty]:
    """The figures of text[s:e] in order; numbers that are not figures go to `skipped` with the reason."""
    out: list[Qty] = []
    last = s
    for t in _QTY_TRIGGER.finditer(low, s, e):
        if t.start() < last:
            continue
        m = _QUANTITY_RX.match(text, t.start(), e)
        if m is None:
            continue
        last = m.end()
        if out and m.start() < out[-1].end:
            continue  # read through already ("4128, 57 gram")
        if m.group("one"):
            if out and LAST_OF_LIST.search(text, max(s, m.start() - 12), m.start()):  # "13 pria dan seorang wanita"
                out.append(Qty(m.start(), m.end(), m.end(), m.end(), 1.0, m.group(0), "orang", "", "words"))
            continue
        if m.group("words") and out and _PAREN_AFTER.match(text, out[-1].end) and text[m.start() - 1:m.start()] == "(":
            continue  # "12 (dua belas)": the words restate the digits
        if m.group("words") and low[max(s, m.start() - 6):m.start()] == "salah ":
            continue  # "salah satu": one of them, not a count
        q = _quantity(text, low, m, s, e)
        if isinstance(q, Qty) and out and _kilos_then_grams(text, out[-1], q):
            prev = out.pop()  # "4 kilo 747,670 gram": one mass written in two units
            q = Qty(prev.start, q.end, q.unit_end, q.unit_start, prev.value * 1000 + q.value,
                    text[prev.start:q.end], "gram", q.unit_word, "digits")
        if isinstance(q, Qty) and out and _restated(text, out[-1], q):
            if skipped is not None:
                skipped[q.start] = Skip("the figure before it, restated in another unit")
            continue
        if isinstance(q, Skip):
            if skipped is not None:
                skipped[m.start()] = q
        elif q is not None:
            out.append(q)
    return out


_RESTATED = re.compile(r"\s*(?:\(|,?\s*atau\s+(?:sekitar\s+|setara\s+(?:dengan\s+)?)?|\(\s*(?:sekitar|setara)\s+)\s*$", re.I)
_MASS_CLASSES = ("gram", "kilogram", "ons", "ton", "miligram")


def _kilos_then_grams(text: str, prev: Qty, q: Qty) -> bool:
    return prev.unit_class == "kilogram" and q.unit_class == "gram" and prev.value == int(prev.value) \
        and q.value < 1000 and not text[prev.unit_end:q.start].strip()


def _restated(text: str, prev: Qty, q: Qty) -> bool:
    """q gives prev's mass again in another unit, in brackets or after "atau"."""
    return prev.unit_class in _MASS_CLASSES and q.unit_class in _MASS_CLASSES and prev.unit_class != q.unit_class \
        and bool(_RESTATED.fullmatch(text, prev.unit_end, q.start))


def number_spans(text: str, low: str, s: int, e: int):
    """(start, end) of every number-like token of text[s:e], figure or not (for `warehouse explain`)."""
    last = s
    for t in _QTY_TRIGGER.finditer(low, s, e):
        if t.start() < last:
            continue
        m = _QUANTITY_RX.match(text, t.start(), e)
        if m is not None and not m.group("one"):
            last = m.end()
            yield m.start(), m.end()


_PAREN_AFTER = re.compile(r"[ \t]*\([^()\n]{1,30}\)")


LAST_OF_LIST = re.compile(r"(?:,|\bdan|\bserta)\s*$", re.I)


def _quantity(text: str, low: str, m: re.Match, s: int, e: int) -> Qty | Skip | None:
    """One number with its unit word, or the reason it is not a figure (a date, a year, an age...)."""
    start, end = m.start(), m.end()
    if m.group("zero"):
        return _zero(text, low, m)
    before = text[max(s, start - 1):start]
    if before and (before.isalpha() or before in "/-") and not m.group("rp") \
            and not _GLUED_INTRO.search(low, max(s, start - 9), start):  # "sebanyak22 orang" is 22
        return Skip("a date" if before == "/" else "a range or code" if before == "-" else "part of a word or code")
    if m.group("num"):
        read = _read_digits(text, low, m, s)
        if isinstance(read, (Skip, Qty)):
            return read
        token, end, value = read
    else:
        token, value = m.group("words"), words_to_number(m.group("words"))
        if value is None:
            return None
        if _NOT_EVEN_ONE.search(low, max(s, start - 14), start) and _PUN.match(low, end, end + 30):
            return Skip("'tidak ada satu ... pun': a figure of speech, not a count")
    if _not_figure(low, end):
        return Skip("a date, duration, place or score, not a count")
    if _STAFF_AFTER.match(low, end, end + 40):
        return Skip("staff, counsellors or volunteers: no indicator")
    return _with_unit(text, low, m, e, start, end, token, value)


def _zero(text: str, low: str, m: re.Match) -> Optional[Qty]:
    """"tidak ada" / "nihil" as a zero, unless a noun follows ("tidak ada anggaran")."""
    end = m.end()
    nxt = _ZERO_NEXT.match(text[end:end + 30])
    subject = ""
    if nxt and nxt.group(1).lower() not in _ZERO_FOLLOW and not ANCHORS.match_at(low, end + nxt.start(1)):
        if not _unit_class(nxt.group(1)):
            return Skip(f"'tidak ada {nxt.group(1)}': says nothing of an indicator")
        subject = nxt.group(1)  # "tidak ada peserta yang positif": zero only for the anchor that follows
    return Qty(m.start(), end, end, end, 0.0, m.group(0), None, subject, "zero")


_GLUED_INTRO = re.compile(r"\b(?:sebanyak|sejumlah|berjumlah|mencapai|total)$")
_NOT_EVEN_ONE = re.compile(r"\b(?:tidak|tak|belum|bukan)\s+(?:ada\s+)?$")
_PUN = re.compile(r"\s+(?:[a-z]+\s+){0,2}pun\b")


_ZERO_NEXT = re.compile(r"\s*(?:yang\s+)?([A-Za-z]+)")


_GLUED_UNIT = re.compile(r"(?:gr|g|kg|gram|jt|rb|persen)\b")  # "5gr", "2jt", "99,97persen" (on lower case)


_ROW_START = re.compile(r"[.)]?\s+[A-Z]")


_STRAY = re.compile(r",[ ](\d{1,3})(?=\s*(?:gram|gr|kg|kilogram|ons|persen|%)(?:\b|\s|$))")
_STRAY_GROUP = re.compile(r"\.[ ](\d{3})(?![\d.,])")


_GLUED_WORD = re.compile(r"[a-z]+")


def _glued_word(low: str, end: int) -> bool:
    """"11orang": a unit word written against its number."""
    m = _GLUED_WORD.match(low, end)
    return bool(m) and m.group(0) in P.UNIT_OF and len(m.group(0)) >= 4


def _read_digits(text: str, low: str, m: re.Match, s: int):
    """(token, end, value) of a digit number; a Skip if it is not a figure; a garbled Qty if unreadable."""
    start, end, token = m.start(), m.end(), m.group("num")
    nxt = text[end:end + 1]
    if nxt.isalpha() and not _GLUED_UNIT.match(low, end, end + 8) and not _glued_word(low, end):
        return Skip("part of a word or code")  # "P4GN", "2x"
    if nxt == "/" or text[start - 1:start] == "/":
        return Skip("a date")
    if (nxt == "-" and text[end + 1:end + 2].isdigit()) or (token[:1] == "0" and len(token) >= 4
                                                             and token[1:2] not in ",."):
        return Skip("a phone number or code")
    if text[start - 1:start] == "(" and nxt == ")":
        return Skip("an age or note in brackets")  # "(29)"
    if _NOT_A_FIGURE_BEFORE.search(low, max(s, start - 16), start):
        return Skip("a scale, article number or date")  # "dari skala 4", "Januari: 3 kasus"
    if _ROW_START.match(text, end, end + 3) and LIST_NUMBER.search(text[max(s, start - 6):end]):
        return Skip("a list or table row number")  # "1. Pendampingan ...", "2 Jumlah tersangka ..."
    stray = _STRAY.match(low, end, end + 12) if nxt == "," else None
    if stray and "," not in token:
        token, end = token + "," + stray.group(1), end + len(stray.group(0))  # "9069, 83 gram"
    group = _STRAY_GROUP.match(text, end, end + 6) if nxt == "." and "." in token else None
    if group:
        token, end = token + "." + group.group(1), group.end()  # "1.541. 865 netizen"
    value = parse_number(token, max_value=float("inf"))
    if value is None:
        return Qty(start, end, end, end, float("nan"), token, None, "", "garbled")
    return token, end, value


def _with_unit(text, low, m, e, start, end, token, value) -> Qty | Skip:
    """Read the scale word and unit word after a number; classify what it counts."""
    paren = _PAREN_AFTER.match(text, end, e)
    wm = _WORD_AFTER.match(text, paren.end() if paren else end, e)
    unit_word, unit_end, unit_start = "", end, end
    if m.group("rp") and wm and wm.group(1) in _RUPIAH_SCALES:
        value *= _RUPIAH_SCALES[wm.group(1)]  # "Rp1 M", "Rp 2,5 T"
        end = wm.end()
        wm = _WORD_AFTER.match(text, end, e)
    scaled = bool(wm and wm.group(1).lower() in SCALES)
    if scaled:
        value *= SCALES[wm.group(1).lower()]
        end = wm.end()
        wm = _WORD_AFTER.match(text, end, e)
    cls = None
    if wm:
        cls = _unit_class(wm.group(1)) or _cut_unit(text, wm)
        if cls:
            unit_word, unit_end, unit_start = wm.group(1), wm.end(), wm.start(1)
            if cls == "orang" and _STAFF_AFTER.match(low, unit_end, unit_end + 40):
                return Skip("staff, counsellors or volunteers: no indicator")
        elif wm.group(1).lower() in _INSTITUTIONS or (
                wm.group(1).isalpha() and _after_noun(low, wm.start(1), wm.group(1))):
            cls = "noun"  # "Pasal 114 ayat", "12 OPD": a number of something no indicator counts
    if cls is None and not m.group("rp"):
        label = _LABEL_BEFORE.search(low, max(0, start - 30), start)
        if label:  # "jumlah peserta sebanyak 10.537", "tersangka sebanyak 22": the unit named before the count
            cls = _unit_class(label.group(1))
    if cls in _WHOLE_COUNTS and not scaled and _ENGLISH_THOUSANDS.fullmatch(token):
        value = float(token.replace(",", ""))  # "14,200 orang": no one counts 14.2 people
    if cls == "kali" and _VIEWED.search(low, max(0, start - 30), start):
        cls = "noun"  # "ditonton 120.500 kali": views, not events
    if m.group("rp"):
        cls = "rupiah"
    if m.group("words") and cls is None:
        cls = "orang" if wm and _is_gender(low, wm.start(1)) else "bare_words"  # "delapan laki-laki"
    if m.group("num") and "." not in token and "," not in token and 1990 <= value <= 2035 and (
            cls in (None, "noun") or _YEAR_INTRO.search(low, max(0, start - 14), start)
            or not P.COUNT_INTRO.search(low, max(0, start - 14), start)):
        return Skip("a year")  # "sepanjang 2024 kegiatan ...", "meski 2019 pengungkapan kasus lebih sedikit"
    return Qty(start, end, unit_end, unit_start, float(value), text[start:end].strip(), cls, unit_word,
                "words" if m.group("words") else "digits")


#: A people or case noun, then a count word, then the bare number.
_LABEL_BEFORE = re.compile(r"\b(peserta|orang|klien|pasien|tersangka|pelaku|kasus|berkas|warga|siswa|pelajar|responden)\s+"
                           r"(?:sebanyak|sejumlah|berjumlah|mencapai)\s*$")


_RUPIAH_SCALES = {"M": 1e9, "T": 1e12, "Jt": 1e6, "Rb": 1e3}


#: Unit classes that count whole things: a comma before three digits there groups thousands.
_WHOLE_COUNTS = frozenset("orang tersangka keluarga desa lembaga unit dokumen kegiatan kali kasus berkas jaringan "
                          "asesmen".split())
_ENGLISH_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


_VIEWED = re.compile(r"\b(?:ditonton|dilihat|diputar|ditayangkan|tayang|diakses|dibagikan|disukai|dikunjungi|"
                     r"diunduh|tayangan|views?)\b[^.,;\d]{0,20}$")


_YEAR_INTRO = re.compile(r"\b(?:tahun|sepanjang|selama|pada|periode|hingga|sampai|sejak|akhir|awal|ta\.?)\s*$")


_NOT_A_FIGURE_BEFORE = on_lower(re.compile(
    r"\b(?:skala|maksimal|maksimum|tertinggi|terendah|pasal|nomor|no\.|ke-|"
    r"januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember)\s*:?\s*$"))


#: Numbers of institutions, not of people: "di 12 OPD", "60 perusahaan".
_INSTITUTIONS = frozenset("opd satker perusahaan kampus sekolah madrasah pesantren kantor skpd perguruan universitas "
                          "smp sma smk mts ponpes pondok dinas puskesmas lapas rutan organisasi ormas komunitas "
                          "tempat gereja".split())


_ZERO_FOLLOW = frozenset("yang karena dan atau sama pun dalam pada di hingga sampai selama untuk tahun "
                         "sepanjang satu seorang".split())


_NOT_FIGURE_AFTER, _STAFF_AFTER = on_lower(P.NOT_FIGURE_AFTER), on_lower(P.STAFF_AFTER)


def _not_figure(low: str, end: int) -> bool:
    return bool(_NOT_FIGURE_AFTER.match(low, end, end + 14))


#: Words that may follow a bare number ("3,16 dengan kategori", "50.739 diantaranya").
_BARE_FOLLOW = frozenset("dan dengan yang atau lainnya se dari di ke pada serta untuk sebagai kategori diantaranya "
                         "antaranya orangnya sedangkan sementara namun tetapi itu ini tersebut naik turun "
                         "menjadi meningkat menurun selama sepanjang hingga sampai poin predikat sehingga "
                         "karena yakni yaitu adalah ialah bahkan juga pun saja lebih kurang setelah sebelum dalam "
                         "oleh bagi terhadap seberat sebesar sebanyak berdasarkan melampaui melebihi dibanding "
                         "dibandingkan telah sudah masih".split())


_PART_WORDS = re.compile(r"(?:di ?antaranya|diantaranya)\s+")


def _is_gender(low: str, pos: int) -> bool:
    """A gender word at pos ("delapan laki-laki", "satu di antaranya perempuan")."""
    skip = _PART_WORDS.match(low, pos)
    row = MARKERS.match_at(low, skip.end() if skip else pos)
    return row is not None and row[0] == "jenis_kelamin"


def _after_noun(low: str, pos: int, word: str) -> bool:
    """True when the word after a bare number is a noun no indicator counts ("114 ayat")."""
    w = word.lower()
    if w in _BARE_FOLLOW or w in SCALES:
        return False
    return MARKERS.match_at(low, pos) is None and ANCHORS.match_at(low, pos) is None


MASS = ("gram", "kilogram", "ons", "ton", "miligram", "butir", "batang")


def convert(value: float, unit_class: Optional[str], ind: Indicator) -> tuple[float, str]:
    if ind.kind == "mass":
        if unit_class in P.TO_GRAMS:
            return value * P.TO_GRAMS[unit_class], "gram"
        if unit_class in ("butir", "batang"):
            return value, unit_class
        return value, "gram"
    return value, ind.unit
