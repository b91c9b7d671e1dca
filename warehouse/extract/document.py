"""The whole document: relevance, office and year, then sentence by sentence to facts.

`extract_document(text, title, published, url, site)` is the public entry point.
It walks the sentences, carries list topics and open targets from one sentence to
the next, builds `Fact`s and hands them to `checks`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import Optional
from .. import patterns as P
from ..catalog import load_catalog
from ..numbers import parse_number
from ..offices import BNN_RI, find_offices, Mention
from ..phrasebook import lower, on_lower
from ..relevance import judge
from ..years import report_year_why
from .model import Extraction, Fact, Published
from .anchors import Anchor, ANCHORS, MARKERS
from .quantities import convert
from .sentences import normalise, Sentence, split_sentences, within
from .breakdowns import breakdown_of, marker_for
from .attribution import each_office, foreign_headline, headline_end, national_lead, not_yearly, office_for, other_agency_report, other_crime, planned, report_office, year_for
from .targets import carried_targets, mark_targets, table_mode, target_for
from .resolve import enumerated, mention_cues, RESPECTIVELY, respectively
from .asides import aside
from .binding import bind_all
from .checks import check_facts

EXTRACTOR_VERSION = "0.6.0"


def extract_document(text: str, title: Optional[str] = None, published: Published = None,
                     url: Optional[str] = None, site: Optional[str] = None) -> Extraction:
    """Judge a cleaned article and extract its facts (see the module docstring)."""
    text = normalise(text or "")
    head = f"{title or ''}\n{text}"
    offset = len(title or "") + 1
    mentions = find_offices(head)
    office, why = report_office(mentions, offset, url, head, headline_end(head, offset))
    if office is not None and office is not BNN_RI and national_lead(head, mentions, offset, office):
        office, why = BNN_RI, "the headline and lead name only BNN, the national agency"
    year, year_why = report_year_why(text, title, published)
    low = lower(text)
    hits = (ANCHORS.scan(low), MARKERS.scan(low))
    relevant, reason = judge(bool(mentions) or office is not None, head, bool(hits[0] or hits[1]), year)
    if not relevant:
        return Extraction(False, reason, office, year, office_why=why, year_why=year_why)
    if office is None:
        return Extraction(True, f"office unresolved: {why}", None, year, office_why=why, year_why=year_why)
    if other_agency_report(head, title, mentions, office, offset):
        return Extraction(False, "another agency's report: the BNN office is only mentioned", office, year,
                          office_why=why, year_why=year_why)
    res = Extraction(True, f"{office.name} {year}: {reason}", office, year, office_why=why, year_why=year_why)
    # In a January release "tahun lalu" is the reported year itself, not the one before it.
    lalu = bool(published and published.month <= 2 and year == published.year - 1)
    foreign: set = set()
    facts = _extract_facts(text, low, hits, office, year, mentions, offset, lalu, res.notes, foreign,
                           foreign_headline(title))
    check_facts(facts, res, foreign)
    return res


def _extract_facts(text, low, hits, office, year, mentions, offset, lalu_is_report, notes, foreign,
                   after_title: bool = False) -> list[Fact]:
    """The candidate facts of every sentence; `foreign` collects (indicator, value) of other agencies' figures."""
    catalog = load_catalog()
    facts: list[Fact] = []
    spans = split_sentences(text)
    hit_starts = ([h[0] for h in hits[0]], [h[0] for h in hits[1]])
    local = [Mention(m.start - offset, m.end - offset, m.office, m.text) for m in mentions if m.start >= offset]
    starts = [m.start for m in local]
    inherit, inherit_left = None, 0
    open_targets: dict[str, float] = {}
    table, carried, after_foreign, frame, topic = None, None, after_title, None, None
    for i, (s, e) in enumerate(spans):
        prev = (spans[max(0, i - 2)][0], spans[i - 1][1]) if i else (0, 0)  # the two sentences before
        sent = Sentence(text, low, s, e, prev, None,
                         within(hits[0], hit_starts[0], s, e), within(hits[1], hit_starts[1], s, e))
        sent.mentions = local[bisect_left(starts, s):bisect_left(starts, e)]
        sent.lalu_is_report = lalu_is_report
        sent.year = year
        if not sent.anchors and topic and i - topic[1] <= 3 and _TOTAL_LINE.match(text, s, e) and \
                sent.qtys and sent.qtys[0].unit_class == topic[2]:
            sent.inherited = Anchor(s, s, topic[0].indicator, topic[0].weak, True, True)  # "Total 1092 pasien."
        elif not sent.anchors and inherit_left > 0:
            sent.inherited = Anchor(s, s, inherit.indicator, inherit.weak, True, True, inherit.parts_only,
                                     inherit.peers)
        table = table_mode(sent, table)
        sent.carried = carried if carried and _ECHO_SENTENCE.search(low, s, e) else None
        sent.after_foreign = after_foreign
        frame = _year_frame(sent, frame, year)
        if sent.anchors or sent.markers or sent.inherited or sent.carried:
            new, open_targets = _sentence_facts(sent, office, year, mentions, offset, catalog, open_targets, table,
                                                foreign)
            facts.extend(new)
            if not new and carried and "rget" in low[s:e]:
                _target_after(sent, carried)
            carried = next(((q, a, c) for q, a, c in reversed(sent.pending) if not q.is_target and q.made), None)
            topic = (carried[1], i, carried[0].unit_class) if carried else topic
        else:
            if carried and "rget" in low[s:e]:
                _target_after(sent, carried)  # "BNNK merehabilitasi 42 orang. Itu melebihi target, yaitu 30 orang."
            open_targets, carried = {}, None  # nothing else here can be a fact: its numbers are not even read
        inherit, inherit_left = _next_inherit(sent, inherit, inherit_left, low[s:e])
        after_foreign = any(n.endswith(_FOREIGN) for n in sent.notes.values())
        notes.update(sent.notes)
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
            return Anchor(total.start, total.end, total.indicator, total.weak, parts_only=True, peers=peers), 1
        if not last.bound and not any(q.start > last.end and q.unit_class not in _PLACES for q in sent.qtys):
            return last, 2
        return None, 0
    if inherit is not None and _list_intro(stext) and not sent.qtys:
        return Anchor(inherit.start, inherit.end, inherit.indicator, inherit.weak), 8  # "Rinciannya:"
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


_MAX_QUANTITIES = 60  # more numbers than this in one sentence is a data dump, not prose we can read


def _sentence_facts(sent: Sentence, office, year, mentions, offset, catalog, open_targets, table, foreign):
    """(facts of one sentence, targets it states for indicators it gives no value for)."""
    if len(sent.qtys) > _MAX_QUANTITIES:
        return [], {}
    mark_targets(sent, table)
    pending = sent.pending = bind_all(sent, catalog)
    targets = [(q, a, c) for q, a, c in pending if q.is_target]
    for q, _, code in targets:
        sent.notes[q.start] = f"the target of {code}"
    out = []
    for q, a, code in pending:
        if q.is_target:
            continue
        fact = _make_fact(sent, q, a, code, office, year, mentions, offset, catalog)
        if isinstance(fact, str):
            sent.notes[q.start] = fact
            if fact.endswith(_FOREIGN):
                foreign.add((code, q.value))
            continue
        if enumerated(sent, q, fact, out):
            sent.notes[q.start] = f"{code}: one member of the total listed before it"
            continue
        q.made = fact
        fact.target = target_for(q, code, targets, catalog)
        for other in each_office(sent, q, fact.office_id):
            out.append((q, replace(fact, office_name=other.name, office_level=other.level, office_code=other.code,
                                   office_id=other.office_id)))
        if fact.target is None and not fact.breakdown and fact.year == year:
            fact.target = open_targets.get(code)
        out.append((q, fact))
    if sent.has(RESPECTIVELY):
        out = respectively(sent, out, catalog)
    return [f for _, f in out], carried_targets(targets, {f.indicator for _, f in out}, catalog)


#: A sentence opened by an earlier year: "Sebagai perbandingan tahun 2019 ...", "Sedangkan untuk tahun 2020 ...".
_FRAME_OPEN = re.compile(r"\s*(?:(?:sebagai perbandingan|sedangkan|sementara|adapun|untuk|pada|di|dalam)[\s,]+){0,3}"
                         r"(?:(?:tahun|periode)\s+)?((?:19|20)\d{2})\b", re.I)
#: A sentence that goes on in the same frame: "Sementara untuk tersangka ...", "Sedangkan ...".
_FRAME_GOES_ON = re.compile(r"\s*(?:sementara|sedangkan|adapun|kemudian|lalu|begitu juga|demikian juga)\b", re.I)


def _year_frame(sent, frame, year):
    """The earlier year a sentence opens with holds for it and for the sentences that go on from it;
    the frame ends where a sentence names a year or starts afresh. Sets `sent.frame`; returns the frame."""
    opened = _FRAME_OPEN.match(sent.text, sent.s, sent.e)
    if opened and int(opened.group(1)) < year:
        sent.frame = int(opened.group(1))
        return sent.frame
    if frame and _FRAME_GOES_ON.match(sent.text, sent.s, sent.e) and not sent.years():
        sent.frame = frame
        return frame
    return None




def _target_after(sent, carried) -> None:
    """A target stated in the sentence after its value, which names no indicator: the previous figure's."""
    q0, _, code = carried
    fact = q0.made
    if fact is None or fact.target is not None or fact.breakdown or _NEXT_PLAN.search(sent.low, sent.s, sent.e):
        return
    word = P.TARGET_WORD.search(sent.text, sent.s, sent.e)
    nums = [q for q in sent.qtys if word and q.start > word.end() and q.unit_class not in ("persen", "noun")]
    if nums and (nums[0].unit_class is None or nums[0].unit_class == q0.unit_class) and \
            not P.REALISATION.search(sent.text, word.end(), nums[0].start):
        fact.target = convert(nums[0].value, nums[0].unit_class or q0.unit_class, load_catalog()[code])[0]
        sent.notes[nums[0].start] = f"the target of {code}, stated after its value"


_NEXT_PLAN = on_lower(re.compile(r"\b(?:tahun depan|mendatang|akan)\b"))


#: A line that closes a list with its total: "Total 1092 pasien.", "Jumlahnya 555 orang."
_TOTAL_LINE = re.compile(r"[\s\"“”']*(?:total(?:nya)?|jumlah(?:nya)?|secara keseluruhan|sehingga total|keseluruhan)\b", re.I)


#: A sentence that may repeat the previous one's last figure for another year or state.
_ECHO_SENTENCE = on_lower(re.compile(r"(?<![\d.,])(?:19|20)\d{2}\b|\btahun (?:lalu|sebelumnya|kemarin)\b|\bmenjadi\b"))


_FOREIGN = "another agency's figure (police, customs, prosecutors) or a national one"


def _make_fact(sent, q, a, code, office, year, mentions, offset, catalog) -> Fact | str:
    """The fact q states for indicator `code`, or why the sentence says it is not one."""
    ind = catalog[code]
    if not_yearly(sent, ind):
        return f"{code}: a single case or an amount destroyed, not the year's figure"
    if planned(sent, q):
        return f"{code}: a plan or a recommendation, not a realisation"
    why = aside(sent, q, office, code)
    if why:
        return f"{code}: {why}"
    breakdown = breakdown_of(sent, q, ind)
    if not breakdown and q.echo is not None and q.echo.made is not None and marker_for(sent, q) is None:
        breakdown = q.echo.made.breakdown  # "Tahun 2019 sebesar 135,85 gram": the same drug, another year
    if breakdown is None:
        mk = marker_for(sent, q)
        if mk is None or mk.dim == "narkotika":
            return f"{code}: a mass of no listed drug, and not the stated total of all seizures"
        return f"{code}: a part ({mk.value}) the indicator does not break down by"
    if ind.category == "pemberantasan" and other_crime(sent, q, code):
        return f"{code}: a crime other than drugs (or money laundering)"
    who = office_for(sent, q, office, mentions, offset, code)
    if who is None:
        return f"{code}: {_FOREIGN}"
    if isinstance(who, str):
        return f"{code}: {who}"
    fyear = year_for(sent, q, year, sent.frame)
    if fyear is None:
        return f"{code}: a running total since some year, or a year to come"
    value = q.value
    if ind.kind == "index" and ind.max is not None and q.kind == "digits":
        value = parse_number(q.token, max_value=ind.max)
        if value is None:
            return f"{code}: cannot be read as an index of at most {ind.max:g}"
    value, unit = convert(value, q.unit_class or ("butir" if breakdown == "ekstasi" else None), ind)
    return Fact(who.name, who.level, who.code, who.office_id, fyear, code, breakdown, unit, value, None,
                q.token, sent.text[sent.s:sent.e], sent.s, sent.e, a.weak, q.start, mention_cues(sent, q),
                q.unit_word)
