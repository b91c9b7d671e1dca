"""Cleaning: decoding, mojibake, Indonesian dates, trafilatura's main text."""
from datetime import datetime
from pathlib import Path

import pytest

from warehouse.clean import clean_html, decode_body, drop_related_links, find_date, repair_text


@pytest.mark.parametrize("written, expected", [
    ("Senin (23/12/2024) kemarin", datetime(2024, 12, 23)),
    ("DUMAI, Selasa (03/12/2024) - BNN", datetime(2024, 12, 3)),  # day first, not March
    ("Rabu, 29 Desember 2021", datetime(2021, 12, 29)),
    ("Senin, 30 Desember 2024 14:20 WIB", datetime(2024, 12, 30, 14, 20)),
    ("Diterbitkan 6 Jan 2025 | 09.15 WIB", datetime(2025, 1, 6, 9, 15)),
    ("Kamis, 2 Nopember 2023", datetime(2023, 11, 2)),
    ("05-01-2025", datetime(2025, 1, 5)),
])
def test_indonesian_dates(written, expected):
    assert find_date(written) == expected


@pytest.mark.parametrize("written", ["tanpa tanggal", "31/02/2024 bukan tanggal", "skor 2-1"])
def test_no_date_where_there_is_none(written):
    assert find_date(written) is None


@pytest.mark.parametrize("damaged, repaired", [
    ("Klasifikasi Rincian Output (KRO)Â untuk Unit", "Klasifikasi Rincian Output (KRO) untuk Unit"),
    ("kata Kepala BNN, â€œkami siapâ€\x9d", 'kata Kepala BNN, "kami siap"'),
    ("sebanyak\u00a01.711\u00a0orang", "sebanyak 1.711 orang"),
    ("baris satu  \n\n\n  baris dua", "baris satu\n\nbaris dua"),
])
def test_repair_text(damaged, repaired):
    assert repair_text(damaged) == repaired


def test_decode_by_header_meta_or_fallback():
    text = "“Capaian” kinerja – Kepala BNN"
    cp1252 = text.encode("cp1252")
    assert decode_body(cp1252, "text/html; charset=windows-1252") == text
    assert decode_body(b'<meta charset="windows-1252">' + cp1252).endswith(text)
    assert decode_body(cp1252) == text  # not valid UTF-8: read as windows-1252
    assert decode_body(text.encode("utf-8"), "text/html") == text


def test_main_text_leaves_navigation_sidebar_and_footer_out():
    html = """<html><head><title>BNNK Asahan Paparkan Capaian 2023 | Kabar Uji</title></head><body>
    <nav><a href="/">Beranda</a><a href="/daerah/">Daerah</a></nav>
    <article><h1>BNNK Asahan Paparkan Capaian 2023</h1>
    <p>KISARAN - Badan Narkotika Nasional Kabupaten Asahan menggelar jumpa pers capaian kinerja tahun 2023,
    Kamis (28/12/2023). Sepanjang tahun itu tercatat 57 klien menjalani rehabilitasi rawat jalan.</p>
    <p>Kepala BNNK Asahan menyebut seluruh klien telah menyelesaikan program dengan baik dan kembali
    beraktivitas bersama keluarga masing-masing di lingkungan tempat tinggalnya.</p></article>
    <aside><h3>Terpopuler</h3><ul><li><a href="/a">Polres Sita 12 Kg Ganja di Perbatasan</a></li></ul></aside>
    <footer>Telepon redaksi 0623-41234</footer></body></html>"""
    article = clean_html(html.encode("utf-8"), url="http://kabar.test/daerah/asahan")
    assert "57 klien" in article.text
    assert "12 Kg Ganja" not in article.text and "0623" not in article.text
    assert article.published_at == datetime(2023, 12, 28)


def test_a_page_without_text_gives_nothing():
    assert clean_html(b"<html><body><nav><a href='/'>Beranda</a></nav></body></html>") is None


@pytest.mark.parametrize("line", [
    "Baca juga: BNN Kota Bekasi Terbitkan 2.317 SKHPN",
    "BACA JUGA : Polres Sita 3 Kg Sabu",
    "» Simak juga: Rehabilitasi 118 Klien",
    "Berita Terkait: 50 Desa Bersinar",
    "Lihat Juga Video: Tes Urine 40 Sopir",
])
def test_related_story_links_are_dropped(line):
    text = f"Paragraf pertama berisi 10 kata.\n{line}\nParagraf kedua."
    html = f"<html><body><article><p>{'Kalimat pembuka yang cukup panjang untuk artikel ini. ' * 4}</p>" \
           f"<p>{line}</p><p>{'Kalimat penutup yang juga cukup panjang untuk artikel ini. ' * 4}</p></article></body></html>"
    from warehouse.clean import drop_related_links
    assert line not in drop_related_links(text) and "Paragraf kedua." in drop_related_links(text)
    assert line.split(":")[-1].strip() not in clean_html(html.encode()).text


def _layout_page(story: str) -> str:
    sidebar = "<ul>" + "".join(f"<li><a href='/b{i}'>Polres Sita {i} Kg Sabu di Pelabuhan</a></li>"
                               for i in range(2, 12)) + "</ul>"
    return (f"<html><body><div id='kepala'><a href='/'>Depan</a></div><table><tr>"
            f"<td class='isi'><h1>BNNK Paser Paparkan Capaian 2023</h1>{story}</td>"
            f"<td class='samping'><h3>Berita Populer</h3>{sidebar}<p>USD Rp 16.180</p></td></tr></table>"
            f"<div id='kaki'><p>Telp redaksi (0543) 555-0101. Hak cipta 2011-2026.</p></div></body></html>")


def test_a_page_laid_out_in_a_table_keeps_its_story_and_drops_the_sidebar():
    story = ("<p>TANA PASER - BNN Kabupaten Paser memaparkan capaian kinerja tahun 2023 di aula kantornya, "
             "Rabu (20/12/2023), di hadapan wartawan dan undangan dari berbagai instansi.</p>"
             "<p>Kegiatan tes urine diikuti 812 orang, sementara layanan rawat jalan diberikan kepada 37 klien "
             "yang sebagian besar berusia produktif.</p><p>Capaian lain antara lain:</p>"
             "<ol><li>Pembentukan tiga desa bersinar di Kecamatan Tanah Grogot.</li>"
             "<li>Penandatanganan lima nota kesepahaman dengan perusahaan sawit.</li></ol>"
             "<p>Kepala BNNK Paser berharap dukungan pemerintah daerah terus meningkat pada tahun mendatang.</p>")
    article = clean_html(_layout_page(story).encode())
    assert "812 orang" in article.text and "lima nota kesepahaman" in article.text
    assert "Kg Sabu" not in article.text and "16.180" not in article.text


def test_a_data_table_inside_the_story_is_kept():
    html = ("<html><body><article><h1>Capaian BNNK Paser 2023</h1>"
            "<p>BNN Kabupaten Paser memaparkan capaian kinerja tahun 2023 kepada wartawan di Tana Paser, "
            "Rabu (20/12/2023), dengan rincian target dan realisasi sebagai berikut.</p>"
            "<table><tr><th>Indikator</th><th>Target</th><th>Realisasi</th></tr>"
            "<tr><td>Layanan rehabilitasi rawat jalan</td><td>30</td><td>37</td></tr>"
            "<tr><td>Tes urine</td><td>700</td><td>812</td></tr></table>"
            "<p>Kepala BNNK Paser menyampaikan terima kasih atas dukungan seluruh pihak sepanjang tahun.</p>"
            "</article></body></html>")
    article = clean_html(html.encode())
    assert "Layanan rehabilitasi rawat jalan" in article.text and "812" in article.text


def _saved_pages():
    """The saved pages that follow real templates (BNN portal, detik, tribun, WordPress)."""
    return sorted((Path(__file__).parent / "fixtures" / "real").rglob("*.html"))


@pytest.mark.parametrize("path", _saved_pages(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cutting_furniture_first_changes_nothing_trafilatura_keeps(path):
    import trafilatura
    from trafilatura.metadata import extract_metadata

    from warehouse.clean import _DATE_PARAMS, _page_tree, page_metadata

    html = path.read_text(encoding="utf-8")
    url = f"https://example.id/{path.name}"
    whole = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=True,
                                        favor_precision=True, with_metadata=True, date_extraction_params=_DATE_PARAMS)
    article = clean_html(html.encode(), url=url)
    if whole is None or len(whole.text.split()) < 15:  # a listing page: no article either way
        assert article is None
    else:
        assert article.text == drop_related_links(repair_text(whole.text))
    meta = extract_metadata(trafilatura.utils.load_html(html), url, dict(_DATE_PARAMS))
    assert page_metadata(_page_tree(html), url) == (meta.title, meta.date, meta.sitename)
