"""Score extracted facts against a gold CSV (the rules of `shared/tools/score_facts.py`).

    python -m warehouse score --gold sample_sites/gold.csv --duckdb data/demo/capaian.duckdb

A fact matches a gold fact when scope (document, or office and year for a
warehouse), indicator, breakdown and unit agree and the values are equal within
one part in a million. Gold value `?` excludes that scope, indicator and
breakdown from both counts.
"""
from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

_DKI = re.compile(r"\bdaerah khusus (?:ibu ?kota )?(?:jakarta)?")
_DI = re.compile(r"\bdaerah istimewa\b|\bd\.i\.")
_ADMINISTRASI = re.compile(r"\badministrasi\b")
_GAPS = re.compile(r"[\s\-]+")


@dataclass
class Score:
    """Counts of one scoring run, with the misses and the unexpected facts."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0
    target_right: int = 0
    target_scored: int = 0
    misses: list = field(default_factory=list)
    unexpected: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> str:
        return (f"facts: precision {self.precision:.3f} recall {self.recall:.3f} f1 {self.f1:.3f} "
                f"(tp {self.tp}, predicted {self.predicted}, gold {self.gold})")


def office_key(name: str | None) -> str:
    """Office names compared leniently: case, spaces and the official long forms aside."""
    name = _DKI.sub("dki jakarta", (name or "").lower())
    name = _ADMINISTRASI.sub("", _DI.sub("di", name))
    return _GAPS.sub("", name).replace("dkijakartajakarta", "dkijakarta")


def _text(value) -> str:
    return " ".join(str(value if value is not None else "").split()).lower()


def _number(value) -> float | None:
    return None if value is None or value == "" else float(value)


def same_value(a: float | None, b: float | None) -> bool:
    """Equal within one part in a million (the scorer's rule)."""
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def fact_key(row: dict, by_doc: bool) -> tuple:
    """(scope, indicator, breakdown, unit) of a fact or gold row; scope is the document or (office, year)."""
    scope = row["doc_id"] if by_doc else (office_key(row["office_name"]), int(row["year"]))
    return scope, _text(row["indicator"]), _text(row["breakdown"]), _text(row["unit"])


def read_gold(path: str | Path, by_doc: bool) -> tuple[dict, set]:
    """Gold facts by key, and the (scope, indicator, breakdown) triples left unscored."""
    gold, unscored = defaultdict(list), set()
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = fact_key(row, by_doc)
            if row["value"].strip() == "?":
                unscored.add(key[:3])
            else:
                gold[key].append((_number(row["value"]), _number(row["target"])))
    return gold, unscored


def read_jsonl(path: str | Path) -> list[dict]:
    """Facts printed by `python -m warehouse extract`, with doc_id from each source's file stem."""
    facts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                fact = json.loads(line)
                fact["doc_id"] = Path(fact.get("source") or "").stem
                facts.append(fact)
    return facts


def read_warehouse(path: str | Path) -> list[dict]:
    """Rows of fct_indicator_office_year from a DuckDB warehouse file."""
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        schema = con.execute(
            "select table_schema from information_schema.tables where table_name = 'fct_indicator_office_year' "
            "order by table_schema = 'main' desc limit 1").fetchone()
        if not schema:
            raise SystemExit(f"{path}: no table fct_indicator_office_year (run `make transform` first)")
        cur = con.execute(
            "select office_name, year, indicator_code as indicator, breakdown, unit, value, target "
            f'from "{schema[0]}".fct_indicator_office_year')
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]


def score(gold: dict, unscored: set, predictions: list[dict], by_doc: bool) -> Score:
    """Match predictions to gold facts, each gold value at most once."""
    result, matched = Score(), set()
    for fact in predictions:
        key = fact_key(fact, by_doc)
        if key[:3] in unscored:
            continue
        result.predicted += 1
        value = _number(fact.get("value"))
        hit = next((g for g in gold.get(key, []) if same_value(value, g[0])), None)
        if hit is None or (key, hit[0]) in matched:
            result.unexpected.append((key, value))
            continue
        result.tp += 1
        matched.add((key, hit[0]))
        if hit[1] is not None:
            result.target_scored += 1
            result.target_right += same_value(_number(fact.get("target")), hit[1])
    result.gold = sum(len({g[0] for g in values}) for values in gold.values())
    result.misses = [(k, g[0]) for k, values in gold.items() for g in values if (k, g[0]) not in matched]
    return result


def read_doc_ids(paths) -> set[str]:
    """doc_id of every row of docs CSV files (look-alikes included)."""
    ids = set()
    for path in paths or ():
        with open(path, newline="", encoding="utf-8") as f:
            ids |= {row["doc_id"] for row in csv.DictReader(f)}
    return ids


def score_files(gold_path, jsonl=None, duckdb_path=None, docs_paths=()) -> Score:
    """Score JSON Lines (per document) or a warehouse (per office-year) against a gold CSV; with
    docs CSVs, every document they list is scored (facts predicted for a look-alike are false positives)."""
    by_doc = jsonl is not None
    gold, unscored = read_gold(gold_path, by_doc)
    if by_doc:
        docs = {k[0] for k in gold} | {k[0] for k in unscored} | read_doc_ids(docs_paths)
        predictions = [f for f in read_jsonl(jsonl) if f["doc_id"] in docs]
    else:
        predictions = read_warehouse(duckdb_path)
    return score(gold, unscored, predictions, by_doc)
