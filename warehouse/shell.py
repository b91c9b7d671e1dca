"""A small SQL shell on the warehouse, for people without the DuckDB CLI.

    python -m warehouse sql                      # interactive; end statements with ;
    python -m warehouse sql -c "select count(*) from fct_indicator_office_year"
"""
from __future__ import annotations

import sys
from pathlib import Path

import duckdb

_PROMPT, _MORE = "capaian> ", "     ...> "
_MAX_ROWS = 200


def run_shell(db_path: str, command: str | None = None, read_only: bool = True) -> int:
    """Run one statement, or read statements from the terminal until .quit or end of input."""
    if not Path(db_path).exists():
        print(f"no warehouse at {db_path}: run `make demo` or `make build` first", file=sys.stderr)
        return 2
    with duckdb.connect(db_path, read_only=read_only) as con:
        if command:
            return 0 if _run(con, command) else 1
        print(f"Connected to {db_path}{' (read-only)' if read_only else ''}. "
              "End statements with ';', '.tables' lists tables, '.quit' leaves.")
        return _loop(con)


def _loop(con) -> int:
    buffer = []
    while True:
        try:
            line = input(_MORE if buffer else _PROMPT)
        except EOFError:
            print()
            return 0
        stripped = line.strip()
        if not buffer and stripped in (".quit", ".exit"):
            return 0
        if not buffer and stripped == ".tables":
            _run(con, "select table_schema, table_name, table_type from information_schema.tables "
                      "where table_schema not in ('information_schema', 'pg_catalog') order by 1, 2")
            continue
        buffer.append(line)
        if stripped.endswith(";"):
            _run(con, "\n".join(buffer))
            buffer = []


def _run(con, sql: str) -> bool:
    try:
        cur = con.execute(sql)
    except duckdb.Error as exc:
        print(f"error: {exc}", file=sys.stderr)
        return False
    if cur.description is None:
        return True
    names = [d[0] for d in cur.description]
    rows = cur.fetchmany(_MAX_ROWS + 1)
    _print_table(names, rows[:_MAX_ROWS])
    if len(rows) > _MAX_ROWS:
        print(f"(first {_MAX_ROWS} rows shown; add a LIMIT or export with COPY)")
    return True


def _print_table(names, rows):
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    print(" | ".join(n.ljust(w) for n, w in zip(names, widths)))
    print("-+-".join("-" * w for w in widths))
    for row in cells:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths)))
    print(f"({len(rows)} rows)")


def _cell(value) -> str:
    text = "NULL" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."
