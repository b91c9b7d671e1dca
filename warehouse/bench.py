"""Extraction benchmark: milliseconds per typical article, and seconds for a 1 MB text.

    python -m warehouse.bench            # or: make bench

Articles are the project's own sample releases (`sample_sites/articles/`, written
for this project) plus one synthetic release, so the figures do not depend on
anything outside the repository. Timing covers `extract_document` only (cleaning
with trafilatura is measured by the load benchmark). The 1 MB figure is given twice:
for a mix of releases, and for the synthetic release alone, the densest in numbers.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from .extract import extract_document

ARTICLES = Path(__file__).resolve().parents[1] / "sample_sites" / "articles"

SYNTHETIC = """BNNP Kalimantan Timur Paparkan Capaian Kinerja Tahun 2023
Samarinda - Badan Narkotika Nasional Provinsi (BNNP) Kalimantan Timur menggelar rilis akhir tahun
capaian kinerja sepanjang tahun 2023, Kamis (28/12/2023). Bidang pemberantasan mengungkap 47 kasus
dengan 63 tersangka, terdiri dari 58 laki-laki dan 5 perempuan, serta menyita barang bukti sabu
seberat 12,35 kilogram, ganja 450 gram dan ekstasi 1.200 butir. Sebanyak 38 berkas perkara dari target
30 berkas perkara telah dinyatakan lengkap. Bidang rehabilitasi memberikan layanan rehabilitasi kepada
412 orang dari target 350 orang, terdiri dari 301 rawat jalan dan 111 rawat inap. Tes urine diikuti
5.230 peserta; 41 orang di antaranya positif. Sosialisasi P4GN menjangkau 18.450 orang, sedangkan
sosialisasi digital melalui media sosial menjangkau lebih dari 1,2 juta warganet. Nilai IKP sebesar
3,51 dan IKPA mencapai 98,76 persen.
"""


def _articles() -> list[str]:
    import yaml

    texts = [SYNTHETIC]
    for path in sorted(ARTICLES.glob("*.yml")):
        article = yaml.safe_load(path.read_text(encoding="utf-8"))
        if article.get("kind") == "release":
            texts.append(f"{article['title']}\n\n{article['body']}")
    return texts


def per_article(rounds: int = 200) -> tuple[float, float]:
    """Mean milliseconds per article (wall clock, CPU time) over `rounds` passes of the article set."""
    texts = _articles()
    extract_document(texts[0])  # warm caches (gazetteer, regexes)
    wall, cpu = [], []
    for _ in range(rounds):
        for t in texts:
            w0, c0 = time.perf_counter(), time.process_time()
            extract_document(t)
            wall.append(time.perf_counter() - w0)
            cpu.append(time.process_time() - c0)
    return statistics.mean(wall) * 1000, statistics.mean(cpu) * 1000


def one_megabyte(runs: int = 3, texts: list[str] | None = None) -> tuple[float, float]:
    """Seconds (wall clock, CPU time) to extract one text of about 1 MB made of many releases; best of `runs`."""
    texts = texts or _articles()
    blob, i = [], 0
    while sum(len(b) for b in blob) < 1_000_000:
        blob.append(texts[i % len(texts)])
        i += 1
    big = "\n".join(blob)[:1_000_000]
    extract_document(texts[0])
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        extract_document(big)
        best = min(best, (time.perf_counter() - w0, time.process_time() - c0))
    return best


def main() -> int:
    (ms, ms_cpu), (sec, sec_cpu) = per_article(), one_megabyte()
    dense, dense_cpu = one_megabyte(texts=[SYNTHETIC])
    n = len(_articles())
    print(f"extract: {ms:.2f} ms per article, {ms_cpu:.2f} ms CPU (mean over {n} articles x 200)")
    print(f"extract: {sec:.3f} s for a 1 MB text of mixed releases, {sec_cpu:.3f} s CPU (best of 3)")
    print(f"extract: {dense:.3f} s for a 1 MB text of the densest release repeated, {dense_cpu:.3f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
