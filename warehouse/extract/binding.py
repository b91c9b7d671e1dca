"""Binding: each quantity tied to the anchor (indicator) that governs it.

Input: a `Sentence` with its anchors, markers and quantities (targets already
marked). Output: (quantity, anchor, indicator code) triples. Order of preference:
an anchor right after the number ("21 berkas perkara"), a purpose clause
("dirujuk ... untuk menjalani rawat inap"), the nearest fitting anchor before it,
one shortly after, a parallel list's template, and a mass of a named drug.
"""
from __future__ import annotations

import re
from typing import Optional
from .. import patterns as P
from ..catalog import Indicator, load_catalog
from ..phrasebook import on_lower
from .model import PARTS_OF
from .anchors import Anchor, Marker
from .quantities import MASS, Qty
from .sentences import CLAUSE_BREAK, LIST_GAP, Sentence
from .breakdowns import filler, marker_for, marker_info, PARTS_INTRO
from .attribution import year_for, year_led
from .targets import same_kind

def _accepts(ind: Indicator, q: Qty, bare_ok: bool, immediate: bool = False) -> Optional[str]:
    """The indicator code this quantity can be a value of, or None."""
    code = ind.code
    if q.kind == "garbled":
        return None
    if (q.unit_class in P.UNIT_REDIRECT and ind.category == "pemberantasan"
            and q.unit_class not in P.EXTRA_ACCEPTS.get(code, ())):
        code = P.UNIT_REDIRECT[q.unit_class]
    if code.startswith("p2m.kie"):
        if q.unit_word.lower() in ("klien", "pasien", "residen"):
            return None  # "30 klien yang dijangkau ... di unit IBM": clients, not an audience
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


def _immediate(sent: Sentence, q: Qty, a: Anchor) -> bool:
    if a.start < q.end:
        return False
    if a.start <= q.unit_start and q.unit_word:
        return True
    return bool(_IMMEDIATE_WORDS.fullmatch(sent.low, q.unit_end, a.start))


#: What may stand between a number and the anchor that names it: "12 yang dinyatakan positif",
#: "4 di antaranya positif", "188 lainnya menjalani rawat inap".
_IMMEDIATE_WORDS = re.compile(r"\s*(?:(?:pasien|klien|warga|pecandu|penyalahguna|pengguna)\s+)?(?:di ?antaranya\s+|lainnya\s+)?(?:yang\s+(?:di\w+\s+)?|sebagai\s+|(?:pembuatan|penerbitan|pelayanan|layanan)\s+)?"
                              r"(?:(?:menjalani|mengikuti|dirujuk(?:\s+ke)?)\s+)?")


def _bind(sent: Sentence, q: Qty, catalog) -> Optional[tuple[Anchor, str]]:
    """The anchor and indicator that govern q: an anchor right after it, else the nearest fitting
    anchor before it (or a parallel list's), else one shortly after, else a seizure of a named drug."""
    found = _bind_immediate(sent, q, catalog)
    if found is not None:
        return found or None
    mk, beside = marker_info(sent, q)
    if q.kind == "zero":
        return _bind_zero(sent, q, catalog, mk, beside)
    _drug_unit_unwritten(sent, q, mk, beside)
    bare_ok = q.before_target or q.is_target or beside
    purpose = _referred(sent, q, catalog) or _purpose_after(sent, q, catalog)
    if purpose is not None:
        return purpose
    after = _first_after(sent, q, catalog, bare_ok)
    found = _bind_before(sent, q, catalog, mk, bare_ok, after)
    if found is not None:
        return found or None
    if after:
        return after, _accepts(catalog[after.indicator], q, True)
    return _seizure(sent, q, mk) or _named_by_unit(sent, q)


_IMMEDIATE_GAP = 40  # longest "yang di... " between a number and its anchor


_REALISED = re.compile(r"\b(?:terealisasi|realisasi(?:nya)?|tercapai)\s+(?:sebanyak\s+)?$", re.I)


def _bind_immediate(sent: Sentence, q: Qty, catalog):
    """"21 berkas perkara", "tujuh nota kesepahaman": the anchor right after the number (and unit)."""
    for a in sent.anchors:
        if a.start > q.unit_end + _IMMEDIATE_GAP:
            break  # anchors are in text order: the rest are too far to be "right after"
        if not _immediate(sent, q, a):
            continue
        realised = _REALISED.search(sent.text, max(sent.s, q.start - 25), q.start)  # "Target 12 orang, terealisasi 27 ..."
        prior = [p for p in sent.anchors if p.end <= q.start and (realised or not CLAUSE_BREAK.search(sent.text, p.end, q.start))]
        if a.start <= q.unit_start + len(q.unit_word) + 1 and prior and prior[-1].indicator == "berantas.asesmen_terpadu" \
                and a.indicator == "berantas.tersangka" and _accepts(catalog[prior[-1].indicator], q, True):
            sent.anchors.remove(a)
            return prior[-1], prior[-1].indicator  # "asesmen terpadu terhadap 32 orang tersangka"
        if a.start <= q.unit_start and prior and q.unit_class in P.EXTRA_ACCEPTS.get(prior[-1].indicator, ()):
            sent.anchors.remove(a)  # the unit word only: "dan 4 klien" after it is no count of tersangka
            return prior[-1], prior[-1].indicator  # "asesmen terpadu terhadap 14 tersangka"
        assessed = _assessed_after(sent, q, a)
        if assessed is not None:
            return assessed, assessed.indicator  # "99 tersangka ... telah menjalani asesmen TAT"
        if a.indicator in _BOTH_SERVICES and _AND_THE_OTHER.match(sent.text, a.end):
            return False  # "159 orang dirujuk rehabilitasi rawat inap dan rawat jalan": both services, neither one
        code = _accepts(catalog[a.indicator], q, True, immediate=True)
        return (a, code) if code else None
    return None


_BOTH_SERVICES = ("rehab.rawat_inap", "rehab.rawat_jalan")
_AND_THE_OTHER = re.compile(r"\s*(?:dan|serta|atau|maupun|/)\s*(?:rehabilitasi\s+)?(?:rawat (?:jalan|inap)|di ?rawat)", re.I)


def _assessed_after(sent: Sentence, q: Qty, unit_anchor: Anchor) -> Optional[Anchor]:
    """The integrated assessment that the suspects counted by q went through, named shortly after."""
    if unit_anchor.indicator != "berantas.tersangka" or q.unit_class != "tersangka":
        return None
    for a in sent.anchors:
        if a.indicator == "berantas.asesmen_terpadu" and q.unit_end < a.start <= q.unit_end + 80 \
                and _UNDERWENT.search(sent.text, q.unit_end, a.start):
            return a
    return None


_UNDERWENT = re.compile(r"\b(?:menjalani|mengikuti|dilakukan|diberikan|mendapat(?:kan)?)\b", re.I)


_ZERO_SUBJECT = re.compile(r"\s+[a-z]+\s+(?:yang\s+)?(?:[a-z]+\s+)?")


def _bind_zero(sent: Sentence, q: Qty, catalog, mk, beside):
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


def _parallel(sent: Sentence, q: Qty, o: Qty) -> bool:
    """Two parts of one list: each right beside a marker of the same dimension ("48 laki-laki dan 2 perempuan")."""
    mq, bq = marker_info(sent, q)
    mo, bo = marker_info(sent, o)
    return bool(bq and bo and mq and mo and mq.dim == mo.dim and mq.value != mo.value)


def _first_after(sent: Sentence, q: Qty, catalog, bare_ok: bool) -> Optional[Anchor]:
    """The next anchor within 80 characters, if no other number stands between ("13 orang itu
    rinciannya, 10 dirawat jalan": the anchor is the 10's)."""
    for a in sent.anchors:
        if a.start >= q.unit_end and a.start - q.unit_end <= 80:
            between = [o for o in sent.qtys if q.end <= o.start < a.start and not o.is_target
                       and o.unit_class != "noun" and not _parallel(sent, q, o)]
            if between or _labels_next(sent, q, a):
                return None
            return a if _accepts(catalog[a.indicator], q, bare_ok) else None
    return None


_NEXT_ITEM = re.compile(r",|\b(?:dan|serta)\b", re.I)
_LABEL_GAP = re.compile(r"\)?\s*(?:\([^()]{1,20}\))?\s*(?::|sebanyak|sejumlah|berjumlah|ada)?\s*$", re.I)


def _labels_next(sent: Sentence, q: Qty, a: Anchor) -> bool:
    """"Asesmen medis 14 orang dan Skrining Intervensi Lapangan (SIL) 2 orang": an anchor that opens
    the next item of a list, right before its own number, is that number's label."""
    if not _NEXT_ITEM.search(sent.text, q.unit_end, a.start):
        return False
    nxt = next((o for o in sent.qtys if o.start >= a.end), None)
    return nxt is not None and nxt.start - a.end <= 30 and bool(_LABEL_GAP.match(sent.text[a.end:nxt.start]))


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


#: "... dan merujuk 27 orang pecandu ke lembaga rehabilitasi rawat inap": the people referred, then where to.
_REFERS_BEFORE = re.compile(r"\b(?:merujuk|mengirim(?:kan)?|mengantar(?:kan)?|memberangkatkan)\s+(?:sebanyak\s+)?$", re.I)


def _referred(sent: Sentence, q: Qty, catalog) -> Optional[tuple[Anchor, str]]:
    """The rehabilitation service named after the people a referral verb counts."""
    if q.unit_class != "orang" or not _REFERS_BEFORE.search(sent.text, max(sent.s, q.start - 25), q.start):
        return None
    for a in sent.anchors:
        if a.start < q.unit_end or not a.indicator.startswith("rehab."):
            continue
        if a.start - q.unit_end > 80 or _CLAUSE_END.search(sent.text, q.unit_end, a.start) \
                or any(q.end <= o.start < a.start for o in sent.qtys):
            return None
        code = _accepts(catalog[a.indicator], q, True)
        if code:  # "ke lembaga rehabilitasi rawat inap": the place is passed over for the service
            return a, code
    return None


def _purpose_after(sent: Sentence, q: Qty, catalog) -> Optional[tuple[Anchor, str]]:
    if q.unit_class != "orang":
        return None
    subject = _SUBJECT_LEAD.match(sent.text, sent.s, q.start) is not None or \
        _CLAUSE_SUBJECT.search(sent.text, max(sent.s, q.start - 40), q.start) is not None
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
            later = _main_clause_anchor(sent, q, a)
            a = later or a
            code = _accepts(catalog[a.indicator], q, True)
            return (a, code) if code else None
        later = _main_clause_anchor(sent, q, a) if subject else None
        if later is not None:
            code = _accepts(catalog[later.indicator], q, True)
            return (later, code) if code else None
        if subject:
            return None  # the first indicator after the subject is not what it took part in
    return None


_CLAUSE_END = re.compile(r"[;]|\b(?:sedangkan|sementara|namun)\b", re.I)
#: A subject after a clause: "..., mengatakan, sebanyak 50 orang klien ...".
_CLAUSE_SUBJECT = re.compile(r"[,:“\"]\s*(?:(?:sebanyak|tercatat|total|sejumlah|sedikitnya|sekitar)\s+){1,2}$", re.I)
#: "yang telah menjalani rehabilitasi": a relative clause describing the people counted.
_RELATIVE = re.compile(r"\byang\s+(?:telah\s+|sudah\s+|pernah\s+)?\w+\s*$", re.I)
_RELATIVE_OPEN = re.compile(r"\byang\s+(?:telah\s+|sudah\s+|pernah\s+)?$", re.I)
_MAIN_VERB = re.compile(r"\b(?:diberikan|diberi|mendapat(?:kan)?|menerima|mengikuti|menjalani|dilayani)\b", re.I)


def _main_clause_anchor(sent: Sentence, q: Qty, a: Anchor) -> Optional[Anchor]:
    """"50 orang klien yang telah menjalani rehabilitasi ... diberikan layanan pascarehabilitasi": the
    service named by the main verb, not the one in the relative clause that describes the people."""
    if not (_RELATIVE.search(sent.text, q.unit_end, a.start) or _RELATIVE_OPEN.search(sent.text, q.unit_end, a.start)):
        return None
    for b in sent.anchors:
        if b.start > a.end and b.start - a.end <= 100 and not _CLAUSE_END.search(sent.text, a.end, b.start) \
                and _MAIN_VERB.search(sent.text, a.end, b.start):
            return b
    return None


_BESIDES = re.compile(r"\bselain\b[^,;]*$", re.I)


def _bind_before(sent: Sentence, q: Qty, catalog, mk, bare_ok: bool, after: Optional[Anchor]):
    """The nearest fitting anchor before q; False to defer to `after`, None when none fits."""
    before = [a for a in sent.anchors if a.end <= q.start and q.start - a.end <= 250]
    if sent.inherited and not before and sent.inherited.parts_only and _compares_back(sent, q):
        return _compared_topic(sent, q, catalog, bare_ok)
    if sent.inherited and not before:
        if not _may_inherit(sent, q, catalog, mk, mk is not None and marker_info(sent, q)[1]):
            return None
        before = [sent.inherited]
    for i, a in enumerate(reversed(before)):
        if _GENERIC.fullmatch(sent.text, a.start, a.end) and i + 1 < len(before):
            continue  # "jaringan ..., hasil pengungkapan nihil": the named indicator, not the verb
        if not a.inherited and _BESIDES.search(sent.text, max(sent.s, a.start - 80), a.start) \
                and "," in sent.text[a.end:q.start]:
            continue  # "selain proses TAT ..., BNNK juga merehabilitasi 43 pecandu": the other work, not this
        code = _accepts(catalog[a.indicator], q, bare_ok or _bare_first(sent, q, a)
                        or (a.inherited and _compared_bare(sent, q)))
        if not code:
            continue
        if not a.bound or q.is_target or a.inherited:
            return a, code
        if after and not after.bound and not CLAUSE_BREAK.search(sent.text, q.unit_end, after.start):
            return None
        tmpl = _template(sent, q, a, catalog, mk)
        if tmpl:
            return tmpl
        if after and not after.bound and _next_part(sent, q, catalog[code].breakdown):
            return a, code  # "300 pegawai pemerintah dan 450 karyawan swasta, ... positif": still the list
        return None if after and not after.bound else (a, code)
    return None


_GENERIC = re.compile(r"pengungkapan|mengungkap", re.I)


def _next_part(sent: Sentence, q: Qty, dim: str) -> bool:
    """q continues a list of parts: the number just before it names another group of the same dimension
    right beside it, and only a comma or "dan" joins the two."""
    if not dim:
        return False
    mk, beside = marker_info(sent, q)
    if mk is None or not beside or mk.dim != dim:
        return False
    prev = [o for o in sent.qtys if o.end <= q.start]
    if not prev:
        return False
    o = prev[-1]
    pm, pbeside = marker_info(sent, o)
    if pm is None or not pbeside or pm.dim != dim or pm.value == mk.value:
        return False
    end = max([o.unit_end, pm.end] + [m.end for m in sent.markers if m.dim == dim and
                                      o.unit_start <= m.start and m.end <= min(q.start, o.unit_end + 25)])
    return q.start - end <= 12 and bool(LIST_GAP.fullmatch(sent.text, end, q.start))


def _may_inherit(sent: Sentence, q: Qty, catalog, mk, beside) -> bool:
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


def _compares_back(sent: Sentence, q: Qty) -> bool:
    """A sentence without an indicator word comparing with an earlier year gives the topic's earlier figure."""
    if sent.year is None or not sent.has(_COMPARISON):
        return False
    if not _YEAR_THEN.search(sent.low, max(sent.s, q.start - 70), q.start) and not (
            _FROM_FIGURE.search(sent.low, max(sent.s, q.start - 40), q.start)
            and P.YEAR_AFTER.match(sent.text, q.unit_end, min(sent.e, q.unit_end + 40))):
        return False  # the figure follows its year, or "naik dari 2,98 pada tahun sebelumnya";
        # "naik 24 orang dibanding tahun lalu" is a difference
    y = year_for(sent, q, sent.year)
    return y is not None and y < sent.year


_FROM_FIGURE = on_lower(re.compile(
    r"\b(?:naik|turun|meningkat|menurun|bertambah|berkurang)\s+(?:\w+\s+){0,2}?(?:dari|dibanding(?:kan)?(?:\s+dengan)?)\s+"
    r"(?:angka\s+|capaian\s+)?$"))


def _compared_topic(sent: Sentence, q: Qty, catalog, bare_ok: bool):
    """The previous sentence's indicator an earlier-year figure is about: the only one its unit fits, or
    the total whose parts were also given ("129 direhabilitasi, 102 rawat jalan ..."); None if unclear."""
    peers = sent.inherited.peers or (sent.inherited.indicator,)
    fits = [(ind, code) for ind in peers
            if (code := _accepts(catalog[ind], q, bare_ok or _compared_bare(sent, q)))]
    if len(fits) > 1 and all(PARTS_OF.get(ind) == fits[0][0] for ind, _ in fits[1:]):
        fits = fits[:1]
    if len(fits) != 1:
        return None
    return Anchor(sent.s, sent.s, fits[0][0], False, True, True), fits[0][1]


def _compared_bare(sent: Sentence, q: Qty) -> bool:
    """"... dibanding tahun sebelumnya yang hanya 3,02": a bare figure right after the earlier year."""
    return _compares_back(sent, q)


def _lists_parts(sent: Sentence, dim: str) -> bool:
    """Two or more parts of one dimension, or one announced as a part ("di antaranya", "terdiri")."""
    if PARTS_INTRO.search(sent.text, sent.s, sent.e):
        return True
    values = set()
    for q in sent.qtys:
        mk, beside = marker_info(sent, q)
        if beside and mk is not None and mk.dim == dim:
            values.add(mk.value)
    return len(values) >= 2


def _bare_first(sent: Sentence, q: Qty, a: Anchor) -> bool:
    """A bare number right after its anchor ("IKP 3,4", "sebaran informasi ... sebanyak 50.739")."""
    if any(a.end <= o.start < q.start for o in sent.qtys):
        return False
    text = sent.text
    if filler(text, a.end, q.start) or P.COUNT_INTRO.search(text, max(a.end, q.start - 20), q.start):
        return True
    # "SKHPN yang diterbitkan baru 498.": a passive verb, then the sentence's closing figure
    return q.start - a.end <= 45 and bool(_PASSIVE_COUNT.fullmatch(text, a.end, q.start)) \
        and bool(_CLOSING.match(text, q.unit_end, sent.e))


_PASSIVE_COUNT = re.compile(r"\s+yang\s+(?:(?:telah|sudah|berhasil)\s+)?di[a-z]{3,}\s+"
                            r"(?:(?:baru|hanya|sebanyak|sejumlah|mencapai|tercatat|ada)\s+)?", re.I)


_CLOSING = re.compile(r"\s*(?:[.;!]\s*)?$")


_SEIZURE = Anchor(0, 0, "berantas.barang_bukti", False)
#: Units that only one indicator counts, with the verbs that say the office did it: "mengintervensi 60 keluarga".
_UNIT_INDICATORS = {
    "keluarga": ("p2m.ketahanan_keluarga", re.compile(
        r"\b(?:intervensi|mengintervensi|diintervensi|mendampingi|pendampingan|dibina|membina|menjangkau|melibatkan)\b", re.I)),
}


def _drug_unit_unwritten(sent: Sentence, q: Qty, mk, beside: bool) -> None:
    """"jenis sabu sebanyak 24.346,27", "XTC sebanyak 359": a seized drug's amount with its unit left out is
    in grams, and ecstasy in pills."""
    if q.unit_class is not None or q.kind != "digits" or not beside or mk is None or mk.dim != "narkotika" \
            or mk.value == "obat_keras" or mk.end > q.start or not _SEIZED.search(sent.text, sent.s, sent.e):
        return
    q.unit_class = "butir" if mk.value == "ekstasi" else "gram"


_SEIZED = re.compile(r"\b(?:barang bukti|BB|disita|menyita|sitaan|diamankan|mengamankan|penyitaan)\b", re.I)


def _named_by_unit(sent: Sentence, q: Qty):
    """A count whose unit only one indicator counts, done by the office ("mengintervensi 60 keluarga")."""
    found = _UNIT_INDICATORS.get(q.unit_class or "")
    if found and found[1].search(sent.text, max(sent.s, q.start - 40), q.start):
        return Anchor(q.start, q.start, found[0], True), found[0]
    return None


def _seizure(sent: Sentence, q: Qty, mk: Optional[Marker]):
    """A mass of a named drug with no other anchor is a seizure ("115 gram sabu")."""
    if q.unit_class not in MASS:
        return None
    if mk is None or mk.dim != "narkotika" or P.DESTRUCTION.search(sent.text, sent.s, sent.e):
        return None
    return _SEIZURE, "berantas.barang_bukti"


def _template(sent: Sentence, q: Qty, a: Anchor, catalog, mk=None):
    """Parallel lists: after a new breakdown marker, repeat the previous group's indicators."""
    mk = mk or marker_for(sent, q)
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


#: What leads a figure that repeats the previous one's indicator for another year or state:
#: "Tahun 2019 sebesar 135,85 gram", "sementara tahun 2024 hanya 93,44 gram", "menjadi 10.053,41 gram".
_ECHO_LEAD = re.compile(
    r"(?:\b(?:tahun|pada|di|untuk)\s+(?:19|20)\d{2}|\btahun (?:lalu|sebelumnya|kemarin|ini)|(?<![\d.,])(?:19|20)\d{2})"
    r"[\s,:]*(?:(?:ini|lalu|hanya|sebanyak|sebesar|seberat|sejumlah|berjumlah|mencapai|tercatat|ada|yaitu|"
    r"yakni|dengan|yang|menjadi|turun|naik|meningkat|menurun)\s+){0,3}$"
    r"|\b(?:menjadi|jadi)\s+(?:(?:hanya|sebanyak|sebesar|seberat|sekitar)\s+)?$", re.I)


_SAME_ITEM = re.compile(r"\s*(?:,|/|\bdan\b|\batau\b|\bserta\b)\s*", re.I)


def _echoes(sent: Sentence, q: Qty, prev: Qty) -> bool:
    """q repeats prev's indicator and breakdown: the same unit, and led by another year or "menjadi"."""
    if q.kind != "digits":
        return False
    if q.unit_class in MASS and prev.unit_class in MASS and q.unit_class != prev.unit_class:
        return bool(_SAME_ITEM.fullmatch(sent.text, prev.unit_end, q.start))  # "290.737 butir dan 138.404 gram"
    if q.unit_class != prev.unit_class or q.unit_class in ("noun", "bare_words", "persen"):
        return False
    return bool(_ECHO_LEAD.search(sent.text, max(sent.s, q.start - 60), q.start))


def _bare_mass(q: Qty, bound) -> bool:
    """A mass bound to seizures without a drug of its own: an echo may name the drug."""
    return q.unit_class in MASS and bound[1] == "berantas.barang_bukti"


#: "12.527 orang dengan 112 hasil positif": the people tested, then how many of them were positive.
_THEN_POSITIVES = re.compile(r"\s*(?:(?:diperiksa|dites|menjalani tes|mengikuti tes)\s+)?(?:,\s*)?(?:dengan|dan)?\s*(?:hasil\s+)?")


def _tested_before_positives(sent: Sentence, q: Qty, catalog) -> Optional[tuple]:
    """A count of people right before a count bound to positive urine tests is the number tested, whatever
    anchor stands before it ("... 13 orang positif, lebih banyak dari 2018 yang hanya 420 orang dengan 9 positif")."""
    if q.unit_class != "orang":
        return None
    nxt = next((o for o in sent.qtys if o.start >= q.unit_end), None)
    if nxt is None or not _THEN_POSITIVES.fullmatch(sent.text, q.unit_end, nxt.start):
        return None
    bound = _bind(sent, nxt, catalog)
    if bound and bound[1] == "p2m.tes_urine_positif":
        return bound[0], "p2m.tes_urine"
    return None


def bind_all(sent: Sentence, catalog) -> list[tuple[Qty, Anchor, str]]:
    """Each quantity with the anchor and indicator it belongs to; "42 dari target 30" keeps the pair."""
    pending: list[tuple[Qty, Anchor, str]] = []
    last: Optional[tuple[Qty, Anchor, str]] = None
    for q in sent.qtys:
        if q.is_target and last and last[0].before_target and pending and pending[-1] is last \
                and same_kind(last[0], q):
            pending.append((q, last[1], last[2]))  # "42 dari target 30": the target of 42
            continue
        bound = (_tested_before_positives(sent, q, catalog) if not q.is_target else None) or _bind(sent, q, catalog)
        if (not bound or not bound[1]) and last and year_led(sent, q) and year_led(sent, last[0]) \
                and q.unit_class == last[0].unit_class and not q.is_target:
            bound = last[1], last[2]  # "pada 2024 sebanyak 6, 2023 sebanyak 5": one figure per year
        if (not bound or not bound[1] or _bare_mass(q, bound)) and not q.is_target:
            prev = last or sent.carried
            if prev is not None and _echoes(sent, q, prev[0]):
                bound, q.echo = (prev[1], prev[2]), prev[0]
        if not bound or not bound[1]:
            sent.notes[q.start] = "no indicator phrase governs it"
            continue
        a, code = bound
        pending.append((q, a, code))
        last = pending[-1]
        if not q.is_target:
            a.bound = True
            mk = marker_for(sent, q)
            sent.groups.setdefault(id(mk) if mk else 0, []).append(code)
    return pending
