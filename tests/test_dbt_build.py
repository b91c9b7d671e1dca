"""dbt build on a small realistic warehouse: the marts reconcile sources, and
incremental runs end where a full rebuild does.

The raw rows and their story are in tests/dbt_fixtures.py.
"""
from __future__ import annotations

import json
import shutil
import time

import duckdb
import pytest

from tests.dbt_fixtures import first_load, query, run_dbt, second_load, write_raw
from warehouse.export import export_marts

MARTS = ["dim_indicator", "dim_office", "fct_indicator_mention", "fct_indicator_office_year",
         "rpt_coverage", "rpt_office_year"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A warehouse with the first load, built once by `dbt build`."""
    work = tmp_path_factory.mktemp("dbt_build")
    db = work / "capaian.duckdb"
    write_raw(db, first_load())
    started = time.monotonic()
    done = run_dbt(["build"], db, work)
    return {"db": db, "work": work, "stdout": done.stdout, "seconds": time.monotonic() - started}


def _row(db, office_id, year, indicator, breakdown=""):
    with duckdb.connect(str(db), read_only=True) as con:
        cur = con.execute(
            "select * from fct_indicator_office_year where office_id = ? and year = ? "
            "and indicator_code = ? and breakdown = ?", [office_id, year, indicator, breakdown])
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
    assert len(rows) == 1, rows
    return dict(zip(names, rows[0]))


def _table(db, name):
    rows = query(db, f"select * from main.{name}")
    return sorted(rows, key=repr)


def test_build_passes_every_test_and_unit_test(built):
    results = json.loads((built["work"] / "target" / "run_results.json").read_text())["results"]
    statuses = {r["unique_id"]: r["status"] for r in results}
    assert not [uid for uid, status in statuses.items() if status in ("error", "fail", "warn")]
    assert sum(uid.startswith("unit_test.") for uid in statuses) >= 5
    assert sum(uid.startswith("test.") for uid in statuses) >= 50


def test_syndicated_copies_count_as_one_article(built):
    row = _row(built["db"], "bnnk-1274", 2024, "p2m.tes_urine")
    assert row["value"] == 923
    assert (row["n_articles"], row["n_copies"], row["n_sites"]) == (1, 3, 3)
    assert not row["has_conflict"]
    assert len(row["source_urls"]) == 3


def test_tie_goes_to_the_more_specific_number_and_is_flagged(built):
    row = _row(built["db"], "bnnk-1274", 2024, "berantas.barang_bukti", "sabu")
    assert row["value"] == pytest.approx(1610.64)
    assert row["has_conflict"]
    assert row["values_seen"] == [1600.0, 1610.64]
    # the three-site release and the office's portal: two sources, four articles
    assert (row["n_articles"], row["n_copies"], row["n_sites"]) == (2, 4, 4)
    assert row["evidence"] == "Sabu seberat 1.610,64 gram disita."


def test_majority_of_independent_sources_wins(built):
    row = _row(built["db"], "bnnp-12", 2024, "berantas.kasus")
    assert row["value"] == 100
    assert row["has_conflict"] and row["values_seen"] == [100.0, 118.0]
    assert (row["n_articles"], row["n_articles_agreeing"]) == (3, 2)


def test_target_and_achievement(built):
    row = _row(built["db"], "bnnp-31", 2023, "rehab.layanan")
    assert (row["value"], row["target"]) == (671, 450)
    assert row["achievement_pct"] == pytest.approx(149.11)
    assert row["category"] == "rehabilitasi"
    assert row["office_name"] == "BNN Provinsi DKI Jakarta" and row["office_level"] == "provinsi"


def test_facts_of_irrelevant_articles_never_reach_a_mart(built):
    db = built["db"]
    assert query(db, "select count(*) from fct_indicator_mention where article_url like '%kurir-sabu%'") == [(0,)]
    assert 5.0 not in _row(db, "bnnk-1274", 2024, "berantas.barang_bukti", "sabu")["values_seen"]


def test_mentions_keep_evidence_and_offsets(built):
    rows = query(built["db"], """
        select count(*), count(distinct page_id), bool_and(evidence_end > evidence_start),
               bool_and(site is not null and article_url is not null and published_at is not null)
        from fct_indicator_mention""")
    # 10 + 10 + 10 + 3 + 1 + 1 + 1 + 3 + 3 facts in the nine relevant articles
    assert rows == [(42, 9, True, True)]


def test_dim_office_lists_every_office_and_flags_those_seen(built):
    rows = dict(query(built["db"], "select office_id, has_been_seen from dim_office"))
    assert len(rows) == 10
    assert rows["bnnk-1274"] and rows["bnn-ri"] and not rows["bnnk-1902"]


def test_rpt_office_year_pivots_main_indicators(built):
    rows = query(built["db"], """
        select berantas_sabu_gram, p2m_tes_urine, rehab_rawat_jalan, n_articles, n_sites
        from rpt_office_year where office_id = 'bnnk-1274' and year = 2024""")
    assert rows == [(1610.64, 923.0, 100.0, 2, 4)]


def test_rpt_coverage_shows_gaps(built):
    db = built["db"]
    years = query(db, "select min(year), max(year), count(*) from rpt_coverage")
    assert years == [(2019, 2024, 10 * 6)]
    assert query(db, "select has_data, is_gap from rpt_coverage where office_id = 'bnnp-31' and year in (2023, 2024) "
                     "order by year") == [(True, False), (False, True)]


def test_dim_indicator_matches_the_catalog_docs(built):
    codes = {code for (code,) in query(built["db"], "select indicator_code from dim_indicator")}
    assert len(codes) == 36
    from tests.dbt_fixtures import DBT_PROJECT
    catalog_doc = (DBT_PROJECT / "models" / "marts" / "indicator_catalog.md").read_text()
    assert all(f"`{code}`" in catalog_doc for code in codes)


def test_export_writes_every_mart(built, tmp_path):
    paths = export_marts(built["db"], tmp_path / "export")
    assert sorted(p.name for p in paths) == sorted(f"{m}.{ext}" for m in MARTS for ext in ("parquet", "csv"))
    n_rows = query(built["db"], "select count(*) from fct_indicator_office_year")[0][0]
    with duckdb.connect() as con:
        assert con.execute(f"select count(*) from '{tmp_path / 'export' / 'fct_indicator_office_year.parquet'}'"
                           ).fetchone()[0] == n_rows
        assert con.execute(f"select count(*) from read_csv('{tmp_path / 'export' / 'dim_office.csv'}')"
                           ).fetchone()[0] == 10


def test_incremental_run_equals_full_refresh(built, tmp_path):
    db = tmp_path / "incremental.duckdb"
    shutil.copy(built["db"], db)
    write_raw(db, second_load())
    started = time.monotonic()
    run_dbt(["build"], db, tmp_path / "incremental")
    incremental_seconds = time.monotonic() - started

    full = tmp_path / "full.duckdb"
    shutil.copy(db, full)
    started = time.monotonic()
    run_dbt(["build", "--full-refresh"], full, tmp_path / "full")
    full_seconds = time.monotonic() - started
    print(f"first build {built['seconds']:.1f}s, incremental {incremental_seconds:.1f}s, "
          f"full refresh {full_seconds:.1f}s")

    for mart in MARTS:
        assert _table(db, mart) == _table(full, mart), mart
    # parts above their total warn, and only warn
    results = json.loads((tmp_path / "incremental" / "target" / "run_results.json").read_text())["results"]
    not_passing = {r["unique_id"].split(".")[2]: r["status"] for r in results
                   if r["status"] not in ("pass", "success", "no-op")}
    assert not_passing == {"parts_not_above_total_fct_indicator_office_year_value__office_id__year__indicator_code__unit":
                           "warn"}
    # and the changes went through: a new article, a corrected re-load, a reversed verdict
    assert _row(db, "bnnk-1472", 2023, "p2m.desa_bersinar")["target"] == 2
    assert _row(db, "bnn-ri", 2024, "berantas.jaringan")["value"] == 36
    assert query(db, "select count(*) from fct_indicator_mention "
                     "where office_id in ('bnn-ri', 'bnnp-31') and indicator_code = 'berantas.tersangka' "
                     "or office_id = 'bnnp-31'") == [(0,)]


def test_every_model_and_column_is_described(built):
    """Each model's documented columns are exactly its columns, and none lacks a description."""
    manifest = json.loads((built["work"] / "target" / "manifest.json").read_text())
    problems = []
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model":
            continue
        if not node["description"].strip():
            problems.append(f"{node['name']}: no description")
        actual = {name for (name,) in query(built["db"], f"""
            select column_name from information_schema.columns
            where table_schema = '{node["schema"]}' and table_name = '{node["alias"]}'""")}
        documented = {name for name, col in node["columns"].items() if col["description"].strip()}
        if actual != documented:
            problems.append(f"{node['name']}: undocumented {sorted(actual - documented)}, "
                            f"not in the model {sorted(documented - actual)}")
    assert not problems, "\n".join(problems)


def test_readme_analyses_compile_and_run(built, tmp_path):
    run_dbt(["compile", "--select", "resource_type:analysis"], built["db"], tmp_path)
    compiled = sorted((tmp_path / "target" / "compiled" / "capaian" / "analyses").glob("*.sql"))
    assert len(compiled) == 5
    answers = {path.stem: query(built["db"], path.read_text()) for path in compiled}
    assert answers["conflicting_sources"][0][:3] == ("BNN Kota Tebing Tinggi", 2024, "berantas.barang_bukti")
    assert ("Sumatera Utara", 2024, 1610.64, 1) in answers["sabu_seized_by_province"]
    assert answers["rehab_target_exceeded"] == []   # 100 of a target of 100 is met, not exceeded
