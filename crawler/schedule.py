"""The daily crontab entry: crawl, load and transform, never two runs at once.

    python -m crawler schedule --print     # show the line
    python -m crawler schedule             # install it (replaces our own earlier line)

The line runs `make -C <project> crawl load transform` under `flock -n` on
`<data>/capaian.lock`, so a run that finds the previous one still going exits at
once instead of piling up, and appends everything to `<data>/logs/<date>.log`.
Installing reads the user's crontab, drops any line carrying our marker, adds
the new line and writes the crontab back: running it twice leaves one line.
"""
from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
MARKER = "# capaian:daily"
DEFAULT_AT = "06:15"          # after the overnight publishing of year-end releases
TARGETS = ("crawl", "load", "transform")


class ScheduleError(RuntimeError):
    """The crontab could not be read or written; the message says why."""


def data_dir(project: Path = PROJECT) -> Path:
    """Where the lock and the logs go: $CAPAIAN_DATA, relative to the project unless absolute."""
    data = Path(os.environ.get("CAPAIAN_DATA", "data"))
    return data if data.is_absolute() else project / data


def cron_line(project: Path = PROJECT, at: str = DEFAULT_AT) -> str:
    """The crontab line, e.g. `15 6 * * * cd /p && ... flock -n data/capaian.lock make -C /p crawl load transform ...`."""
    hour, minute = _parse_at(at)
    data = data_dir(project)
    make = shutil.which("make") or "make"
    flock = shutil.which("flock") or "flock"
    log = f"{shlex.quote(str(data / 'logs'))}/$(date +\\%F).log"
    command = (
        f"cd {shlex.quote(str(project))} && mkdir -p {shlex.quote(str(data / 'logs'))} && "
        f"{flock} -n {shlex.quote(str(data / 'capaian.lock'))} "
        f"{make} -C {shlex.quote(str(project))} {' '.join(TARGETS)} >> {log} 2>&1"
    )
    return f"{minute} {hour} * * * {command} {MARKER}"


def _parse_at(at: str) -> tuple[int, int]:
    try:
        hour, minute = (int(part) for part in at.split(":"))
    except ValueError:
        raise ScheduleError(f"--at {at!r}: expected HH:MM, e.g. 06:15") from None
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise ScheduleError(f"--at {at!r}: expected HH:MM with hour 0-23 and minute 0-59")
    return hour, minute


def merged_crontab(current: str, line: str) -> str:
    """The crontab text with our earlier line(s) replaced by `line`; other lines kept as they are."""
    kept = [row for row in current.splitlines() if MARKER not in row]
    return "\n".join(kept + [line]) + "\n"


def read_crontab(crontab: str = "crontab") -> str:
    """The user's crontab ('' when there is none yet)."""
    if not shutil.which(crontab):
        raise ScheduleError(f"`{crontab}` not found: install cron (Debian: apt-get install cron) or use --print")
    done = subprocess.run([crontab, "-l"], capture_output=True, text=True)
    if done.returncode != 0:
        if "no crontab" in done.stderr.lower():
            return ""
        raise ScheduleError(f"`{crontab} -l` failed: {done.stderr.strip()}")
    return done.stdout


def install(project: Path = PROJECT, at: str = DEFAULT_AT, crontab: str = "crontab") -> str:
    """Install (or replace) the daily line in the user's crontab and return it."""
    line = cron_line(project, at)
    text = merged_crontab(read_crontab(crontab), line)
    done = subprocess.run([crontab, "-"], input=text, capture_output=True, text=True)
    if done.returncode != 0:
        raise ScheduleError(f"`{crontab} -` failed: {done.stderr.strip()}")
    return line


def main(argv: list[str] | None = None) -> int:
    """Install or print the daily crontab entry that runs crawl, load and transform.

    Example: python -m crawler schedule --print --at 05:30
    """
    parser = argparse.ArgumentParser(prog="python -m crawler schedule", description=main.__doc__)
    parser.add_argument("--print", dest="print_only", action="store_true", help="print the line, change nothing")
    parser.add_argument("--at", default=os.environ.get("CAPAIAN_SCHEDULE_AT", DEFAULT_AT),
                        help="time of day, HH:MM in the machine's time zone (default %(default)s)")
    args = parser.parse_args(argv)
    try:
        if args.print_only:
            print(cron_line(at=args.at))
            return 0
        line = install(at=args.at)
    except ScheduleError as exc:
        print(f"schedule: {exc}", file=sys.stderr)
        return 2
    print(f"installed in crontab:\n{line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
