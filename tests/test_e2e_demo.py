"""The main job end to end: `python -m warehouse demo` on the bundled sample sites, scored against their gold."""
import csv
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

from warehouse.score import score_files

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "sample_sites" / "gold.csv"
#: The demo mart must reach at least this F1 against the sample sites' gold (measured 0.998 on 2026-11-23).
F1_FLOOR = 0.95


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    done = subprocess.run([sys.executable, "-m", "warehouse", "demo", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out, done.stdout


def _article_files():
    return "\n---\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "sample_sites" / "articles").glob("*.yml"))


def query(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_demo_prints_a_summary_and_a_query(demo):
    _, stdout = demo
    for words in ("pages fetched", "articles kept", "facts extracted", "offices x years", "select "):
        assert words in stdout


def test_demo_mart_scores_above_the_floor(demo):
    out, _ = demo
    result = score_files(GOLD, duckdb_path=out / "capaian.duckdb")
    print(result.summary())
    assert result.f1 >= F1_FLOOR, result.summary()


def test_every_release_office_year_reaches_the_mart(demo):
    out, _ = demo
    with open(GOLD, encoding="utf-8") as f:
        wanted = {(r["office_name"], int(r["year"])) for r in csv.DictReader(f)}
    got = set(query(out / "capaian.duckdb", "select distinct office_name, year from fct_indicator_office_year"))
    missing = wanted - got
    assert len(missing) <= len(wanted) // 10, f"office-years missing from the mart: {sorted(missing)}"


def test_robots_disallowed_page_was_never_fetched_and_raw_pages_kept(demo):
    out, _ = demo
    db = out / "capaian.duckdb"
    forbidden = [a["title"] for a in yaml.safe_load_all(_article_files()) if a.get("special") == "robots-disallowed"]
    assert forbidden, "the sample sites keep one page behind robots.txt"
    titles = {t for (t,) in query(db, "select title from raw.articles")}
    assert not titles & set(forbidden)
    statuses = dict(query(db, "select status, count(*) from raw.pages group by 1"))
    assert statuses.get(200, 0) >= 30
    assert query(db, "select count(*) from raw.pages where (body is null and skip_reason is null) or headers is null") == [(0,)]
    assert list((out / "warc").rglob("*.warc.gz")), "the crawl keeps its WARC archive"


def test_irrelevant_articles_give_no_facts(demo):
    out, _ = demo
    db = out / "capaian.duckdb"
    assert query(db, "select count(*) from raw.articles where not is_relevant") >= [(5,)]
    assert query(db, "select count(*) from raw.facts f join raw.articles a using (page_id) "
                     "where not a.is_relevant") == [(0,)]
