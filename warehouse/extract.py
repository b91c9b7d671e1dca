"""Facts of a BNN performance release: office, year, indicator, breakdown, value, target.

    >>> res = extract_document("BNNK Belitung ... sepanjang tahun 2021 ... asesmen terpadu 6 dari target 3 orang.")
    >>> [(f.indicator, f.value, f.target) for f in res.facts]
    [('berantas.asesmen_terpadu', 6.0, 3.0)]

The text is cut into sentences; in each, indicator phrasings (anchors),
quantities (number + unit), breakdown markers and target markers are found with
the patterns of `warehouse.patterns`, and each quantity is tied to the anchor
that governs it. Checks (range, part above total, conflicting statements) move
facts to `rejected` with a reason. Precision first: when unsure, no fact.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property, lru_cache
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from typing import Optional, Union

from . import patterns as P
from .catalog import Indicator, load_catalog
from .numbers import NUMBER, NUMBER_WORDS, SCALES, parse_number, words_to_number
from .phrasebook import Phrasebook, lower, on_lower
from .offices import BNN_RI, Mention, Office, bare_bnn, find_offices, office_from_url
from .relevance import judge
from .years import LAST_YEAR, report_year

EXTRACTOR_VERSION = "0.6.0"


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

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("_weak", None)
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


# --- sentences -----------------------------------------------------------------------------------

#: Same-length replacements, so offsets into the caller's text stay valid.
_SPACES = (("\u00c2\u00a0", "  "), ("\u00a0", " "), ("\u2009", " "), ("\u202f", " "), ("\u2007", " "), ("\t", " "))


def _normalise(text: str) -> str:
    for old, new in _SPACES:
        if old in text:
            text = text.replace(old, new)
    return text
_BOUNDARY = re.compile(r"\n|[.!?]+[\"”’)]*(?=\s)|[•●▪]|\s[-–]\s(?=[A-Z])")
_ABBREV = frozenset("sh mh m h s dr prof kab no jl dll dsb rp ir drs hj kol pol st skm sik si se "
                    "kec kel ds tn ny sdr pt cv ra mr bp bpk ibu a b c d e f g i j k l n o p q r t u v w x y z "
                    "adm prov kompol akbp kombes brigjen irjen komjen".split())
_LAST_WORD = re.compile(r"(\w+)$")
_LIST_NUMBER = re.compile(r"(?:^|\n)[ \t]*\(?\d{1,2}$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: newlines, bullets and sentence-final marks split."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        tok = m.group(0)
        if tok == "\n" and _wrapped(text, m.start()):
            continue
        if tok[0] in ".!?":
            word = _LAST_WORD.search(text, max(0, m.start() - 12), m.start())
            if word and word.group(1).lower() in _ABBREV:
                continue
            if m.start() > 0 and text[m.start() - 1].isdigit():
                if _LIST_NUMBER.search(text[max(0, m.start() - 6):m.start()]):
                    continue  # "1. ": a list number
                if text[m.end():m.end() + 3].strip()[:1].isdigit():
                    continue
        end = m.end() if tok[0] in ".!?" else m.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end() if tok[0] not in ".!?" else m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return [_trim(text, a, b) for s, e in spans for a, b in _chunks(text, s, e)]


_MAX_SENTENCE = 1500


def _chunks(text: str, s: int, e: int):
    """A run-on "sentence" (a table dump) is cut at spaces, keeping the work per sentence bounded."""
    while e - s > _MAX_SENTENCE:
        cut = text.rfind(" ", s + _MAX_SENTENCE // 2, s + _MAX_SENTENCE)
        cut = cut if cut > s else s + _MAX_SENTENCE
        yield s, cut
        s = cut
    yield s, e


_NEXT_LINE = re.compile(r"[ \t]*(?:(\d{1,2}[.)]?\s+[A-Z]|[a-z]\.\s|[-•●▪*])|[a-z0-9(])")


def _wrapped(text: str, i: int) -> bool:
    """A line break inside a sentence: the line does not end a sentence and the next goes on."""
    prev = text[i - 1:i]
    if not prev or prev in ".!?:;\"”" or prev == "\n":
        return False
    m = _NEXT_LINE.match(text, i + 1)
    return bool(m) and m.group(1) is None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \n\r\"“”'‘’*:-–":
        s += 1
    while e > s and text[e - 1] in " \n\r":
        e -= 1
    return s, e


# --- tokens ----------------------------------------------------------------------------------------

_ANCHORS = Phrasebook([(ind, None, pat.lower()) for ind, pat in P.ANCHORS]
                      + [(ind, need, pat.lower()) for ind, pat, need in P.CONTEXT_ANCHORS])
_MARKERS = Phrasebook([(dim, value, pat.lower()) for dim, value, pat in P.BREAKDOWNS])
_QUANTITY_RX = re.compile(
    rf"(?P<rp>\bRp\.?\s*)?(?P<num>{NUMBER.pattern})|(?P<words>{NUMBER_WORDS.pattern})|(?P<zero>{P.ZERO_WORDS.pattern})"
    r"|(?P<one>\bseorang)(?=\s+(?:wanita|perempuan|pria|laki-laki|lelaki)\b)",
    re.IGNORECASE)
#: Where a quantity may start: a digit, "Rp", a number word or a word for zero.
_QTY_TRIGGER = on_lower(re.compile(r"(?<!\d)\d|\b(?:rp|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|"
                                   r"sepuluh|sebelas|seratus|seribu|sejuta|tidak|nihil|belum|seorang)"))
_WORD_AFTER = re.compile(r"[ \t]*(%|[A-Za-z][A-Za-z/]*)")
_TOTAL_WORD = re.compile(r"\b(?:total|seluruhnya|keseluruhan|jumlah keseluruhan)\b", re.I)
_YEAR_EXPR = on_lower(re.compile(
    r"(?<![/\d])((?:19|20)\d{2})(?![/\d])|\btahun (?:lalu|sebelumnya|kemarin|ini|depan|mendatang)\b"))


@dataclass
class _Anchor:
    start: int
    end: int
    indicator: str
    weak: bool
    bound: bool = False
    inherited: bool = False
    parts_only: bool = False  # inherited by the sentence after a total: binds only its parts
    peers: tuple = ()  # the indicators bound in the sentence it comes from, in order


@dataclass
class _Marker:
    start: int
    end: int
    dim: str
    value: str
    strong: bool


@dataclass
class _Qty:
    start: int
    end: int  # end of the number (and scale word)
    unit_end: int  # end of the unit word, or `end`
    unit_start: int
    value: float
    token: str
    unit_class: Optional[str]
    unit_word: str
    kind: str  # digits | words | zero
    is_target: bool = False
    before_target: bool = False
    marker: Optional[tuple] = None  # (marker, beside), worked out once by _marker_info


def _anchors(text: str, hits, s: int, e: int, context: tuple[int, int]) -> list[_Anchor]:
    out: list[_Anchor] = []
    verbs = []  # contextual verbs ("melayani"): used only in a sentence with no named indicator
    for m0, m1, (ind, verb_need, _) in hits:
        need = verb_need or P.REQUIRES.get(ind)
        if need and not (need.search(text, s, e) or need.search(text, *context)):
            continue
        a0 = m0 + len(text[m0:m1]) - len(text[m0:m1].lstrip())
        if out and out[-1].indicator == ind and len(text[out[-1].end:a0].strip(" ()")) == 0:
            out[-1].end = m1
            continue
        if out and out[-1].weak and a0 - out[-1].end <= 3 and ind.startswith("rehab."):
            out.pop()  # "menjalani rehabilitasi rawat jalan": the named service wins
        out.append(_Anchor(a0, m1, ind, bool(P.WEAK.match(text[a0:m1]))))
        if verb_need is not None:
            verbs.append(out[-1])
    if verbs and len(verbs) < len(out):
        out = [a for a in out if not any(a is v for v in verbs)]
    return out


def _markers(text: str, hits, anchors: list[_Anchor]) -> list[_Marker]:
    out = []
    for m0, m1, (dim, value, _) in hits:
        if dim != "narkotika" and any(a.start <= m0 < a.end for a in anchors):
            continue
        out.append(_Marker(m0, m1, dim, value, P.is_strong_marker(text[m0:m1], dim)))
    return out


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


def _quantities(text: str, low: str, s: int, e: int) -> list[_Qty]:
    out: list[_Qty] = []
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
            if out and _LAST_OF_LIST.search(text, max(s, m.start() - 12), m.start()):  # "13 pria dan seorang wanita"
                out.append(_Qty(m.start(), m.end(), m.end(), m.end(), 1.0, m.group(0), "orang", "", "words"))
            continue
        if m.group("words") and out and _PAREN_AFTER.match(text, out[-1].end) and text[m.start() - 1:m.start()] == "(":
            continue  # "12 (dua belas)": the words restate the digits
        q = _quantity(text, low, m, s, e)
        if q is not None:
            out.append(q)
    return out


_PAREN_AFTER = re.compile(r"[ \t]*\([^()\n]{1,30}\)")
_LAST_OF_LIST = re.compile(r"(?:,|\bdan|\bserta)\s*$", re.I)


def _quantity(text: str, low: str, m: re.Match, s: int, e: int) -> Optional[_Qty]:
    """One number with its unit word, or None when it is not a figure (a date, a year, an age...)."""
    start, end = m.start(), m.end()
    if m.group("zero"):
        return _zero(text, low, m)
    before = text[max(s, start - 1):start]
    if before and (before.isalpha() or before in "/-") and not m.group("rp"):
        return None
    if m.group("num"):
        read = _read_digits(text, low, m, s)
        if read is None or isinstance(read, _Qty):
            return read
        token, end, value = read
    else:
        token, value = m.group("words"), words_to_number(m.group("words"))
        if value is None:
            return None
    if _not_figure(low, end) or _STAFF_AFTER.match(low, end, end + 40):
        return None
    return _with_unit(text, low, m, e, start, end, token, value)


def _zero(text: str, low: str, m: re.Match) -> Optional[_Qty]:
    """"tidak ada" / "nihil" as a zero, unless a noun follows ("tidak ada anggaran")."""
    end = m.end()
    nxt = _ZERO_NEXT.match(text[end:end + 30])
    subject = ""
    if nxt and nxt.group(1).lower() not in _ZERO_FOLLOW and not _ANCHORS.match_at(low, end + nxt.start(1)):
        if not _unit_class(nxt.group(1)):
            return None
        subject = nxt.group(1)  # "tidak ada peserta yang positif": zero only for the anchor that follows
    return _Qty(m.start(), end, end, end, 0.0, m.group(0), None, subject, "zero")


_ZERO_NEXT = re.compile(r"\s*(?:yang\s+)?([A-Za-z]+)")
_GLUED_UNIT = re.compile(r"(?:gr|g|kg|gram|jt|rb)\b")  # "5gr", "2jt" (on lower case)
_ROW_START = re.compile(r"[.)]?\s+[A-Z]")
_STRAY = re.compile(r",[ ](\d{1,3})(?=\s*(?:gram|gr|kg|kilogram|ons)\b)")


def _read_digits(text: str, low: str, m: re.Match, s: int):
    """(token, end, value) of a digit number; None if it is not a figure; a garbled _Qty if unreadable."""
    start, end, token = m.start(), m.end(), m.group("num")
    nxt = text[end:end + 1]
    if nxt.isalpha() and not _GLUED_UNIT.match(low, end, end + 5):
        return None  # "P4GN", "2x"
    if nxt == "/" or text[start - 1:start] == "/":
        return None  # dates
    if (nxt == "-" and text[end + 1:end + 2].isdigit()) or (token[:1] == "0" and len(token) >= 4):
        return None  # phone numbers, codes
    if text[start - 1:start] == "(" and nxt == ")":
        return None  # "(29)": an age or a note
    if _NOT_A_FIGURE_BEFORE.search(low, max(s, start - 16), start):
        return None  # "dari skala 4", "Januari: 3 kasus"
    if _ROW_START.match(text, end, end + 3) and _LIST_NUMBER.search(text[max(s, start - 6):end]):
        return None  # "1. Pendampingan ...", "2 Jumlah tersangka ...": a list or table row number
    stray = _STRAY.match(low, end, end + 12) if nxt == "," else None
    if stray and "," not in token:
        token, end = token + "," + stray.group(1), end + len(stray.group(0))  # "9069, 83 gram"
    value = parse_number(token, max_value=float("inf"))
    if value is None:
        return _Qty(start, end, end, end, float("nan"), token, None, "", "garbled")
    return token, end, value


def _with_unit(text, low, m, e, start, end, token, value) -> Optional[_Qty]:
    """Read the scale word and unit word after a number; classify what it counts."""
    paren = _PAREN_AFTER.match(text, end, e)
    wm = _WORD_AFTER.match(text, paren.end() if paren else end, e)
    unit_word, unit_end, unit_start = "", end, end
    if wm and wm.group(1).lower() in SCALES:
        value *= SCALES[wm.group(1).lower()]
        end = wm.end()
        wm = _WORD_AFTER.match(text, end, e)
    cls = None
    if wm:
        cls = _unit_class(wm.group(1))
        if cls:
            unit_word, unit_end, unit_start = wm.group(1), wm.end(), wm.start(1)
            if cls == "orang" and _STAFF_AFTER.match(low, unit_end, unit_end + 40):
                return None
        elif wm.group(1).lower() in _INSTITUTIONS or (
                wm.group(1).isalpha() and _after_noun(low, wm.start(1), wm.group(1))):
            cls = "noun"  # "Pasal 114 ayat", "12 OPD": a number of something no indicator counts
    if cls == "kali" and _VIEWED.search(low, max(0, start - 30), start):
        cls = "noun"  # "ditonton 120.500 kali": views, not events
    if m.group("rp"):
        cls = "rupiah"
    if m.group("words") and cls is None:
        cls = "orang" if wm and _is_gender(low, wm.start(1)) else "bare_words"  # "delapan laki-laki"
    if m.group("num") and "." not in token and "," not in token and 1990 <= value <= 2035 and (
            cls in (None, "noun") or _YEAR_INTRO.search(low, max(0, start - 14), start)):
        return None  # a year ("sepanjang 2024 kegiatan ...")
    return _Qty(start, end, unit_end, unit_start, float(value), text[start:end].strip(), cls, unit_word,
                "words" if m.group("words") else "digits")


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
_BARE_FOLLOW = frozenset("dan dengan yang atau dari di ke pada serta untuk sebagai kategori diantaranya "
                         "antaranya orangnya sedangkan sementara namun tetapi itu ini tersebut naik turun "
                         "menjadi meningkat menurun selama sepanjang hingga sampai poin predikat sehingga "
                         "karena yakni yaitu adalah ialah bahkan juga pun saja lebih kurang setelah sebelum dalam "
                         "oleh bagi terhadap seberat sebesar sebanyak berdasarkan melampaui melebihi dibanding "
                         "dibandingkan telah sudah masih".split())


_PART_WORDS = re.compile(r"(?:di ?antaranya|diantaranya)\s+")


def _is_gender(low: str, pos: int) -> bool:
    """A gender word at pos ("delapan laki-laki", "satu di antaranya perempuan")."""
    skip = _PART_WORDS.match(low, pos)
    row = _MARKERS.match_at(low, skip.end() if skip else pos)
    return row is not None and row[0] == "jenis_kelamin"


def _after_noun(low: str, pos: int, word: str) -> bool:
    """True when the word after a bare number is a noun no indicator counts ("114 ayat")."""
    w = word.lower()
    if w in _BARE_FOLLOW or w in SCALES:
        return False
    return _MARKERS.match_at(low, pos) is None and _ANCHORS.match_at(low, pos) is None


# --- binding quantities to anchors ------------------------------------------------------------------

class _Sentence:
    """One sentence's tokens and the bindings made in it."""

    def __init__(self, text, low, s, e, context, inherited, anchor_hits, marker_hits):
        self.text, self.s, self.e = text, s, e
        self.anchors = _anchors(text, anchor_hits, s, e, context)
        self.markers = _markers(text, marker_hits, self.anchors)
        self.low = low
        self.mentions: list[Mention] = []
        self.inherited = inherited
        self.groups: dict[int, list[str]] = {}
        self.claimed_years: set[int] = set()
        self.lalu_is_report = False
        self.year: Optional[int] = None  # the report's year
        self.agencies: Optional[list[re.Match]] = None  # other agencies named, found on first need
        self.national: Optional[re.Match] = None
        self._found: dict[int, bool] = {}
        self._years: Optional[list[re.Match]] = None

    @cached_property
    def qtys(self) -> list[_Qty]:
        """The sentence's quantities, read on first need (most sentences name no indicator)."""
        return _quantities(self.text, self.low, self.s, self.e)

    def has(self, rx: re.Pattern) -> bool:
        """Whether rx occurs in the sentence (asked once per sentence and pattern)."""
        k = id(rx)
        if k not in self._found:
            self._found[k] = _fast(rx).search(self.low, self.s, self.e) is not None
        return self._found[k]

    def years(self) -> list[re.Match]:
        """Year expressions of the sentence ("2022", "tahun lalu"), found once."""
        if self._years is None:
            self._years = list(_YEAR_EXPR.finditer(self.low, self.s, self.e))
        return self._years


_MASS = ("gram", "kilogram", "ons", "ton", "miligram", "butir", "batang")


def _accepts(ind: Indicator, q: _Qty, bare_ok: bool, immediate: bool = False) -> Optional[str]:
    """The indicator code this quantity can be a value of, or None."""
    code = ind.code
    if q.kind == "garbled":
        return None
    if (q.unit_class in P.UNIT_REDIRECT and ind.category == "pemberantasan"
            and q.unit_class not in P.EXTRA_ACCEPTS.get(code, ())):
        code = P.UNIT_REDIRECT[q.unit_class]
    if code.startswith("p2m.kie"):
        if q.unit_class in P.KIE_EVENTS:
            code = P.KIE_EVENTS[q.unit_class]
        elif q.unit_word.lower() in P.DIGITAL_UNITS:
            code = "p2m.kie_digital"
        elif code == "p2m.kie_kegiatan" and q.unit_class == "orang":
            code = "p2m.kie_jangkauan"
    ind = load_catalog()[code]
    if q.unit_class == "noun":  # "sebanyak 40 tim": a count of something else
        return code if ind.kind in ("index", "percent") else None
    if q.unit_class is None or q.unit_class == "bare_words":
        if q.unit_class == "bare_words" and not immediate:
            return None
        if ind.kind in ("index", "percent"):
            return code
        if q.kind == "zero" or bare_ok:
            return code if (ind.kind != "mass" or q.value == 0 or q.kind == "zero") else None
        return None
    if ind.kind == "index":
        return None
    accepted = P.ACCEPTS.get(ind.unit, set()) | P.EXTRA_ACCEPTS.get(code, set())
    return code if q.unit_class in accepted else None


def _filler(text: str, a: int, b: int) -> bool:
    return b - a <= 40 and bool(P.FILLER.match(text[a:b]))


def _marker_for(sent: _Sentence, q: _Qty) -> Optional[_Marker]:
    return _marker_info(sent, q)[0]


def _marker_info(sent: _Sentence, q: _Qty) -> tuple[Optional[_Marker], bool]:
    """The breakdown marker that governs q, and whether it sits right beside it."""
    if q.marker is None:
        q.marker = _find_marker(sent, q)
    return q.marker


def _find_marker(sent: _Sentence, q: _Qty) -> tuple[Optional[_Marker], bool]:
    text, mks = sent.text, sent.markers
    post = _post_marker(sent, q)
    if post:
        return post, True
    pre = [mk for mk in mks if mk.end <= q.start and _filler(text, mk.end, q.start) and not _claimed(sent, mk, q)
           and not _unit_of_other(sent, mk, q)]
    if pre:
        return (None, False) if _mixed(sent, pre[-1], before=True) else (pre[-1], True)
    drug = _drug_after(sent, q)
    if drug:
        return drug, True
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
    if held and held.dim == "narkotika" and any(held.end <= o.start < q.start for o in sent.qtys):
        return None, False
    if held and held.dim == "lingkungan" and _describes_earlier(sent, held, q):
        return None, False
    return held, False


def _describes_earlier(sent: _Sentence, mk: _Marker, q: _Qty) -> bool:
    """"845 orang menjalani tes urine, terutama pegawai pemerintah dan sopir, dan 6 orang positif": a group
    named without a number of its own, after an earlier figure and a clause break, describes that figure."""
    if not any(o.unit_end <= mk.start for o in sent.qtys if o is not q):
        return False
    if any(mk.end <= o.start < q.start for o in sent.qtys):
        return False
    return bool(_CLAUSE_BREAK.search(sent.text, mk.end, q.start))



def _only_drug(sent: _Sentence, mk: _Marker) -> bool:
    return mk.dim == "narkotika" and all(o is mk or o.dim != "narkotika" for o in sent.markers)


#: Between a number and its gender: "12 laki-laki", "12 orang berjenis kelamin laki-laki".
_GENDER_GAP = re.compile(r"\s{0,2}(?:(?:ber)?jenis kelamin\s|berkelamin\s)?")

_GROUP_UNITS = frozenset({"pemerintah", "pendidikan", "swasta"})
_MIXED_AFTER = re.compile(r",|\b(?:dan|serta|maupun)\b", re.I)


_JOINED = re.compile(r"\s*(?:,\s*(?:dan|serta)?|dan|serta|maupun|&|/)\s*(?:(?:di )?(?:lingkungan|kalangan|instansi|institusi)\s+)?", re.I)


def _mixed(sent: _Sentence, mk: _Marker, before: bool = False) -> bool:
    """"lingkungan pendidikan dan masyarakat": several groups together make a total, not a part."""
    if mk.dim != "lingkungan":
        return False
    for other in sent.markers:
        if other is mk or other.dim != mk.dim or other.value == mk.value:
            continue
        a, b = (mk.end, other.start) if other.start >= mk.end else (other.end, mk.start)
        if 0 <= b - a <= 25 and _JOINED.fullmatch(sent.text, a, b):
            return True
    return False


def _post_marker(sent: _Sentence, q: _Qty) -> Optional[_Marker]:
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
            if not P.POST_MARKER_GAP.fullmatch(text, after, mk.start):
                return None
            nxt = mks[i + 1] if i + 1 < len(mks) else None
            if nxt and nxt.dim == mk.dim and nxt.value != mk.value and nxt.start - mk.end <= 25 \
                    and _MIXED_AFTER.search(text, mk.end, nxt.start) \
                    and not any(mk.end <= o.start < nxt.start for o in sent.qtys):
                return None  # "dari sekolah, kantor dan perusahaan": a mixed total
            return mk
    return None


_PARTS_INTRO = re.compile(r"\b(?:terdiri (?:atas|dari)|rinciannya|di ?antaranya|meliputi|masing-masing|yakni|yaitu|antara lain)\b", re.I)


def _in_parts_list(sent: _Sentence, q: _Qty) -> bool:
    """"7.650 orang, terdiri atas 4.020 pelajar dan 3.630 warga": q follows a total and a word listing its parts."""
    intro = _PARTS_INTRO.search(sent.text, sent.s, q.start)
    return bool(intro) and any(o.end <= intro.start() for o in sent.qtys)


def _unit_of_other(sent: _Sentence, mk: _Marker, q: _Qty) -> bool:
    """"200 siswa, 95 pegawai": siswa is the earlier number's group, not the next one's."""
    return mk.dim == "lingkungan" and any(
        o is not q and o.unit_word and o.unit_start <= mk.start < o.unit_end for o in sent.qtys)


def _ends_parts(sent: _Sentence, q: _Qty) -> bool:
    """"210 pelajar, 130 ASN, dan 11 warga masyarakat": the last of a list of groups is a group too."""
    if not _LAST_OF_LIST.search(sent.text, max(sent.s, q.start - 8), q.start):
        return False
    return any(o.unit_word and o.end <= q.start and any(
        mk.dim == "lingkungan" and mk.value in _GROUP_UNITS and o.unit_start <= mk.start < o.unit_end + 12
        for mk in sent.markers) for o in sent.qtys)


def _claimed(sent: _Sentence, mk: _Marker, q: _Qty) -> bool:
    """"58,7 kg sabu, 12.450 butir ekstasi": sabu is the earlier number's drug, not the next one's."""
    return mk.dim == "narkotika" and any(
        o is not q and o.unit_end <= mk.start <= o.unit_end + 30 and _drug_after(sent, o) is mk for o in sent.qtys)


def _drug_after(sent: _Sentence, q: _Qty) -> Optional[_Marker]:
    if q.unit_class not in _MASS:
        return None
    for mk in sent.markers:
        if mk.dim == "narkotika" and q.unit_end <= mk.start <= q.unit_end + 30:
            if not re.search(r"[,;.\d]|\b(?:dan|serta)\b", sent.text[q.unit_end:mk.start]):
                return mk
    return None


def _immediate(sent: _Sentence, q: _Qty, a: _Anchor) -> bool:
    if a.start < q.end:
        return False
    if a.start <= q.unit_start and q.unit_word:
        return True
    return bool(_IMMEDIATE_WORDS.fullmatch(sent.low, q.unit_end, a.start))


#: What may stand between a number and the anchor that names it: "12 yang dinyatakan positif",
#: "4 di antaranya positif".
_IMMEDIATE_WORDS = re.compile(r"\s*(?:di ?antaranya\s+)?(?:yang\s+(?:di\w+\s+)?|sebagai\s+)?")


def _bind(sent: _Sentence, q: _Qty, catalog) -> Optional[tuple[_Anchor, str]]:
    """The anchor and indicator that govern q: an anchor right after it, else the nearest fitting
    anchor before it (or a parallel list's), else one shortly after, else a seizure of a named drug."""
    found = _bind_immediate(sent, q, catalog)
    if found is not None:
        return found or None
    mk, beside = _marker_info(sent, q)
    if q.kind == "zero":
        return _bind_zero(sent, q, catalog, mk, beside)
    bare_ok = q.before_target or q.is_target or beside
    purpose = _purpose_after(sent, q, catalog)
    if purpose is not None:
        return purpose
    after = _first_after(sent, q, catalog, bare_ok)
    found = _bind_before(sent, q, catalog, mk, bare_ok, after)
    if found is not None:
        return found or None
    if after:
        return after, _accepts(catalog[after.indicator], q, True)
    return _seizure(sent, q, mk)


_IMMEDIATE_GAP = 40  # longest "yang di... " between a number and its anchor
_CLAUSE_BREAK = re.compile(r"[,;]")


def _bind_immediate(sent: _Sentence, q: _Qty, catalog):
    """"21 berkas perkara", "tujuh nota kesepahaman": the anchor right after the number (and unit)."""
    for a in sent.anchors:
        if a.start > q.unit_end + _IMMEDIATE_GAP:
            break  # anchors are in text order: the rest are too far to be "right after"
        if not _immediate(sent, q, a):
            continue
        prior = [p for p in sent.anchors if p.end <= q.start and not _CLAUSE_BREAK.search(sent.text, p.end, q.start)]
        if a.start <= q.unit_start and prior and q.unit_class in P.EXTRA_ACCEPTS.get(prior[-1].indicator, ()):
            sent.anchors.remove(a)  # the unit word only: "dan 4 klien" after it is no count of tersangka
            return prior[-1], prior[-1].indicator  # "asesmen terpadu terhadap 14 tersangka"
        code = _accepts(catalog[a.indicator], q, True, immediate=True)
        return (a, code) if code else None
    return None


_ZERO_SUBJECT = re.compile(r"\s+[a-z]+\s+(?:yang\s+)?(?:[a-z]+\s+)?")


def _bind_zero(sent: _Sentence, q: _Qty, catalog, mk, beside):
    """"tidak ada yang positif", "hasilnya nihil": zero binds only to a close anchor or list topic."""
    if q.unit_word:  # "tidak ada peserta yang terindikasi positif"
        a = next((a for a in sent.anchors if a.start >= q.end), None)
        ok = a is not None and _ZERO_SUBJECT.fullmatch(sent.low, q.end, a.start)
        return (a, _accepts(catalog[a.indicator], q, True)) if ok else None
    near = [a for a in sent.anchors if a.end <= q.start and q.start - a.end <= 40]
    if len(near) > 1 and _GENERIC.fullmatch(sent.text, near[-1].start, near[-1].end):
        near.pop()
    if near:
        a = near[-1]
        if beside and a.bound:
            return _template(sent, q, a, catalog, mk) or (a, _accepts(catalog[a.indicator], q, True))
        code = _accepts(catalog[a.indicator], q, True)
        return (a, code) if code else None
    if beside and mk is not None and mk.dim == "narkotika":  # "..., sedangkan sabu nihil"
        seized = [a for a in sent.anchors if a.end <= q.start and a.indicator == "berantas.barang_bukti"]
        if seized:
            return seized[-1], "berantas.barang_bukti"
    if sent.inherited and beside and _may_inherit(sent, q, catalog, mk, beside):
        code = _accepts(catalog[sent.inherited.indicator], q, True)
        return (sent.inherited, code) if code else None
    return None


def _first_after(sent: _Sentence, q: _Qty, catalog, bare_ok: bool) -> Optional[_Anchor]:
    """The next anchor within 80 characters, if no other counted number stands between."""
    for a in sent.anchors:
        if a.start >= q.unit_end and a.start - q.unit_end <= 80:
            between = [o for o in sent.qtys if q.end <= o.start < a.start and not o.is_target
                       and o.unit_class not in (None, "bare_words", "noun")]
            return a if not between and _accepts(catalog[a.indicator], q, bare_ok) else None
    return None


#: "6 klien dirujuk ke Balai Besar Rehabilitasi di Lido, Bogor, untuk menjalani rawat inap": what the
#: people counted were sent for names their service, however far the place name pushes it.
_PURPOSE = re.compile(r"[^;:,]{0,30}?\b(?:dirujuk\w*|merujuk|dikirim|diantar\w*|diberangkatkan|ditempatkan|diarahkan)\b[^;:]{0,140}?"
                      r"\buntuk\s+(?:(?:kembali|dapat|bisa)\s+)?(?:menjalani|mengikuti|mendapat(?:kan)?|memperoleh|"
                      r"dilakukan|diberikan)\s+(?:(?:program|layanan|pelayanan|perawatan|proses)\s+)?$", re.I)


#: "Sebanyak 1.250 pelajar dari 24 sekolah ... telah mengikuti kegiatan sosialisasi": the people counted as
#: the sentence's subject, and the service they took part in named by the verb at the end of a long clause.
_SUBJECT_LEAD = re.compile(r"(?:(?:sebanyak|tercatat|total|ada|sedikitnya|setidaknya|sekitar|sejumlah|kurang lebih|"
                           r"lebih dari|tidak kurang dari|hampir)\s+){1,2}$", re.I)
_TOOK_PART = re.compile(r"\b(?:(?:telah|sudah|berhasil|resmi|turut|ikut)\s+)?(?:mengikuti|menjalani|menerima|mendapat(?:kan)?|"
                        r"memperoleh|dikukuhkan|dilantik|dilatih|ditetapkan|dijangkau|diikutkan|terlibat)"
                        r"(?:\s+(?:sebagai|menjadi|dalam|pada))?\s+(?:(?:kegiatan|program|layanan|pelayanan|proses|rehabilitasi)\s+){0,2}$", re.I)


def _purpose_after(sent: _Sentence, q: _Qty, catalog) -> Optional[tuple[_Anchor, str]]:
    if q.unit_class != "orang":
        return None
    subject = _SUBJECT_LEAD.match(sent.text, sent.s, q.start) is not None
    if not subject and "untuk" not in sent.low[q.unit_end:q.unit_end + 170]:
        return None
    for a in sent.anchors:
        if a.start < q.unit_end:
            continue
        if a.start - q.unit_end > 170:
            break
        if any(q.end <= o.start < a.start and o.unit_class not in (None, "bare_words", "noun") for o in sent.qtys):
            return None
        if _CLAUSE_END.search(sent.text, q.unit_end, a.start):
            return None
        if _PURPOSE.match(sent.text, q.unit_end, a.start) or (subject and _TOOK_PART.search(sent.text, q.unit_end, a.start)):
            code = _accepts(catalog[a.indicator], q, True)
            return (a, code) if code else None
        if subject:
            return None  # the first indicator after the subject is not what it took part in
    return None


_CLAUSE_END = re.compile(r"[;]|\b(?:sedangkan|sementara|namun)\b", re.I)


def _bind_before(sent: _Sentence, q: _Qty, catalog, mk, bare_ok: bool, after: Optional[_Anchor]):
    """The nearest fitting anchor before q; False to defer to `after`, None when none fits."""
    before = [a for a in sent.anchors if a.end <= q.start and q.start - a.end <= 250]
    if sent.inherited and not before and sent.inherited.parts_only and _compares_back(sent, q):
        return _compared_topic(sent, q, catalog, bare_ok)
    if sent.inherited and not before:
        if not _may_inherit(sent, q, catalog, mk, mk is not None and _marker_info(sent, q)[1]):
            return None
        before = [sent.inherited]
    for i, a in enumerate(reversed(before)):
        if _GENERIC.fullmatch(sent.text, a.start, a.end) and i + 1 < len(before):
            continue  # "jaringan ..., hasil pengungkapan nihil": the named indicator, not the verb
        code = _accepts(catalog[a.indicator], q, bare_ok or _bare_first(sent, q, a)
                        or (a.inherited and _compared_bare(sent, q)))
        if not code:
            continue
        if not a.bound or q.is_target or a.inherited:
            return a, code
        if after and not after.bound and not _CLAUSE_BREAK.search(sent.text, q.unit_end, after.start):
            return None
        tmpl = _template(sent, q, a, catalog, mk)
        if tmpl:
            return tmpl
        if after and not after.bound and _next_part(sent, q, catalog[code].breakdown):
            return a, code  # "300 pegawai pemerintah dan 450 karyawan swasta, ... positif": still the list
        return None if after and not after.bound else (a, code)
    return None


_GENERIC = re.compile(r"pengungkapan|mengungkap", re.I)


def _next_part(sent: _Sentence, q: _Qty, dim: str) -> bool:
    """q continues a list of parts: the number just before it names another group of the same dimension
    right beside it, and only a comma or "dan" joins the two."""
    if not dim:
        return False
    mk, beside = _marker_info(sent, q)
    if mk is None or not beside or mk.dim != dim:
        return False
    prev = [o for o in sent.qtys if o.end <= q.start]
    if not prev:
        return False
    o = prev[-1]
    pm, pbeside = _marker_info(sent, o)
    if pm is None or not pbeside or pm.dim != dim or pm.value == mk.value:
        return False
    end = max([o.unit_end, pm.end] + [m.end for m in sent.markers if m.dim == dim and
                                      o.unit_start <= m.start and m.end <= min(q.start, o.unit_end + 25)])
    return q.start - end <= 12 and bool(_LIST_GAP.fullmatch(sent.text, end, q.start))


def _may_inherit(sent: _Sentence, q: _Qty, catalog, mk, beside) -> bool:
    """The sentence after a total binds to its topic only the parts it lists ("Empat orang di antaranya
    ASN, dua orang pelajar"): numbers beside a marker of the topic's dimension, in a list of parts."""
    if not sent.inherited.parts_only:
        return True
    dim = catalog[sent.inherited.indicator].breakdown
    return bool(beside and mk is not None and mk.dim == dim) and _lists_parts(sent, dim)


#: "Angka itu naik dibanding tahun lalu yang mencatat 118 klien": the previous sentence's figure for an earlier year.
_COMPARISON = on_lower(re.compile(
    r"\b(?:dibanding(?:kan)?|ketimbang|daripada|naik|turun|meningkat|menurun|bertambah|berkurang|"
    r"lebih (?:banyak|sedikit|tinggi|rendah|besar|kecil))\b"))
_YEAR_THEN = on_lower(re.compile(
    r"(?:\btahun (?:lalu|sebelumnya|kemarin)|(?<![\d.,])(?:19|20)\d{2})[\s,:]*(?:(?:yang|hanya|mencatat|tercatat|"
    r"sebanyak|sebesar|sejumlah|berjumlah|mencapai|yaitu|yakni|dengan|ada|di|pada|angka|sekitar|masih|baru|"
    r"capaiannya|realisasinya|jumlahnya)\s+){0,4}$"))


def _compares_back(sent: _Sentence, q: _Qty) -> bool:
    """A sentence without an indicator word comparing with an earlier year gives the topic's earlier figure."""
    if sent.year is None or not sent.has(_COMPARISON):
        return False
    if not _YEAR_THEN.search(sent.low, max(sent.s, q.start - 70), q.start) and not (
            _FROM_FIGURE.search(sent.low, max(sent.s, q.start - 40), q.start)
            and P.YEAR_AFTER.match(sent.text, q.unit_end, min(sent.e, q.unit_end + 40))):
        return False  # the figure follows its year, or "naik dari 2,98 pada tahun sebelumnya";
        # "naik 24 orang dibanding tahun lalu" is a difference
    y = _year_for(sent, q, sent.year)
    return y is not None and y < sent.year


_FROM_FIGURE = on_lower(re.compile(
    r"\b(?:naik|turun|meningkat|menurun|bertambah|berkurang)\s+(?:\w+\s+){0,2}?(?:dari|dibanding(?:kan)?(?:\s+dengan)?)\s+"
    r"(?:angka\s+|capaian\s+)?$"))


def _compared_topic(sent: _Sentence, q: _Qty, catalog, bare_ok: bool):
    """The previous sentence's indicator an earlier-year figure is about: the only one its unit fits, or
    the total whose parts were also given ("129 direhabilitasi, 102 rawat jalan ..."); None if unclear."""
    peers = sent.inherited.peers or (sent.inherited.indicator,)
    fits = [(ind, code) for ind in peers
            if (code := _accepts(catalog[ind], q, bare_ok or _compared_bare(sent, q)))]
    if len(fits) > 1 and all(_PARTS_OF.get(ind) == fits[0][0] for ind, _ in fits[1:]):
        fits = fits[:1]
    if len(fits) != 1:
        return None
    return _Anchor(sent.s, sent.s, fits[0][0], False, True, True), fits[0][1]


def _compared_bare(sent: _Sentence, q: _Qty) -> bool:
    """"... dibanding tahun sebelumnya yang hanya 3,02": a bare figure right after the earlier year."""
    return _compares_back(sent, q)


def _lists_parts(sent: _Sentence, dim: str) -> bool:
    """Two or more parts of one dimension, or one announced as a part ("di antaranya", "terdiri")."""
    if _PARTS_INTRO.search(sent.text, sent.s, sent.e):
        return True
    values = set()
    for q in sent.qtys:
        mk, beside = _marker_info(sent, q)
        if beside and mk is not None and mk.dim == dim:
            values.add(mk.value)
    return len(values) >= 2


def _bare_first(sent: _Sentence, q: _Qty, a: _Anchor) -> bool:
    """A bare number right after its anchor ("IKP 3,4", "sebaran informasi ... sebanyak 50.739")."""
    if any(a.end <= o.start < q.start for o in sent.qtys):
        return False
    text = sent.text
    if _filler(text, a.end, q.start) or P.COUNT_INTRO.search(text, max(a.end, q.start - 20), q.start):
        return True
    # "SKHPN yang diterbitkan baru 498.": a passive verb, then the sentence's closing figure
    return q.start - a.end <= 45 and bool(_PASSIVE_COUNT.fullmatch(text, a.end, q.start)) \
        and bool(_CLOSING.match(text, q.unit_end, sent.e))


_PASSIVE_COUNT = re.compile(r"\s+yang\s+(?:(?:telah|sudah|berhasil)\s+)?di[a-z]{3,}\s+"
                            r"(?:(?:baru|hanya|sebanyak|sejumlah|mencapai|tercatat|ada)\s+)?", re.I)
_CLOSING = re.compile(r"\s*(?:[.;!]\s*)?$")


_SEIZURE = _Anchor(0, 0, "berantas.barang_bukti", False)


def _seizure(sent: _Sentence, q: _Qty, mk: Optional[_Marker]):
    """A mass of a named drug with no other anchor is a seizure ("115 gram sabu")."""
    if q.unit_class not in _MASS:
        return None
    if mk is None or mk.dim != "narkotika" or P.DESTRUCTION.search(sent.text, sent.s, sent.e):
        return None
    return _SEIZURE, "berantas.barang_bukti"


def _template(sent: _Sentence, q: _Qty, a: _Anchor, catalog, mk=None):
    """Parallel lists: after a new breakdown marker, repeat the previous group's indicators."""
    mk = mk or _marker_for(sent, q)
    if mk is None or (mk.start < a.end and mk.start < q.start) or mk.start >= q.end:
        return None  # only a marker that opens a new group before the number
    if mk.end <= q.start and any(mk.end <= x.start < q.start for x in sent.anchors):
        return None
    prev = [g for k, g in sent.groups.items() if k != id(mk) and g]
    if not prev:
        return None
    k = len(sent.groups.get(id(mk), []))
    seq = prev[-1]
    if k < len(seq):
        code = _accepts(catalog[seq[k]], q, True)
        if code:
            return a, code
    return None


# --- the document -----------------------------------------------------------------------------------

Published = Optional[Union[date, datetime]]


def extract_document(text: str, title: Optional[str] = None, published: Published = None,
                     url: Optional[str] = None, site: Optional[str] = None) -> Extraction:
    """Judge a cleaned article and extract its facts (see the module docstring)."""
    text = _normalise(text or "")
    head = f"{title or ''}\n{text}"
    offset = len(title or "") + 1
    mentions = find_offices(head)
    office, why = _report_office(mentions, offset, url)
    if office is not None and office is not BNN_RI and _national_lead(head, mentions, offset, office):
        office, why = BNN_RI, BNN_RI.name
    year = report_year(text, title, published)
    low = lower(text)
    hits = (_ANCHORS.scan(low), _MARKERS.scan(low))
    relevant, reason = judge(bool(mentions) or office is not None, head, bool(hits[0] or hits[1]), year)
    if not relevant:
        return Extraction(False, reason, office, year)
    if office is None:
        return Extraction(True, f"office unresolved: {why}", None, year)
    if _other_agency_report(head, title, mentions, office, offset):
        return Extraction(False, "another agency's report: the BNN office is only mentioned", office, year)
    res = Extraction(True, f"{office.name} {year}: {reason}", office, year)
    # In a January release "tahun lalu" is the reported year itself, not the one before it.
    lalu = bool(published and published.month <= 2 and year == published.year - 1)
    _check(_extract_facts(text, low, hits, office, year, mentions, offset, lalu), res)
    return res


def _report_office(mentions: list[Mention], offset: int, url: Optional[str]) -> tuple[Optional[Office], str]:
    """The office most named (title thrice, lead paragraph half again); the URL of a BNN portal breaks ties.

    A name that is both a kota and a kabupaten leaves the office unresolved unless the text or URL settles it.
    """
    scores: dict[Optional[Office], float] = {}
    for m in mentions:
        w = 3.0 if m.start < offset else 1.0
        w *= 0.5 if m.office is BNN_RI else 1.0
        if m.start - offset < _LEAD:
            w *= 1.5  # the lead paragraph names the releasing office
        scores[m.office] = scores.get(m.office, 0) + w
    portal = office_from_url(url)
    best = max(scores.items(), key=lambda kv: kv[1]) if scores else (None, 0)
    if portal is not None and best[0] is None:
        return portal, portal.name
    if not scores:
        return None, "no office"
    if best[0] is None:
        amb = next(m.text for m in mentions if m.office is None)
        return None, f"'{amb}' is both a kota and a kabupaten"
    return best[0], best[0].name


_LEAD = 400  # characters of the body that count as its lead paragraph
_HEADLINE = re.compile(r"[^\n]{1,200}")


def _other_agency_report(head: str, title: Optional[str], mentions: list[Mention], office: Office,
                         offset: int) -> bool:
    """A police (or customs, prosecutor) year-end release whose headline names that agency and no BNN
    office, and whose text names the BNN office only in passing ("dihadiri Kepala BNNK"): not the office's report."""
    line = _HEADLINE.match(head, 1 if not title else 0)
    if line is None:
        return False
    h0, h1 = line.span()
    if not title and line.group(0).rstrip().endswith("."):
        return False  # a text without a headline: its first line is a sentence, not the title
    if not _OTHER_AGENCY.search(lower(line.group(0))) or any(m.start < h1 and m.end > h0 for m in mentions):
        return False
    return sum(1 for m in mentions if m.office == office) <= 2


def _national_lead(head: str, mentions: list[Mention], offset: int, office: Office) -> bool:
    """A release whose title and lead name only "BNN" (the national agency) and whose regional office
    appears only further down ("BNNP Sumut akan mendapat perhatian khusus") is the national one."""
    if any(m.office == office and m.start - offset < _LEAD for m in mentions):
        return False
    return bool(bare_bnn(head[:offset + _LEAD], mentions))


def _within(hits, starts, s, e):
    return [h for h in hits[bisect_left(starts, s):bisect_left(starts, e)] if h[1] <= e]


def _extract_facts(text, low, hits, office, year, mentions, offset, lalu_is_report=False) -> list[Fact]:
    catalog = load_catalog()
    facts: list[Fact] = []
    spans = split_sentences(text)
    hit_starts = ([h[0] for h in hits[0]], [h[0] for h in hits[1]])
    local = [Mention(m.start - offset, m.end - offset, m.office, m.text) for m in mentions if m.start >= offset]
    starts = [m.start for m in local]
    inherit, inherit_left = None, 0
    open_targets: dict[str, float] = {}
    table = None
    for i, (s, e) in enumerate(spans):
        prev = (spans[max(0, i - 2)][0], spans[i - 1][1]) if i else (0, 0)  # the two sentences before
        sent = _Sentence(text, low, s, e, prev, None,
                         _within(hits[0], hit_starts[0], s, e), _within(hits[1], hit_starts[1], s, e))
        sent.mentions = local[bisect_left(starts, s):bisect_left(starts, e)]
        sent.lalu_is_report = lalu_is_report
        sent.year = year
        if not sent.anchors and inherit_left > 0:
            sent.inherited = _Anchor(s, s, inherit.indicator, inherit.weak, True, True, inherit.parts_only,
                                     inherit.peers)
        table = _table_mode(sent, table)
        if sent.anchors or sent.markers or sent.inherited:
            new, open_targets = _sentence_facts(sent, office, year, mentions, offset, catalog, open_targets, table)
            facts.extend(new)
        else:
            open_targets = {}  # nothing here can be a fact: its numbers are not even read
        inherit, inherit_left = _next_inherit(sent, inherit, inherit_left, low[s:e])
    return facts


def _next_inherit(sent, inherit, left, stext):
    """The anchor later sentences may use: a list's topic, an anchor left without a number, or
    (for the next sentence's parts only) the topic of a total just given."""
    if sent.anchors:
        last = sent.anchors[-1]
        if _list_intro(stext) or (any(w in stext for w in _LIST_HINTS) and _LIST_ANY.search(stext)):
            return last, 8
        total = next((a for a in reversed(sent.anchors) if a.bound and not a.inherited), None)
        if total is not None:
            peers = tuple(dict.fromkeys(a.indicator for a in sent.anchors if a.bound and not a.inherited))
            return _Anchor(total.start, total.end, total.indicator, total.weak, parts_only=True, peers=peers), 1
        if not last.bound and not any(q.start > last.end and q.unit_class not in _PLACES for q in sent.qtys):
            return last, 2
        return None, 0
    if inherit is not None and _list_intro(stext) and not sent.qtys:
        return _Anchor(inherit.start, inherit.end, inherit.indicator, inherit.weak), 8  # "Rinciannya:"
    if inherit is not None and left > 0:
        return inherit, left - 1
    return None, 0


_PLACES = ("noun", "lembaga")  # "di 12 instansi": where it was held, not a figure of the anchor
_LIST_HINTS = (":", "antara", "rincian", "terdiri", "berikut")
_INTRO_WORDS = (":", "antara", "rincian", "terdiri", "yakni", "yaitu", "berikut")


def _list_intro(low_sentence: str) -> bool:
    """The sentence ends by announcing a list ("... rinciannya:", "terdiri atas")."""
    tail = low_sentence[-40:]
    return any(w in tail for w in _INTRO_WORDS) and _LIST_INTRO.search(tail) is not None
_LIST_ANY = on_lower(re.compile(r"(?:di ?antaranya|antara lain|rinciannya|terdiri (?:dari|atas)|sebagai berikut)\s*:|:\s*\S"))
_LIST_INTRO = on_lower(P.LIST_INTRO)
_OTHER_AGENCY, _NATIONAL = on_lower(P.OTHER_AGENCY), on_lower(P.NATIONAL)


@lru_cache(maxsize=64)
def _fast(rx: re.Pattern) -> re.Pattern:
    return on_lower(rx)


def _is_target(sent: _Sentence, q: _Qty) -> bool:
    if q.before_target or q.kind == "zero":
        return False
    text = sent.text
    if P.TARGET_BEFORE.search(text, max(sent.s, q.start - 60), q.start):
        return True
    last = None
    for m in P.TARGET_WORD.finditer(text, max(sent.s, q.start - 70), q.start):
        last = m
    if last is None:
        return False
    if any(last.end() <= o.start < q.start for o in sent.qtys):
        return False
    return not P.REALISATION.search(text, last.end(), q.start)


def _table_mode(sent: _Sentence, table: Optional[str]) -> Optional[str]:
    """"target-first" / "value-first" while the rows of a flattened table follow its header."""
    header = None
    if "rget" in sent.low[sent.s:sent.e] and not sent.qtys:
        header = P.TABLE_HEADER.search(sent.text, sent.s, sent.e)
    if header and not sent.qtys:
        first = header.group(0).lower().lstrip()
        return "target-first" if first.startswith("t") else "value-first"
    if table and not sent.qtys:
        return None
    return table


def _table_row(sent: _Sentence, table: str) -> None:
    """In a table row, the two plain numbers are target and realisation by column order."""
    if P.TARGET_WORD.search(sent.text, sent.s, sent.e) or not sent.anchors:
        return
    nums = [q for q in sent.qtys if q.unit_class != "persen" and q.kind == "digits"]
    if len(nums) < 2:
        return
    a, b = nums[0].unit_end, nums[1].start
    if not _ROW_GAP.match(sent.text[a:b]) or any(a <= x.start < b for x in (*sent.markers, *sent.anchors)):
        return  # "sabu 1.204,56 gram dan ganja 3,5 ons": a list in prose, not two columns of one row
    target, value = (nums[0], nums[1]) if table == "target-first" else (nums[1], nums[0])
    target.is_target, value.before_target = True, True


#: Between a row's two columns: separators and at most the unit repeated ("20 LKN 24", "100 | 118").
_ROW_GAP = re.compile(r"[\s|;/\t:(),\-]*(?:(?!(?:dan|serta|atau|dengan|dari|yakni|yaitu)\b)[A-Za-z]+\.?[\s|;/\t:(),\-]*)?$")


_MAX_QUANTITIES = 60  # more numbers than this in one sentence is a data dump, not prose we can read


def _sentence_facts(sent: _Sentence, office, year, mentions, offset, catalog, open_targets, table=None):
    """(facts of one sentence, targets it states for indicators it gives no value for)."""
    if len(sent.qtys) > _MAX_QUANTITIES:
        return [], {}
    _mark_targets(sent, table)
    pending = _bind_all(sent, catalog)
    targets = [(q, a, c) for q, a, c in pending if q.is_target]
    out = []
    for q, a, code in pending:
        if q.is_target:
            continue
        fact = _make_fact(sent, q, a, code, office, year, mentions, offset, catalog)
        if fact is None or _enumerated(sent, q, fact, out):
            continue
        fact.target = _target_for(q, code, targets, catalog)
        if fact.target is None and not fact.breakdown and fact.year == year:
            fact.target = open_targets.get(code)
        out.append((q, fact))
    if sent.has(_RESPECTIVELY):
        out = _respectively(sent, out, catalog)
    return [f for _, f in out], _carried_targets(targets, {f.indicator for _, f in out}, catalog)


_RESPECTIVELY = re.compile(r"\bmasing-masing\b", re.I)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:dan|serta)?|dan|serta)\s*", re.I)
_LIST_LEAD = re.compile(r"\s*(?::|sebanyak|sejumlah|berjumlah|yaitu|yakni|adalah)?\s*", re.I)


def _respectively(sent: _Sentence, out, catalog):
    """"980 pelajar, 1.105 ASN dan 120 warga; yang positif masing-masing 0, 2 dan 4 orang": the numbers
    after "masing-masing" pair in order with the parts listed before, and take their breakdowns."""
    m = _RESPECTIVELY.search(sent.low, sent.s, sent.e)
    later = [q for q in sent.qtys if q.start >= m.end()]
    if not later or not _LIST_LEAD.fullmatch(sent.text, m.end(), later[0].start):
        return out
    run = [later[0]]
    for q in later[1:]:
        prev = run[-1]
        if prev.unit_word or not _LIST_GAP.fullmatch(sent.text, prev.unit_end, q.start):
            break
        run.append(q)
    if len(run) < 2 or any(q.kind == "garbled" for q in run):
        return out
    ids = {id(q) for q in run}
    own = [f for q, f in out if id(q) in ids]
    codes = {f.indicator for f in own}
    if len(codes) != 1:
        return out
    code = codes.pop()
    dim = catalog[code].breakdown
    if not dim:
        return out
    parts: dict[str, list] = {}
    for q, f in out:
        if q.start < m.start() and f.breakdown and f.indicator != code and catalog[f.indicator].breakdown == dim:
            parts.setdefault(f.indicator, []).append(f)
    fits = [fs for fs in parts.values() if len(fs) == len(run) and len({f.breakdown for f in fs}) == len(fs)]
    if len(fits) != 1:
        # "masing-masing 2 dan 3 orang" with nothing to pair with: each is some group's, none the whole
        return [(q, f) for q, f in out if not (id(q) in ids and not f.breakdown)]
    template, unit_class = own[-1], run[-1].unit_class
    kept = [(q, f) for q, f in out if id(q) not in ids]
    for q, part in zip(run, fits[0]):
        value, unit = _convert(q.value, q.unit_class or unit_class, catalog[code])
        kept.append((q, replace(template, value=value, unit=unit, breakdown=part.breakdown, value_text=q.token,
                                year=part.year, target=None)))
    return kept


def _mark_targets(sent: _Sentence, table: Optional[str]) -> None:
    text = sent.text
    for q in sent.qtys:
        q.before_target = bool(P.VALUE_BEFORE_TARGET.match(text, q.unit_end, min(sent.e, q.unit_end + 40)))
        q.is_target = _is_target(sent, q)
    if table:
        _table_row(sent, table)


def _same_kind(value: _Qty, target: _Qty) -> bool:
    """"7 tersangka dari target 4 LKN": a target counting something else is not this value's."""
    a, b = value.unit_class, target.unit_class
    return a is None or b is None or a == b


def _bind_all(sent: _Sentence, catalog) -> list[tuple[_Qty, _Anchor, str]]:
    """Each quantity with the anchor and indicator it belongs to; "42 dari target 30" keeps the pair."""
    pending: list[tuple[_Qty, _Anchor, str]] = []
    last: Optional[tuple[_Qty, _Anchor, str]] = None
    for q in sent.qtys:
        if q.is_target and last and last[0].before_target and pending and pending[-1] is last \
                and _same_kind(last[0], q):
            pending.append((q, last[1], last[2]))  # "42 dari target 30": the target of 42
            continue
        bound = _bind(sent, q, catalog)
        if (not bound or not bound[1]) and last and _year_led(sent, q) and _year_led(sent, last[0]) \
                and q.unit_class == last[0].unit_class and not q.is_target:
            bound = last[1], last[2]  # "pada 2024 sebanyak 6, 2023 sebanyak 5": one figure per year
        if not bound or not bound[1]:
            continue
        a, code = bound
        pending.append((q, a, code))
        last = pending[-1]
        if not q.is_target:
            a.bound = True
            mk = _marker_for(sent, q)
            sent.groups.setdefault(id(mk) if mk else 0, []).append(code)
    return pending


_YEAR_LED = re.compile(r"(?<![\d.,])(?:19|20)\d{2}\s*(?:[:=]|\b(?:sebanyak|sejumlah|berjumlah|mencapai|ada|yaitu|yakni)\b)?\s*$")


def _year_led(sent: _Sentence, q: _Qty) -> bool:
    return q.kind == "digits" and bool(_YEAR_LED.search(sent.text, max(sent.s, q.start - 24), q.start))


_ENUMERATION = re.compile(r"\b(?:yaitu|yakni|antara lain|di ?antaranya|meliputi|masing-masing)\b", re.I)


def _enumerated(sent: _Sentence, q: _Qty, fact: Fact, earlier) -> bool:
    """"2 lembaga, yaitu klinik BNNK dan satu lembaga swasta": a smaller count naming a member of the
    total given before it in the sentence is not a second statement of the indicator."""
    for q0, f0 in earlier:
        if _key(f0) == _key(fact) and fact.value < f0.value and _ENUMERATION.search(sent.text, q0.unit_end, q.start):
            return True
    return False


def _carried_targets(targets, valued: set, catalog) -> dict[str, float]:
    """Targets stated without a value ("target 30 kasus."): the next sentence's value may take them."""
    carried = {}
    for q, a, code in targets:
        if code not in valued:
            value = _target_for(q, code, [(q, a, code)], catalog)
            if value is not None:
                carried[code] = value
    return carried


def _target_for(q: _Qty, code: str, targets, catalog) -> Optional[float]:
    same = [t for t, _, c in targets if c == code]
    if not same:
        return None
    t = min(same, key=lambda t: abs(t.start - q.start))
    value = t.value
    ind = catalog[code]
    if ind.kind == "index" and ind.max is not None:
        value = parse_number(t.token, max_value=ind.max) or value
    return _convert(value, t.unit_class, ind)[0]


def _convert(value: float, unit_class: Optional[str], ind: Indicator) -> tuple[float, str]:
    if ind.kind == "mass":
        if unit_class in P.TO_GRAMS:
            return value * P.TO_GRAMS[unit_class], "gram"
        if unit_class in ("butir", "batang"):
            return value, unit_class
        return value, "gram"
    return value, ind.unit


def _make_fact(sent, q, a, code, office, year, mentions, offset, catalog) -> Optional[Fact]:
    """The fact q states for indicator `code`, or None when the sentence says it is not one."""
    ind = catalog[code]
    if _not_yearly(sent, ind) or _planned(sent, q):
        return None
    breakdown = _breakdown(sent, q, ind)
    if breakdown is None or (ind.category == "pemberantasan" and _other_crime(sent, q)):
        return None
    who = _office_for(sent, q, office, mentions, offset)
    fyear = _year_for(sent, q, year) if who is not None else None
    if fyear is None:
        return None
    value = q.value
    if ind.kind == "index" and ind.max is not None and q.kind == "digits":
        value = parse_number(q.token, max_value=ind.max)
        if value is None:
            return None
    value, unit = _convert(value, q.unit_class, ind)
    return Fact(who.name, who.level, who.code, who.office_id, fyear, code, breakdown, unit, value, None,
                q.token, sent.text[sent.s:sent.e], sent.s, sent.e, a.weak)


#: Crimes that are not drug crimes: their cases and suspects are the police's, not the office's.
_OTHER_CRIME = on_lower(re.compile(
    r"\b(?:konvensional|pencurian|curanmor|curas|curat|pembunuhan|penganiayaan|pengeroyokan|korupsi|"
    r"lalu lintas|laka ?lantas|kecelakaan|perjudian|judi|asusila|pencabulan|pemerkosaan|kdrt|terorisme|"
    r"penipuan|penggelapan|kriminalitas|pidana umum|kejahatan jalanan|premanisme|begal|tawuran|illegal logging|pembalakan)\b"))


def _other_crime(sent: _Sentence, q: _Qty) -> bool:
    """"kasus kejahatan konvensional ... tercatat 1.247 kasus": not drug cases."""
    last = None
    for last in _OTHER_CRIME.finditer(sent.low, max(sent.s, q.start - 80), min(sent.e, q.unit_end + 30)):
        pass
    if last is None:
        return False
    return last.start() > q.start or not _DRUG_WORD.search(sent.low, last.end(), q.start)


_DRUG_WORD = on_lower(re.compile(r"\b(?:narkoba|narkotika|napza|psikotropika|sabu|ganja|ekstasi)"))


#: "akan membentuk 10 penggiat", "ke depan ...": a plan, not a realisation.
_PLAN = on_lower(re.compile(r"\b(?:akan|berencana|direncanakan|rencananya)\s+(?:\w+\s+){0,2}$"))
_PLAN_AHEAD = on_lower(re.compile(r"\bke ?depan(?:nya)?\b"))


def _planned(sent: _Sentence, q: _Qty) -> bool:
    near = sent.low[max(sent.s, q.start - 40):q.start]
    if ("akan" in near or "rencana" in near) and _PLAN.search(near):
        return True
    return "depan" in sent.low[sent.s:q.start] and bool(_PLAN_AHEAD.search(sent.low, sent.s, q.start))


def _not_yearly(sent: _Sentence, ind: Indicator) -> bool:
    """A single case's figures, or amounts destroyed rather than seized."""
    if ind.category == "pemberantasan" and sent.has(P.SINGLE_CASE):
        return True
    return ind.kind == "mass" and sent.has(P.DESTRUCTION)


def _breakdown(sent: _Sentence, q: _Qty, ind: Indicator) -> Optional[str]:
    """The breakdown value q is a part of ('' for a total), or None when q is no fact of ind."""
    mk, beside = _marker_info(sent, q)
    breakdown = ""
    if mk is not None:
        if mk.value == "obat_keras":
            return None
        if mk.dim == ind.breakdown:
            breakdown = mk.value
        elif beside and (mk.dim != "narkotika" or ind.kind == "mass") and _states_part(sent, q, mk):
            return None  # a part ("pelajar 1 orang", "7 di antaranya laki-laki") of an indicator without it
    if ind.kind == "mass" and not breakdown and (
            _marker_named(sent, "obat_keras") or not _TOTAL_WORD.search(sent.text, max(sent.s, q.start - 60), q.start)):
        return None  # a mass of no named drug is a fact only as the stated total of all seizures
    return breakdown


def _states_part(sent: _Sentence, q: _Qty, mk: _Marker) -> bool:
    """A marker before the number, or after it with "di antaranya", names a part; "1 kelompok
    masyarakat" and "12 agen dari unsur masyarakat" only describe."""
    if mk.start < q.start or mk.dim == "jenis_kelamin":
        return True
    return "antaranya" in sent.text[q.unit_end:mk.start].lower()


def _marker_named(sent, value):
    return any(mk.value == value for mk in sent.markers)


_NOT_AGENT = re.compile(r"\b(?:ke|kepada|di|balai|loka|klinik|dari|arahan|instruksi|program|komitmen|"
                        r"inspektorat|oleh tim)\s*$", re.I)
_AGENT_AFTER = re.compile(r"[^,;.]{0,40}?\b(?:ditangani|dilayani|diungkap|disita|oleh)\s+$", re.I)


def _office_for(sent, q, office, mentions, offset) -> Optional[Office]:
    """The report office, another agency (None), or another BNN office named for this number."""
    text = sent.text
    if sent.agencies is None:
        sent.agencies = list(_OTHER_AGENCY.finditer(sent.low, sent.s, sent.e))
        sent.national = _NATIONAL.search(sent.low, sent.s, sent.e)
    before = [m for m in sent.agencies if m.end() <= q.start]
    last_agency = before[-1] if before else None
    inside = [m for m in sent.mentions if m.end <= q.start]
    named = [m for m in inside if m.office is not None
             and not _NOT_AGENT.search(text, max(sent.s, m.start - 14), m.start)]
    last_bnn = named[-1] if named else None
    if last_agency and (last_bnn is None or last_bnn.end < last_agency.start()) and _agency_owns(sent, last_agency):
        return None
    after = next((m for m in sent.agencies if q.unit_end <= m.start() <= q.unit_end + 60), None)
    if after and _AGENT_AFTER.match(text, q.unit_end, after.start()) \
            and not _HANDED_OVER.search(text, q.unit_end, after.start()):
        return None  # "210 kasus yang ditangani aparat penegak hukum"
    for m in sent.mentions:  # "210 orang di antaranya ditangani BNN Kota Semarang"
        at = m.start
        if m.office is not None and q.unit_end < at <= q.unit_end + 60:
            if _AGENT_AFTER.match(text, q.unit_end, at):
                return m.office
    if sent.national and sent.national.start() < q.start and office.level != "pusat":
        return BNN_RI if (last_bnn and last_bnn.office is BNN_RI) else None
    if last_bnn is not None and last_bnn.office != office:
        if last_bnn.office is BNN_RI and not sent.national:
            return office
        return last_bnn.office
    return office


#: "dinyatakan lengkap (P21) oleh Kejaksaan": the office's files, handed to the prosecutor.
_HANDED_OVER = re.compile(r"\b(?:lengkap|p-?21|diserahkan|dilimpahkan|diterima)\b", re.I)
#: Between the members of a list of agencies: "BNNK X, Polres X dan Kejaksaan Negeri X".
_LIST_GAP = re.compile(r"(?:\s+[A-Z][\w.\-]*)*(?:\s*,\s*(?:dan\s+|serta\s+)?|\s(?:dan|serta|bersama|dengan)\s+|\s*&\s*|\s+)")
_COMPARED = re.compile(r"\b(?:dibanding(?:kan)?|ketimbang|daripada|perbandingan|pembanding)\b[^.;]{0,12}$", re.I)
_JOINT = re.compile(r"\b(?:bersama|dan|dengan|ke|kepada|serta|oleh|dari|beranggotakan|unsur|melibatkan|gabungan)\s*$", re.I)


def _agency_owns(sent, agency: re.Match) -> bool:
    """Whether the numbers after another agency are its own: not when it is named in a joint list
    ("bersama Polres", "beranggotakan BNNK X, Polres X"), yes when it is compared ("dibandingkan dengan Polres")."""
    text, first, with_bnn = sent.text, agency.start(), False
    members = sorted([(m.start(), m.end(), False) for m in sent.agencies]
                     + [(m.start, m.end, True) for m in sent.mentions if m.office is not None], reverse=True)
    for s0, e0, is_bnn in members:
        if e0 <= first and _LIST_GAP.fullmatch(text, e0, first):
            first, with_bnn = s0, with_bnn or is_bnn
    pre = text[max(sent.s, first - 40):first]
    if _COMPARED.search(pre):
        return True
    return not (with_bnn or _JOINT.search(pre[-16:]))


_NOW_VALUE = re.compile(r"\b(?:menjadi|jadi|kini|sekarang)\s*$", re.I)


def _year_for(sent, q, year) -> Optional[int]:
    led = _YEAR_LED.search(sent.text, max(sent.s, q.start - 24), q.start) if q.kind == "digits" else None
    if led and not _SINCE.search(sent.text, max(sent.s, led.start() - 14), led.start()):
        y = int(sent.text[led.start():led.start() + 4])
        return None if y > year else y  # "2023 sebanyak 5": the year just before the figure
    after = P.YEAR_AFTER.match(sent.text, q.unit_end, min(sent.e, q.unit_end + 40))
    if after and not any(q.unit_end <= o.start < after.end() for o in sent.qtys if o is not q):
        sent.claimed_years.add(after.end())
        return _year_of(after.group(0), after.group(1), year, sent.lalu_is_report)
    last = None
    for m in sent.years():
        if m.end() > q.start:
            break
        if m.end() not in sent.claimed_years:
            last = m
    if last is None:
        return None if _BASELINE.search(sent.text, max(sent.s, q.start - 40), q.start) else year
    if _NOW_VALUE.search(sent.text, max(sent.s, q.start - 12), q.start) and (
            not last.group(1) or int(last.group(1)) <= year):
        return year  # "naik dari 20 menjadi 24": the new figure is the report year's
    if _SINCE.search(sent.text, max(sent.s, last.start() - 14), last.start()):
        return None  # "sejak 2019": a running total, not one year's figure
    return _year_of(last.group(0), last.group(1), year, sent.lalu_is_report)


#: "meningkat dari 3,21": a baseline of no stated year.
_BASELINE = re.compile(r"\b(?:naik|meningkat|turun|menurun|bertambah|berkurang)\b[^.,;\d]{0,20}?\bdari\s*$", re.I)
_NEXT_YEAR = re.compile(r"depan|mendatang", re.I)
_SINCE = re.compile(r"\b(?:sejak|semenjak|mulai|kurun)\b[^.]{0,6}$", re.I)


def _year_of(expr: str, digits: Optional[str], year: int, lalu_is_report: bool = False) -> Optional[int]:
    if digits:
        y = int(digits)
        return None if y > year else y
    if _NEXT_YEAR.search(expr):
        return None  # "tahun depan": a plan, not a realisation
    if LAST_YEAR.search(expr):
        lalu = re.search(r"\b(?:lalu|kemarin)\b", expr, re.I)
        return year if (lalu and lalu_is_report) else year - 1
    return year


# --- checks ---------------------------------------------------------------------------------------

def _check(facts: list[Fact], res: Extraction) -> None:
    catalog = load_catalog()
    kept = []
    for f in facts:
        ind = catalog[f.indicator]
        if f.value != f.value:
            continue
        if not ind.in_range(f.value):
            res.rejected.append((f, f"value {f.value:g} outside {ind.code} range {ind.min}..{ind.max}"))
        else:
            kept.append(f)
    kept = _resolve_conflicts(kept, res, catalog)
    kept = _drop_weak_totals(kept, res)
    res.facts = _check_parts(kept, res)


def _key(f: Fact):
    return (f.office_id, f.year, f.indicator, f.breakdown, f.unit)


def _resolve_conflicts(facts, res, catalog) -> list[Fact]:
    """One fact per key: repeats merge; differing values keep the one with a target, else the
    largest count (smaller ones are sub-groups or single events); a list of values inside one
    sentence, or differing index values, are rejected rather than guessed."""
    groups: dict[tuple, list[Fact]] = {}
    for f in facts:
        groups.setdefault(_key(f), []).append(f)
    out = []
    for k, fs in groups.items():
        fs = _settle(k[2], fs, res, catalog)
        if fs:
            best = next((f for f in fs if f.target is not None), fs[0])
            best._weak = all(f._weak for f in fs)
            out.append(best)
    out.sort(key=lambda f: f.start)
    return out


def _settle(code: str, fs: list[Fact], res, catalog) -> list[Fact]:
    values = {f.value for f in fs}
    if len(values) == 1:
        return fs
    with_target = {f.value for f in fs if f.target is not None}
    one_sentence = len({f.start for f in fs}) == 1
    if len(with_target) == 1:
        keep = with_target.pop()
    elif catalog[code].kind in ("count", "mass") and not one_sentence:
        keep = max(values)
    else:
        for f in fs:
            res.rejected.append((f, f"conflicting values {sorted(values)} for {code}"))
        return []
    for f in fs:
        if f.value != keep:
            res.rejected.append((f, f"conflicts with {keep:g} stated elsewhere"))
    return [f for f in fs if f.value == keep]


def _drop_weak_totals(facts, res) -> list[Fact]:
    """"merehabilitasi 118" beside "rawat jalan 118": one statement, not a total."""
    parts = {(f.office_id, f.year, f.value) for f in facts
             if f.indicator in ("rehab.rawat_jalan", "rehab.rawat_inap")}
    out = []
    for f in facts:
        if f.indicator == "rehab.layanan" and f._weak and (f.office_id, f.year, f.value) in parts:
            res.rejected.append((f, "restates its rawat jalan/inap part"))
        else:
            out.append(f)
    return out


_PARTS_OF = {"rehab.rawat_jalan": "rehab.layanan", "rehab.rawat_inap": "rehab.layanan",
             "p2m.tes_urine_positif": "p2m.tes_urine"}


def _check_parts(facts, res) -> list[Fact]:
    totals = {_key(f)[:3] + (f.unit,): f.value for f in facts if f.breakdown == ""}
    out = []
    for f in facts:
        total = None
        if f.breakdown:
            total = totals.get((f.office_id, f.year, f.indicator, f.unit))
        elif f.indicator in _PARTS_OF:
            total = totals.get((f.office_id, f.year, _PARTS_OF[f.indicator], f.unit))
        if total is not None and f.value > total and load_catalog()[f.indicator].kind in ("count", "mass"):
            res.rejected.append((f, f"part {f.value:g} above its total {total:g}"))
        else:
            out.append(f)
    return out
