"""Write every mart to Parquet and CSV, one file pair per mart.

    python -m warehouse export --out data/export     # the CLI lives in warehouse/__main__.py
    export_marts("data/capaian.duckdb", Path("data/export"))  # -> [Path, ...]

The marts are the tables dbt builds in the warehouse's default schema (main):
fct_*, dim_* and rpt_*. Parquet keeps list columns (source_urls, values_seen)
as lists; CSV writes them as text.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

MART_PREFIXES = ("fct_", "dim_", "rpt_")


class NoMarts(Exception):
    """The warehouse has no mart tables: dbt has not been run on it."""


def mart_names(con) -> list[str]:
    """Names of the mart tables, sorted."""
    rows = con.execute(
        "select table_name from information_schema.tables "
        "where table_schema = 'main' and table_type = 'BASE TABLE' order by table_name").fetchall()
    return [name for (name,) in rows if name.startswith(MART_PREFIXES)]


def export_marts(db_path, out_dir: Path) -> list[Path]:
    """Copy each mart to out_dir/<mart>.parquet and .csv; return the paths written."""
    if not Path(db_path).exists():
        raise NoMarts(f"no warehouse at {db_path}: run `make build` (or `make demo`) first")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with duckdb.connect(str(db_path), read_only=True) as con:
        names = mart_names(con)
        if not names:
            raise NoMarts(f"{db_path} has no marts: run `make transform` first")
        for name in names:
            written += _export_one(con, name, out_dir)
    return written


def _export_one(con, name: str, out_dir: Path) -> list[Path]:
    parquet, csv = out_dir / f"{name}.parquet", out_dir / f"{name}.csv"
    # sorted, so that two exports of the same warehouse are the same files
    query = f"select * from main.{name} order by all"
    con.execute(f"copy ({query}) to '{_quote(parquet)}' (format parquet)")
    con.execute(f"copy ({query}) to '{_quote(csv)}' (format csv, header true)")
    return [parquet, csv]


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
