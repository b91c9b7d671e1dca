"""The loader: WARC records in, raw tables out; idempotent, transactional, re-extractable."""
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse.clean import clean_html
from warehouse.extract import extract_document
from warehouse.load import LoadError, load_warehouse
from warehouse.warc_rows import simhash64
from warehouse.warcs import write_pages

ROOT = Path(__file__).resolve().parent.parent

RELEASE = """<html><head><title>BNNK Pematangsiantar Paparkan Kinerja 2024</title>
<meta property="og:site_name" content="Kabar Uji">
<meta property="article:published_time" content="2024-12-27T10:00:00+07:00"></head>
<body><nav><a href="/">Beranda</a> <a href="/hukum/">Hukum</a></nav>
<article><h1>BNNK Pematangsiantar Paparkan Kinerja 2024</h1>
<p>PEMATANGSIANTAR - Badan Narkotika Nasional Kota (BNNK) Pematangsiantar menyampaikan capaian
kinerja sepanjang tahun 2024 kepada awak media di aula kantornya, Jumat (27/12/2024).</p>
<p>Kepala BNN Kota Pematangsiantar menjelaskan, sebanyak 85 klien mendapatkan layanan rehabilitasi
rawat jalan dari target 70 klien, sehingga capaian bidang rehabilitasi melampaui target tahunan.</p>
<p>Di bidang pencegahan, kegiatan tes urine diikuti oleh 640 peserta dari instansi pemerintah,
sekolah dan perusahaan swasta yang tersebar di delapan kecamatan.</p>
<p>Ia berharap sinergi dengan pemerintah kota dan masyarakat terus terjaga pada tahun mendatang.</p>
</article><aside><h3>Terpopuler</h3><ul><li>Polres Amankan 3 Kg Sabu</li></ul></aside>
<footer>Redaksi: Jl. Merdeka No. 12, telp 0622-123456</footer></body></html>"""

SPORTS = """<html><head><title>PSMS Menang 2-1</title></head><body><article><h1>PSMS Menang 2-1</h1>
<p>MEDAN - PSMS Medan menang 2-1 atas tamunya dalam laga lanjutan liga yang digelar Minggu sore di
Stadion Teladan. Gol kemenangan dicetak pada menit ke-88 melalui sundulan kepala.</p>
<p>Pelatih mengaku puas dengan permainan anak asuhnya yang tampil disiplin sepanjang laga.</p></article>
</body></html>"""


def write_warc(path: Path, pages, capaian_headers=True):
    return write_pages(path, pages, source="kabar-uji", capaian_headers=capaian_headers)


def table(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def crawl_dir(tmp_path):
    write_warc(tmp_path / "data" / "warc" / "run1" / "w0-00000.warc.gz", [
        ("http://kabar.test/2024/12/27/bnnk-siantar/", RELEASE, "article"),
        ("http://kabar.test/olahraga/psms-menang/", SPORTS, "article"),
        ("http://kabar.test/kategori/hukum/", "<html><body><a href='/x'>x</a></body></html>", "listing"),
    ])
    return tmp_path / "data"


def test_load_keeps_pages_and_facts_match_the_extractor(crawl_dir, tmp_path):
    db = tmp_path / "w.duckdb"
    report = load_warehouse(db, data_dir=crawl_dir)
    assert (report.warc_files, report.records, report.pages, report.articles) == (1, 3, 3, 1)
    assert report.skipped == {"no_bnn_terms": 1} and "skipped 1 pages (no_bnn_terms 1)" in report.summary()
    kinds = dict(table(db, "select kind, count(*) from raw.pages group by 1"))
    assert kinds == {"article": 2, "listing": 1}
    article = clean_html(RELEASE.encode(), url="http://kabar.test/2024/12/27/bnnk-siantar/")
    expected = extract_document(article.text, title=article.title, published=article.published_at)
    got = table(db, "select indicator, breakdown, value, target, year, office_name from raw.facts order by all")
    want = sorted((f.indicator, f.breakdown, f.value, f.target, f.year, f.office_name) for f in expected.facts)
    assert got == want
    assert ("rehab.rawat_jalan", "", 85.0, 70.0, 2024, "BNN Kota Pematangsiantar") in got
    relevant = dict(table(db, "select url, is_relevant from raw.articles"))
    assert relevant == {"http://kabar.test/2024/12/27/bnnk-siantar/": True}
    # the football report never reached trafilatura; its row says why, and where its body is
    assert table(db, "select skip_reason, body is null, warc_offset > 0 from raw.pages where url like '%psms%'") == [
        ("no_bnn_terms", True, True)]
    evidence = table(db, "select evidence, evidence_start, evidence_end from raw.facts "
                         "where indicator = 'rehab.rawat_jalan'")[0]
    text = table(db, "select text from raw.articles where is_relevant")[0][0]
    assert text[evidence[1]:evidence[2]] == evidence[0]


def test_loading_twice_gives_the_same_rows(crawl_dir, tmp_path):
    db = tmp_path / "w.duckdb"
    load_warehouse(db, data_dir=crawl_dir)
    first = table(db, "select fact_id, value from raw.facts order by all")
    assert load_warehouse(db, data_dir=crawl_dir).records == 0  # nothing new to read
    warc = next(crawl_dir.rglob("*.warc.gz"))
    again = load_warehouse(db, data_dir=crawl_dir, warc_paths=[warc])
    assert again.records == 3
    assert table(db, "select fact_id, value from raw.facts order by all") == first
    assert table(db, "select count(*) from raw.pages")[0][0] == 3
    assert table(db, "select count(*) from raw.warc_files")[0][0] == 1


def test_pages_from_an_older_extractor_are_extracted_again(crawl_dir, tmp_path):
    db = tmp_path / "w.duckdb"
    load_warehouse(db, data_dir=crawl_dir)
    with duckdb.connect(str(db)) as con:
        con.execute("update raw.articles set extractor_version = 'old'")
        con.execute("delete from raw.facts")
    report = load_warehouse(db, data_dir=crawl_dir)
    assert report.articles == 1 and report.facts > 0
    assert table(db, "select distinct extractor_version from raw.articles")[0][0] != "old"


def test_a_foreign_warc_loads_with_source_warc(tmp_path):
    warc = tmp_path / "cc-news.warc.gz"
    write_warc(warc, [("http://kabar.test/2024/12/27/bnnk-siantar/", RELEASE, None)], capaian_headers=False)
    db = tmp_path / "w.duckdb"
    report = load_warehouse(db, data_dir=tmp_path / "nothing", warc_paths=[warc])
    assert report.relevant == 1
    assert table(db, "select source, kind from raw.pages") == [("warc", None)]


def test_a_missing_warc_file_is_a_clear_error(tmp_path):
    with pytest.raises(LoadError, match="no such WARC file"):
        load_warehouse(tmp_path / "w.duckdb", warc_paths=[tmp_path / "nope.warc.gz"])
    done = subprocess.run([sys.executable, "-m", "warehouse", "load", "--db", str(tmp_path / "w.duckdb"),
                           "--warc", str(tmp_path / "nope.warc.gz")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and "no such WARC file" in done.stderr


def test_crawl_run_summaries_are_loaded(crawl_dir, tmp_path):
    runs = crawl_dir / "runs"
    runs.mkdir()
    (runs / "20241230T010000.json").write_text(json.dumps({"run_id": "20241230T010000", "sources": {
        "kabar-uji": {"started_at": "2024-12-30T01:00:00+00:00", "finished_at": "2024-12-30T01:02:00+00:00",
                      "pages_fetched": 3, "articles_fetched": 2, "errors": 0, "status": "ok", "message": ""}}}))
    db = tmp_path / "w.duckdb"
    load_warehouse(db, data_dir=crawl_dir)
    load_warehouse(db, data_dir=crawl_dir)
    assert table(db, "select source, pages_fetched, status from raw.crawl_runs") == [("kabar-uji", 3, "ok")]


def test_near_duplicates_have_close_simhashes():
    text = clean_html(RELEASE.encode()).text
    edited = text.replace("kepada awak media", "kepada wartawan")
    other = clean_html(SPORTS.encode()).text
    assert bin(simhash64(text) ^ simhash64(edited)).count("1") <= 8
    assert bin(simhash64(text) ^ simhash64(other)).count("1") > 16


def test_a_load_killed_half_way_leaves_the_previous_state(crawl_dir, tmp_path):
    db = tmp_path / "w.duckdb"
    load_warehouse(db, data_dir=crawl_dir)
    before = table(db, "select count(*), (select count(*) from raw.facts) from raw.pages")[0]
    many = [(f"http://kabar.test/2024/12/{i}/bnnk-siantar-{i}/", RELEASE.replace("85 klien", f"{i} klien"), "article")
            for i in range(1, 1500)]
    write_warc(crawl_dir / "warc" / "run2" / "w0-00000.warc.gz", many)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "warehouse", "load", "--db", str(db), "--data", str(crawl_dir)],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True, env=env)
    for line in proc.stdout:  # wait until it is writing the staged rows, then kill it hard
        if "pages ingested" in line:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert table(db, "select count(*), (select count(*) from raw.facts) from raw.pages")[0] == before
    assert list(tmp_path.glob("capaian-stage-*")), "the killed load left its staged Parquet"
    assert table(db, "select count(*) from raw.warc_files")[0][0] == 1
    report = load_warehouse(db, data_dir=crawl_dir)  # and the next load finishes the job
    assert report.records == 1499
    assert not list(tmp_path.glob("capaian-stage-*")), "and the next load cleared it away"
    assert table(db, "select count(*), count(*) filter (where is_relevant) from raw.articles")[0] == (1500, 1500)


def test_pages_skipped_by_an_older_extractor_are_looked_at_again(crawl_dir, tmp_path, caplog):
    db = tmp_path / "w.duckdb"
    load_warehouse(db, data_dir=crawl_dir)
    assert load_warehouse(db, data_dir=crawl_dir).records == 0
    with duckdb.connect(str(db)) as con:
        con.execute("update raw.pages set skipped_by = 'old' where skip_reason is not null")
    again = load_warehouse(db, data_dir=crawl_dir)  # the WARC file holding the skipped page is read again
    assert (again.records, again.skipped) == (3, {"no_bnn_terms": 1})
    assert table(db, "select count(*) from raw.pages where skipped_by = 'old'") == [(0,)]
    assert table(db, "select count(*) from raw.facts")[0][0] > 0
    with duckdb.connect(str(db)) as con:
        con.execute("update raw.pages set skipped_by = 'old' where skip_reason is not null")
    for warc in crawl_dir.rglob("*.warc.gz"):
        warc.unlink()
    assert load_warehouse(db, data_dir=crawl_dir).records == 0  # gone: said, not fatal
    assert "cannot be looked at again" in caplog.text


def test_a_warehouse_from_before_skip_reasons_gains_the_new_columns(crawl_dir, tmp_path):
    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create schema raw")
        con.execute("create table raw.pages (page_id varchar, url varchar not null, final_url varchar, "
                    "status integer, headers varchar, fetched_at timestamp, body blob, source varchar, "
                    "run_id varchar, warc_file varchar, kind varchar)")
    report = load_warehouse(db, data_dir=crawl_dir)
    assert report.skipped == {"no_bnn_terms": 1}
    assert table(db, "select count(*) from raw.pages where skip_reason is not null") == [(1,)]


def test_the_extractor_version_follows_the_extraction_code_not_the_tools(tmp_path, monkeypatch):
    import shutil
    import warehouse.load as load
    copy = tmp_path / "warehouse"
    shutil.copytree(Path(load.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(load, "__file__", str(copy / "load.py"))
    before = load.extractor_version()
    (copy / "bench.py").write_text("# a benchmark edited\n", encoding="utf-8")
    assert load.extractor_version() == before
    with open(copy / "extract" / "asides.py", "a", encoding="utf-8") as f:
        f.write("\n# a rule edited\n")
    assert load.extractor_version() != before
