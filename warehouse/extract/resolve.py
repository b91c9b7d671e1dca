"""Resolution: one indicator stated more than once in a document.

Input: the facts of a document. Each mention of the same key (office, year,
indicator, breakdown, unit) gets a role: the year's total, a part or a single
event (smaller, kept out), a restatement (merged). Only true contradictions are
rejected, with the reason. Also the in-sentence list forms: "masing-masing" pairing
and enumerations of a total's members.
"""
from __future__ import annotations

import re
from dataclasses import replace
from .model import Fact, fact_key
from .quantities import convert, Qty
from .sentences import LIST_GAP, Sentence

RESPECTIVELY = re.compile(r"\bmasing-masing\b", re.I)


_LIST_LEAD = re.compile(r"\s*(?::|sebanyak|sejumlah|berjumlah|yaitu|yakni|adalah)?\s*", re.I)


def respectively(sent: Sentence, out, catalog):
    """"980 pelajar, 1.105 ASN dan 120 warga; yang positif masing-masing 0, 2 dan 4 orang": the numbers
    after "masing-masing" pair in order with the parts listed before, and take their breakdowns."""
    m = RESPECTIVELY.search(sent.low, sent.s, sent.e)
    later = [q for q in sent.qtys if q.start >= m.end()]
    if not later or not _LIST_LEAD.fullmatch(sent.text, m.end(), later[0].start):
        return out
    run = [later[0]]
    for q in later[1:]:
        prev = run[-1]
        if prev.unit_word or not LIST_GAP.fullmatch(sent.text, prev.unit_end, q.start):
            break
        run.append(q)
    if len(run) == 1 and not any(mn.office is not None and mn.end <= m.start() for mn in sent.mentions):
        q = run[0]  # "Jumlah peserta masing-masing 30 orang": what each event had, not a total
        if any(qq is q and not f.breakdown for qq, f in out):
            sent.notes[q.start] = "each one's figure (masing-masing), not a total"
        return [(qq, f) for qq, f in out if qq is not q or f.breakdown]
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
        value, unit = convert(q.value, q.unit_class or unit_class, catalog[code])
        kept.append((q, replace(template, value=value, unit=unit, breakdown=part.breakdown, value_text=q.token,
                                year=part.year, target=None)))
    return kept


_ENUMERATION = re.compile(r"\b(?:yaitu|yakni|antara lain|di ?antaranya|meliputi|masing-masing)\b", re.I)


def enumerated(sent: Sentence, q: Qty, fact: Fact, earlier) -> bool:
    """"2 lembaga, yaitu klinik BNNK dan satu lembaga swasta": a smaller count naming a member of the
    total given before it in the sentence is not a second statement of the indicator."""
    for q0, f0 in earlier:
        if fact_key(f0) == fact_key(fact) and fact.value < f0.value and _ENUMERATION.search(sent.text, q0.unit_end, q.start):
            return True
    return False


#: Cues of a mention's role, read around its number when the fact is made (see `mention_cues`).
_TOTAL_CUE = re.compile(r"\b(?:total(?:nya)?|seluruh(?:nya)?|keseluruhan|secara keseluruhan|jumlah(?:nya)?|"
                        r"akumulasi)\b(?!\s+target)(?:[^.;,\d]|(?:19|20)\d\d){0,60}$", re.I)  # "Total 30 pelaku, dengan 19 ..." is no total of 19
_PERIOD = re.compile(r"\b(?:sepanjang|selama|periode|hingga akhir|sampai akhir|sampai dengan|s\.?d\.?|"
                     r"tahun (?:ini|(?:19|20)\d{2}|anggaran)|(?:19|20)\d{2})\b|\bjanuari\b[^.]{0,20}\bdesember\b", re.I)
#: "10 berkas sudah P21", "15 dari 18 kasus", "4 di antaranya", "5 lainnya": a part of a larger figure.
_PART_AFTER = re.compile(r"[\s,]*(?:\w+\s+){0,2}?(?:di ?antaranya|lainnya|sudah (?:p-?21|lengkap|dilimpahkan|"
                         r"divonis)|(?:telah|sudah) (?:tahap|p-?21|dinyatakan lengkap)|masih (?:dalam )?(?:proses|penyidikan|tahap|sidik)|(?:jaringan\s+)?(?:internasional|nasional|lokal|"
                         r"lintas (?:provinsi|kabupaten|negara)|antar ?(?:provinsi|kabupaten|negara))|dari (?:total |jumlah )?\d|merupakan bagian|"
                         r"(?:telah |sudah )?(?:ditembak|tewas|meninggal)|warga negara (?:indonesia|asing)|wni|wna)\b", re.I)
_PART_BEFORE = re.compile(r"\b(?:di ?antaranya|termasuk|sebagian|lanjutan|tindak lanjut|memetakan|dipetakan|pemetaan|dari jumlah (?:itu|tersebut)|dari (?:total |jumlah )?\d[\d.,]*"
                          r"(?:\s+\w+){0,3}\s*,|terdiri (?:atas|dari)|meliputi|rinciannya|rincian)\b[^.;]{0,40}$", re.I)


#: "16 LKN sudah P-21", "yang sudah masuk tahap P-21 ada 16": the files complete so far, a subset of the year's.
_HANDED = (r"(?:(?:sudah|telah)\s+(?:(?:masuk|memasuki)\s+)?(?:tahap\s+)?(?:p-?21|lengkap|dinyatakan lengkap|dilimpahkan|"
           r"tahap (?:ii|2|dua)|menjalani (?:masa )?hukuman|divonis|inkrah|berkekuatan hukum tetap)|"
           r"(?:masih|sementara)\s+(?:dalam\s+)?(?:tahap|proses|penyidikan|sidik))")
#: (Words only between: no number, no comma, no "dengan" or "dan" that would start another item.)
_HANDED_AFTER = re.compile(r"\s*(?:(?!(?:dengan|dan|serta)\b)[A-Za-z]\w*\s+){0,6}?(?:yang\s+)?" + _HANDED, re.I)
_HANDED_BEFORE = re.compile(r"\byang\s+" + _HANDED + r"\b(?:\s+(?:[1-3]|i{1,3}|satu|dua)\b)?(?:\s*\([^()]{0,15}\))?,?[^.;,\d]{0,20}$",
                            re.I)  # "yang sementara dalam tahap 1 sebanyak 3 berkas"


def mention_cues(sent: Sentence, q: Qty) -> frozenset:
    """What the words around one number say of its role: a stated total, a period frame, a part."""
    cues = set()
    before = sent.text[max(sent.s, q.start - 80):q.start]
    # Each pattern runs only where one of its words is near: most numbers have none.
    low_before, low_after = sent.low[max(sent.s, q.start - 90):q.start], sent.low[q.unit_end:min(sent.e, q.unit_end + 90)]
    if _TOTAL_WORDS.search(low_before) and _TOTAL_CUE.search(before[-70:]):
        cues.add("total")
    if sent.has(_PERIOD):
        cues.add("period")
    if (_PART_AFTER.match(sent.text, q.unit_end, min(sent.e, q.unit_end + 40)) if _PART_AFTER_WORDS.search(low_after[:40])
            else False) or (_PART_BEFORE_WORDS.search(low_before) and _PART_BEFORE.search(before)):
        cues.add("part")
    if _HANDED_WORDS.search(low_before[-50:] + " " + low_after[:70]) and (
            _HANDED_AFTER.match(sent.text, q.unit_end, min(sent.e, q.unit_end + 70)) or _HANDED_BEFORE.search(before[-50:])):
        cues.add("subset")
    if " di " in low_after[:60] and _PLACE_AFTER.match(sent.text, q.unit_end, min(sent.e, q.unit_end + 60)):
        cues.add("place")
    if _MONTHS.search(low_before) and _DATED.search(sent.text, max(sent.s, q.start - 90), q.start) or (
            _MONTHS.search(low_after[:60]) and _DATED_AFTER.match(sent.text, q.unit_end, min(sent.e, q.unit_end + 60))):
        cues.add("part")  # "pada Februari 2024 ... 946,82 gram": one dated event, a part of the year's total
    if ("ladang" in low_after or "lahan" in low_after or "kebun" in low_after) and _FROM_FIELD.match(
            sent.text, q.unit_end, min(sent.e, q.unit_end + 90)):
        cues.add("part")  # "1,5 ton dari ladang di lereng Merapi": a harvest, a part of what was seized
    return frozenset(cues)


#: The words each cue pattern starts from, looked for first on the lower-cased text around the number.
_TOTAL_WORDS = re.compile(r"total|seluruh|jumlah|akumulasi")
_PART_AFTER_WORDS = re.compile(r"antaranya|lainnya|sudah|telah|masih|nasional|lokal|lintas|antar|dari|merupakan|"
                               r"ditembak|tewas|meninggal|negara|wni|wna")
_PART_BEFORE_WORDS = re.compile(r"antaranya|termasuk|sebagian|lanjut|meta|peta|dari|terdiri|meliputi|rincian")
_HANDED_WORDS = re.compile(r"p-?21|lengkap|dilimpahkan|tahap|hukuman|divonis|inkrah|hukum tetap|proses|sidik")
_MONTHS = re.compile(r"januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember|ditanggal")


_DATED = re.compile(r"\b(?:pada|di|ke)\s*(?:bulan\s+|tanggal\s+)?(?:\d{1,2}\s+)?(?:januari|februari|maret|april|mei|juni|juli|"
                    r"agustus|september|oktober|november|desember)\b(?!\s*(?:\d{4}\s*)?(?:hingga|sampai|s\.?d|-|–|dan))|"
                    r"\bditanggal\b", re.I)


#: A cannabis field the amount came from (within its own list item).
_FROM_FIELD = re.compile(r"(?:(?!\b(?:dan|serta)\b)[^.;,]){0,70}?\b(?:dari|di)\s+(?:\S+\s+){0,2}?(?:ladang|lahan|kebun)\b", re.I)


#: "sabu 2 ton di Kamboja pada 1 Desember 2025": a day's event named after the amount.
_DATED_AFTER = re.compile(r"[^.;,\d]{0,40}?\bpada\s+(?:tanggal\s+)?\d{1,2}\s+(?:januari|februari|maret|april|mei|juni|juli|"
                          r"agustus|september|oktober|november|desember)\b", re.I)


#: "12 orang rawat inap di RS Parindu", "194 orang di klinik": where the counted were served.
_PLACE_AFTER = re.compile(r"\s*(?:[a-z]+\s+){0,3}?di\s+(?:klinik|rumah|rs\b|rsud|rsj|puskesmas|balai|loka|lapas|rutan|"
                          r"kecamatan|kabupaten|kota|desa|kelurahan|[A-Z])")


def resolve_conflicts(facts, res, catalog) -> list[Fact]:
    """One fact per key. Repeats merge. Differing values: the one with a target, else the year's
    total (a stated total or a period-framed mention, not a part; the largest count or mass), the
    others being parts, single events or subsets. Rejected, with the reason: a list of equal parts
    in one sentence (none is the total), and index or percent values that disagree."""
    groups: dict[tuple, list[Fact]] = {}
    for f in facts:
        groups.setdefault(fact_key(f), []).append(f)
    shares: dict[tuple, float] = {}  # the other offices' figures, by (year, indicator, breakdown, unit)
    for k, fs in groups.items():
        if k[0] is not None:
            shares[k[1:]] = shares.get(k[1:], 0.0) + fs[0].value
    out = []
    for k, fs in groups.items():
        if catalog[k[2]].kind == "count":
            for f in (f for f in fs if "subset" in f.cues):
                res.rejected.append((f, "the files complete or handed over so far (P-21), a subset of the year's"))
            fs = [f for f in fs if "subset" not in f.cues]
            if not fs:
                continue
        fs = _whole_of_shares(fs, shares.get(k[1:], 0.0) - fs[0].value, res)
        fs = _settle(k[2], fs, res, catalog)
        if fs:
            best = next((f for f in fs if f.target is not None), fs[0])
            best._weak = all(f._weak for f in fs)
            out.append(best)
            for f in fs:
                if f is not best:
                    res.notes[f.pos] = f"restates {f.indicator} = {f.value:g}, kept where first stated"
    out.sort(key=lambda f: f.start)
    return out


def _whole_of_shares(fs: list[Fact], others: float, res) -> list[Fact]:
    """"50 kasus" and "BNN Bali 36 kasus" beside "BNN Badung enam kasus, ...": when the larger figure is
    the smaller one plus the other offices' figures, it is the total and the smaller the office's own share."""
    values = sorted({f.value for f in fs})
    if len(values) != 2 or others <= 0 or abs(values[0] + others - values[1]) > 1e-6:
        return fs
    for f in fs:
        if f.value == values[0]:
            res.rejected.append((f, f"the report office's own share of its total {values[1]:g} with the BNNKs"))
    return [f for f in fs if f.value == values[1]]


def _settle(code: str, fs: list[Fact], res, catalog) -> list[Fact]:
    if len({f.value for f in fs}) == 1:
        return fs
    fs = _within_sentences(code, fs, res, catalog)
    if len({f.value for f in fs}) <= 1:
        return fs
    keep, why = _choose(code, fs, catalog)
    if keep is None:
        for f in fs:
            res.rejected.append((f, why))
        return []
    for f in fs:
        if f.value != keep:
            res.rejected.append((f, why.format(keep=f"{keep:g}")))
    return [f for f in fs if f.value == keep]


def _within_sentences(code: str, fs: list[Fact], res, catalog) -> list[Fact]:
    """Several values of one key in one sentence: a total and its parts keep the total; a list of
    equal parts ("di Depok 120 orang, di Mlati 95 orang") keeps none of them."""
    if catalog[code].kind not in ("count", "mass"):
        return fs
    by_sentence: dict[int, list[Fact]] = {}
    for f in fs:
        by_sentence.setdefault(f.start, []).append(f)
    out = []
    for group in by_sentence.values():
        placed = [f for f in group if "place" in f.cues]
        if len({f.value for f in placed}) > 1:
            res.rejected.extend((f, f"one of a list of places {sorted({p.value for p in placed})} for {code}")
                                for f in placed)
            group = [f for f in group if "place" not in f.cues]
        values = sorted({f.value for f in group})
        if len(values) <= 1 or _cues_tell_apart(group):
            out.extend(group)
        elif _total_then_parts(group):
            first = min(group, key=lambda f: f.pos)
            out.extend(f for f in group if f.value == first.value)
            res.rejected.extend((f, f"a part of the total {first.value:g} given before it") for f in group
                                if f.value != first.value)
        else:
            res.rejected.extend((f, f"a list of parts {values} in one sentence for {code}, none of them the total")
                                for f in group)
    return out


def _cues_tell_apart(group: list[Fact]) -> bool:
    """Some mentions are marked as totals or parts and others are not: the document-wide choice decides."""
    marked = [bool(f.cues & {"total", "part"}) for f in group]
    return any(marked) and not all(marked)


def _total_then_parts(fs: list[Fact]) -> bool:
    """"276 orang, terdiri dari 82 orang ... dan 194 orang": the first figure, in the same unit word as
    the rest, is at least their sum. "di Depok 120 orang, di Mlati 95 orang dan di Gamping 60 orang" is not,
    nor is a list of places."""
    first, *rest = sorted(fs, key=lambda f: f.pos)
    same_unit = len({f.unit_word.lower() for f in fs}) == 1
    places = sum(1 for f in fs if "place" in f.cues)
    return same_unit and places < 2 and first.value >= sum(f.value for f in rest)


def _choose(code: str, fs: list[Fact], catalog) -> tuple:
    """(the value to keep or None, the reason the others are held back)."""
    values = sorted({f.value for f in fs})
    with_target = {f.value for f in fs if f.target is not None}
    if len(with_target) == 1:
        return with_target.pop(), "another mention of {keep} (the one given with its target)"
    whole = [f for f in fs if "part" not in f.cues] or fs
    stated = [f for f in whole if "total" in f.cues] or [f for f in whole if "period" in f.cues] or whole
    if catalog[code].kind in ("count", "mass"):
        top = max(stated, key=lambda f: f.value)
        finer = [f for f in fs if f.value != top.value and _rounds_to(f, top)]
        if finer:  # "15,3 kilogram" and later "15.381 gram": one amount, the exact figure kept
            return finer[0].value, "the same amount rounded ({keep} given exactly)"
        return top.value, "a part, single event or subset of the total {keep}"
    framed = {f.value for f in stated}
    if len(framed) == 1 and len(stated) < len(fs):
        return framed.pop(), "another figure beside the stated {keep}"
    return None, f"conflicting values {values} for {code}"


def _rounds_to(fine: Fact, rough: Fact) -> bool:
    """"15,3 kg" is "15.381 gram" cut to one decimal: the rough figure has fewer digits, and the exact one
    lies within one step of its last digit."""
    digits = re.sub(r"\D", "", rough.value_text)
    written = _written_value(rough.value_text)
    if not digits or not written or len(re.sub(r"\D", "", fine.value_text).rstrip("0")) <= len(digits.rstrip("0")):
        return False
    decimals = len(rough.value_text.rpartition(",")[2]) if "," in rough.value_text else 0
    step = 10 ** -decimals * rough.value / written  # one unit of the last written digit, in the fact's unit
    return 0 < abs(fine.value - rough.value) < step


def _written_value(token: str) -> float:
    try:
        return float(token.replace(".", "").replace(",", "."))
    except ValueError:
        return 0.0


def drop_weak_totals(facts, res) -> list[Fact]:
    """"merehabilitasi 118" and "118 klien rawat jalan": one statement, not a total and a part; unless
    the text splits the total into both services ("172 orang itu rawat jalan, rawat inap tidak ada")."""
    parts: dict[tuple, set] = {}
    for f in facts:
        if f.indicator in ("rehab.rawat_jalan", "rehab.rawat_inap"):
            parts.setdefault((f.office_id, f.year), set()).add((f.indicator, f.value))
    out = []
    for f in facts:
        stated = parts.get((f.office_id, f.year), set())
        both = {ind for ind, _ in stated} == {"rehab.rawat_jalan", "rehab.rawat_inap"}
        if f.indicator == "rehab.layanan" and f._weak and not both and any(v == f.value for _, v in stated):
            res.rejected.append((f, "restates its rawat jalan/inap part"))
        else:
            out.append(f)
    return out
