"""Benchmark the loader: WARC records through cleaning and extraction into DuckDB, in bulk.

    python -m warehouse bench        # runs the extraction benchmark, then this one
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from warehouse.load import load_warehouse
from warehouse.warcs import write_pages

#: One synthetic release page; the numbers vary per copy so every page gives its own facts.
_PAGE = """<html><head><title>BNNK Uji {i} Paparkan Capaian 2024</title>
<meta property="article:published_time" content="2024-12-30T10:00:00+07:00"></head><body><article>
<h1>BNNK Uji {i} Paparkan Capaian 2024</h1>
<p>Badan Narkotika Nasional Kota Medan memaparkan capaian kinerja sepanjang tahun 2024 kepada wartawan.</p>
<p>Sebanyak {a} klien mendapatkan layanan rehabilitasi rawat jalan dari target {b} klien, sementara tes urine
diikuti oleh {c} peserta dari lingkungan pendidikan, pemerintah, swasta dan masyarakat.</p>
<p>Selain itu, Seksi Pemberantasan mengungkap {d} kasus dengan barang bukti sabu seberat {e},{f} gram.</p>
</article></body></html>"""


def bench_load(pages: int = 2000) -> dict:
    """Load `pages` synthetic article pages into a fresh warehouse twice (fresh, then idempotent)."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        rows = [(f"http://bench.test/2024/12/30/rilis-{i}/",
                 _PAGE.format(i=i, a=50 + i % 90, b=60, c=300 + i, d=3 + i % 20, e=10 + i % 500, f=i % 100),
                 "article") for i in range(pages)]
        write_pages(data / "warc" / "bench" / "w0-00000.warc.gz", rows, source="bench")
        db = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        first = load_warehouse(db, data_dir=data, progress=lambda _: None)
        fresh = time.perf_counter() - started
        started = time.perf_counter()
        load_warehouse(db, data_dir=data, progress=lambda _: None)
        noop = time.perf_counter() - started
    return {"pages": pages, "facts": first.facts, "fresh_s": fresh, "pages_per_s": pages / fresh, "noop_s": noop}


def main(pages: int = 2000) -> int:
    result = bench_load(pages)
    print(f"load: {result['pages']} pages -> {result['facts']} facts in {result['fresh_s']:.2f}s "
          f"({result['pages_per_s']:.0f} pages/s, WARC read + clean + extract + bulk insert); "
          f"a second load with nothing new: {result['noop_s']:.2f}s")
    return 0
