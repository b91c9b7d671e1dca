"""The real-article dev set through the whole path: served as a local news site, crawled, loaded,
`dbt build`, and `fct_indicator_office_year` scored per office-year (`warehouse.pathscore`).

The set is `../shared/dev` (or `CAPAIAN_DEV_SET`); it must be there: the test fails, never skips.
The floors are the figures measured when they were set, minus 0.02, so they can only ratchet up.
"""
from __future__ import annotations

import os
import re
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from sample_sites.server import SampleSites
from sample_sites.sites import LOCAL_NEWS
from warehouse.__main__ import main
from warehouse.pathscore import run_pathscore, set_articles, split_headline, url_date

DEV_SET = Path(os.environ.get("CAPAIAN_DEV_SET") or Path(__file__).resolve().parents[1].parent / "shared" / "dev")

#: Measured on ../shared/dev (55 texts), 2026-11-28: whole path precision 0.973, recall 0.945,
#: F1 0.959 per office-year; the same texts per article precision 0.970, recall 0.957, F1 0.964.
PATH_F1_FLOOR = 0.939
#: Measured gap between the per-article and the whole-path F1: 0.005.
MAX_F1_GAP = 0.03


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    assert (DEV_SET / "texts").is_dir(), f"the dev set is missing: {DEV_SET} (set CAPAIAN_DEV_SET)"
    return run_pathscore(DEV_SET, tmp_path_factory.mktemp("pathscore"), progress=lambda msg: None)


def test_every_text_reaches_the_warehouse_as_an_article(report):
    assert report.counts["articles"] == report.counts["texts"], report.summary()


def test_path_scores_above_its_floor(report):
    print(report.summary())
    assert report.path.f1 >= PATH_F1_FLOOR, report.details() + "\n" + report.summary()


def test_path_loses_little_against_the_per_article_score(report):
    gap = report.per_article.score.f1 - report.path.f1
    assert gap <= MAX_F1_GAP, report.details() + "\n" + report.summary()


def test_no_release_is_read_otherwise_through_the_path(report):
    assert not report.moved, "\n".join(report.moved)


@pytest.mark.parametrize("url, day", [
    ("https://online24jam.com/2023/01/05/capaian-kinerja-bnnp-sulsel/", date(2023, 1, 5)),
    ("https://cenderawasihpos.jawapos.com/features/03/01/2026/ungkap-14-kasus/4", date(2026, 1, 3)),
    ("https://example.id/berita/bnnk-rilis-capaian-2024-12-30", date(2024, 12, 30)),
    ("https://sinurberita.com/2023/12/sepanjang-tahun-2023-bnnp-riau", None),       # a month is no date
    ("https://beritabali.com/berita/201912260031/bnnk-badung", None),              # an id, not a date
    ("https://example.id/2024/13/45/bukan-tanggal/", None),
    ("https://elsindo.id/?p=24231", None),
    (None, None),
])
def test_a_publication_date_comes_only_from_the_url(url, day):
    assert url_date(url) == day


@pytest.mark.parametrize("text, headline", [
    ("BNNP NTB Ungkap 18 Kasus Sepanjang 2024\n\nMATARAM - BNNP NTB mencatat ...", "BNNP NTB Ungkap 18 Kasus Sepanjang 2024"),
    ("MATARAM - BNNP NTB mencatat 18 kasus.\nKepala BNNP menyebut ...", ""),          # no blank line after it
    ("MATARAM - BNNP NTB mencatat 18 kasus sepanjang 2024.\n\nKepala BNNP ...", ""),  # a lead ends with a stop
    ("Kata " * 60 + "\n\nBadan ...", ""),                                              # too long for a headline
])
def test_a_headline_is_a_short_lone_first_line(text, headline):
    assert split_headline(text)[0] == headline


def _write_set(folder: Path):
    (folder / "texts").mkdir(parents=True)
    (folder / "texts" / "r_01.txt").write_text(
        "BNNK Contoh Rehabilitasi 40 Pecandu\n\nKOTA CONTOH - BNN Kota Bekasi merehabilitasi 40 orang "
        "sepanjang 2024.\nKepala BNNK menyampaikan capaian kinerja itu kepada wartawan di kantornya.\n", encoding="utf-8")
    (folder / "texts" / "r_02.txt").write_text(
        "KOTA CONTOH - BNN Kota Bekasi mencatat 12 kasus narkotika sepanjang 2023.\n", encoding="utf-8")
    (folder / "docs.csv").write_text(
        "doc_id,url,office_name,office_level,year,site\n"
        "r_01,https://contoh.id/2024/12/30/bnnk-rehabilitasi-40/,BNN Kota Bekasi,kota,2024,contoh.id\n"
        "r_02,https://contoh.id/berita/bnnk-catat-12-kasus,BNN Kota Bekasi,kota,2023,contoh.id\n", encoding="utf-8")


def test_pages_carry_headline_paragraphs_and_only_a_given_date(tmp_path):
    _write_set(tmp_path)
    articles = set_articles(tmp_path)
    with SampleSites(articles=list(articles.values()), sites=(LOCAL_NEWS,)) as site:
        dated, undated = (urllib.request.urlopen(site.url(articles[d])).read().decode() for d in ("r_01", "r_02"))
        feed = urllib.request.urlopen(site.base_urls[LOCAL_NEWS.id] + "/feed/").read().decode()
    assert "<h1 class=\"entry-title\">BNNK Contoh Rehabilitasi 40 Pecandu</h1>" in dated
    assert "<title>BNNK Contoh Rehabilitasi 40 Pecandu" in dated
    assert re.search(r"<p>KOTA CONTOH - BNN Kota Bekasi merehabilitasi 40 orang sepanjang 2024\.</p>\s*<p>Kepala", dated)
    assert '<meta property="article:published_time" content="2024-12-30">' in dated
    assert "published_time" not in undated and "<h1 class=\"entry-title\"" not in undated
    assert "<p>KOTA CONTOH - BNN Kota Bekasi mencatat 12 kasus" in undated
    assert feed.count("<item>") == 2 and feed.count("<pubDate>") == 1


def test_cli_says_what_is_missing(tmp_path, capsys):
    assert main(["pathscore", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 2
    assert "no texts/*.txt" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
