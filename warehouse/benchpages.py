"""Archive-shaped WARC files for the ingest benchmark and tests, made from the project's own sample articles.

    write_archive("mix.warc.gz", 2000)              # 1% releases, 5% police drug news, the rest other news
    write_archive("heavy.warc.gz", 300, releases=1.0, police=0.0)
    write_hostile("hostile.warc.gz")                # 50 MB page, 1 GiB gzip bomb, random bytes, a PDF, a release twice

Every page is heavy the way news pages are (about 150 KiB): inline styles and
scripts, a long menu, a sidebar of other headlines, a footer. Half the pages keep
their furniture in `<nav>`/`<aside>`/`<footer>`, half in plain `<div>`s, as old
themes do. Sidebars only carry headlines of other (non-drug) news, so whether a page
passes the pre-filter depends on its own story. Nothing here is copied text: the
stories are `sample_sites/articles/*.yml`, written for this project.
"""
from __future__ import annotations

import html
import random
import zlib
from functools import lru_cache
from pathlib import Path

from warehouse.warcs import write_pages

ARTICLES = Path(__file__).resolve().parents[1] / "sample_sites" / "articles"
#: The sample stories that are police or BNN drug news but not a yearly report.
POLICE = ("polda-sumut-kasus-narkoba-2023", "polres-bogor-rilis-kinerja-2024", "bnn-kota-medan-ringkus-kurir-sabu-amplas")
#: Target size of one page, bytes.
PAGE_BYTES = 150 * 1024


@lru_cache(maxsize=1)
def stories() -> dict[str, list[dict]]:
    """The sample articles by role: releases, police drug news, other news."""
    import yaml

    roles = {"release": [], "police": [], "other": []}
    for path in sorted(ARTICLES.glob("*.yml")):
        story = yaml.safe_load(path.read_text(encoding="utf-8"))
        role = "release" if story["kind"] == "release" else "police" if story["slug"] in POLICE else "other"
        if role != "other" or not any(w in story["body"].lower() for w in ("narko", "bnn", "sabu")):
            roles[role].append(story)
    return roles


def heavy_page(story: dict, i: int) -> str:
    """One news page around a story, about PAGE_BYTES long; `i` varies the furniture."""
    rng = random.Random(i)
    semantic = i % 2 == 0
    body = "".join(f"<p>{html.escape(p.strip())}</p>" for p in story["body"].split("\n\n") if p.strip())
    title = html.escape(story["title"])
    head = (f"<title>{title}</title><meta charset='utf-8'>"
            f"<meta property='article:published_time' content='{story['published'].isoformat()}'>")
    menu = _menu(semantic)
    tail = _sidebar(rng, semantic) + _footer(semantic)
    article = f"<main><article><h1>{title}</h1><div class='byline'>{html.escape(story['author'])}</div>{body}</article></main>"
    fixed = len(head) + len(menu) + len(tail) + len(article) + 200
    padding = max(PAGE_BYTES - fixed, 0)
    return (f"<!doctype html><html lang='id'><head>{head}<style>{_css(rng, padding // 3)}</style>"
            f"<script>{_script(rng, padding // 3)}</script></head><body>{menu}{article}{tail}"
            f"<script>{_script(rng, padding - 2 * (padding // 3))}</script></body></html>")


def _menu(semantic: bool) -> str:
    items = "".join(f"<li class='menu-item m{k}'><a href='/kanal/{k}/' title='Kanal {k}'><span class='ic'></span>"
                    f"<span>Kanal {k}</span></a></li>" for k in range(120))
    return f"<nav class='menu'><ul>{items}</ul></nav>" if semantic else f"<div class='menu'><ul>{items}</ul></div>"


def _sidebar(rng: random.Random, semantic: bool) -> str:
    titles = [s["title"] for s in stories()["other"]]
    cards = "".join(
        f"<div class='card'><a href='/read/{rng.randrange(10 ** 6)}/'><div class='thumb'><img src='/i/{k}.jpg' alt=''>"
        f"</div><div class='meta'><span class='cat'>Daerah</span><h4>{html.escape(rng.choice(titles))}</h4>"
        f"<span class='ago'>{k} jam lalu</span></div></a></div>" for k in range(40))
    tag = "aside" if semantic else "div"
    return f"<{tag} class='sidebar'><h3>Terpopuler</h3>{cards}</{tag}>"


def _footer(semantic: bool) -> str:
    links = "".join(f"<li><a href='/hal/{k}/'>Halaman {k}</a></li>" for k in range(40))
    tag = "footer" if semantic else "div"
    return f"<{tag} class='site-footer'><ul>{links}</ul><p>Pedoman media siber, redaksi, kontak.</p></{tag}>"


def _css(rng: random.Random, size: int) -> str:
    return _filler(rng, size, lambda k: f".c{k} .it-{k % 50}{{margin:{k % 9}px {k % 7}px;color:#{k % 4096:03x}}}\n")


def _script(rng: random.Random, size: int) -> str:
    return _filler(rng, size, lambda k: f"function w{k}(a,b){{var t=a*{k % 97}+b;"
                                        f"return t>{k % 1000}?document.getElementById('s{k}'):null;}}\n")


def _filler(rng: random.Random, size: int, line) -> str:
    """Lines made by `line(k)` for random k until they add up to `size` characters."""
    out, total = [], 0
    while total < size:
        out.append(line(rng.randrange(10 ** 6)))
        total += len(out[-1])
    return "".join(out)


def archive_pages(n: int, releases: float = 0.01, police: float = 0.05, seed: int = 0):
    """(url, html, kind) for `n` pages: that share of releases and police drug news, the rest other news."""
    roles = stories()
    n_release, n_police = round(n * releases), round(n * police)
    order = ["release"] * n_release + ["police"] * n_police + ["other"] * (n - n_release - n_police)
    random.Random(seed).shuffle(order)
    for i, role in enumerate(order):
        story = roles[role][i % len(roles[role])]
        yield f"http://arsip.test/{role}/{i}/{story['slug']}/", heavy_page(story, seed * 1_000_003 + i), None


def write_archive(path, n: int, releases: float = 0.01, police: float = 0.05, seed: int = 0) -> Path:
    """A WARC file of `n` archive pages, written as a foreign archive would be (no Capaian headers)."""
    return write_pages(path, archive_pages(n, releases, police, seed), source="arsip", capaian_headers=False)


def write_hostile(path, page_mb: int = 50, bomb_mib: int = 1024, random_kb: int = 200) -> Path:
    """A WARC file of hostile records beside two copies of a release:

    a `page_mb` MB HTML page, a gzip bomb (`bomb_mib` MiB of zeros sent with
    Content-Encoding: gzip), `random_kb` KB of random bytes labelled text/html, a PDF.
    """
    release = heavy_page(stories()["release"][0], 7)
    filler = "<p>Kolom komentar pembaca yang sangat panjang tanpa ujung.</p>" * (page_mb * 1_000_000 // 60)
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    return write_pages(path, [
        ("http://hostil.test/rilis-bnn/", release, None),
        ("http://hostil.test/halaman-raksasa/", f"<html><body>{filler}</body></html>", None),
        ("http://hostil.test/bom-gzip/", _gzip_zeros(bomb_mib), None, "text/html", {"Content-Encoding": "gzip"}),
        ("http://hostil.test/acak/", random.Random(9).randbytes(random_kb * 1000), None, "text/html"),
        ("http://hostil.test/laporan.pdf", pdf, None, "application/pdf"),
        ("http://salinan.test/rilis-bnn-salinan/", release, None),
    ], source="hostil", capaian_headers=False)


def _gzip_zeros(mib: int) -> bytes:
    """`mib` MiB of zeros, gzip-compressed a MiB at a time (about 1 KiB per MiB)."""
    packer, zeros = zlib.compressobj(9, zlib.DEFLATED, 31), bytes(1024 * 1024)
    return b"".join([*(packer.compress(zeros) for _ in range(mib)), packer.flush()])

