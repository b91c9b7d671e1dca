"""Sentence-level extraction corpus (tests/extraction_cases/*.yaml).

Each case is lead + text (joined by a space, or by a newline when the text has
several lines); `warehouse.extract.extract_document` must return exactly the set
of facts the case expects. The expectations are written from
`../shared/spec/FACTS.md` alone. See tests/extraction_cases/README.md.
"""
from __future__ import annotations

import csv
import importlib
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = Path(__file__).resolve().parent / "extraction_cases"
INDICATORS_CSV = ROOT / "dbt_project" / "seeds" / "indicators.csv"

MIN_CASES = 220
MIN_NEGATIVE = 40
MIN_PER_INDICATOR = 4

BREAKDOWN_VALUES = {
    "lingkungan": {"pemerintah", "pendidikan", "swasta", "masyarakat"},
    "narkotika": {"sabu", "ganja", "ekstasi", "ganja_sintetis", "kokain", "heroin", "lainnya"},
    "jenis_kelamin": {"laki_laki", "perempuan"},
}


def _num(x):
    if x is None or x == "":
        return None
    return round(float(x), 6)


def _load_cases():
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        defaults = doc.get("defaults") or {}
        for raw in doc.get("cases") or []:
            lead = raw.get("lead", defaults.get("lead", "")) or ""
            office = raw.get("office_name", defaults.get("office_name"))
            year = raw.get("year", defaults.get("year"))
            text = raw["text"].rstrip("\n")
            if lead:
                joiner = "\n" if "\n" in text else " "
                full = lead + joiner + text
            else:
                full = text
            expected = set()
            for f in raw.get("facts") or []:
                expected.add((
                    f["indicator"],
                    f.get("breakdown") or "",
                    f["unit"],
                    _num(f["value"]),
                    _num(f.get("target")),
                    f.get("office_name", office),
                    int(f.get("year", year)),
                ))
            cases.append({
                "id": raw["id"],
                "file": path.name,
                "text": full,
                "raw_facts": raw.get("facts") or [],
                "office_name": office,
                "year": year,
                "expected": expected,
            })
    return cases


CASES = _load_cases()


def _fact_key(f):
    return (
        f.indicator,
        f.breakdown or "",
        f.unit,
        _num(f.value),
        _num(getattr(f, "target", None)),
        f.office_name,
        int(f.year) if f.year is not None else None,
    )


def _fmt(keys):
    if not keys:
        return "    (none)"
    return "\n".join("    " + repr(k) for k in sorted(keys, key=repr))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_extraction_case(case):
    # Imported lazily so the module collects before the extractor exists; a
    # missing extractor is an error (the case fails), never a skip.
    extract = importlib.import_module("warehouse.extract")
    result = extract.extract_document(case["text"], title=None, published=None)
    facts = list(result.facts)
    got = {_fact_key(f) for f in facts}
    expected = case["expected"]
    if got != expected:
        evidence = "\n".join(
            f"    {_fact_key(f)!r}\n        <- {getattr(f, 'evidence', '')!r}" for f in facts
        ) or "    (no facts)"
        pytest.fail(
            f"[{case['file']}::{case['id']}]\n"
            f"TEXT:\n    {case['text']!r}\n"
            f"MISSING (expected, not got):\n{_fmt(expected - got)}\n"
            f"UNEXPECTED (got, not expected):\n{_fmt(got - expected)}\n"
            f"EXPECTED:\n{_fmt(expected)}\n"
            f"GOT (with evidence):\n{evidence}",
            pytrace=False,
        )


def _indicators():
    with INDICATORS_CSV.open(encoding="utf-8") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


def test_corpus_ids_unique():
    counts = Counter(c["id"] for c in CASES)
    dupes = sorted(i for i, n in counts.items() if n > 1)
    assert not dupes, f"duplicate case ids: {dupes}"


def test_corpus_size_and_coverage():
    indicators = _indicators()
    assert len(CASES) >= MIN_CASES, f"{len(CASES)} cases < {MIN_CASES}"
    negatives = [c for c in CASES if not c["expected"]]
    assert len(negatives) >= MIN_NEGATIVE, f"{len(negatives)} negative cases < {MIN_NEGATIVE}"
    per_indicator = Counter()
    for c in CASES:
        for code in {f["indicator"] for f in c["raw_facts"]}:
            per_indicator[code] += 1
    thin = {code: per_indicator.get(code, 0) for code in indicators
            if per_indicator.get(code, 0) < MIN_PER_INDICATOR}
    assert not thin, f"indicators with fewer than {MIN_PER_INDICATOR} cases: {thin}"


def test_corpus_facts_follow_the_contract():
    """Every expected fact is a valid fact by indicators.csv (code, unit, breakdown, range)."""
    indicators = _indicators()
    problems = []
    for c in CASES:
        for f in c["raw_facts"]:
            row = indicators.get(f["indicator"])
            where = f"{c['file']}::{c['id']}: {f}"
            if row is None:
                problems.append(f"unknown indicator: {where}")
                continue
            if f["unit"] not in row["unit"].split("|"):
                problems.append(f"unit not {row['unit']}: {where}")
            bd = f.get("breakdown") or ""
            if bd:
                dim = row["breakdown"]
                if not dim or bd not in BREAKDOWN_VALUES[dim]:
                    problems.append(f"breakdown {bd!r} not in {dim or 'none'}: {where}")
            for field in ("value", "target"):
                v = f.get(field)
                if v is None:
                    continue
                v = float(v)
                if row["min"] and v < float(row["min"]):
                    problems.append(f"{field} below min: {where}")
                if row["max"] and v > float(row["max"]):
                    problems.append(f"{field} above max: {where}")
            if not f.get("office_name", c["office_name"]) or not f.get("year", c["year"]):
                problems.append(f"no office_name/year: {where}")
        for f in c["raw_facts"]:
            extra = set(f) - {"indicator", "breakdown", "unit", "value", "target", "office_name", "year"}
            if extra:
                problems.append(f"unknown fact keys {extra}: {c['file']}::{c['id']}")
    assert not problems, "\n".join(problems)
