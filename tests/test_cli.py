"""The warehouse commands as a user runs them: extract, sql, and their error messages."""
import json
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
FIELDS = {"source", "office_name", "office_level", "year", "indicator", "breakdown", "unit", "value", "target",
          "evidence"}
TEXT = ("BNN Kota Sibolga menggelar rilis capaian kinerja tahun 2023 di kantornya, Rabu (27/12/2023). "
        "Sepanjang tahun itu layanan rehabilitasi rawat jalan diberikan kepada 44 klien dari target 40 klien.")


def run(*args):
    return subprocess.run([sys.executable, "-m", "warehouse", *args], cwd=ROOT, capture_output=True, text=True)


def test_extract_prints_json_lines_for_txt_and_html(tmp_path):
    txt = tmp_path / "rilis.txt"
    txt.write_text(TEXT, encoding="utf-8")
    html = tmp_path / "rilis.html"
    html.write_text(f"<html><head><title>Rilis BNN Kota Sibolga</title></head><body><article><p>{TEXT}</p>"
                    "<p>Kepala BNN Kota Sibolga berterima kasih kepada seluruh mitra kerja di daerah itu.</p>"
                    "</article></body></html>", encoding="utf-8")
    done = run("extract", str(txt), str(html))
    assert done.returncode == 0, done.stderr
    facts = [json.loads(line) for line in done.stdout.splitlines()]
    assert {f["source"] for f in facts} == {str(txt), str(html)}
    for fact in facts:
        assert FIELDS <= set(fact)
        assert (fact["office_name"], fact["year"], fact["indicator"], fact["value"], fact["target"]) == (
            "BNN Kota Sibolga", 2023, "rehab.rawat_jalan", 44, 40)


def test_extract_says_which_file_it_cannot_read(tmp_path):
    done = run("extract", str(tmp_path / "hilang.txt"))
    assert done.returncode == 1 and "cannot read" in done.stderr and "hilang.txt" in done.stderr


def test_sql_runs_a_statement_and_reports_errors(tmp_path):
    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create table fct_indicator_office_year as select 'BNN RI' as office_name, 2024 as year")
    done = run("sql", "--db", str(db), "-c", "select office_name, year from fct_indicator_office_year")
    assert done.returncode == 0 and "BNN RI" in done.stdout and "(1 rows)" in done.stdout
    bad = run("sql", "--db", str(db), "-c", "select * from tidak_ada")
    assert bad.returncode == 1 and "tidak_ada" in bad.stderr
    missing = run("sql", "--db", str(tmp_path / "none.duckdb"), "-c", "select 1")
    assert missing.returncode == 2 and "make demo" in missing.stderr


def test_export_without_a_warehouse_says_what_to_run(tmp_path):
    done = run("export", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "make build" in done.stderr and "Traceback" not in done.stderr


def test_explain_tells_what_each_number_became(tmp_path):
    release = tmp_path / "rilis.txt"
    release.write_text("BNNK Sleman Paparkan Capaian Kinerja 2024\n\nBNNK Sleman sepanjang tahun 2024 mengungkap "
                       "6 kasus. Polres Sleman mencatat 87 kasus pada tahun yang sama.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "warehouse", "explain", str(release)], capture_output=True,
                         text=True, check=True).stdout
    assert "office:   BNN Kabupaten Sleman" in out and "year:     2024" in out
    assert "FACT berantas.kasus = 6 kasus; BNN Kabupaten Sleman, 2024" in out
    assert "87  no fact: berantas.kasus: another agency's figure" in out


def test_explain_says_when_a_file_is_missing(tmp_path):
    res = subprocess.run([sys.executable, "-m", "warehouse", "explain", str(tmp_path / "nope.txt")],
                         capture_output=True, text=True)
    assert res.returncode == 1 and "cannot read" in res.stderr
