"""Score an annotated set of real articles through the whole path: serve, crawl, load, dbt build.

    python -m warehouse pathscore ../shared/dev                 # work folder data/pathscore/, wiped first
    python -m warehouse pathscore ../shared/dev --out /tmp/p -v

Each text of the set (`texts/*.txt`, the layout of `warehouse.devset`) becomes an article
page of a local news site served on loopback (`sample_sites`, site `kabar-lokal`, with a
sitemap and a feed). A first line standing alone (a blank line after it) is the headline,
the page's <title> and <h1>; every other line is a paragraph. A page carries a publication
date (`article:published_time`, and its URL /2023/01/05/<id>/) only when the article's URL
in docs*.csv has one (/2023/01/05/, /05/01/2023/ or -2023-01-05): no date is invented.
The real crawler fetches the site through a generated registry, the real loader cleans and
extracts the WARC files, `dbt build` makes the marts, and `fct_indicator_office_year` is
scored per office-year against gold*.csv (`warehouse.score`, the rules of score_facts.py
--duckdb: one value per office, year, indicator, breakdown and unit).

The same texts are also extracted per article in the same process (`warehouse.devset`, as
`extract` + score_facts.py --jsonl --docs), and the difference is explained: every gold
fact the mart misses and every mart row the gold lacks gets a class (MISS_CLASSES,
EXTRA_CLASSES), and every release the path reads as another office or year than the
per-article run is listed.
"""
from __future__ import annotations

import csv
import re
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from .clean import clean_text
from .dbt import PROJECT_ROOT, run_dbt
from .devset import SetReport, evaluate, read_set_docs, read_set_gold
from .load import load_warehouse
from .score import Score, fact_key, read_warehouse, same_value, score

#: A lone first line longer than this, or ending with a full stop, is a lead paragraph, not a
#: headline (Indonesian headlines carry no final period; saved texts often open with the lead).
HEADLINE_MAX = 200
#: Dates a URL may carry, as (regex, order of its year, month and day groups).
_URL_DATES = (
    (re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/|$)"), (1, 2, 3)),      # /2023/01/05/
    (re.compile(r"/(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?=/|$)"), (3, 2, 1)),      # /05/01/2023/
    (re.compile(r"(?<=[-_/])((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)"), (1, 2, 3)),  # -2023-01-05
)

#: Why a gold fact is missing from the mart. "Per article" is the run of `warehouse.devset`, whose
#: facts are compared here with their office and year (its own score looks at the document only).
MISS_CLASSES = {
    "unscorable": "unmatchable: the gold marks this indicator and breakdown '?' in another unit (scorer rule)",
    "two_gold_values": "extracted; the gold gives another value for the same office-year too, the mart keeps one",
    "reconciled": "extracted with the right office and year; the mart kept another value",
    "path_attribution": "right per article; in the path extracted for another office or year",
    "not_crawled": "right per article; the page was not loaded as an article",
    "irrelevant": "right per article; the page was judged irrelevant",
    "not_extracted": "right per article; not extracted from the crawled page",
    "attribution": "extracted for another office or year, per article too (its per-document score hides it)",
    "extractor": "not extracted for this office and year per article either",
}
#: Why a mart row is not in the gold.
EXTRA_CLASSES = {
    "look_alike": "from a look-alike",
    "reconciled": "the mart chose it over the gold value, extracted too",
    "path_attribution": "a right value given to another office or year only in the path",
    "attribution": "a right value given to another office or year, per article too",
    "extractor": "a wrong fact per article too",
    "path_only": "a wrong fact only in the path",
    "outside": "from a page outside the set",
}


class NoSetError(Exception):
    """The folder is not an annotated set (no texts, no gold)."""


class PathFailed(Exception):
    """The crawl or dbt failed; its output was printed."""


@dataclass
class PathReport:
    """The whole-path score of a set beside its per-article score, with the losses explained."""

    path: Score
    per_article: SetReport
    misses: list = field(default_factory=list)     # (class, key, value, doc_ids)
    extras: list = field(default_factory=list)     # (class, key, value, doc_ids)
    gained: list = field(default_factory=list)     # (key, value, doc_ids): right in the mart, missed per article
    moved: list = field(default_factory=list)      # releases read as another office, year or relevance
    counts: dict = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        c = self.counts
        lines = [
            f"whole path, per office-year: {self.path.summary()}",
            f"per article, same texts:     {self.per_article.score.summary()}",
            f"path: {c.get('texts', 0)} texts served, {c.get('articles', 0)} loaded as articles, "
            f"{c.get('relevant', 0)} relevant, {c.get('facts', 0)} facts, {c.get('rows', 0)} mart rows "
            f"({self.seconds:.0f}s)",
            f"releases read differently in the path: {len(self.moved)}",
            f"gold facts right in the mart but missed per article: {len(self.gained)}",
            "gold facts missed in the mart, by cause:",
            *_tally(self.misses, MISS_CLASSES),
            "mart rows the gold lacks, by cause:",
            *_tally(self.extras, EXTRA_CLASSES),
        ]
        return "\n".join(lines)

    def details(self) -> str:
        lines = [*(f"moved   {m}" for m in self.moved)]
        lines += [f"missed  [{cls}] {_show(key, value)} docs={','.join(docs)}" for cls, key, value, docs in self.misses]
        lines += [f"extra   [{cls}] {_show(key, value)} docs={','.join(docs)}" for cls, key, value, docs in self.extras]
        lines += [f"gained  {_show(key, value)} docs={','.join(docs)}" for key, value, docs in self.gained]
        return "\n".join(lines)


def _tally(items: list, classes: dict) -> list[str]:
    counts = Counter(item[0] for item in items)
    return [f"  {counts[name]:4d}  {label}" for name, label in classes.items() if counts[name]]


def _show(key: tuple, value) -> str:
    (office, year), indicator, breakdown, unit = key
    return f"{office} {year} {indicator}{'/' + breakdown if breakdown else ''} = {value:g} {unit}"


# -- the set as pages --------------------------------------------------------------------------

def url_date(url: str | None) -> date | None:
    """The publication date an article URL carries, if any.

    >>> url_date("https://example.id/2023/01/05/bnnp-ungkap-kasus/")
    datetime.date(2023, 1, 5)
    >>> url_date("https://example.id/2023/12/bnnp-ungkap-kasus") is None
    True
    """
    for pattern, order in _URL_DATES:
        for m in pattern.finditer(url or ""):
            y, mo, d = (int(m.group(i)) for i in order)
            try:
                return date(y, mo, d)
            except ValueError:
                continue
    return None


def split_headline(text: str) -> tuple[str, str]:
    """(headline, body) of a set's text: the first line when it stands alone, is short and has no
    final full stop; else none.

    >>> split_headline("BNNP Ungkap 18 Kasus\\n\\nMATARAM - BNNP NTB ...")
    ('BNNP Ungkap 18 Kasus', 'MATARAM - BNNP NTB ...')
    """
    first, _, rest = text.strip().partition("\n")
    if rest.startswith("\n") and len(first) <= HEADLINE_MAX and not first.rstrip().endswith("."):
        return first.strip(), rest.strip()
    return "", text.strip()


def set_articles(folder: Path) -> dict[str, object]:
    """doc_id -> the sample_sites Article its text becomes on the local news site."""
    from sample_sites.articles import Article, parse_body, slugify
    from sample_sites.sites import LOCAL_NEWS

    meta, out, slugs = read_set_docs(folder), {}, set()
    for path in sorted((folder / "texts").glob("*.txt")):
        doc, row = path.stem, meta.get(path.stem, {})
        headline, body = split_headline(clean_text(path.read_bytes()).text)
        slug = slugify(doc)
        if slug in slugs:
            raise NoSetError(f"{folder}: two texts share the page name {slug!r}")
        slugs.add(slug)
        out[doc] = Article(slug=slug, site=LOCAL_NEWS.id, section="berita", published=url_date(row.get("url")),
                           title=headline, author="Redaksi", kind="release" if row.get("office_name") else "irrelevant",
                           body=body, blocks=parse_body(body, join_lines=False))
    if not out:
        raise NoSetError(f"{folder}: no texts/*.txt")
    return out


# -- the run ----------------------------------------------------------------------------------

def run_pathscore(folder: str | Path, out: str | Path = "data/pathscore", progress=print) -> PathReport:
    """Serve, crawl, load, build and score the set in `folder`; everything under `out` (wiped first)."""
    started, folder = time.monotonic(), Path(folder)
    articles = set_articles(folder)
    gold, unscored = read_set_gold(folder, by_doc=False)
    out = _fresh(Path(out))
    db = out / "capaian.duckdb"
    progress(f"==> serving {len(articles)} texts as a local news site on loopback; crawling it")
    urls = _serve_and_crawl(articles, out, db)
    progress("==> cleaning, extracting and loading")
    progress(load_warehouse(db, data_dir=out, progress=lambda msg: None).summary())
    progress("==> dbt build (models, seeds, tests)")
    run_dbt(["build"], db, target_path=out / "dbt-target", quiet=True)
    progress("==> scoring per office-year, and per article")
    mart = read_warehouse(db)
    report = PathReport(score(gold, unscored, mart, by_doc=False), evaluate(folder))
    _explain(report, folder, db, urls, gold, unscored, mart)
    report.counts["texts"] = len(articles)
    report.seconds = time.monotonic() - started
    return report


def _fresh(out: Path) -> Path:
    out = out if out.is_absolute() else PROJECT_ROOT / out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    return out


def _serve_and_crawl(articles: dict, out: Path, db: Path) -> dict[str, str]:
    """Serve the pages, crawl them into `out`; the URL each doc_id was served at."""
    from sample_sites.server import SampleSites
    from sample_sites.sites import LOCAL_NEWS

    from .demo import crawl_sources

    with SampleSites(articles=list(articles.values()), sites=(LOCAL_NEWS,)) as site:
        sources = site.write_sources(out / "sources.yml")
        exit_code = crawl_sources(sources, out, db)
        urls = {site.url(article): doc for doc, article in articles.items()}
    if exit_code != 0:
        raise PathFailed(f"the crawl failed (exit {exit_code})")
    return urls


# -- where the path loses ---------------------------------------------------------------------

@dataclass
class _Path:
    """What the warehouse holds, per document of the set."""

    articles: dict          # doc_id -> (is_relevant, office_name, report_year)
    facts: list             # raw facts as dicts, each with its doc_id
    facts_total: int = 0
    rows: int = 0           # of fct_indicator_office_year


def _read_path(db: Path, urls: dict[str, str]) -> _Path:
    with duckdb.connect(str(db), read_only=True) as con:
        arts = con.execute("select url, is_relevant, office_name, report_year from raw.articles").fetchall()
        cur = con.execute("select a.url as page_url, f.office_name, f.year, f.indicator, f.breakdown, f.unit, "
                          "f.value from raw.facts f join raw.articles a using (page_id)")
        names = [d[0] for d in cur.description]
        facts = [dict(zip(names, row)) for row in cur.fetchall()]
        counts = con.execute("select (select count(*) from raw.facts), "
                             "(select count(*) from fct_indicator_office_year)").fetchone()
    for fact in facts:
        fact["doc_id"] = urls.get(fact.pop("page_url"), "")
    return _Path({urls.get(u, u): (rel, office, year) for u, rel, office, year in arts}, facts, *counts)


def _explain(report: PathReport, folder: Path, db: Path, urls: dict, gold: dict, unscored: set, mart: list[dict]):
    path = _read_path(db, urls)
    report.counts.update(articles=len(path.articles), relevant=sum(a[0] for a in path.articles.values()),
                         facts=path.facts_total, rows=path.rows)
    ctx = _Context(folder, report.per_article, path, (gold, unscored), mart)
    report.misses = [(ctx.miss_class(key, value), key, value, ctx.gold_docs(key, value))
                     for key, value in sorted(report.path.misses, key=str)]
    report.extras = [(ctx.extra_class(key, value), key, value, ctx.fact_docs(key, value))
                     for key, value in sorted(report.path.unexpected, key=str)]
    report.gained = ctx.gained(report.path.misses)
    report.moved = ctx.moved()


class _Context:
    """Indexes over the gold, the per-article run and the warehouse, to say why a fact differs.

    Facts are compared as (office-year key, value): the per-article score looks only at the
    document, so a value it counts right may still carry another office or year.
    """

    def __init__(self, folder: Path, per_article: SetReport, path: _Path, gold: tuple, mart: list[dict]):
        self.meta = read_set_docs(folder)
        self.path, (self.gold, self.unscored) = path, gold
        self.gold_rows = _gold_rows(folder)
        self.predicted = [{**p, "key": fact_key(p, False)} for p in per_article.predictions]
        for f in path.facts:
            f["key"] = fact_key(f, False)
        self.verdicts = {v.doc_id: v for v in per_article.docs}
        self.mart = {fact_key(r, False): r["value"] for r in mart}

    # a gold fact the mart lacks
    def miss_class(self, key: tuple, value: float) -> str:
        docs = self.gold_docs(key, value)
        if key[:3] in self.unscored:
            return "unscorable"
        if _at(self.path.facts, docs, key, value):
            other = self.mart.get(key)
            two = other is not None and self._is_gold(key, other)
            return "two_gold_values" if two else "reconciled"
        if _at(self.predicted, docs, key, value):
            if self._elsewhere(self.path.facts, docs, key, value):
                return "path_attribution"
            states = [self.path.articles.get(doc) for doc in docs]
            if all(s is None for s in states):
                return "not_crawled"
            return "irrelevant" if not any(s and s[0] for s in states) else "not_extracted"
        return "attribution" if self._elsewhere(self.predicted, docs, key, value) else "extractor"

    # a mart row the gold lacks
    def extra_class(self, key: tuple, value: float) -> str:
        docs = self.fact_docs(key, value)
        if not docs:
            return "outside"
        if any(not self.meta.get(doc, {}).get("office_name") for doc in docs):
            return "look_alike"
        if any(self._is_gold(key, f["value"]) for f in self.path.facts if f["key"] == key):
            return "reconciled"
        per_article = _at(self.predicted, docs, key, value)
        if any(r["doc_id"] in docs and r["key"][1:] == key[1:] and same_value(r["value"], value)
               for r in self.gold_rows):
            return "attribution" if per_article else "path_attribution"
        return "extractor" if per_article else "path_only"

    def gold_docs(self, key: tuple, value: float) -> list[str]:
        return sorted({r["doc_id"] for r in self.gold_rows if r["key"] == key and same_value(r["value"], value)})

    def fact_docs(self, key: tuple, value: float) -> list[str]:
        return sorted({f["doc_id"] for f in self.path.facts
                       if f["key"] == key and same_value(f["value"], value) and f["doc_id"]})

    def gained(self, misses: list) -> list:
        """Gold facts right in the mart that the per-article run did not give with their office and year."""
        missed = {(k, v) for k, v in misses}
        out = []
        for key, values in sorted(self.gold.items(), key=str):
            for value in sorted({g[0] for g in values}):
                docs = self.gold_docs(key, value)
                if (key, value) not in missed and not _at(self.predicted, docs, key, value):
                    out.append((key, value, docs))
        return out

    def moved(self) -> list[str]:
        """Releases and look-alikes the path reads as another office, year or relevance than the per-article run."""
        out = []
        for doc, v in sorted(self.verdicts.items()):
            got = self.path.articles.get(doc)
            if got is None:
                out.append(f"{doc}: not loaded as an article (per article: {v.office} {v.year})")
            elif (bool(got[0]), got[1], got[2]) != (v.relevant, v.office, v.year):
                want = f"{v.want_office} {v.want_year}" if v.want_office else "a look-alike"
                out.append(f"{doc}: path {_verdict(*got)}, per article {_verdict(v.relevant, v.office, v.year)}"
                           f" (gold: {want})")
        return out

    def _is_gold(self, key: tuple, value: float) -> bool:
        return any(same_value(value, g[0]) for g in self.gold.get(key, []))

    def _elsewhere(self, facts: list[dict], docs: list[str], key: tuple, value: float) -> bool:
        """A fact of these documents with this indicator and value, under another office or year that
        the gold does not give it (a value the gold has there is a fact of its own)."""
        return any(f["doc_id"] in docs and f["key"][1:] == key[1:] and f["key"] != key
                   and same_value(f["value"], value) and not self._is_gold(f["key"], f["value"]) for f in facts)


def _at(facts: list[dict], docs: list[str], key: tuple, value: float) -> bool:
    """Whether one of these documents' facts has exactly this office-year key and value."""
    return any(f["doc_id"] in docs and f["key"] == key and same_value(f["value"], value) for f in facts)


def _verdict(relevant, office, year) -> str:
    return f"{office} {year}" if relevant else f"irrelevant ({office} {year})"


def _gold_rows(folder: Path) -> list[dict]:
    """Every scored gold row: doc_id, its office-year key and value."""
    rows = []
    for path in sorted(folder.glob("gold*.csv")):
        with path.open(newline="", encoding="utf-8") as f:
            rows += [{"doc_id": r["doc_id"], "key": fact_key(r, False), "value": float(r["value"])}
                     for r in csv.DictReader(f) if r["value"].strip() != "?"]
    return rows
