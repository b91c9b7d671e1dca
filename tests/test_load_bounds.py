"""Hostile records: over the size cap, gzip bombs, random bytes, PDFs, slow pages. Each is
recorded as skipped with its reason; none crashes the load, takes the machine's memory, or
loses the good pages beside it."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from warehouse.benchpages import stories, write_hostile
from warehouse.load import Pool, load_warehouse
from warehouse.warc_rows import Examined, Limits, PageTimeout, deadline

ROOT = Path(__file__).resolve().parent.parent


def query(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A hostile WARC (a 12 MB page, a 256 MiB gzip bomb, random bytes, a PDF, a release twice)
    loaded by the CLI in a process of its own, so that its peak memory can be read."""
    work = tmp_path_factory.mktemp("hostile")
    warc = write_hostile(work / "hostile.warc.gz", page_mb=12, bomb_mib=256)
    db = work / "w.duckdb"
    argv = ["load", "--db", str(db), "--warc", str(warc), "--max-bytes", str(2 * 1024 * 1024)]
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _MEASURED.format(argv=argv)], cwd=ROOT, capture_output=True, text=True)
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-3000:]
    peak_kib = int(done.stdout.rsplit("peak_kib=", 1)[1])
    return {"db": db, "stdout": done.stdout, "seconds": seconds, "peak_mib": peak_kib / 1024}


#: `python -m warehouse ...` that prints its own peak resident memory last. VmHWM, not ru_maxrss:
#: Linux carries ru_maxrss over exec, so it would report the forking test process's size too.
_MEASURED = """
import re
from warehouse.__main__ import main
status = main({argv!r})
with open("/proc/self/status") as f:
    print("peak_kib=" + re.search(r"VmHWM:\\s+(\\d+)", f.read()).group(1))
raise SystemExit(status)
"""


def test_each_hostile_record_is_skipped_with_its_reason(hostile):
    assert query(hostile["db"], "select url, skip_reason, body is null from raw.pages order by url") == [
        ("http://hostil.test/acak/", "binary", True),
        ("http://hostil.test/bom-gzip/", "too_large", True),
        ("http://hostil.test/halaman-raksasa/", "too_large", True),
        ("http://hostil.test/laporan.pdf", "not_html", True),
        ("http://hostil.test/rilis-bnn/", None, False),
        ("http://salinan.test/rilis-bnn-salinan/", None, False),
    ]
    for url, reason in [("bom-gzip/", "too_large"), ("halaman-raksasa/", "too_large"), ("acak/", "binary"),
                        ("laporan.pdf", "not_html")]:
        assert f"skipped http://hostil.test/{url}: {reason} (" in hostile["stdout"]


def test_the_release_beside_them_is_loaded_with_its_facts(hostile):
    got = query(hostile["db"], "select url, count(*) from raw.facts group by 1 order by 1")
    assert [url for url, _ in got] == ["http://hostil.test/rilis-bnn/", "http://salinan.test/rilis-bnn-salinan/"]
    assert got[0][1] == got[1][1] >= 5
    release = stories()["release"][0]
    assert query(hostile["db"], "select distinct title from raw.articles") == [(release["title"],)]


def test_the_bomb_is_never_inflated_in_memory(hostile):
    # a 256 MiB bomb and a 12 MB page read whole would put the process well above this
    assert hostile["peak_mib"] < 400, f"peak {hostile['peak_mib']:.0f} MiB"
    assert hostile["seconds"] < 60


def test_a_page_over_its_time_budget_is_skipped_and_keeps_its_body(tmp_path):
    warc = write_hostile(tmp_path / "h.warc.gz", page_mb=1, bomb_mib=1, random_kb=1)
    report = load_warehouse(tmp_path / "w.duckdb", warc_paths=[warc], limits=Limits(seconds=0.0005), workers=1)
    assert report.skipped["timeout"] == 2 and report.facts == 0
    assert ("http://hostil.test/rilis-bnn/", "timeout") in report.listed
    assert query(tmp_path / "w.duckdb", "select count(*) from raw.pages where skip_reason = 'timeout' "
                                        "and body is not null") == [(2,)]
    again = load_warehouse(tmp_path / "w.duckdb", warc_paths=[warc], workers=1)  # a roomier budget
    assert again.skipped["timeout"] == 0 and again.facts > 0


def test_the_size_cap_is_the_crawlers_maximum_page_size(monkeypatch):
    from crawler import settings

    monkeypatch.delenv("CAPAIAN_DOWNLOAD_MAXSIZE", raising=False)
    assert Limits().max_bytes == settings.DOWNLOAD_MAXSIZE
    monkeypatch.setenv("CAPAIAN_DOWNLOAD_MAXSIZE", "1000")
    assert Limits().max_bytes == 1000  # the same setting moves both


def test_a_deadline_stops_python_code_in_any_thread():
    outcome = []

    def spin():
        try:
            with deadline(0.05):
                while True:
                    pass
        except PageTimeout:
            outcome.append("stopped")

    worker = threading.Thread(target=spin)
    worker.start()
    worker.join(5)
    assert outcome == ["stopped"]
    with deadline(5):  # finishing in time raises nothing, now or later
        sum(range(1000))
    time.sleep(0.01)


def _die_on_a_marked_page(pages):
    """Stands in for `examine` in a pool worker: the page marked `mati` ends the process at once,
    as a crash in a C library or the kernel's out-of-memory killer would."""
    if any("/mati/" in page["url"] for page in pages):
        os._exit(70)
    return Examined(verdicts=[None] * len(pages), articles=[{"url": page["url"]} for page in pages])


def test_a_worker_that_dies_costs_only_the_page_that_killed_it(caplog):
    pages = [{"url": f"http://kabar.test/{i}/"} for i in range(40)]
    pages[17]["url"] = "http://kabar.test/mati/"
    pool = Pool(2)
    try:
        done = list(pool.map(_die_on_a_marked_page, [pages[i:i + 5] for i in range(0, 40, 5)]))
        again = list(pool.map(_die_on_a_marked_page, [pages[:5]]))  # and the pool works on
    finally:
        pool.executor.shutdown()
    assert [v for d in done for v in d.verdicts] == [None] * 17 + ["failed"] + [None] * 22
    assert [a["url"] for d in done for a in d.articles] == [p["url"] for p in pages if p is not pages[17]]
    assert again[0].verdicts == [None] * 5
    assert "http://kabar.test/mati/: cleaning it killed its worker, skipped" in caplog.text
