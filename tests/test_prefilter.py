"""The pre-filter: it drops pages that cannot be a BNN report, and never one that could."""
from __future__ import annotations

import random
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from sample_sites.server import SampleSites
from warehouse.prefilter import REASONS, skip_reason

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
#: Every real article we have; the dev set grows, so it is globbed, never listed.
TEXTS = sorted((SHARED / "dev" / "texts").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))


def test_the_shared_texts_are_there():
    assert len(TEXTS) >= 50, f"expected the dev set and seeds under {SHARED}"


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_dev_and_seed_text_passes(path):
    # read as the loader reads a text page: its bytes, served as text/plain
    assert skip_reason(path.read_bytes(), "text/plain", f"http://arsip.test/{path.name}") is None


def _fetch(url: str):
    for attempt in range(2):  # the `error-once` article answers 500 to its first request
        try:
            with urllib.request.urlopen(url, timeout=10) as resp:
                return resp.read(), resp.headers["Content-Type"]
        except urllib.error.HTTPError as err:
            if err.code != 500 or attempt:
                raise


def test_every_article_page_of_the_demo_sites_passes():
    with SampleSites() as sites:
        verdicts = {a.slug: skip_reason(*_fetch(sites.url(a)), sites.url(a)) for a in sites.articles}
    assert len(verdicts) >= 30
    assert {slug: reason for slug, reason in verdicts.items() if reason is not None} == {}


def _page(body: str) -> bytes:
    return f"<html><head><title>Berita</title></head><body><article>{body}</article></body></html>".encode()


SPORTS = _page("<p>Persekota menang 3-1 atas tamunya dalam laga yang digelar di stadion dengan penonton "
               "dari seluruh kota pada sore hari.</p>")
ENGLISH = _page("<p>The BNN office in Medan said on Monday that it had tested more than 5,000 people "
                "for drugs and that the results were better than last year.</p>")
RELEASE = _page("<p>BNN Kota Medan memaparkan capaian kinerja tahun 2024 dan menyebut 85 klien yang "
                "direhabilitasi dari target 70 klien di wilayah kota.</p>")


@pytest.mark.parametrize("body, content_type, url, reason", [
    (SPORTS, "text/html; charset=utf-8", "http://kabar.test/bola/", "no_bnn_terms"),
    (ENGLISH, "text/html", "http://news.test/medan/", "not_indonesian"),
    (b"%PDF-1.4\n...", "application/pdf", "http://kabar.test/laporan.pdf", "not_html"),
    (b"%PDF-1.4\n" + RELEASE, "text/html", "http://kabar.test/laporan", "not_html"),  # a PDF labelled HTML
    (random.Random(1).randbytes(20_000), "text/html", "http://kabar.test/acak", "binary"),
    (RELEASE, "text/html; charset=utf-8", "http://kabar.test/rilis/", None),
    (RELEASE.decode().encode("utf-16"), "text/html; charset=utf-16", "http://kabar.test/rilis16/", None),
    (SPORTS.replace(b"Persekota", b"Kepala BNNK"), "text/html", "http://kabar.test/bola/", None),
    (SPORTS.replace(b"Persekota", b"Satresnarkoba"), "text/html", "http://kabar.test/bola/", None),
    (SPORTS, "text/html", "https://medankota.bnn.go.id/berita/", None),  # a BNN portal names its office
])
def test_verdicts(body, content_type, url, reason):
    assert skip_reason(body, content_type, url) == reason


def test_every_reason_is_accepted_by_dbt():
    models = yaml.safe_load((ROOT / "dbt_project/models/staging/raw/_raw__models.yml").read_text())
    pages = next(m for m in models["models"] if m["name"] == "stg_raw__pages")
    column = next(c for c in pages["columns"] if c["name"] == "skip_reason")
    accepted = column["data_tests"][0]["accepted_values"]["arguments"]["values"]
    assert accepted == list(REASONS)
