"""A small, realistic warehouse for the dbt tests, and a way to run dbt on it.

    db = tmp_path / "capaian.duckdb"
    write_raw(db, first_load())
    run_dbt(["build"], db, tmp_path)

The raw rows are built as DataFrames and bulk-inserted (never row by row).
The story they tell:
- BNNK Tebing Tinggi 2024: one release syndicated on three sites (two copies
  by simhash, one heavily edited copy linked by its identical facts), plus the
  office's own portal, which gives sabu as "1.610,64 gram" where the release
  said "1,6 kilogram": a tie the more specific number wins, flagged.
- BNNP Sumatera Utara 2024: three independent articles, two say 100 cases and
  one 118: the majority wins, flagged.
- BNNP DKI Jakarta 2023 and BNN RI 2024: plain single-source reports.
- A single-arrest story, judged not relevant, whose stray fact must not reach a mart.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.schema import COLUMNS, ensure_schema

ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT = ROOT / "dbt_project"

OFFICES = [
    ("bnn-ri", "BNN RI", "pusat", None, None, None),
    ("bnnp-12", "BNN Provinsi Sumatera Utara", "provinsi", "12", "12", "Sumatera Utara"),
    ("bnnp-14", "BNN Provinsi Riau", "provinsi", "14", "14", "Riau"),
    ("bnnp-19", "BNN Provinsi Kepulauan Bangka Belitung", "provinsi", "19", "19", "Kepulauan Bangka Belitung"),
    ("bnnp-31", "BNN Provinsi DKI Jakarta", "provinsi", "31", "31", "DKI Jakarta"),
    ("bnnk-1274", "BNN Kota Tebing Tinggi", "kota", "12.74", "12", "Sumatera Utara"),
    ("bnnk-1218", "BNN Kabupaten Serdang Bedagai", "kabupaten", "12.18", "12", "Sumatera Utara"),
    ("bnnk-1472", "BNN Kota Dumai", "kota", "14.72", "14", "Riau"),
    ("bnnk-1902", "BNN Kabupaten Belitung", "kabupaten", "19.02", "19", "Kepulauan Bangka Belitung"),
    ("bnnk-3172", "BNN Kota Jakarta Utara", "kota", "31.72", "31", "DKI Jakarta"),
]
_OFFICE = {row[0]: row for row in OFFICES}

T1 = datetime(2025, 2, 1, 10, 0, 0)   # first load
T2 = datetime(2025, 2, 8, 10, 0, 0)   # second load

# (indicator, breakdown, unit, value, target, value_text, evidence)
_TEBING_RELEASE = [
    ("p2m.mou", "", "dokumen", 7, None, "tujuh", "Penandatanganan tujuh nota kesepahaman dengan instansi."),
    ("p2m.kie_jangkauan", "", "orang", 4567, None, "4.567", "Sosialisasi P4GN melibatkan 4.567 orang."),
    ("p2m.tes_urine", "", "orang", 923, None, "923", "Tes urine diikuti oleh 923 peserta."),
    ("p2m.tes_urine", "swasta", "orang", 500, None, "500", "Sebanyak 500 peserta dari perusahaan swasta."),
    ("p2m.tes_urine", "pendidikan", "orang", 300, None, "300", "Sebanyak 300 pelajar ikut tes urine."),
    ("rehab.rawat_jalan", "", "orang", 100, 100, "100", "Rehabilitasi rawat jalan 100 klien dari target 100."),
    ("rehab.rawat_inap", "", "orang", 9, None, "9", "Sembilan klien diantar ke rawat inap."),
    ("rehab.layanan", "", "orang", 109, None, "109", "Total 109 klien mendapat layanan rehabilitasi."),
    ("berantas.barang_bukti", "sabu", "gram", 1600, None, "1,6 kilogram", "Barang bukti sabu 1,6 kilogram."),
    ("p2m.ikotan", "", "indeks", 3.16, None, "3,16", "IKOTAN mencapai angka 3,16."),
]
_TEBING_PORTAL = [
    ("berantas.barang_bukti", "sabu", "gram", 1610.64, None, "1.610,64 gram", "Sabu seberat 1.610,64 gram disita."),
    ("berantas.kasus", "", "kasus", 12, None, "12", "BNNK mengungkap 12 kasus."),
    ("rehab.rawat_jalan", "", "orang", 100, 100, "100", "Rawat jalan 100 orang, target 100."),
]


def _page_id(url: str) -> str:
    return hashlib.sha1(url.encode()).hexdigest()[:16]


def _article(url, site_name, published, simhash, office_id, year, facts, relevant=True, loaded_at=T1,
             title=None):
    """One article and its facts, as rows of raw.articles and raw.facts."""
    office = _OFFICE[office_id]
    page_id = _page_id(url)
    text = " ".join(fact[6] for fact in facts)
    article = {
        "page_id": page_id, "url": url, "final_url": url, "source": url.split("/")[2].replace(".", "-"),
        "site_name": site_name, "title": title or f"Capaian kinerja {office[1]} tahun {year}",
        "published_at": published, "text": text, "text_simhash": simhash,
        "is_relevant": relevant, "relevance_reason": "yearly report" if relevant else "single case",
        "office_id": office_id, "office_name": office[1], "office_level": office[2],
        "office_code": office[3], "report_year": year, "n_facts": len(facts), "n_rejected": 0,
        "extractor_version": "test", "loaded_at": loaded_at,
    }
    rows, offset = [], 0
    for n, (indicator, breakdown, unit, value, target, value_text, evidence) in enumerate(facts):
        rows.append({
            "fact_id": f"{page_id}-{n}", "page_id": page_id, "url": url, "office_id": office_id,
            "office_name": office[1], "office_level": office[2], "office_code": office[3], "year": year,
            "indicator": indicator, "breakdown": breakdown, "unit": unit, "value": float(value),
            "target": None if target is None else float(target), "value_text": value_text,
            "evidence": evidence, "evidence_start": offset, "evidence_end": offset + len(evidence),
            "extractor_version": "test", "loaded_at": loaded_at,
        })
        offset += len(evidence) + 1
    return article, rows


def first_load() -> list[tuple[dict, list[dict]]]:
    """The articles of the first load."""
    base = 0x5A5A_1234_F0F0_0F0F
    sumut = lambda value: [("berantas.kasus", "", "kasus", value, None, str(value),
                            f"BNNP Sumut mengungkap {value} kasus sepanjang 2024.")]
    return [
        # one release, three sites
        _article("https://wartadeli.test/2025/01/06/bnnk-tebing-tinggi-capaian-2024/", "Warta Deli",
                 datetime(2025, 1, 6, 9), base, "bnnk-1274", 2024, _TEBING_RELEASE),
        _article("https://www.kabarsumut.test/berita/capaian-bnnk-tebing-tinggi-2024", "Kabar Sumut",
                 datetime(2025, 1, 6, 15), base ^ 0b1001, "bnnk-1274", 2024, _TEBING_RELEASE),
        _article("https://beritatebing.test/read/2025/01/07/capaian-bnnk", "Berita Tebing",
                 datetime(2025, 1, 7, 8), base ^ 0xFFFF_0000_0000_0000, "bnnk-1274", 2024, _TEBING_RELEASE),
        # the office's own portal: an independent source
        _article("https://tebingtinggikota.bnn.test/capaian-kinerja-2024/", "BNNK Tebing Tinggi",
                 datetime(2025, 1, 3, 10), 0x0123_4567_89AB_CDEF, "bnnk-1274", 2024, _TEBING_PORTAL),
        # BNNP Sumut: 100, 100, 118 in three independent articles
        _article("https://wartadeli.test/2025/01/10/bnnp-sumut-2024/", "Warta Deli",
                 datetime(2025, 1, 10, 9), 0x1111_0000_1111_0000, "bnnp-12", 2024, sumut(100)),
        _article("https://www.kabarsumut.test/berita/bnnp-sumut-ungkap-kasus", "Kabar Sumut",
                 datetime(2025, 1, 11, 9), 0x2222_3333_0000_FFFF, "bnnp-12", 2024, sumut(100)),
        _article("https://medanpos.test/hukum/bnnp-sumut-2024.html", "Medan Pos",
                 datetime(2025, 1, 12, 9), 0x7777_0000_3333_AAAA, "bnnp-12", 2024, sumut(118)),
        _article("https://jakartakini.test/2024/01/02/bnnp-dki-2023/", "Jakarta Kini",
                 datetime(2024, 1, 2, 9), 0x0F0F_0F0F_0F0F_0F0F, "bnnp-31", 2023, [
                     ("rehab.layanan", "", "orang", 671, 450, "671", "Layanan rehabilitasi 671 orang dari target 450."),
                     ("p2m.tes_urine", "", "orang", 1711, None, "1.711", "Dari total 1.711 orang yang tes urine."),
                     ("p2m.tes_urine", "swasta", "orang", 1286, None, "1.286", "1.286 di antaranya pegawai swasta."),
                 ]),
        _article("https://bnn.test/siaran-pers/capaian-2024", "BNN RI", datetime(2024, 12, 30, 9),
                 0x3C3C_3C3C_0000_0001, "bnn-ri", 2024, [
                     ("berantas.kasus", "", "kasus", 618, None, "618", "BNN mengungkap 618 kasus."),
                     ("berantas.tersangka", "", "orang", 974, None, "974", "Sebanyak 974 tersangka."),
                     ("berantas.jaringan", "", "jaringan", 35, None, "35", "Ungkap 35 jaringan."),
                 ]),
        # not a yearly report: its stray fact must not reach a mart
        _article("https://medanpos.test/hukum/kurir-sabu-ditangkap.html", "Medan Pos",
                 datetime(2024, 11, 2, 9), 0x7FFF_0000_0000_1234, "bnnk-1274", 2024, [
                     ("berantas.barang_bukti", "sabu", "gram", 5, None, "5 gram", "Kurir membawa 5 gram sabu."),
                 ], relevant=False, title="Kurir sabu ditangkap"),
    ]


def second_load() -> list[tuple[dict, list[dict]]]:
    """What a later load changes: one new article (whose urine-test parts exceed their total),
    one corrected re-load, one verdict reversed."""
    new = _article("https://riaupos.test/2024/01/03/bnnk-dumai-2023/", "Riau Pos", datetime(2024, 1, 3, 9),
                   0x4444_5555_6666_7777, "bnnk-1472", 2023, [
                       ("p2m.ketahanan_keluarga", "", "keluarga", 10, 10, "10", "Target 10 keluarga, capaian 10 keluarga."),
                       ("p2m.desa_bersinar", "", "desa", 2, 2, "2", "Target 2 kelurahan, capaian 2 kelurahan."),
                       # parts above their total: a misread number the build warns about
                       ("p2m.tes_urine", "", "orang", 50, None, "50", "Tes urine diikuti 50 orang."),
                       ("p2m.tes_urine", "swasta", "orang", 40, None, "40", "Sebanyak 40 pegawai swasta."),
                       ("p2m.tes_urine", "pendidikan", "orang", 30, None, "30", "Sebanyak 30 pelajar."),
                   ], loaded_at=T2)
    # BNN RI's release re-extracted: the network count corrected, one fact dropped
    corrected = _article("https://bnn.test/siaran-pers/capaian-2024", "BNN RI", datetime(2024, 12, 30, 9),
                         0x3C3C_3C3C_0000_0001, "bnn-ri", 2024, [
                             ("berantas.kasus", "", "kasus", 618, None, "618", "BNN mengungkap 618 kasus."),
                             ("berantas.jaringan", "", "jaringan", 36, None, "36", "Ungkap 36 jaringan."),
                         ], loaded_at=T2)
    # the Jakarta article judged not relevant after all
    reversed_ = first_load()[7]
    reversed_ = (dict(reversed_[0], is_relevant=False, loaded_at=T2),
                 [dict(row, loaded_at=T2) for row in reversed_[1]])
    return [new, corrected, reversed_]


def write_raw(db: Path, articles, offices=True):
    """Replace the rows of these articles' pages in the raw tables of `db` (bulk, one transaction)."""
    article_rows = pd.DataFrame([a for a, _ in articles], columns=COLUMNS["articles"])
    article_rows["text_simhash"] = article_rows["text_simhash"].astype("uint64")
    fact_rows = pd.DataFrame([f for _, facts in articles for f in facts], columns=COLUMNS["facts"])
    page_rows = pd.DataFrame({
        "page_id": article_rows["page_id"], "url": article_rows["url"], "final_url": article_rows["final_url"],
        "status": 200, "headers": '{"content-type": "text/html; charset=utf-8"}',
        "fetched_at": article_rows["loaded_at"], "body": [t.encode() for t in article_rows["text"]],
        "source": article_rows["source"], "run_id": "test-run", "warc_file": "data/warc/test-run/w-0.warc.gz",
        "kind": "article"}, columns=COLUMNS["pages"])
    con = duckdb.connect(str(db))
    try:
        ensure_schema(con)
        con.execute("begin")
        for table, frame in (("pages", page_rows), ("articles", article_rows), ("facts", fact_rows)):
            con.register("incoming", frame)
            con.execute(f"delete from raw.{table} where page_id in (select page_id from incoming)"
                        if table != "facts" else
                        "delete from raw.facts where page_id in (select page_id from incoming)")
            con.execute(f"insert into raw.{table} by name select * from incoming")
            con.unregister("incoming")
        if offices:
            con.register("incoming", pd.DataFrame(OFFICES, columns=COLUMNS["offices"]))
            con.execute("delete from raw.offices")
            con.execute("insert into raw.offices by name select * from incoming")
            con.unregister("incoming")
            runs = pd.DataFrame([{"run_id": "test-run", "source": "wartadeli-test", "started_at": T1,
                                  "finished_at": T1, "pages_fetched": 12, "articles_fetched": 10,
                                  "errors": 0, "status": "ok", "message": None}], columns=COLUMNS["crawl_runs"])
            con.register("incoming", runs)
            con.execute("delete from raw.crawl_runs")
            con.execute("insert into raw.crawl_runs by name select * from incoming")
            con.unregister("incoming")
        con.execute("commit")
    finally:
        con.close()


def run_dbt(args: list[str], db: Path, workdir: Path, check=True) -> subprocess.CompletedProcess:
    """Run dbt on `db` with target and logs under `workdir`, so that tests never share them."""
    dbt = Path(sys.executable).with_name("dbt")
    env = dict(os.environ, BNN_DUCKDB=str(Path(db).resolve()), DBT_SEND_ANONYMOUS_USAGE_STATS="False",
               DO_NOT_TRACK="1")
    cmd = [str(dbt) if dbt.exists() else "dbt", *args, "--project-dir", str(DBT_PROJECT),
           "--profiles-dir", str(DBT_PROJECT), "--target-path", str(workdir / "target"),
           "--log-path", str(workdir / "logs")]
    done = subprocess.run(cmd, env=env, cwd=DBT_PROJECT, text=True, capture_output=True)
    if check and done.returncode != 0:
        raise AssertionError(f"dbt {' '.join(args)} failed:\n{done.stdout[-6000:]}\n{done.stderr[-2000:]}")
    return done


def query(db: Path, sql: str):
    """Rows of a query on `db`, read-only."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()
