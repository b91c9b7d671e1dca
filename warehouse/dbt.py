"""Run dbt on the project's dbt_project/ against a given DuckDB file.

    run_dbt(["build"], db_path="data/capaian.duckdb")
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT = PROJECT_ROOT / "dbt_project"


class DbtFailed(Exception):
    """dbt exited non-zero; its output was printed."""


def dbt_env(db_path) -> dict:
    """The environment dbt runs in: the warehouse path, and no usage tracking."""
    env = dict(os.environ)
    env.update({"BNN_DUCKDB": str(Path(db_path).resolve()), "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
                "DO_NOT_TRACK": "1"})
    return env


def run_dbt(args: list[str], db_path, target_path=None, quiet=False) -> subprocess.CompletedProcess:
    """Run one dbt command; raise DbtFailed when it fails."""
    dbt = Path(sys.executable).with_name("dbt")
    cmd = [str(dbt) if dbt.exists() else "dbt", *args,
           "--project-dir", str(DBT_PROJECT), "--profiles-dir", str(DBT_PROJECT)]
    if target_path:
        cmd += ["--target-path", str(Path(target_path).resolve())]
    done = subprocess.run(cmd, env=dbt_env(db_path), cwd=DBT_PROJECT, text=True,
                          capture_output=quiet)
    if done.returncode != 0:
        if quiet:
            print(done.stdout[-4000:], done.stderr[-2000:], sep="\n", file=sys.stderr)
        raise DbtFailed(f"dbt {' '.join(args)} failed (exit {done.returncode})")
    return done
