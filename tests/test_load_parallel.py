"""The same rows whether a load runs in one process, in a process pool, or on Dask
(a LocalCluster of two worker processes, or an existing scheduler named by its address)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse.benchpages import write_archive, write_hostile
from warehouse.load import load_warehouse

ROOT = Path(__file__).resolve().parent.parent
TABLES = ["pages", "articles", "facts", "rejected_facts", "warc_files"]


@pytest.fixture(scope="module")
def warcs(tmp_path_factory):
    """Four WARC files: three archive-shaped (some URLs in more than one file), one hostile."""
    folder = tmp_path_factory.mktemp("warcs")
    files = [write_archive(folder / f"arsip-{seed}.warc.gz", 24, releases=0.25, police=0.25, seed=seed)
             for seed in range(3)]
    files.append(write_hostile(folder / "hostil.warc.gz", page_mb=6, bomb_mib=16, random_kb=20))
    return [str(f) for f in files]


@pytest.fixture(scope="module")
def serial(warcs, tmp_path_factory):
    db = tmp_path_factory.mktemp("serial") / "w.duckdb"
    report = load_warehouse(db, warc_paths=warcs, workers=1)
    return db, report


def _differences(db_a, db_b) -> dict:
    """Rows of each raw table found in one warehouse and not the other (EXCEPT ALL both ways)."""
    con = duckdb.connect()
    con.execute(f"attach '{db_a}' as a (read_only)")
    con.execute(f"attach '{db_b}' as b (read_only)")
    out = {}
    for table in TABLES:
        cols = "* exclude (loaded_at)" if table != "pages" else "*"
        one = f"select {cols} from a.raw.{table}"
        two = f"select {cols} from b.raw.{table}"
        out[table] = (con.execute(f"select count(*) from ({one} except all {two})").fetchone()[0],
                      con.execute(f"select count(*) from ({two} except all {one})").fetchone()[0])
    con.close()
    return out


def test_the_serial_load_has_something_to_compare(serial):
    _, report = serial
    assert report.warc_files == 4 and report.relevant >= 10 and report.facts >= 50
    assert report.pages < report.records  # some URLs are in two files: the latest fetch wins
    assert {"no_bnn_terms", "too_large", "binary", "not_html"} <= set(report.skipped)


def test_a_process_pool_gives_the_same_rows(warcs, serial, tmp_path):
    db = tmp_path / "w.duckdb"
    load_warehouse(db, warc_paths=warcs, workers=2)
    assert _differences(serial[0], db) == {t: (0, 0) for t in TABLES}


def test_a_dask_local_cluster_gives_the_same_rows(warcs, serial, tmp_path):
    db = tmp_path / "w.duckdb"
    report = load_warehouse(db, warc_paths=warcs, workers=2, dask="local")
    assert report.facts == serial[1].facts
    assert _differences(serial[0], db) == {t: (0, 0) for t in TABLES}


def test_an_existing_dask_scheduler_gives_the_same_rows(warcs, serial, tmp_path):
    from dask.distributed import LocalCluster

    db = tmp_path / "w.duckdb"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        done = subprocess.run([sys.executable, "-m", "warehouse", "load", "--db", str(db), "--warc", *warcs,
                               "--dask", cluster.scheduler_address], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "(on Dask): 24 records" in done.stdout
    assert _differences(serial[0], db) == {t: (0, 0) for t in TABLES}
