"""The dbt docs site renders the page of fct_indicator_office_year in a real browser.

Generates the docs for a small built warehouse, serves them on 127.0.0.1 and
opens the model's page in headless Chromium (Debian's package, installed here
when missing). The screenshot is kept in tests/artifacts/.
"""
from __future__ import annotations

import functools
import re
import http.server
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from tests.dbt_fixtures import first_load, run_dbt, write_raw

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
MODEL_PAGE = "#!/model/model.capaian.fct_indicator_office_year"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--hide-scrollbars"]


@pytest.fixture(scope="session")
def chromium():
    """Path of a chromium binary; apt-get installs Debian's when there is none."""
    if shutil.which("chromium") is None:
        subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, capture_output=True,
                       env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})
    path = shutil.which("chromium")
    if path is None:
        pytest.fail("chromium is not installed and apt-get could not install it")
    return path


@pytest.fixture(scope="module")
def docs_url(tmp_path_factory):
    """The generated docs site of a built warehouse, served on 127.0.0.1 for the module."""
    work = tmp_path_factory.mktemp("dbt_docs")
    db = work / "capaian.duckdb"
    write_raw(db, first_load())
    run_dbt(["build"], db, work)
    run_dbt(["docs", "generate"], db, work)
    site = work / "target"
    assert (site / "index.html").exists() and (site / "catalog.json").exists()
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _chromium(binary, profile: Path, *args) -> subprocess.CompletedProcess:
    cmd = [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=15000", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


def test_model_page_renders_description_and_columns(chromium, docs_url, tmp_path):
    done = _chromium(chromium, tmp_path / "profile", "--dump-dom", docs_url + MODEL_PAGE)
    dom = done.stdout
    assert "fct_indicator_office_year" in dom, done.stderr[-2000:]
    # the description, as the page renders it
    assert "One row per office, year, indicator, breakdown and unit." in dom
    assert "syndicated copies of one release" in dom
    # the columns, with their own descriptions
    # the columns, each a row of the columns table
    shown = set(re.findall(r'<span class="text-dark ng-binding">\s*([a-z_]+)\s*</span>', dom))
    for column in ("office_id", "office_name", "year", "indicator_code", "breakdown", "unit", "value",
                   "target", "achievement_pct", "n_articles", "source_urls", "has_conflict", "values_seen"):
        assert column in shown, column
    assert "Independent articles (releases) that mention the fact" in dom


def test_model_page_screenshot(chromium, docs_url, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "fct_indicator_office_year.png"
    shot.unlink(missing_ok=True)
    done = _chromium(chromium, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1400,1000",
                     docs_url + MODEL_PAGE)
    assert shot.exists(), done.stderr[-2000:]
    # a rendered page, not a blank one: a blank 1400x1000 PNG compresses to a few kB
    assert shot.stat().st_size > 30_000
