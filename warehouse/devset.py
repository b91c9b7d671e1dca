"""Score the extractor on an annotated set of real articles, and say what went wrong, by class.

    python -m warehouse score --set ../shared/dev

A set is a folder with `texts/*.txt`, `gold*.csv` (the facts each text states) and
`docs*.csv` (each text's office and year; empty for look-alikes, whose every
predicted fact is a false positive). Scoring follows `shared/tools/score_facts.py
--docs`: per document, by indicator, breakdown and unit, values equal within one
part in a million, gold `?` leaving that document's indicator and breakdown unscored.

Besides precision, recall and F1, each document is checked for relevance, office
and year, and every missed fact is put in a class: held back as conflicting with
another mention, held back by another check, or never found.
"""
from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .clean import clean_text
from .extract import extract_document
from .score import Score, office_key, read_gold, score


@dataclass
class DocVerdict:
    """One text of the set: what the extractor made of it."""

    doc_id: str
    relevant: bool
    reason: str
    office: str | None
    year: int | None
    want_office: str
    want_year: str
    problems: list[str] = field(default_factory=list)


@dataclass
class SetReport:
    """The score of a set, its documents' verdicts and its misses by class."""

    score: Score
    docs: list[DocVerdict]
    classes: Counter
    predictions: list[dict] = field(default_factory=list)   # every fact extracted, with its doc_id

    def summary(self) -> str:
        classes = ", ".join(f"{k} {v}" for k, v in sorted(self.classes.items())) or "none"
        return f"{self.score.summary()}\nproblems: {classes}"


def evaluate(folder: str | Path) -> SetReport:
    """Extract every text of the set and score it (see the module docstring)."""
    folder = Path(folder)
    texts = sorted((folder / "texts").glob("*.txt"))
    if not texts:
        raise FileNotFoundError(f"{folder}: no texts/*.txt")
    meta = read_set_docs(folder)
    gold, unscored = read_set_gold(folder)
    predictions, verdicts, rejected = [], [], {}
    for path in texts:
        res = extract_document(clean_text(path.read_bytes()).text)
        doc = path.stem
        predictions += [{"doc_id": doc, **f.to_dict()} for f in res.facts]
        rejected[doc] = res.rejected
        verdicts.append(_verdict(doc, res, meta.get(doc, {})))
    docs = {k[0] for k in gold} | {k[0] for k in unscored} | set(meta)
    result = score(gold, unscored, [p for p in predictions if p["doc_id"] in docs], by_doc=True)
    return SetReport(result, verdicts, _classes(verdicts, result, rejected), predictions)


def read_set_docs(folder: Path) -> dict[str, dict]:
    """doc_id -> its docs*.csv row (url, office_name, office_level, year, site; office empty for a look-alike)."""
    out = {}
    for path in sorted(Path(folder).glob("docs*.csv")):
        with path.open(newline="", encoding="utf-8") as f:
            out.update({row["doc_id"]: row for row in csv.DictReader(f)})
    return out


def read_set_gold(folder: Path, by_doc: bool = True) -> tuple[dict, set]:
    """The gold facts of every gold*.csv of a set, keyed per document or per office-year (`read_gold`)."""
    gold, unscored = {}, set()
    for path in sorted(Path(folder).glob("gold*.csv")):
        g, u = read_gold(path, by_doc=by_doc)
        for key, values in g.items():
            gold.setdefault(key, []).extend(values)
        unscored |= u
    if not gold and not unscored:
        raise FileNotFoundError(f"{folder}: no gold*.csv with facts")
    return gold, unscored


def _verdict(doc: str, res, row: dict) -> DocVerdict:
    v = DocVerdict(doc, res.relevant, res.reason, res.office.name if res.office else None, res.year,
                   row.get("office_name", ""), row.get("year", ""))
    if v.want_office:  # a release: it must be judged relevant, with its office and year
        if not res.relevant:
            v.problems.append("judged irrelevant")
        if office_key(v.office) != office_key(v.want_office):
            v.problems.append("office wrong")
        if str(res.year) != v.want_year:
            v.problems.append("year wrong")
    elif res.facts:  # a look-alike
        v.problems.append("facts from a look-alike")
    return v


def _classes(verdicts: list[DocVerdict], result: Score, rejected: dict) -> Counter:
    classes = Counter(p for v in verdicts for p in v.problems)
    for (doc, indicator, breakdown, unit), value in result.misses:
        why = next((w for f, w in rejected.get(doc, ()) if (f.indicator, f.breakdown, f.unit) ==
                    (indicator, breakdown, unit) and abs(f.value - value) <= 1e-6 * max(1.0, abs(value))), None)
        if why is None:
            classes["missed: not found"] += 1
        elif "conflict" in why or "part" in why or "list" in why:
            classes["missed: held back as another mention's part or conflict"] += 1
        else:
            classes["missed: held back by another check"] += 1
    return classes
