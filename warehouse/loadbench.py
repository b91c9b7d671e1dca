"""Ingest benchmark: `python -m warehouse load` against trafilatura alone on the same records.

    python -m warehouse bench        # runs the extraction benchmark, then this one

Each ratio is measured in one run, on one machine: trafilatura.extract(…,
with_metadata=True, output_format="json") over the records' HTML in one process,
then the load of the same WARC file (a fresh warehouse, the CLI in a process of its
own, interpreter start-up included). The heavy pages, a few seconds a pair, are timed
three times and the median ratio is given with each pair: on a shared two-core machine
one pair can be off by half. Inputs are made by `warehouse.benchpages` from
the project's own sample articles:
- heavy relevant pages: 300 releases of about 150 KiB each;
- an archive-shaped mix: 2,000 such pages, 1% releases, 5% police drug news, the
  rest other news; its facts are checked against a load without the pre-filter;
- peak memory (the loader and its workers together) at 1,000 and 10,000 archive pages;
- a hostile WARC: a 50 MB page, a gzip bomb of 1 GiB of zeros, 200 KB of random bytes
  as text/html, a PDF, and two copies of a release.
The machine's load average is printed: the ratios depend on the cores left free.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import duckdb

from warehouse.benchpages import write_archive, write_hostile
from warehouse.load import default_workers, extractor_version
from warehouse.warc_rows import CHUNK, Limits, examine, read_pages

ROOT = Path(__file__).resolve().parents[1]
#: Resident memory of the load and of every process it starts, sampled this often (seconds).
_SAMPLE = 0.05


def trafilatura_alone(warc: Path) -> float:
    """Seconds trafilatura takes alone over the HTML of a WARC file's records, in this process."""
    import trafilatura

    pages = [p["body"].decode("utf-8") for p in read_pages(str(warc), Limits(max_bytes=1 << 30))]
    started = time.perf_counter()
    for html in pages:
        trafilatura.extract(html, with_metadata=True, output_format="json")
    return time.perf_counter() - started


def timed_load(warc: Path, db: Path) -> tuple[float, tuple[float, float], str]:
    """(seconds, peak MiB of the whole load and of its main process, output) of `python -m warehouse load`."""
    import psutil

    cmd = [sys.executable, "-m", "warehouse", "load", "--db", str(db), "--warc", str(warc)]
    started, peak, peak_main = time.perf_counter(), 0, 0
    with subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as proc:
        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            tree, main = _rss(root)
            peak, peak_main = max(peak, tree), max(peak_main, main)
            time.sleep(_SAMPLE)
        output = proc.stdout.read()
    seconds = time.perf_counter() - started
    if proc.returncode:
        raise RuntimeError(f"load failed:\n{output[-2000:]}")
    return seconds, (peak / 2 ** 20, peak_main / 2 ** 20), output


def _rss(root) -> tuple[int, int]:
    """Resident bytes of a process with all its descendants (pool workers, fork server), and of it alone."""
    import psutil

    sizes = []
    for proc in [root, *root.children(recursive=True)]:
        try:
            sizes.append(proc.memory_info().rss)
        except psutil.Error:  # a worker that has just exited
            sizes.append(0)
    return sum(sizes), sizes[0]


def ratio_line(name: str, n: int, warc: Path, db: Path, rounds: int = 1) -> str:
    """Trafilatura alone, then the load, `rounds` times back to back; the median ratio and each one."""
    ratios, lines = [], []
    for i in range(rounds):
        busy = os.getloadavg()[0]
        traf = trafilatura_alone(warc)
        load, _, _ = timed_load(warc, db.with_name(f"{db.stem}-{i}.duckdb") if i else db)
        ratios.append(traf / load)
        lines.append(f"  trafilatura alone {traf:.1f} s ({n / traf:.0f} pages/s), load {load:.1f} s "
                     f"({n / load:.0f} pages/s): {traf / load:.2f}x [load average {busy:.2f} before, "
                     f"{os.getloadavg()[0]:.2f} after]")
    head = f"ingest, {name}: {n} pages, {statistics.median(ratios):.2f}x trafilatura alone"
    return "\n".join([head + (f" (median of {rounds} runs)" if rounds > 1 else ""), *lines])


def facts_without_prefilter(warc: Path) -> set:
    """Fact keys from every page of the file cleaned and extracted, as loads did before the pre-filter."""
    limits, pages, keys = Limits(), list(read_pages(str(warc), Limits())), set()
    for start in range(0, len(pages), CHUNK):
        done = examine(pages[start:start + CHUNK], "bench", limits, datetime.now(), prefilter=False)
        keys |= {_key(f) for f in done.facts}
    return keys


def _key(fact: dict) -> tuple:
    return tuple(fact[k] for k in ("url", "office_id", "year", "indicator", "breakdown", "value", "target"))


def loaded_facts(db: Path) -> set:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select url, office_id, year, indicator, breakdown, value, target from raw.facts")
        return set(rows.fetchall())


def mix_check(warc: Path, db: Path) -> str:
    """Whether the releases' facts are all loaded: the same facts as a load without the pre-filter."""
    loaded, everything = loaded_facts(db), facts_without_prefilter(warc)
    with duckdb.connect(str(db), read_only=True) as con:
        releases, with_facts = con.execute(
            "select count(*), count(*) filter (where n_facts > 0) from raw.articles where url like '%/release/%'"
        ).fetchall()[0]
    same = "yes" if loaded == everything else f"NO ({len(everything - loaded)} missing, {len(loaded - everything)} extra)"
    return (f"  facts loaded {len(loaded)}; releases with facts {with_facts}/{releases}; "
            f"same facts as without the pre-filter: {same}")


def memory_line(folder: Path) -> str:
    peaks = {}
    for n in (1000, 10_000):
        warc = write_archive(folder / f"arsip-{n}.warc.gz", n, seed=n)
        _, peaks[n], _ = timed_load(warc, folder / f"mem-{n}.duckdb")
        warc.unlink()
    (whole, main), (whole_10k, main_10k) = peaks[1000], peaks[10_000]
    return (f"ingest memory, archive pages: peak of the whole load (loader, fork server, workers) "
            f"1,000 pages {whole:.0f} MiB, 10,000 pages {whole_10k:.0f} MiB ({100 * (whole_10k / whole - 1):+.1f}%); "
            f"loader process alone {main:.0f} -> {main_10k:.0f} MiB ({100 * (main_10k / main - 1):+.1f}%)")


def hostile_lines(folder: Path) -> list[str]:
    warc = write_hostile(folder / "hostile.warc.gz")
    db = folder / "hostile.duckdb"
    seconds, (peak, _), _ = timed_load(warc, db)
    with duckdb.connect(str(db), read_only=True) as con:
        skipped = con.execute("select url, skip_reason from raw.pages where skip_reason is not null order by 1")
        skipped = skipped.fetchall()
        facts = con.execute("select url, count(*) from raw.facts group by 1 order by 1").fetchall()
    lines = [f"hostile WARC (50 MB page, 1 GiB gzip bomb, 200 KB random bytes, a PDF, a release twice): "
             f"loaded in {seconds:.1f} s, peak {peak:.0f} MiB; release facts: "
             + ", ".join(f"{url} {n}" for url, n in facts)]
    lines += [f"  skipped {url}: {reason}" for url, reason in skipped]
    return lines


def main() -> int:
    print(f"ingest bench: {os.cpu_count()} cores, {default_workers()} workers, load average "
          f"{os.getloadavg()[0]:.2f} at the start; extractor {extractor_version()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="capaian-bench-") as tmp:
        folder = Path(tmp)
        heavy = write_archive(folder / "heavy.warc.gz", 300, releases=1.0, police=0.0)
        print(ratio_line("heavy relevant pages (~150 KiB)", 300, heavy, folder / "heavy.duckdb", rounds=3), flush=True)
        mix = write_archive(folder / "mix.warc.gz", 2000)
        print(ratio_line("archive mix (1% releases, 5% police drug news)", 2000, mix, folder / "mix.duckdb"))
        print(mix_check(mix, folder / "mix.duckdb"), flush=True)
        print(memory_line(folder), flush=True)
        print("\n".join(hostile_lines(folder)))
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0
