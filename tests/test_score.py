"""The project's own scorer: the same matching rules as the team's external scoring tool."""
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse.score import office_key, score_files

ROOT = Path(__file__).resolve().parent.parent
HEADER = "doc_id,office_name,office_level,year,indicator,breakdown,unit,value,target,note\n"
GOLD = HEADER + """\
d1,BNN Kota Medan,kota,2024,rehab.rawat_jalan,,orang,118,100,
d1,BNN Kota Medan,kota,2024,p2m.tes_urine,swasta,orang,1286,,
d1,BNN Kota Medan,kota,2024,berantas.barang_bukti,sabu,gram,18.84,,
d1,BNN Kota Medan,kota,2024,rehab.rawat_inap,,orang,?,,unclear
d2,BNN Provinsi DKI Jakarta,provinsi,2024,umum.zona_integritas,,indeks,75.03,75,
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def facts(*rows):
    keys = ("source", "office_name", "year", "indicator", "breakdown", "unit", "value", "target")
    return "\n".join(json.dumps(dict(zip(keys, r))) for r in rows) + "\n"


def test_matching_counts_unscored_and_duplicates(tmp_path):
    gold = write(tmp_path, "gold.csv", GOLD)
    jsonl = write(tmp_path, "f.jsonl", facts(
        ("x/d1.txt", "BNN Kota Medan", 2024, "rehab.rawat_jalan", "", "orang", 118, 90),   # right, target wrong
        ("x/d1.txt", "BNN Kota Medan", 2024, "rehab.rawat_jalan", "", "orang", 118, 100),  # duplicate: unexpected
        ("x/d1.txt", "BNN Kota Medan", 2024, "p2m.tes_urine", "swasta", "orang", 1286.0000001, None),
        ("x/d1.txt", "BNN Kota Medan", 2024, "rehab.rawat_inap", "", "orang", 5, None),     # unscored
        ("x/d1.txt", "BNN Kota Medan", 2024, "berantas.barang_bukti", "sabu", "gram", 18.8, None),  # wrong value
        ("x/d9.txt", "BNN Kota Medan", 2024, "p2m.mou", "", "dokumen", 7, None),           # not a gold doc
    ))
    result = score_files(gold, jsonl=jsonl)
    assert (result.tp, result.predicted, result.gold) == (2, 4, 4)
    assert (result.target_right, result.target_scored) == (0, 1)
    assert round(result.precision, 3) == 0.5 and round(result.recall, 3) == 0.5
    assert len(result.misses) == 2 and len(result.unexpected) == 2


def test_office_names_compare_leniently():
    assert office_key("BNN Provinsi Daerah Khusus Ibukota Jakarta") == office_key("BNN Provinsi DKI Jakarta")
    assert office_key("BNN Kota Administrasi Jakarta Utara") == office_key("bnn kota jakarta-utara")
    assert office_key("BNN Kota Medan") != office_key("BNN Kabupaten Medan")


def test_warehouse_scored_per_office_year(tmp_path):
    gold = write(tmp_path, "gold.csv", GOLD)
    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("""create table fct_indicator_office_year as select * from (values
            ('BNN Kota Medan', 2024, 'rehab.rawat_jalan', '', 'orang', 118.0, 100.0),
            ('BNN Provinsi Daerah Khusus Ibukota Jakarta', 2024, 'umum.zona_integritas', '', 'indeks', 75.03, 75.0),
            ('BNN Kota Medan', 2023, 'rehab.rawat_jalan', '', 'orang', 118.0, 100.0))
            t(office_name, year, indicator_code, breakdown, unit, value, target)""")
    result = score_files(gold, duckdb_path=db)
    assert (result.tp, result.predicted, result.gold) == (2, 3, 4)


@pytest.mark.parametrize("floor, code", [(0.4, 0), (0.9, 1)])
def test_cli_floor_sets_the_exit_code(tmp_path, floor, code):
    gold = write(tmp_path, "gold.csv", GOLD)
    jsonl = write(tmp_path, "f.jsonl", facts(
        ("d1.txt", "BNN Kota Medan", 2024, "rehab.rawat_jalan", "", "orang", 118, 100),
        ("d2.txt", "BNN Provinsi DKI Jakarta", 2024, "umum.zona_integritas", "", "indeks", 75.03, 75)))
    done = subprocess.run([sys.executable, "-m", "warehouse", "score", "--gold", str(gold), "--jsonl", str(jsonl),
                           "--min-f1", str(floor)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == code
    assert "facts: precision 1.000 recall 0.500 f1 0.667 (tp 2, predicted 2, gold 4)" in done.stdout
