"""Asides: numbers the words around them make no figure of their own.

Input: a `Sentence`, one of its quantities, the report office and the indicator the
quantity was bound to. Output: the reason it gives no fact, or ''. The cases: a
change between years ("naik 412 orang"), one age group, recovered clients, an
assumption in a calculation, a standard to meet, one network's figures, a
prevalence estimate, one item of an enumeration, a follow-up count, suspects shot
dead, a figure for one kabupaten inside a BNNP release, and a stored page cut
off right after the number.
"""
from __future__ import annotations

import re

from .. import patterns as P

#: What a number right after these words is: a change, a follow-up count, one age group, one item of a list.
_ASIDES = (
    (re.compile(r"\b(?:naik|turun|meningkat|menurun|bertambah|berkurang|kenaikan|penurunan|peningkatan|penambahan|"
                r"pengurangan|selisih|lonjakan)\s+"
                r"(?:(?:sebanyak|sebesar|sekitar|hampir|lebih dari)\s+)?$", re.I), "a change between years, not a figure"),
    (re.compile(r"\b(?:usia|umur|berusia)\b[^.;]{0,60}$|\btahun\s+ke\s+(?:atas|bawah)\s+(?:(?:sebanyak|ada)\s+)?$", re.I),
     "a count in one age group"),
    (re.compile(r"\b(?:pulih|sembuh)\b[^.;\d]{0,20}$", re.I), "clients who recovered: no indicator counts them"),
    (re.compile(r"\basumsi\b[^.;]*$", re.I), "an assumption in a calculation, not a figure"),
    (re.compile(r"\bstandar(?:d)?\b[^.;\d]{0,30}$", re.I), "a standard to meet, not a result"),
    (re.compile(r"\bjaringan\s+[A-Z][a-z]+\s*[-–/]\s*[A-Z][a-z]+[^.;]*$"), "the figures of one network, not the office's"),
    (re.compile(r"(?<!bersama )(?<!dan )(?<!beserta )(?<!serta )(?<!jajaran )\bBNN\s+Kab(?:upaten)?\.?\s*(?:/|dan)\s*Kota\b(?:\s*\(BNNK\))?[^.;]{0,60}$", re.I),
     "the BNNKs' figure together, not one office's"),
    (re.compile(r"\b(?:setara dengan|diperkirakan|estimasi|perkiraan)\b[^.;]{0,40}$", re.I),
     "an estimate of drug users (prevalence), not a count of the office's work"),
    (re.compile(r"\bpasokan\b[^.;\d]{0,30}$", re.I), "a supply into the region, not drugs seized"),
    (re.compile(r"\b(?:penduduk|populasi)\b[^.;\d]{0,30}$", re.I), "the population, not a count of the office's work"),
    (re.compile(r"\bPT\.?\s+(?:[A-Z][\w.&]*\s+){1,4}(?:unit\s+\w+\s+)?(?:(?:total|sebanyak|sejumlah)\s+)?$"),
     "one company's count, a part of the total"),
    (re.compile(r"(?<!posisi )(?<!peringkat )(?<!urutan )(?<!ranking )\b(?:pertama|kedua|ketiga|keempat|kelima|keenam|berikutnya)\s+(?:(?:\w+\s+){0,2}?"
                r"(?:seberat|sebanyak|sebesar)\s+)?$", re.I), "one item of an enumeration, not the total"),
)


#: Suspects shot dead or killed are not the suspects arrested.
_KILLED_AFTER = re.compile(r"\s*(?:\w+\s+){0,3}?(?:telah\s+|sudah\s+)?(?:ditembak|tewas|meninggal|dilumpuhkan|"
                           r"mengalami luka|luka tembak)\b", re.I)


#: "Jumlah tindak lanjut tersangka ... 104 orang": the clause is about follow-up processing.
_FOLLOW_UP = re.compile(r"\b(?:tindak lanjut|lanjutan)\b[^.;]*$", re.I)


#: After the number: "per bulan", "dari jaringan Medan-Jawa Barat", "ke dalam daftar pencarian orang",
#: "dari salah satu ladang ganja" (within its own list item: no "dan", "serta" or comma on the way).
_AFTER = (
    (re.compile(r"\s*(?:\w+\s+){0,3}?(?:setiap|tiap|per)\s+(?:bulan|minggu|pekan|hari)(?:nya)?\b", re.I),
     "a monthly or daily rate, not the year's figure"),
    (re.compile(r"[^.;,]{0,40}?\bdari\s+jaringan\s+[A-Z]\w+(?:\s+\w+)?\s*[-–/]\s*[A-Z]"), "the figures of one network, not the office's"),
    (re.compile(r"[^.;\d]{0,60}?\b(?:daftar pencarian orang|DPO|buron|melarikan diri)\b"), "suspects still wanted (DPO), not arrested"),
    (re.compile(r"(?:(?!\b(?:dan|serta)\b)[^.;,]){0,70}?\b(?:dari|di)\s+(?:salah\s?satu|sebuah|satu|penemuan(?:\s+\S+)?)\s+(?:ladang|lahan|kebun)\b", re.I),
     "plants of a cannabis field found (ladang): a find, not the year's seizures"),
)


#: "75,184 gram atau sebanyak 242 butir ekstasi": the pills weighed, then counted; the count is the figure.
_PILLS_COUNTED = re.compile(r"\s*(?:\w+\s+)?atau\s+(?:(?:sebanyak|sekitar|sejumlah|setara)\s+)?\d[\d.,]*\s+(?:butir|tablet|pil)\b", re.I)


#: Every word the patterns after a number start from: most numbers have none of them after them.
_AFTER_TRIGGER = re.compile(r"atau|bulan|minggu|pekan|hari|jaringan|dpo|daftar|buron|melarikan|ladang|lahan|kebun")


def _aside_after(sent, q, code: str) -> str:
    end = min(sent.e, q.unit_end + 100)
    if not _AFTER_TRIGGER.search(sent.low, q.unit_end, end):
        return _killed_or_followed(sent, q)
    if code in _SEIZED and q.unit_class in ("gram", "kilogram", "miligram", "ons") \
            and _PILLS_COUNTED.match(sent.text, q.unit_end, end):
        return "the weight of pills also counted: the count is kept"
    for rx, why in _AFTER:
        if rx.match(sent.text, q.unit_end, end) and ("(ladang)" not in why or code in _SEIZED):
            return why
    return _killed_or_followed(sent, q)


def _killed_or_followed(sent, q) -> str:
    if "lanjut" in sent.low[sent.s:q.start] and _FOLLOW_UP.search(sent.text, sent.s, q.start):
        return "a follow-up count (tindak lanjut, lanjutan), not the year's"
    if _KILLED_AFTER.match(sent.text, q.unit_end, min(sent.e, q.unit_end + 50)):
        return "suspects shot dead or killed, not the suspects arrested"
    return ""


#: "di Kabupaten Rote Ndao ada 3 desa": a figure for one place named before it.
_PLACE_BEFORE = re.compile(r"(?:\b[Dd]i\s+|,\s*|\bdan\s+)(?i:kabupaten|kab\.?|kota|kecamatan|kec\.?|distrik)\s+([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})"
                           r"\s*,?\s*(?:(?:ada|sebanyak|terdapat|tercatat|yakni|yaitu|mencapai|sejumlah|hanya)\s+)?$")


def _elsewhere(sent, q, office) -> str:
    """A figure for one kabupaten, kota or kecamatan inside the office's area, not the office's own."""
    window = sent.low[max(sent.s, q.start - 60):q.start]
    if not any(w in window for w in ("kab", "kota", "kec", "distrik")):
        return ""
    m = _PLACE_BEFORE.search(sent.text, max(sent.s, q.start - 60), q.start)
    if m is None or (office.level != "provinsi" and m.group(1).lower() in office.name.lower()):
        return ""
    return f"a figure for one place ({m.group(1)}), not the office's total"


#: Every word the asides above start from: most numbers have none of them nearby, and are let through at once.
_TRIGGER = re.compile(r"naik|turun|nurun|tambah|nambah|kurang|ngurang|ningkat|selisih|lonjakan|usia|umur|tahun ke|pulih|sembuh|asumsi|standar|"
                      r"jaringan|setara|perkira|estimasi|prevalensi|pertama|kedua|ketiga|keempat|kelima|keenam|berikutnya|"
                      r"/kota|dan kota|pasokan|penduduk|populasi|pt")


_SEIZED = ("berantas.barang_bukti", "berantas.pemusnahan")

#: "dua hektare ladang ganja", "3.000 batang tanaman ganja basah ... satu ton": a field, not a seizure.
_FIELD_WORDS = re.compile(r"ladang|lahan|ganja basah|hektar|eradikasi")
_FIELD = re.compile(r"\b(?:ladang|lahan ganja|tanaman ganja basah|ganja basah|hektare|hektar|eradikasi)\b[^.;,\d]{0,60}$", re.I)


#: "Berdasarkan hasil survei ... angka prevalensi ... 3,33 juta orang": the national survey's estimate.
_SURVEY = re.compile(r"\b(?:prevalensi|survei|survey)\b", re.I)


def _before(sent, q, code: str) -> str:
    """Why the words before q make it no figure of its own, or ''."""
    if sent.has(_SURVEY) and _SURVEY.search(sent.text, sent.s, q.start):
        return "an estimate of drug users (prevalence survey), not a count of the office's work"
    if code in _SEIZED and _FIELD_WORDS.search(sent.low, max(sent.s, q.start - 90), q.start) \
            and _FIELD.search(sent.text, max(sent.s, q.start - 90), q.start):
        return "a cannabis field found or eradicated, not drugs seized"
    start = max(sent.s, q.start - 70)
    if not _TRIGGER.search(sent.low, start, q.start):
        return ""
    # Searched in place, not on a slice: the lookbehinds see the words before the window.
    return next((why for rx, why in _ASIDES if rx.search(sent.text, start, q.start)
                 and not (code == "berantas.aset_tppu" and why.startswith("an estimate"))), "")  # "estimasi nilai aset"


def _cut_off(text: str, q) -> bool:
    """A stored page that stops mid-sentence right after the number: "sebanyak 8" with no unit, or
    "204 orang yang me" (a list's last line, "Ganja: 5 gram", is whole). Only where the sentence has
    not named the indicator before the number: then what it counts was to come."""
    if len(text) - q.unit_end > 40:
        return False  # far from the end of the text: not cut off (and no slicing of a long text)
    tail = text[q.unit_end:].strip()
    if not tail:  # a table's last cell is bare too, but is not led by "sebanyak"
        return not q.unit_word and bool(P.COUNT_INTRO.search(text, max(0, q.start - 20), q.start))
    return len(tail) < 12 and bool(_WORDS_ONLY.fullmatch(tail))


_WORDS_ONLY = re.compile(r"[A-Za-z][A-Za-z ]*")


def aside(sent, q, office, code: str) -> str:
    """Why q gives no fact of its own, or ''."""
    if _cut_off(sent.text, q) and q.unit_class in (None, "orang", "bare_words") and not any(
            a.end <= q.start and not a.inherited for a in sent.anchors):
        return "the text stops right after this number, before saying what it counts"
    return _before(sent, q, code) or _aside_after(sent, q, code) or _elsewhere(sent, q, office)
