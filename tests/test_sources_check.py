"""`python -m crawler check` against local sites with planted faults, and on the bundled sample sites."""

import csv
import subprocess
import sys
from datetime import date, timedelta

import pytest
import yaml

import sample_sites.server as sample_sites
from crawler.sources import load_sources
from tests.crawl_support import PROJECT, LocalSite, crawl_env, write_sources

XML = {"Content-Type": "application/xml"}
TODAY = date.today()
COLUMNS = ["source", "verdict", "entry_points_ok", "entry_points_total", "candidates", "matched",
           "newest_article", "message"]


def _site(days_ago: list[int], robots: str = "User-agent: *\nAllow: /\n", **extra) -> LocalSite:
    """A news site whose feed, sitemap and listing show articles published `days_ago`."""
    site = LocalSite({}, **extra)
    paths = [f"/{(TODAY - timedelta(days=d)):%Y/%m/%d}/bnnk-paparkan-capaian-{i}/" for i, d in enumerate(days_ago)]
    stamps = [(TODAY - timedelta(days=d)).isoformat() for d in days_ago]
    items = "".join(f"<item><title>BNNK {i}</title><link>{site.url(p)}</link><pubDate>{s}T10:00:00Z</pubDate></item>"
                    for i, (p, s) in enumerate(zip(paths, stamps)))
    urls = "".join(f"<url><loc>{site.url(p)}</loc><lastmod>{s}</lastmod></url>" for p, s in zip(paths, stamps))
    links = "".join(f'<a href="{p}">BNNK</a>' for p in paths)
    site.routes = {
        "/robots.txt": (200, {"Content-Type": "text/plain"}, robots + f"Sitemap: {site.url('/sitemap.xml')}\n"),
        "/feed/": (200, XML, f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'),
        "/sitemap.xml": (200, XML, f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'),
        "/kategori/hukum/": (200, {}, f"<html><body>{links}</body></html>"),
    }
    return site


def _row(name: str, site: LocalSite | None = None, **fields) -> dict:
    row = {"name": name, "kind": "news", "allow_private": True,
           "articles": [r"/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/$"]}
    if site:
        row.update(feeds=[site.url("/feed/")], sitemaps=[site.url("/sitemap.xml")],
                   start_urls=[site.url("/kategori/hukum/")])
    row.update(fields)
    return row


def _check(tmp_path, sources, *args, **env):
    command = [sys.executable, "-m", "crawler", "check", "--sources", str(sources), *args]
    return subprocess.run(command, cwd=PROJECT, env=crawl_env(tmp_path, **env), capture_output=True,
                          text=True, timeout=120)


def _csv(tmp_path) -> dict[str, dict]:
    with open(tmp_path / "data" / "sources-check.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == COLUMNS
        return {r["source"]: r for r in reader}


@pytest.fixture(scope="module")
def faults(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("check")
    healthy, missing_feed, old = _site([1, 3, 8], delay=0.4), _site([2, 5]), _site([365, 400])
    wrong = _site([1, 2], robots="User-agent: *\nDisallow: /kategori/\n")
    del missing_feed.routes["/feed/"], missing_feed.routes["/sitemap.xml"], missing_feed.routes["/kategori/hukum/"]
    rows = [
        _row("sehat", healthy),
        _row("feed-hilang", feeds=[missing_feed.url("/feed/")]),
        _row("sitemap-lama", sitemaps=[old.url("/robots.txt")]),   # read robots.txt's Sitemap: line
        _row("pola-salah", wrong, articles=[r"/berita/\d+/[a-z0-9-]+$"]),
        _row("tak-terjangkau", feeds=["http://tidak-ada.invalid/feed/"],
             start_urls=["http://tidak-ada.invalid/berita/"]),
    ]
    with healthy, missing_feed, old, wrong:
        registry = tmp_path / "sources.yml"
        text = yaml.safe_dump({"sources": rows}, sort_keys=False)
        registry.write_text("# planted faults\n" + text.replace("- name: pola-salah", "# a wrong pattern\n- name: pola-salah"))
        result = _check(tmp_path, registry, "--prune", str(tmp_path / "pruned.yml"),
                        CAPAIAN_PROGRESS_INTERVAL=0.2)
        hits = {"sehat": healthy.hits, "feed-hilang": missing_feed.hits, "sitemap-lama": old.hits,
                "pola-salah": wrong.hits}
    return tmp_path, result, _csv(tmp_path), hits


def test_each_planted_fault_gets_its_verdict(faults):
    _, result, rows, _ = faults
    assert result.returncode == 1, result.stderr[-2000:]
    assert {name: r["verdict"] for name, r in rows.items()} == {
        "sehat": "ok", "feed-hilang": "broken", "sitemap-lama": "stale", "pola-salah": "broken",
        "tak-terjangkau": "unreachable"}


def test_rows_say_what_to_fix(faults):
    _, _, rows, _ = faults
    assert "HTTP 404" in rows["feed-hilang"]["message"]
    assert rows["sitemap-lama"]["newest_article"] == (TODAY - timedelta(days=365)).isoformat()
    wrong = rows["pola-salah"]
    assert (wrong["candidates"], wrong["matched"]) == ("2", "0")
    assert "pattern matches none of 2 candidates" in wrong["message"]
    assert "DNS lookup failed for tidak-ada.invalid" in rows["tak-terjangkau"]["message"]
    healthy = rows["sehat"]
    # robots.txt, feed, sitemap and listing, all answering
    assert (healthy["entry_points_ok"], healthy["entry_points_total"]) == ("4", "4")
    assert (healthy["candidates"], healthy["matched"]) == ("3", "3")
    assert healthy["newest_article"] == (TODAY - timedelta(days=1)).isoformat()


def test_one_polite_request_per_entry_point(faults):
    _, _, _, hits = faults
    for name, site_hits in hits.items():
        paths = [h.path for h in site_hits]
        assert len(paths) == len(set(paths)), (name, paths)
        assert all(h.user_agent.startswith("Capaian/") for h in site_hits)
        assert not any("/bnnk-paparkan-capaian-" in p for p in paths)   # no article is fetched
    assert "/kategori/hukum/" not in [h.path for h in hits["pola-salah"]]   # robots.txt disallows it


def test_table_and_progress_are_printed(faults):
    _, result, _, _ = faults
    assert "5 sources: 1 unreachable, 2 broken, 1 stale, 1 ok" in result.stdout
    assert result.stdout.index("tak-terjangkau") < result.stdout.index("sehat")   # worst first
    assert "entry points answered" in result.stderr


def test_prune_drops_only_unreachable_rows_and_keeps_comments(faults):
    tmp_path, _, _, _ = faults
    pruned = tmp_path / "pruned.yml"
    names = [s.name for s in load_sources(pruned)]
    assert names == ["sehat", "feed-hilang", "sitemap-lama", "pola-salah"]
    text = pruned.read_text()
    assert "# a wrong pattern" in text and "# planted faults" in text and "tidak-ada.invalid" not in text


def test_every_sample_site_is_ok(tmp_path):
    # The sample archive is frozen (its newest releases are of December 2024 and 2025),
    # so staleness is judged against its own time rather than today's.
    archive_age = (TODAY - date(2024, 12, 1)).days
    with sample_sites.SampleSites() as sites:
        sources = sites.write_sources(tmp_path / "sources.yml")
        result = _check(tmp_path, sources, "--stale-days", str(archive_age))
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    rows = _csv(tmp_path)
    assert len(rows) == 6 and {r["verdict"] for r in rows.values()} == {"ok"}
    assert all(int(r["matched"]) > 0 and r["entry_points_ok"] == r["entry_points_total"] for r in rows.values())


def test_a_registry_that_cannot_be_read_exits_2(tmp_path):
    result = _check(tmp_path, tmp_path / "missing.yml")
    assert result.returncode == 2 and "not found" in result.stderr
    bad = write_sources(tmp_path, [{"name": "x", "articles": ["("]}])
    result = _check(tmp_path, bad)
    assert result.returncode == 2 and "regex" in result.stderr
