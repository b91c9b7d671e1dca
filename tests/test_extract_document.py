"""Document-level extraction: relevance, office, year, evidence, checks and dedupe."""
from datetime import date, datetime

import pytest

from warehouse.extract import Extraction, Fact, extract_document, split_sentences

RELEASE = """BNNP Jawa Tengah Paparkan Capaian Kinerja 2023
SEMARANG - Badan Narkotika Nasional Provinsi (BNNP) Jawa Tengah menggelar rilis akhir tahun capaian kinerja
sepanjang tahun 2023, Kamis (28/12/2023). Kepala BNNP Jateng mengatakan bidang pemberantasan BNNP dan BNNK jajaran
mengungkap 54 kasus dengan 71 tersangka. Dari jumlah itu, 9 kasus ditangani BNNK Cilacap.
Barang bukti yang disita meliputi sabu 3,2 kilogram, ganja 1.150 gram dan 420 butir ekstasi.
Layanan rehabilitasi diberikan kepada 640 orang dari target 600 orang.
Sementara Polda Jawa Tengah mengungkap 1.020 kasus narkoba pada periode yang sama.
“Layanan rehabilitasi kami berikan kepada 640 orang,” kata Kepala BNNP.
Pada tahun 2022, BNNP Jawa Tengah mengungkap 47 kasus.
Rilis ini dihadiri 25 wartawan.
"""


def _facts(res):
    return {(f.office_name, f.year, f.indicator, f.breakdown, f.value, f.target) for f in res.facts}


def test_release_facts_offices_years_and_dedupe():
    res = extract_document(RELEASE)
    assert res.relevant and res.office.name == "BNN Provinsi Jawa Tengah" and res.year == 2023
    p = "BNN Provinsi Jawa Tengah"
    assert _facts(res) == {
        (p, 2023, "berantas.kasus", "", 54.0, None),
        (p, 2023, "berantas.tersangka", "", 71.0, None),
        ("BNN Kabupaten Cilacap", 2023, "berantas.kasus", "", 9.0, None),
        (p, 2023, "berantas.barang_bukti", "sabu", 3200.0, None),
        (p, 2023, "berantas.barang_bukti", "ganja", 1150.0, None),
        (p, 2023, "berantas.barang_bukti", "ekstasi", 420.0, None),
        (p, 2023, "rehab.layanan", "", 640.0, 600.0),
        (p, 2022, "berantas.kasus", "", 47.0, None),
    }


def test_fact_carries_sentence_evidence_with_offsets():
    res = extract_document(RELEASE)
    for f in res.facts:
        assert RELEASE[f.start:f.end] == f.evidence
        assert f.value_text.replace(".", "").replace(",", "")[:1].isdigit()
    f = next(f for f in res.facts if f.indicator == "berantas.tersangka")
    assert "71 tersangka" in f.evidence
    assert f.office_id == "bnnp-33" and f.office_code == "33" and f.office_level == "provinsi"


def test_to_dict_has_the_loader_fields():
    d = extract_document(RELEASE).facts[0].to_dict()
    for k in ("office_name", "office_level", "office_code", "office_id", "year", "indicator", "breakdown",
              "unit", "value", "target", "value_text", "evidence", "start", "end"):
        assert k in d


@pytest.mark.parametrize("published, text, year", [
    (date(2024, 1, 4), "BNNK Sleman memaparkan capaian kinerja. Sepanjang tahun lalu tes urine diikuti 300 orang.", 2023),
    (datetime(2023, 12, 28, 10, 0), "BNNK Sleman memaparkan capaian kinerja. Tes urine diikuti 300 orang.", 2023),
    (None, "BNNK Sleman memaparkan capaian kinerja tahun 2021. Tes urine diikuti 300 orang.", 2021),
    (date(2025, 1, 6), "BNNK Sleman memaparkan capaian kinerja tahun 2024 dan rencana tahun 2025. Tes urine 300 orang.", 2024),
    (None, "BNNK Sleman melaksanakan press release hasil kegiatan tahun anggaran 2022 – 2023. Tes urine 300 orang.", 2023),
])
def test_report_year_from_text_and_publication_date(published, text, year):
    assert extract_document(text, published=published).year == year


def test_a_round_up_from_january_to_november_is_the_years_report():
    res = extract_document("BNNK Temanggung merehabilitasi 22 penyalahguna narkoba.\n"
                           "Jumlah ini tercatat dari Januari hingga Nopember 2022.")
    assert res.relevant and res.year == 2022
    assert [(f.indicator, f.value) for f in res.facts] == [("rehab.layanan", 22.0)]


def test_the_lead_states_the_report_year_when_there_is_no_title():
    text = ("Medan (Antara) - BNNP Sumut mengungkap 134 kasus narkoba sepanjang tahun 2016 dengan 170 tersangka.\n"
            "Hasil tahun 2014 jauh lebih kecil: pada tahun 2014 BNNP Sumut mengungkap 22 kasus.")
    res = extract_document(text)
    assert res.year == 2016
    assert {(f.year, f.indicator, f.value) for f in res.facts} == {
        (2016, "berantas.kasus", 134.0), (2016, "berantas.tersangka", 170.0), (2014, "berantas.kasus", 22.0)}


def test_a_police_headline_given_apart_still_owns_the_first_figures():
    body = ("jumlah total kasus narkotika tahun 2023 sebanyak 1.710 kasus, sedangkan tahun 2022 tercatat 1.480 kasus.\n"
            "Kepala BNNP Kaltim memaparkan rilis akhir tahun 2023 bersama jajaran BNNP Kaltim di Samarinda.\n"
            "Sementara itu, sepanjang 2023 BNNP Kaltim mengungkap 37 kasus narkotika dengan barang bukti sabu.")
    title = "Polda Kalimantan Timur Masih Menunggak 443 Kasus Narkotika Tahun 2023"
    for res in (extract_document(body, title=title), extract_document(title + "\n" + body)):
        assert {(f.year, f.indicator, f.value) for f in res.facts} == {(2023, "berantas.kasus", 37.0)}


def test_title_gives_office_and_year():
    res = extract_document("Kepala kantor menyampaikan tes urine diikuti 410 orang.",
                           title="BNNK Belitung Paparkan Capaian Kinerja 2022")
    assert res.office.name == "BNN Kabupaten Belitung" and res.year == 2022
    assert [(f.indicator, f.value) for f in res.facts] == [("p2m.tes_urine", 410.0)]


@pytest.mark.parametrize("text, reason_part", [
    ("Polres Sleman menggelar rilis akhir tahun: 120 kasus narkoba diungkap sepanjang 2023.", "no BNN office"),
    ("BNNK Sleman menggelar lomba mural antipelajar narkoba tahun 2023 yang diikuti 40 tim.", "performance"),
    ("BNNP Kaltara memaparkan capaiannya: tiga kasus terungkap sepanjang Agustus 2025 dengan lima tersangka.",
     "part of a year"),
    ("Capaian BNNK Sleman selama bulan Mei: dua kasus terungkap pada 2024.", "part of a year"),
])
def test_irrelevant_documents_give_no_facts(text, reason_part):
    res = extract_document(text)
    assert not res.relevant and not res.facts and reason_part in res.reason


def test_ambiguous_office_is_left_unresolved_without_facts():
    res = extract_document("BNNK Bekasi merilis capaian kinerja tahun 2023. Tes urine diikuti 500 orang.")
    assert res.office is None and res.facts == [] and "kota and a kabupaten" in res.reason


def test_ambiguous_office_settled_by_the_text():
    res = extract_document("BNNK Bekasi merilis capaian kinerja tahun 2023 bersama Pemkab Bekasi. Tes urine diikuti 500 orang.")
    assert res.office.name == "BNN Kabupaten Bekasi" and len(res.facts) == 1


def test_out_of_range_and_part_above_total_are_rejected_with_reasons():
    res = extract_document("BNNK Sleman merilis capaian kinerja tahun 2023. Nilai IKP mencapai 5,2. "
                           "Tes urine diikuti 100 orang, di antaranya 150 orang dari lingkungan swasta.")
    reasons = [r for _, r in res.rejected]
    assert any("range" in r for r in reasons)
    assert any("above its total" in r for r in reasons)
    assert {(f.indicator, f.value) for f in res.facts} == {("p2m.tes_urine", 100.0)}


def test_conflicting_index_values_are_rejected_not_guessed():
    res = extract_document("BNNK Sleman merilis capaian kinerja tahun 2023. Nilai IKOTAN 3,1. "
                           "Di bagian lain disebutkan IKOTAN 2,7.")
    assert res.facts == [] and len(res.rejected) == 2


def test_nbsp_and_mojibake_space_inside_text():
    res = extract_document("BNNK Sleman merilis capaian kinerja tahun 2023. Tes urine diikuti 1.150\u00a0peserta.")
    assert [(f.indicator, f.value) for f in res.facts] == [("p2m.tes_urine", 1150.0)]


def test_sentences_split_linearly_and_keep_abbreviations():
    text = "Kepala BNNK, AKBP Budi, S.H., M.H. menyampaikan capaian. Jumlahnya 1.711 orang.\nBaris baru"
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ["Kepala BNNK, AKBP Budi, S.H., M.H. menyampaikan capaian.", "Jumlahnya 1.711 orang.", "Baris baru"]


def test_api_types():
    res = extract_document("")
    assert isinstance(res, Extraction) and res.relevant is False
    assert Fact.__dataclass_fields__.keys() >= {"office_id", "value_text", "start", "end"}


@pytest.mark.parametrize("url, office", [
    ("https://bekasikota.bnn.go.id/capaian-2023", "BNN Kota Bekasi"),
    ("https://bekasikab.bnn.go.id/capaian-2023", "BNN Kabupaten Bekasi"),
    ("https://news.example.id/bnnk-bekasi", None),
])
def test_bnn_portal_url_settles_an_ambiguous_office(url, office):
    res = extract_document("BNNK Bekasi merilis capaian kinerja tahun 2023. Tes urine diikuti 500 orang.", url=url)
    assert (res.office.name if res.office else None) == office
    assert len(res.facts) == (1 if office else 0)


NOISY = """BNNK Kupang Gelar Rilis Akhir Tahun 2024
KUPANG - Badan Narkotika Nasional Kota Kupang menggelar rilis akhir tahun 2024, Senin (23/12/2024) pukul 09.00 WITA.
Kepala BNN Kota Kupang menjelaskan bahwa BNNK Kupang saat ini memiliki 28 personel.
Menurutnya, prevalensi penyalahgunaan narkoba di NTT tahun 2023 mencapai 0,85 persen atau sekitar 32.000 jiwa.
Dalam rangka HANI 26 Juni 2024, BNNK Kupang menggelar lomba yang diikuti 250 peserta dari 45 sekolah.
Pada bidang P2M, sebanyak 12 kelurahan ditetapkan sebagai Kelurahan Bersinar, dan 1.450 orang mengikuti tes urine.
Hasilnya, 9 orang positif menggunakan narkoba, 7 di antaranya laki-laki.
Layanan rehabilitasi rawat jalan diberikan kepada 74 klien, melebihi target 60 klien. Klien berusia 15 hingga 45 tahun.
BNNK Kupang juga menerima 6 laporan masyarakat melalui hotline 0812-3800-1234.
Kepala BNNP NTT menyampaikan bahwa di NTT terdapat 210 kasus yang ditangani aparat penegak hukum.
"""


def test_noisy_release_keeps_only_indicator_figures():
    res = extract_document(NOISY)
    assert {(f.indicator, f.breakdown, f.value, f.target) for f in res.facts} == {
        ("p2m.desa_bersinar", "", 12.0, None),
        ("p2m.tes_urine", "", 1450.0, None),
        ("p2m.tes_urine_positif", "", 9.0, None),
        ("rehab.rawat_jalan", "", 74.0, 60.0),
    }


@pytest.mark.parametrize("published, year", [(date(2024, 1, 5), 2023), (date(2023, 12, 28), 2022)])
def test_tahun_lalu_in_a_january_release_is_the_reported_year(published, year):
    text = "BNNK Sleman memaparkan capaian kinerja tahun 2023. Sepanjang tahun lalu, tes urine diikuti 300 orang."
    res = extract_document(text, published=published)
    assert [(f.year, f.value) for f in res.facts] == [(year, 300.0)]


def test_national_release_naming_one_province_stays_national():
    text = ("Refleksi Akhir Tahun BNN 2022\n"
            "JAKARTA - Badan Narkotika Nasional (BNN) menggelar refleksi akhir tahun di Jakarta. Kepala BNN "
            "memaparkan capaian kinerja sepanjang 2022: BNN mengungkap 760 kasus dengan 1.350 tersangka.\n"
            "Menurut Kepala BNN, modus peredaran kini banyak memanfaatkan jasa ekspedisi dan transaksi daring, "
            "sehingga kerja sama dengan kementerian dan lembaga lain terus diperkuat. Ia juga mengajak keluarga, "
            "sekolah dan tokoh agama ikut menjaga generasi muda dari bahaya penyalahgunaan narkoba.\n"
            "Tahun depan BNNP Papua Barat akan mendapat tambahan personel.")
    res = extract_document(text)
    assert res.office.name == "BNN RI"
    assert {(f.office_name, f.indicator, f.value) for f in res.facts} == {
        ("BNN RI", "berantas.kasus", 760.0), ("BNN RI", "berantas.tersangka", 1350.0)}


def test_regional_release_calling_itself_bnn_stays_regional():
    text = ("Rilis Akhir Tahun 2023\n"
            "MADIUN - BNN Kota Madiun merilis capaian kinerja 2023. BNN mencatat tes urine diikuti 420 orang. "
            "Menurut BNN, dukungan warga penting. BNN juga mengungkap 3 kasus. BNN berterima kasih.")
    res = extract_document(text)
    assert res.office.name == "BNN Kota Madiun"
    assert {(f.office_name, f.indicator, f.value) for f in res.facts} == {
        ("BNN Kota Madiun", "p2m.tes_urine", 420.0), ("BNN Kota Madiun", "berantas.kasus", 3.0)}


def test_province_release_with_bare_bnn_words_stays_provincial():
    text = ("BNNP Bali Rilis Capaian Kinerja 2022\n"
            "DENPASAR - BNNP Bali merilis capaian kinerja 2022. Sesuai arahan BNN, program P4GN diperluas; "
            "Klinik Pratama BNN dan pegawai BNN melayani masyarakat. BNNP Bali mengungkap 31 kasus.")
    res = extract_document(text)
    assert res.office.name == "BNN Provinsi Bali"
    assert {(f.office_name, f.indicator, f.value) for f in res.facts} == {("BNN Provinsi Bali", "berantas.kasus", 31.0)}


def test_regional_dateline_keeps_a_lead_that_says_only_bnn_regional():
    # Filed from Semarang; the lead speaks of "BNN" and the BNNP appears only further down.
    lead = ("SEMARANG - Rilis akhir tahun adalah cara BNN menyampaikan hasil kerjanya kepada publik secara terbuka. "
            "Selama tahun 2024 BNN menjalankan program pencegahan, rehabilitasi dan pemberantasan bersama banyak "
            "pihak, dengan sumber daya yang terbatas namun dengan semangat kolaborasi yang kuat dan merata. "
            "Kolaborasi itu melibatkan sekolah, kampus, perusahaan, tokoh agama dan warga di seluruh daerah.\n")
    body = "Sepanjang 2024 BNNP Jawa Tengah dan jajarannya mengungkap 41 kasus narkotika.\n"
    res = extract_document(lead + body)
    assert res.office.name == "BNN Provinsi Jawa Tengah"
    # The same lead filed from Jakarta is the national agency's release.
    res = extract_document(lead.replace("SEMARANG", "JAKARTA") + body)
    assert res.office.name == "BNN RI"


def test_phrasebook_key_running_into_next_word_keeps_that_word():
    from warehouse.extract.anchors import MARKERS as _MARKERS
    from warehouse.phrasebook import lower
    low = lower("Tes urine digelar baik di sekolah maupun di sektor swasta.")
    found = [(low[s:e], row[1]) for s, e, row in _MARKERS.scan(low)]
    assert ("sekolah", "pendidikan") in found and ("di sektor swasta", "swasta") in found


def test_on_lower_finds_what_the_case_blind_pattern_finds():
    import re
    from warehouse import patterns as P
    from warehouse.phrasebook import lower, on_lower
    text = "Sementara Satresnarkoba POLRES Sleman dan Bea Cukai mencatat; APH lain juga."
    for rx in (P.OTHER_AGENCY, P.SINGLE_CASE, P.NATIONAL, P.LIST_INTRO):
        fast = on_lower(rx)
        assert [m.span() for m in rx.finditer(text)] == [m.span() for m in fast.finditer(lower(text))]


def test_police_year_end_release_lends_no_numbers_to_an_attending_bnnk():
    body = ("Kapolresta Padang memaparkan capaian kinerja sepanjang 2024 di hadapan wartawan, didampingi "
            "unsur Forkopimda termasuk Kepala BNN Kota Padang. Tindak pidana umum yang ditangani tercatat 2.310 kasus, "
            "sedangkan Satresnarkoba mengungkap 96 kasus narkoba.")
    res = extract_document(body, title="Polresta Padang Paparkan Capaian Akhir Tahun 2024")
    assert not res.relevant and res.facts == []
    res = extract_document("Polresta Padang Paparkan Capaian Akhir Tahun 2024\n" + body)
    assert not res.relevant and res.facts == []


def test_bnnk_release_with_police_in_title_stays_the_bnnk_s():
    body = ("BNN Kota Padang merilis capaian kinerja tahun 2024. BNN Kota Padang mengungkap 14 kasus. "
            "Selain itu, BNN Kota Padang melayani rawat jalan bagi 60 klien.")
    res = extract_document(body, title="Bersama Polresta, BNN Kota Padang Ungkap 14 Kasus")
    assert {(f.indicator, f.value) for f in res.facts} == {("berantas.kasus", 14.0), ("rehab.rawat_jalan", 60.0)}
