"""The daily crontab entry: what it runs, under which lock, where it logs, and idempotent install."""
from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from crawler import schedule


@pytest.fixture
def fake_crontab(tmp_path):
    """A stand-in `crontab` program keeping the table in a file (no 'no crontab' file at first)."""
    table = tmp_path / "table"
    script = tmp_path / "crontab"
    script.write_text(
        "#!/bin/sh\n"
        f'T="{table}"\n'
        'if [ "$1" = "-l" ]; then [ -f "$T" ] || { echo "no crontab for tester" >&2; exit 1; }; cat "$T"; exit 0; fi\n'
        'if [ "$1" = "-" ]; then cat > "$T"; exit 0; fi\n'
        "exit 2\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script, table


def test_printed_line_runs_crawl_load_transform_daily(tmp_path, monkeypatch):
    monkeypatch.delenv("CAPAIAN_DATA", raising=False)
    line = schedule.cron_line(project=tmp_path, at="05:30")
    assert line.startswith("30 5 * * * ")
    assert f"-C {tmp_path} crawl load transform" in line


def test_printed_line_holds_a_nonblocking_lock_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("CAPAIAN_DATA", raising=False)
    line = schedule.cron_line(project=tmp_path)
    assert f"flock -n {tmp_path}/data/capaian.lock " in line
    assert line.index("flock -n") < line.index(" crawl load transform")


def test_printed_line_logs_to_a_dated_file_with_cron_escaped_percent(tmp_path, monkeypatch):
    monkeypatch.setenv("CAPAIAN_DATA", str(tmp_path / "store"))
    line = schedule.cron_line(project=tmp_path)
    assert f">> {tmp_path}/store/logs/$(date +\\%F).log 2>&1" in line
    assert f"mkdir -p {tmp_path}/store/logs" in line


def test_printed_line_runs_in_a_shell(tmp_path, monkeypatch):
    """The command part (after the five time fields) is valid sh once cron unescapes %."""
    monkeypatch.delenv("CAPAIAN_DATA", raising=False)
    command = schedule.cron_line(project=tmp_path).split(" ", 5)[5].replace("\\%", "%")
    done = subprocess.run(["sh", "-n", "-c", command], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_bad_time_is_refused():
    with pytest.raises(schedule.ScheduleError, match="HH:MM"):
        schedule.cron_line(at="25:00")


def test_install_twice_leaves_one_line_and_keeps_other_entries(tmp_path, fake_crontab, monkeypatch):
    monkeypatch.delenv("CAPAIAN_DATA", raising=False)
    script, table = fake_crontab
    schedule.install(project=tmp_path, at="06:15", crontab=str(script))
    table.write_text(table.read_text() + "0 1 * * * echo other-job\n")
    schedule.install(project=tmp_path, at="07:00", crontab=str(script))
    rows = table.read_text().splitlines()
    ours = [r for r in rows if schedule.MARKER in r]
    assert len(ours) == 1 and ours[0].startswith("0 7 * * * ")
    assert "0 1 * * * echo other-job" in rows


def test_cli_print_changes_nothing(capsys):
    assert schedule.main(["--print", "--at", "04:05"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("5 4 * * * ") and out.endswith(schedule.MARKER)


def test_missing_crontab_program_is_a_clear_error(tmp_path):
    with pytest.raises(schedule.ScheduleError, match="not found"):
        schedule.install(project=tmp_path, crontab=str(tmp_path / "no-such-crontab"))
