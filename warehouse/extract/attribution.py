"""Attribution: the releasing office and the report year, and whose each number is.

Document level: `report_office` (headline, lead and dateline weigh most; BNN RI only
for the national agency's own release), `other_agency_report` (a police release
that names BNN in passing). Number level: `office_for` (the report office, a BNNK
named for the number, or another agency: None) and `year_for` (the report year, a
year written beside the number, "tahun lalu").
"""
from __future__ import annotations

import re
from typing import Optional
from .. import patterns as P
from ..catalog import Indicator
from ..offices import bare_bnn, BNN_RI, Mention, Office, office_from_url, regions_named
from ..phrasebook import lower, on_lower
from ..years import LAST_YEAR
from .quantities import Qty
from .sentences import Sentence

def report_office(mentions: list[Mention], offset: int, url: Optional[str], head: str = "",
                  title_end: Optional[int] = None) -> tuple[Optional[Office], str]:
    """The office most named (title thrice, lead paragraph half again); the URL of a BNN portal breaks ties.

    A name that is both a kota and a kabupaten leaves the office unresolved unless the text or URL settles it.
    """
    scores: dict[Optional[Office], float] = {}
    title_end = offset if title_end is None else title_end
    for m in mentions:
        w = 3.0 if m.start < title_end else 1.0
        w *= 0.5 if m.office is BNN_RI else 1.0
        if m.start - offset < _LEAD:
            w *= 1.5  # the lead paragraph names the releasing office
        if m.office is not BNN_RI and m.start - offset < _OWN_LEAD and _HEAD_OF.search(head, max(0, m.start - 12), m.start):
            w *= 2.0  # "kata Kepala BNNK Bengkulu Selatan": the office whose head speaks
        scores[m.office] = scores.get(m.office, 0) + w
    portal = office_from_url(url)
    best = max(scores.items(), key=lambda kv: kv[1]) if scores else (None, 0)
    if portal is not None and best[0] is None:
        return portal, f"the BNN portal the page came from ({url})"
    if not scores:
        return None, "no office"
    if best[0] is None:
        amb = next(m.text for m in mentions if m.office is None)
        return None, f"'{amb}' is both a kota and a kabupaten"
    named = sum(1 for m in mentions if m.office == best[0])
    return best[0], f"named most in the headline and lead ({named} mentions, weight {best[1]:g})"


_LEAD = 400  # characters of the body that count as its lead paragraph


def headline_end(head: str, offset: int) -> int:
    """Where the headline ends: the given title, or a text's first line when it reads as one (short,
    no full stop), as in a page's visible text saved with its title on top."""
    if offset > 1:
        return offset
    line = _HEADLINE.match(head, 1)
    if line and len(line.group(0)) < 160 and not line.group(0).rstrip().endswith((".", '"', "”")):
        return line.end()
    return offset
_HEAD_OF = re.compile(r"\bKepala\s+$", re.I)


_HEADLINE = re.compile(r"[^\n]{1,200}")
_OWN_LEAD = 600  # the releasing office is named in the headline or the lead


def other_agency_report(head: str, title: Optional[str], mentions: list[Mention], office: Office,
                         offset: int) -> bool:
    """Another agency's release that names a BNN office only in passing: its headline names the police
    (or customs, prosecutors) and no BNN office, or its lead quotes that agency's data and names no BNN
    office at all ("Berdasarkan data Polres ..." with "bersama BNN" further down)."""
    lead = head[:offset + _OWN_LEAD]
    if not any(m.start < offset + _OWN_LEAD for m in mentions) and _OTHER_AGENCY.search(lower(lead)):
        return True
    line = _HEADLINE.match(head, 1 if not title else 0)
    if line is None:
        return False
    h0, h1 = line.span()
    if not title and line.group(0).rstrip().endswith("."):
        return False  # a text without a headline: its first line is a sentence, not the title
    if not _OTHER_AGENCY.search(lower(line.group(0))) or any(m.start < h1 and m.end > h0 for m in mentions):
        return False
    return sum(1 for m in mentions if m.office == office) <= 2


def national_lead(head: str, mentions: list[Mention], offset: int, office: Office) -> bool:
    """A release whose title and lead name only "BNN" (the national agency) and whose regional office
    appears only further down ("BNNP Sumut akan mendapat perhatian khusus") is the national one."""
    if any(m.office == office and m.start - offset < _LEAD for m in mentions):
        return False
    if _dateline_in(head[offset:offset + 60], office):
        return False  # "SEMARANG – ... BNN ..." in a release the BNNP Jawa Tengah gives: BNN is its short name
    return bool(bare_bnn(head[:offset + _LEAD], mentions))


#: "SEMARANG || Bedanews.com –", "PANGKALPINANG, LASPELA –", "Palu (ANTARA) -": the city the text was filed from.
_DATELINE = re.compile(r"\s*([A-Z][A-Za-z'.]*(?:[ ][A-Z][A-Za-z'.]*){0,2})\s*(?:,|\(|\|\||[-–—])")


def _dateline_in(lead: str, office: Office) -> bool:
    """The text is filed from a place inside the office's own region (Jakarta aside: BNN RI sits there)."""
    m = _DATELINE.match(lead)
    if m is None or office.code is None or (m.group(1).isupper() is False and not m.group(1).istitle()):
        return False
    return any(r.code[:2] != "31" and r.code.startswith(office.code) for r in regions_named(m.group(1)))


_OTHER_AGENCY, _NATIONAL = on_lower(P.OTHER_AGENCY), on_lower(P.NATIONAL)


_YEAR_LED = re.compile(r"(?<![\d.,])(?:19|20)\d{2}\s*(?:[:=]|\b(?:sebanyak|sejumlah|berjumlah|mencapai|ada|yaitu|yakni)\b)?\s*$")


def year_led(sent: Sentence, q: Qty) -> bool:
    return q.kind == "digits" and bool(_YEAR_LED.search(sent.text, max(sent.s, q.start - 24), q.start))


#: Crimes that are not drug crimes: their cases and suspects are the police's, not the office's.
_OTHER_CRIME = on_lower(re.compile(
    r"\b(?:konvensional|pencurian|curanmor|curas|curat|pembunuhan|penganiayaan|pengeroyokan|korupsi|"
    r"lalu lintas|laka ?lantas|kecelakaan|perjudian|judi|asusila|pencabulan|pemerkosaan|kdrt|terorisme|"
    r"penipuan|penggelapan|kriminalitas|pidana umum|kejahatan jalanan|premanisme|begal|tawuran|illegal logging|pembalakan)\b"))


def other_crime(sent: Sentence, q: Qty, code: str = "") -> bool:
    """"kasus kejahatan konvensional ... tercatat 1.247 kasus", "16 tersangka TPPU": not drug cases."""
    if code in _CASE_COUNTS:
        after = _LAUNDERING.match(sent.low, q.unit_end, min(sent.e, q.unit_end + 80))
        if after and not _DRUG_WORD.search(sent.low, q.unit_end, after.start(1)):
            return True  # "14 kasus dan 16 tersangka TPPU", not "46.537 kasus narkoba dan 27 kasus TPPU"
        if _LAUNDERING_BEFORE.search(sent.low, max(sent.s, q.start - 90), q.start):
            return True
    last = None
    for last in _OTHER_CRIME.finditer(sent.low, max(sent.s, q.start - 80), min(sent.e, q.unit_end + 30)):
        pass
    if last is None:
        return False
    return last.start() > q.start or not _DRUG_WORD.search(sent.low, last.end(), q.start)


_CASE_COUNTS = ("berantas.kasus", "berantas.tersangka", "berantas.berkas_perkara")
#: Money-laundering cases and suspects beside the drug ones: "14 kasus dan 16 tersangka TPPU".
_LAUNDERING = on_lower(re.compile(r"[^.;]{0,70}?\b(tppu|pencucian uang)\b"))
_LAUNDERING_BEFORE = on_lower(re.compile(r"\b(?:tppu|pencucian uang)\b[^.;\d]{0,80}$"))


_DRUG_WORD = on_lower(re.compile(r"\b(?:narkoba|narkotika|napza|psikotropika|sabu|ganja|ekstasi)"))


#: "akan membentuk 10 penggiat", "ke depan ...": a plan, not a realisation.
_PLAN = on_lower(re.compile(r"\b(?:akan|berencana|direncanakan|rencananya)\s+(?:\w+\s+){0,2}$"))


_PLAN_AHEAD = on_lower(re.compile(r"\bke ?depan(?:nya)?\b"))


#: "43 orang direkomendasikan untuk rawat jalan": an assessment's advice, not a service given.
_ADVISED = on_lower(re.compile(r"\s*(?:\w+\s+){0,2}?(?:di)?rekomendasi(?:kan)?\b"))


def planned(sent: Sentence, q: Qty) -> bool:
    """A plan or a recommendation, not a realisation."""
    if _ADVISED.match(sent.low, q.unit_end, min(sent.e, q.unit_end + 30)) or (
            "rekomendasi" in sent.low[sent.s:q.start] and _ADVISED.search(sent.low, sent.s, q.start)):
        return True
    near = sent.low[max(sent.s, q.start - 40):q.start]
    if ("akan" in near or "rencana" in near) and _PLAN.search(near):
        return True
    return "depan" in sent.low[sent.s:q.start] and bool(_PLAN_AHEAD.search(sent.low, sent.s, q.start))


def not_yearly(sent: Sentence, ind: Indicator) -> bool:
    """A single case's figures, amounts destroyed rather than seized, or drugs found with no owner."""
    if ind.category == "pemberantasan" and (
            (sent.has(P.SINGLE_CASE) and not _points_to_several(sent)) or _ENUMERATED_CASE.match(sent.text, sent.s)):
        return True
    return ind.kind == "mass" and (sent.has(P.DESTRUCTION) or sent.has(_OWNERLESS))


#: "Pertama, pada Februari BNNP mengungkap ...": one of the standout cases listed one by one.
_ENUMERATED_CASE = re.compile(r"[\s\"“]*(?:pertama|kedua|ketiga|keempat|kelima|keenam)\s*,", re.I)


def _points_to_several(sent: Sentence) -> bool:
    """"Kasus itu ..." after "mengungkap 19 kasus": the cases of the year, not a single one. True when every
    single-case phrase of the sentence is such a pointer and a count of several cases comes just before."""
    found = list(P.SINGLE_CASE.finditer(sent.text, sent.s, sent.e))
    if not found or not all(_POINTER.fullmatch(m.group(0)) for m in found):
        return False
    first = found[0].start()
    return bool(P.SEVERAL_CASES.search(sent.text, sent.context[0], first))


_POINTER = re.compile(r"(?:kasus|(?:dalam|pada) (?:pengungkapan|penangkapan|penggerebekan|penindakan|operasi)) "
                      r"(?:tersebut|ini|itu)", re.I)


#: "BB tak bertuan", "narkotika tanpa pemilik": finds that belong to no case of the office's.
_OWNERLESS = re.compile(r"\b(?:tanpa pemilik|tak bertuan|tidak bertuan|tidak diketahui pemiliknya)\b", re.I)


_NOT_AGENT = re.compile(r"\b(?:ke|kepada|di|balai|loka|klinik|pratama|dari|arahan|instruksi|program|komitmen|"
                        r"inspektorat|oleh tim)\s*$", re.I)


_AGENT_AFTER = re.compile(r"(?:[^,;.]|[.,](?=\d)){0,60}?\b(?:ditangani|dilayani|diungkap|disita|oleh|untuk|milik|"
                          r"hasil (?:ungkap|pengungkapan|tangkapan))\s+(?:jajaran\s+)?$",
                          re.I)
_FACILITY_LISTED = re.compile(r"(?:[,;]|\b(?:dan|serta)\b)\s*(?:di\s+)?(?:RSUD|RSJ|RS|Rumah Sakit|Yayasan|Puskesmas|Klinik|"
                              r"Lapas|Rutan|IPWL|Balai|Loka|Panti)\b", re.I)
#: "Di BNNK Nunukan, ...": the office as the topic of the clause that follows the comma.
_TOPIC = re.compile(r"\s*,")
#: "lima kasus BNNK Mimika": the office named right after a count.
_OWNER_NEXT = re.compile(r"\s*(?:narkoba|narkotika)?\s*", re.I)
#: "BNNK Jayapura 26 klien", "BNNK X sebanyak 26": a number right after the office it belongs to.
def _owner_listed(sent, m, q) -> bool:
    """"di BNN Kota Palu sebanyak 70 klien": the office listed with its figure; not "dari BNNP Jatim 2 orang",
    where the office is where the people counted came from."""
    return bool(_LISTED_OWNER.fullmatch(sent.text, m.end, q.start)) and not _FROM.search(
        sent.text, max(sent.s, m.start - 6), m.start)


_FROM = re.compile(r"\bdari\s*$", re.I)
_LISTED_OWNER = re.compile(r"\s*(?:(?:telah|berhasil|melayani|mengungkap|menangani|sebanyak|sejumlah|dengan|"
                           r"mencapai|ada|yaitu|yakni|barang bukti)\s+){0,3}$", re.I)


AMBIGUOUS = "a BNNK whose name fits both a kota and a kabupaten"


def office_for(sent, q, office, mentions, offset, code: str = "") -> Optional[Office] | str:
    """The report office, another BNN office named for this number, None for another agency's
    figure, or AMBIGUOUS when the BNNK named for it cannot be told apart. Rehabilitation and
    integrated assessment are BNN's services only: police named beside them do not own them."""
    text = sent.text
    if code.startswith("rehab.") or code == "berantas.asesmen_terpadu":
        return _bnn_office(sent, q, office)
    if sent.agencies is None:
        sent.agencies = list(_OTHER_AGENCY.finditer(sent.low, sent.s, sent.e))
        sent.national = _NATIONAL.search(sent.low, sent.s, sent.e)
    before = [m for m in sent.agencies if m.end() <= q.start]
    last_agency = before[-1] if before else None
    if code.startswith("berantas.") and (_joint_with_police(sent, q, before) or _carried_foreign(sent)):
        return None  # "jajaran Polda NTB dan BNNP NTB mengungkap 492 kasus": a joint total, not the office's
    inside = [m for m in sent.mentions if m.end <= q.start]
    named = [m for m in inside if m.office is not None
             and (not _NOT_AGENT.search(text, max(sent.s, m.start - 14), m.start)
                  or _owner_listed(sent, m, q)  # "di BNN Kota Palu sebanyak 70 klien"
                  or _TOPIC.match(text, m.end))]  # "Di BNNK Nunukan, dari target 15 orang ..."
    last_bnn = named[-1] if named else None
    if last_agency and (last_bnn is None or last_bnn.end < last_agency.start()) and _agency_owns(sent, last_agency):
        return None
    after = next((m for m in sent.agencies if q.unit_end <= m.start() <= q.unit_end + 60), None)
    if after and _AGENT_AFTER.match(text, q.unit_end, after.start()) \
            and not _HANDED_OVER.search(text, q.unit_end, after.start()):
        return None  # "210 kasus yang ditangani aparat penegak hukum"
    for m in sent.mentions:  # "210 orang di antaranya ditangani BNN Kota Semarang", "lima kasus BNNK Mimika"
        at = m.start
        if q.unit_end < at <= q.unit_end + 60 and m.office is not office and (
                _AGENT_AFTER.match(text, q.unit_end, at) or _OWNER_NEXT.fullmatch(text, q.unit_end, at)):
            return m.office or AMBIGUOUS
        if at > q.unit_end + 60:
            break
    if sent.national and sent.national.start() < q.start and office.level != "pusat":
        return BNN_RI if (last_bnn and last_bnn.office is BNN_RI) else None
    if last_bnn is not None and _FACILITY_LISTED.search(text, last_bnn.end, q.start):
        return "a figure of another institution (hospital, clinic, foundation) in a list"
    unsure = [m for m in inside if m.office is None]
    if unsure and (last_bnn is None or unsure[-1].start > last_bnn.start) and _LISTED_OWNER.fullmatch(
            text, unsure[-1].end, q.start):
        return AMBIGUOUS  # "BNNK Jayapura 26 klien" where Jayapura is both a kota and a kabupaten
    if last_bnn is not None and last_bnn.office != office:
        if last_bnn.office is BNN_RI and not sent.national:
            return office
        return last_bnn.office
    return office


#: "dinyatakan lengkap (P21) oleh Kejaksaan": the office's files, handed to the prosecutor.
_HANDED_OVER = re.compile(r"\b(?:lengkap|p-?21|diserahkan|dilimpahkan|diterima)\b", re.I)


#: Between the members of a list of agencies: "BNNK X, Polres X dan Kejaksaan Negeri X"; "aparat penegak
#: hukum (APH)": the short name in brackets is the same member.
_AGENCY_GAP = re.compile(r"(?:\s+[A-Z][\w.\-]*)*(?:\s*,\s*(?:dan\s+|serta\s+)?|\s(?:dan|serta|bersama|dengan)\s+|\s*&\s*|\s+|\s*\(\s*)")


_COMPARED = re.compile(r"\b(?:dibanding(?:kan)?|ketimbang|daripada|perbandingan|pembanding)\b[^.;]{0,12}$", re.I)


_JOINT = re.compile(r"\b(?:bersama|dan|dengan|ke|kepada|serta|beranggotakan|unsur|melibatkan|gabungan)\s*$", re.I)


#: A BNN office and the police as one subject: "BNN bersama Polri, TNI dan Bea Cukai", "Polda NTB dan BNNP NTB".
_BNN_THEN_AGENCY = re.compile(r"\s*(?:,\s*)?(?:dan|serta|bersama(?:-sama)?(?:\s+dengan)?|beserta|&)\s+(?:jajaran\s+)?$", re.I)
_AGENCY_THEN_BNN = re.compile(r"(?:\s+[A-Z][\w.\-]*)*\s*(?:dan|serta|beserta|&)\s+(?:jajaran\s+)?$", re.I)
#: A team's members, not a joint subject: "TAT beranggotakan BNNK, Polres dan Kejaksaan".
_MEMBERSHIP = re.compile(r"\b(?:beranggotakan|anggota|terdiri (?:dari|atas)|tim|unsur|melibatkan)\b[^.;]{0,30}$", re.I)


def _joint_with_police(sent, q, agencies: list) -> bool:
    """The BNN office named together with another agency as the subject of the figure."""
    bnn = [Mention(m.start(), m.end(), None, m.group(0)) for m in _ANY_BNN.finditer(sent.text, sent.s, q.start)]
    for ag in agencies:
        for m in bnn:
            link = _BNN_THEN_AGENCY.fullmatch(sent.text, m.end, ag.start()) if m.end <= ag.start() else None
            if link and ("bersama" not in link.group(0).lower() or _several_after(sent, ag, q)):
                first = m.start  # "BNNK X bersama Polres X" is the office's; "BNN bersama Polri, TNI dan Bea Cukai" is not
            elif ag.end() <= m.start and _AGENCY_THEN_BNN.fullmatch(sent.text, ag.end(), m.start) and \
                    not _FRONTED.search(sent.text, max(sent.s, ag.start() - 12), ag.start()):
                first = ag.start()
            else:
                continue
            if not _MEMBERSHIP.search(sent.text, max(sent.s, first - 40), first):
                return True
    return False


#: Any BNN office, the national agency included: "BNN", "BNNK Sleman", "Badan Narkotika Nasional (BNN)".
_ANY_BNN = re.compile(r"\bBNN[PK]?(?:\s+(?:Provinsi|Kota|Kabupaten|Kab\.?|RI))?(?:\s+[A-Z][\w\-]*){0,3}|"
                      r"\bBadan Narkotika Nasional(?:\s+(?:Provinsi|Kota|Kabupaten))?(?:\s*\(BNN[PK]?\))?"
                      r"(?:\s+[A-Z][\w\-]*){0,3}")


def each_office(sent, q, office_id) -> list:
    """"BNNK Jayapura dan BNNK Mimika masing-masing empat kasus": the other offices listed with the one
    the figure was given to, each of which has the same figure."""
    before = [m for m in sent.mentions if m.end <= q.start and m.office is not None]
    if not before or before[-1].office.office_id != office_id or "masing" not in sent.low[before[-1].end:q.start]:
        return []
    others, last = [], before[-1]
    for m in reversed(before[:-1]):
        if not _EACH_GAP.fullmatch(sent.text, m.end, last.start):
            break
        others.append(m.office)
        last = m
    return others


_EACH_GAP = re.compile(r"\s*(?:,\s*(?:dan\s+|serta\s+)?|\s(?:dan|serta)\s+)", re.I)


def _bnn_office(sent, q, office):
    """The BNN office named for q in the sentence, else the report office (no other agency counts)."""
    for m in sent.mentions:  # "210 orang di antaranya ditangani BNN Kota Semarang"
        if q.unit_end < m.start <= q.unit_end + 60 and m.office is not office and (
                _AGENT_AFTER.match(sent.text, q.unit_end, m.start) or _OWNER_NEXT.fullmatch(sent.text, q.unit_end, m.start)):
            return m.office or AMBIGUOUS
    named = [m for m in sent.mentions if m.end <= q.start
             and (not _NOT_AGENT.search(sent.text, max(sent.s, m.start - 14), m.start) or _owner_listed(sent, m, q))]
    if named and named[-1].office is None:
        return AMBIGUOUS if _LISTED_OWNER.fullmatch(sent.text, named[-1].end, q.start) else office
    if named and named[-1].office is not BNN_RI and named[-1].office != office:
        if _FACILITY_LISTED.search(sent.text, named[-1].end, q.start):
            return "a figure of another institution (hospital, clinic, foundation) in a list"
        return named[-1].office
    return office


def _several_after(sent, ag, q) -> bool:
    """Two or more agencies listed from `ag` on, before the number ("Satresnarkoba Polres X" is one)."""
    listed = [o for o in sent.agencies if ag.start() <= o.start() < q.start]
    return any(_LISTED.search(sent.text, a.end(), b.start()) for a, b in zip(listed, listed[1:]))


_LISTED = re.compile(r",|\b(?:dan|serta)\b", re.I)


_FRONTED = re.compile(r"\b(?:bersama|dengan)\s+$", re.I)
#: A sentence that goes on with the previous one's agency figures: "Adapun rincian barang bukti ...".
_GOES_ON = re.compile(r"\s*(?:adapun|rinciannya|dengan rincian|rincian|dari jumlah (?:itu|tersebut)|"
                      r"dari (?:data|total|hasil) (?:itu|tersebut))\b", re.I)


def foreign_headline(title: Optional[str]) -> bool:
    """A title that gives another agency's figure and names no BNN office ("Polda Kaltim Masih Menunggak
    443 Kasus"): the body's first sentence may go on with that agency's figures."""
    if not title or not any(ch.isdigit() for ch in title):
        return False
    return bool(_OTHER_AGENCY.search(lower(title))) and not _ANY_BNN.search(title)


def _carried_foreign(sent) -> bool:
    """The previous sentence gave another agency's (or a joint) figures and this one goes on with them,
    naming no BNN office and no agency: "Narkotika yang disita sepanjang 2019 terdiri dari ..."."""
    return sent.after_foreign and not sent.mentions and not sent.agencies and not _ANY_BNN.search(
        sent.text, sent.s, sent.e)


def _agency_owns(sent, agency: re.Match) -> bool:
    """Whether the numbers after another agency are its own: not when it is named in a joint list
    ("bersama Polres", "beranggotakan BNNK X, Polres X"), yes when it is compared ("dibandingkan dengan Polres")."""
    text, first, with_bnn = sent.text, agency.start(), False
    members = sorted([(m.start(), m.end(), False) for m in sent.agencies]
                     + [(m.start, m.end, True) for m in sent.mentions if m.office is not None], reverse=True)
    for s0, e0, is_bnn in members:
        if e0 <= first and _AGENCY_GAP.fullmatch(text, e0, first):
            first, with_bnn = s0, with_bnn or is_bnn
    pre = text[max(sent.s, first - 40):first]
    if _COMPARED.search(pre):
        return True
    return not (with_bnn or _JOINT.search(pre[-16:]))


_NOW_VALUE = re.compile(r"\b(?:menjadi|jadi|kini|sekarang)\s*$", re.I)


def year_for(sent, q, year, frame: Optional[int] = None) -> Optional[int]:
    """The year q is about: a year written beside it, the last year named before it in the sentence,
    the frame of an earlier year the sentence goes on from, else the report year; None for running
    totals and years to come."""
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
    if q.unit_class is not None and _FROM_TO.match(sent.text, q.unit_end, min(sent.e, q.unit_end + 50)) and \
            _FROM.search(sent.text, max(sent.s, q.start - 8), q.start) and (
                last is None or not last.group(1) or int(last.group(1)) == year):
        return year - 1  # "dari 10 orang menjadi 20 orang": the year before, then the report year
    if last is None:
        return None if _BASELINE.search(sent.text, max(sent.s, q.start - 40), q.start) else (frame or year)
    if _NOW_VALUE.search(sent.text, max(sent.s, q.start - 12), q.start) and (
            not last.group(1) or int(last.group(1)) == year
            or _BASELINE_YEAR.search(sent.text, max(sent.s, last.start() - 20), last.start())):
        return year  # "naik dari 20 menjadi 24": the new figure is the report year's
    if _SINCE.search(sent.text, max(sent.s, last.start() - 14), last.start()) or \
            _RANGE_END.search(sent.text, max(sent.s, last.start() - 20), last.start()):
        return None  # "sejak 2019", "2019 hingga 2022": a running total, not one year's figure
    return _year_of(last.group(0), last.group(1), year, sent.lalu_is_report)


#: "meningkat dari 3,21": a baseline of no stated year.
_BASELINE = re.compile(r"\b(?:naik|meningkat|turun|menurun|bertambah|berkurang)\b[^.,;\d]{0,20}?\bdari\s*$", re.I)


_NEXT_YEAR = re.compile(r"depan|mendatang", re.I)
#: "Dibandingkan tahun 2022, ... naik menjadi 24": the year named is the baseline, the new figure the report year's.
_BASELINE_YEAR = re.compile(r"\b(?:dibanding(?:kan)?(?:\s+dengan)?|ketimbang|daripada|dari)\s+(?:tahun\s+)?$", re.I)
_RANGE_END = re.compile(r"(?:19|20)\d{2}\s*(?:-|–|hingga|sampai(?: dengan)?|s\.?d\.?|s/d)\s*(?:tahun\s+)?$", re.I)
_FROM = re.compile(r"\bdari\s+$", re.I)
_FROM_TO = re.compile(r"[^\d.;]{0,40}?\b(?:menjadi|jadi)\b(?!\s+target)", re.I)


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
