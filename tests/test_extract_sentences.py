"""Sentence-level extraction: the many ways releases write one figure.

Each case is a lead naming the office and year, then the sentence; the set of
(indicator, breakdown, value, target) extracted must equal the expectation.
Sentences are the project's own writing, in the style of regional releases.
"""
import pytest

from warehouse.extract import extract_document

LEAD = "BNN Kabupaten Sleman merilis capaian kinerja sepanjang tahun 2023."


def facts_of(sentence, lead=LEAD):
    joiner = "\n" if "\n" in sentence else " "
    res = extract_document(lead + joiner + sentence)
    return {(f.indicator, f.breakdown, round(f.value, 6), f.target) for f in res.facts}


CASES = [
    # numbers
    ("kasus-and-tersangka", "Selama tahun 2023, BNNK Sleman berhasil mengungkap 18 kasus tindak pidana narkotika dengan 24 tersangka.",
     {("berantas.kasus", "", 18, None), ("berantas.tersangka", "", 24, None)}),
    ("seizure-list-kg-ons-butir", "Barang bukti yang disita antara lain sabu seberat 1,2 kg, ganja 3 ons, dan 25 butir ekstasi.",
     {("berantas.barang_bukti", "sabu", 1200, None), ("berantas.barang_bukti", "ganja", 300, None),
      ("berantas.barang_bukti", "ekstasi", 25, None)}),
    ("seizure-thousands-decimal", "Total sabu yang disita sepanjang tahun seberat 2.373,05 gram.",
     {("berantas.barang_bukti", "sabu", 2373.05, None)}),
    ("seizure-line-broken-number", "Total sabu yang disita sepanjang tahun seberat 2.373,\n05 gram.",
     {("berantas.barang_bukti", "sabu", 2373.05, None)}),
    ("seizure-stray-space", "Ganja kering yang disita seberat 9069, 83 gram.",
     {("berantas.barang_bukti", "ganja", 9069.83, None)}),
    ("seizure-garbled", "Barang bukti sabu seberat 37,746,38 gram.", set()),
    ("seizure-ton", "BNNK Sleman menyita ganja seberat 1,5 ton dari ladang di lereng Merapi.",
     {("berantas.barang_bukti", "ganja", 1500000, None)}),
    ("seizure-pohon-batang", "Petugas juga mencabut dan menyita 340 batang pohon ganja.",
     {("berantas.barang_bukti", "ganja", 340, None)}),
    ("seizure-obat-keras-excluded", "Selain itu BNNK Sleman menyita 1.500 butir tramadol dan 20 gram sabu.",
     {("berantas.barang_bukti", "sabu", 20, None)}),
    ("seizure-ganja-sintetis", "Tembakau gorila yang disita mencapai 450 gram.",
     {("berantas.barang_bukti", "ganja_sintetis", 450, None)}),
    ("seizure-lainnya", "Barang bukti ketamin yang diamankan seberat 12 gram.",
     {("berantas.barang_bukti", "lainnya", 12, None)}),
    ("seizure-drug-after-unit", "Sepanjang tahun, petugas menyita 75 gram metamfetamina.",
     {("berantas.barang_bukti", "sabu", 75, None)}),
    ("seizure-destroyed-not-seized", "Barang bukti yang dimusnahkan terdiri atas 800 gram sabu dan 2 kilogram ganja.", set()),
    ("aset-rupiah-miliar", "Aset hasil TPPU yang disita senilai Rp 2,5 miliar.",
     {("berantas.aset_tppu", "", 2500000000, None)}),
    ("aset-english-separators", "Penyidik menyita aset senilai Rp. 16,108,290,000 dari bandar narkoba.",
     {("berantas.aset_tppu", "", 16108290000, None)}),
    ("words-tujuh-mou", "BNNK Sleman menandatangani tujuh nota kesepahaman dengan instansi terkait.",
     {("p2m.mou", "", 7, None)}),
    ("words-dua-belas-agen", "Sebanyak dua belas agen pemulihan mengikuti pelatihan.",
     {("rehab.agen_pemulihan", "", 12, None)}),
    ("words-pks", "BNNK Sleman juga menandatangani 5 perjanjian kerja sama dengan perguruan tinggi.",
     {("p2m.mou", "", 5, None)}),
    ("scale-juta-digital", "Kampanye di media sosial menjangkau 1,2 juta warganet.",
     {("p2m.kie_digital", "", 1200000, None)}),
    ("approx-lebih-dari", "Sosialisasi tatap muka menjangkau lebih dari 4.500 orang.",
     {("p2m.kie_jangkauan", "", 4500, None)}),
    ("approx-sekitar", "Tes urine diikuti sekitar 1.200 peserta dari berbagai instansi.",
     {("p2m.tes_urine", "", 1200, None)}),
    ("percent-realisasi-anggaran", "Realisasi anggaran BNNK Sleman mencapai 97,45 persen.",
     {("umum.realisasi_anggaran", "", 97.45, None)}),
    ("percent-ikpa-sign", "Nilai IKPA BNNK Sleman tahun ini 96,3%.", {("umum.ikpa", "", 96.3, None)}),
    ("nihil-jaringan", "Untuk jaringan sindikat, hasil pengungkapan tahun ini nihil.", {("berantas.jaringan", "", 0, None)}),
    ("tidak-ada-pemusnahan", "Selain itu, tidak ada pemusnahan barang bukti tahun ini.", {("berantas.pemusnahan", "", 0, None)}),
    ("tidak-ada-not-of-indicator", "Kegiatan ini berjalan tanpa biaya karena tidak ada anggaran untuk sosialisasi.", set()),
    # indices
    ("ikp-with-target", "Capaian IKP sebesar 3,75 dengan kategori sangat mandiri, melampaui target 3,50.",
     {("p2m.ikp", "", 3.75, 3.5)}),
    ("ikotan", "IKOTAN Kabupaten Sleman tahun ini 3,4.", {("p2m.ikotan", "", 3.4, None)}),
    ("dektara-three-decimals", "Indeks Ketahanan Keluarga (DEKTARA) mencapai 79,215 dengan kategori tinggi.",
     {("p2m.dektara", "", 79.215, None)}),
    ("nka", "Nilai Kinerja Anggaran (NKA) sebesar 92,5.", {("umum.nka", "", 92.5, None)}),
    ("zona-integritas-target", "Nilai Zona Integritas mencapai 78,12 dari target 75.", {("umum.zona_integritas", "", 78.12, 75)}),
    # targets
    ("target-then-realisasi", "Rehabilitasi rawat jalan: target 100 orang, realisasi 118 orang (118%).",
     {("rehab.rawat_jalan", "", 118, 100)}),
    ("value-dari-target", "SKHPN diterbitkan bagi 240 orang dari target 200 orang.", {("rehab.skhpn", "", 240, 200)}),
    ("target-typo-terget", "Pembentukan remaja teman sebaya dengan terget 15 remaja dan capaian 15 remaja.",
     {("p2m.remaja_teman_sebaya", "", 15, 15)}),
    ("melampaui-target-dengan", "Asesmen terpadu melampaui target 20 dengan capaian 26 orang.",
     {("berantas.asesmen_terpadu", "", 26, 20)}),
    ("percent-of-target-not-a-fact", "Berkas perkara yang diselesaikan 12 berkas atau 150% dari target 8 berkas.",
     {("berantas.berkas_perkara", "", 12, 8)}),
    ("target-only-no-fact", "Untuk penggiat, pusat menetapkan target 30 orang namun datanya belum direkap.", set()),
    ("table-rows", "Indikator | Target | Realisasi\nLayanan rehabilitasi rawat jalan | 100 | 118\nLayanan pasca rehabilitasi | 20 | 25",
     {("rehab.rawat_jalan", "", 118, 100), ("rehab.pasca", "", 25, 20)}),
    # breakdowns
    ("rehab-total-and-parts", "Layanan rehabilitasi diberikan kepada 129 orang, terdiri atas 102 rawat jalan dan 27 rawat inap.",
     {("rehab.layanan", "", 129, None), ("rehab.rawat_jalan", "", 102, None), ("rehab.rawat_inap", "", 27, None)}),
    ("tersangka-gender", "Jumlah tersangka sebanyak 12 orang, 10 orang laki-laki dan 2 orang perempuan.",
     {("berantas.tersangka", "", 12, None), ("berantas.tersangka", "laki_laki", 10, None),
      ("berantas.tersangka", "perempuan", 2, None)}),
    ("tersangka-pria-wanita", "Tim menangani 10 tersangka, terdiri dari 8 pria dan 2 wanita.",
     {("berantas.tersangka", "", 10, None), ("berantas.tersangka", "laki_laki", 8, None),
      ("berantas.tersangka", "perempuan", 2, None)}),
    ("kie-kegiatan-and-jangkauan", "BNNK Sleman menggelar 56 kali penyuluhan yang menjangkau 3.450 pelajar.",
     {("p2m.kie_kegiatan", "", 56, None), ("p2m.kie_jangkauan", "pendidikan", 3450, None)}),
    ("kie-bullets", "Sebaran informasi P4GN sebanyak 9.000 orang, dengan rincian:\n- Lingkungan pendidikan 4.000\n- Lingkungan swasta 2.500\n- Lingkungan masyarakat 2.500",
     {("p2m.kie_jangkauan", "", 9000, None), ("p2m.kie_jangkauan", "pendidikan", 4000, None),
      ("p2m.kie_jangkauan", "swasta", 2500, None), ("p2m.kie_jangkauan", "masyarakat", 2500, None)}),
    ("urine-total-and-positif", "Deteksi dini melalui tes urine kepada 2.345 orang, hasilnya 12 orang terindikasi positif narkoba.",
     {("p2m.tes_urine", "", 2345, None), ("p2m.tes_urine_positif", "", 12, None)}),
    ("urine-lingkungan-groups", "Di lingkungan pemerintah tes urine diikuti 300 orang dengan 2 orang positif, di lingkungan swasta 500 orang dengan 7 orang positif.",
     {("p2m.tes_urine", "pemerintah", 300, None), ("p2m.tes_urine_positif", "pemerintah", 2, None),
      ("p2m.tes_urine", "swasta", 500, None), ("p2m.tes_urine_positif", "swasta", 7, None)}),
    ("penggiat-by-lingkungan", "Penggiat P4GN yang dibentuk di lingkungan pendidikan berjumlah 35 orang.",
     {("p2m.penggiat", "pendidikan", 35, None)}),
    ("rawat-jalan-parts-without-dimension", "Klien rawat jalan sebanyak 20 orang terdiri dari pelajar 5 orang dan swasta 15 orang.",
     {("rehab.rawat_jalan", "", 20, None)}),
    # rehabilitation and others
    ("rawat-inap-referral", "BNNK Sleman mengirim 12 klien untuk rawat inap ke Balai Besar Rehabilitasi BNN Lido.",
     {("rehab.rawat_inap", "", 12, None)}),
    ("sil", "Screening Intervensi Lapangan (SIL) dilaksanakan terhadap 75 orang.", {("rehab.sil", "", 75, None)}),
    ("lembaga-operasional", "Sebanyak 2 lembaga rehabilitasi komponen masyarakat kini beroperasi.",
     {("rehab.lembaga_operasional", "", 2, None)}),
    ("desa-bersinar", "Jumlah Desa Bersinar di Kabupaten Sleman kini 6 desa.", {("p2m.desa_bersinar", "", 6, None)}),
    ("berkas-p21", "Berkas perkara yang dinyatakan lengkap (P21) sebanyak 9 berkas.", {("berantas.berkas_perkara", "", 9, None)}),
    ("tat-tahun-lalu", "Hasil asesmen terpadu (TAT) tahun ini sebanyak 34 orang, naik dari 28 orang pada tahun lalu.",
     {("berantas.asesmen_terpadu", "", 34, None), ("berantas.asesmen_terpadu", "", 28, None)}),
    # not facts
    ("polres-not-ours", "Sementara Polres Sleman mengungkap 120 kasus narkoba sepanjang 2023.", set()),
    ("relawan-not-penggiat", "Kegiatan ini dibantu 120 relawan dan 40 kader kesehatan.", set()),
    ("staff-not-clients", "Layanan rehabilitasi didukung 4 orang konselor adiksi.", set()),
    ("ages-not-figures", "Dalam kasus tersebut, dua tersangka berinisial AB (34) dan CD (27) ditahan.", set()),
    ("dates-not-figures", "Kegiatan tes urine digelar pada 12 Desember 2023 di aula kantor bupati.", set()),
    ("press-attendance", "Rilis akhir tahun dihadiri 35 wartawan dari media cetak dan daring.", set()),
    ("future-target", "Untuk tahun 2024, BNNK Sleman menargetkan 200 klien rawat jalan.", set()),
]


@pytest.mark.parametrize("sentence, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sentence_facts(sentence, expected):
    assert facts_of(sentence) == {(i, b, round(float(v), 6), t) for i, b, v, t in expected}


MORE = [
    ("mixed-lingkungan-is-total", "Sosialisasi di lingkungan pendidikan dan masyarakat menjangkau 5.000 orang.",
     {("p2m.kie_jangkauan", "", 5000, None)}),
    ("since-year-running-total", "Sejak 2019 hingga kini, BNNK Sleman telah merehabilitasi 500 orang.", set()),
    ("tat-of-suspects", "Bidang Pemberantasan melaksanakan asesmen terpadu terhadap 14 tersangka.",
     {("berantas.asesmen_terpadu", "", 14, None)}),
    ("phone-number-ignored", "Layanan rehabilitasi dapat dihubungi di nomor 0812-2345-6789.", set()),
    ("pasal-ignored", "Tersangka dijerat Pasal 114 ayat (2) UU Narkotika.", set()),
    ("other-year-explicit", "Pada tahun 2022, BNNK Sleman mengungkap 11 kasus.", {("berantas.kasus", "", 11, None)}),
]


@pytest.mark.parametrize("sentence, expected", [c[1:] for c in MORE], ids=[c[0] for c in MORE])
def test_more_sentence_facts(sentence, expected):
    assert facts_of(sentence) == {(i, b, round(float(v), 6), t) for i, b, v, t in expected}


def test_other_year_sentence_gets_that_year():
    res = extract_document(LEAD + " Pada tahun 2022, BNNK Sleman mengungkap 11 kasus.")
    assert [(f.year, f.value) for f in res.facts] == [(2022, 11.0)]


TABLES_AND_LISTS = [
    ("table-numbered-rows", "No Indikator Kinerja Target Realisasi Persentase\n1 Jumlah LKN yang diungkap 20 LKN 24 LKN 120%\n"
     "2 Jumlah tersangka 25 orang 31 orang 124%",
     {("berantas.kasus", "", 24, 20), ("berantas.tersangka", "", 31, 25)}),
    ("bullets-with-colons", "Bidang Rehabilitasi:\n• Rawat inap: 15 klien\n• Pasca rehabilitasi: 40 klien",
     {("rehab.rawat_inap", "", 15, None), ("rehab.pasca", "", 40, None)}),
    ("urine-positif-in-parentheses", "Tes urine: 3.450 orang (positif 21 orang).",
     {("p2m.tes_urine", "", 3450, None), ("p2m.tes_urine_positif", "", 21, None)}),
    ("institutions-are-not-people", "Tes urine dilakukan terhadap 800 pegawai di 12 OPD, hasilnya 3 pegawai positif.",
     {("p2m.tes_urine", "", 800, None), ("p2m.tes_urine_positif", "", 3, None)}),
    ("verb-mensosialisasikan", "BNNK Sleman telah mensosialisasikan bahaya narkoba kepada 15.000 pelajar di 60 sekolah.",
     {("p2m.kie_jangkauan", "pendidikan", 15000, None)}),
    ("single-case-not-yearly", "Kasus menonjol adalah pengungkapan 12 kilogram sabu di pelabuhan pada Juni lalu.", set()),
]


@pytest.mark.parametrize("sentence, expected", [c[1:] for c in TABLES_AND_LISTS], ids=[c[0] for c in TABLES_AND_LISTS])
def test_tables_and_lists(sentence, expected):
    assert facts_of(sentence) == {(i, b, round(float(v), 6), t) for i, b, v, t in expected}


def test_dari_menjadi_gives_both_years():
    res = extract_document(LEAD + " Dibandingkan tahun 2022, jumlah LKN naik dari 20 LKN menjadi 24 LKN.")
    assert sorted((f.year, f.value) for f in res.facts) == [(2022, 20.0), (2023, 24.0)]


GUARDS = [
    ("per-month-list", "Pengungkapan kasus per bulan: Januari 3 kasus, Februari 5 kasus, Maret 2 kasus.", set()),
    ("per-location-list", "Tes urine di Kecamatan Depok 120 orang, Kecamatan Mlati 95 orang dan Kecamatan Gamping 60 orang.", set()),
    ("scale-maximum", "Nilai IKP BNNK Sleman 3,42 dari skala 4.", {("p2m.ikp", "", 3.42, None)}),
    ("baseline-without-year", "Nilai IKOTAN meningkat dari 2,95 menjadi 3,12.", {("p2m.ikotan", "", 3.12, None)}),
    ("time-of-day", "Rilis capaian digelar pukul 10.00 WIB dan tes urine diikuti 45 wartawan.", set()),
    ("range-of-ages", "Peserta tes urine berusia 15-17 tahun.", set()),
]


@pytest.mark.parametrize("sentence, expected", [c[1:] for c in GUARDS], ids=[c[0] for c in GUARDS])
def test_numbers_that_are_not_facts(sentence, expected):
    assert facts_of(sentence) == {(i, b, round(float(v), 6), t) for i, b, v, t in expected}


NATIONAL_LEAD = "Badan Narkotika Nasional Republik Indonesia (BNN RI) merilis capaian kinerja sepanjang tahun 2024."
NATIONAL = [
    ("ri-kasus-jaringan-tersangka", "BNN mengungkap 618 kasus dengan 985 tersangka dari 35 jaringan sindikat.",
     {("berantas.kasus", "", 618, None), ("berantas.tersangka", "", 985, None), ("berantas.jaringan", "", 35, None)}),
    ("ri-ton-and-juta-butir", "Barang bukti yang disita: sabu 3,6 ton, ganja 1,8 ton dan ekstasi 1,1 juta butir.",
     {("berantas.barang_bukti", "sabu", 3600000, None), ("berantas.barang_bukti", "ganja", 1800000, None),
      ("berantas.barang_bukti", "ekstasi", 1100000, None)}),
    ("ri-aset-not-kasus", "BNN menyita aset senilai Rp 25 miliar dari 12 kasus TPPU.", {("berantas.aset_tppu", "", 25000000000, None)}),
    ("ri-nationality-not-gender", "Tersangka terdiri dari 1.500 WNI dan 20 WNA.", set()),
    ("ri-destroyed-tons", "Selama 2024, BNN memusnahkan barang bukti sabu seberat 2,3 ton.", set()),
]


@pytest.mark.parametrize("sentence, expected", [c[1:] for c in NATIONAL], ids=[c[0] for c in NATIONAL])
def test_national_release(sentence, expected):
    assert facts_of(sentence, lead=NATIONAL_LEAD) == {(i, b, round(float(v), 6), t) for i, b, v, t in expected}


PROVINCE_LEAD = "BNN Provinsi Riau merilis capaian kinerja sepanjang tahun 2023."
PROVINCE = [
    ("drug-after-unit-list", "Total barang bukti yang diamankan yakni 58,7 kg sabu, 12.450 butir pil ekstasi dan 3,2 kg ganja.",
     {("berantas.barang_bukti", "sabu", 58700, None), ("berantas.barang_bukti", "ekstasi", 12450, None),
      ("berantas.barang_bukti", "ganja", 3200, None)}),
    ("skhpn-lembar", "SKHPN yang diterbitkan sebanyak 2.145 lembar.", {("rehab.skhpn", "", 2145, None)}),
    ("kie-kegiatan-and-sasaran", "Sebanyak 1.234 kegiatan KIE dilaksanakan dengan jumlah sasaran 145.678 orang.",
     {("p2m.kie_kegiatan", "", 1234, None), ("p2m.kie_jangkauan", "", 145678, None)}),
    ("digit-and-words-jaringan", "Sebanyak 3 (tiga) jaringan sindikat narkoba berhasil diungkap.", {("berantas.jaringan", "", 3, None)}),
    ("penggiat-mixed-lingkungan", "BNNP Riau membentuk 250 orang penggiat anti narkoba di lingkungan pemerintah, swasta, pendidikan dan masyarakat.",
     {("p2m.penggiat", "", 250, None)}),
    ("ambiguous-kinerja-anggaran", "Capaian kinerja anggaran BNNP Riau tahun 2023 sebesar 98,02 persen.", set()),
]


@pytest.mark.parametrize("sentence, expected", [c[1:] for c in PROVINCE], ids=[c[0] for c in PROVINCE])
def test_province_release(sentence, expected):
    assert facts_of(sentence, lead=PROVINCE_LEAD) == {(i, b, round(float(v), 6), t) for i, b, v, t in expected}


def test_bnnk_list_inside_bnnp_release():
    res = extract_document(PROVINCE_LEAD + " BNNK Pekanbaru mengungkap 9 kasus, BNNK Dumai 6 kasus dan BNNK Kampar 4 kasus.")
    assert {(f.office_name, f.value) for f in res.facts} == {
        ("BNN Kota Pekanbaru", 9.0), ("BNN Kota Dumai", 6.0), ("BNN Kabupaten Kampar", 4.0)}


# Second round: parts lists, other agencies, contextual verbs, single events, years as words.
ROUND2 = [
    ("parts-in-next-sentence", "Tes urine tahun ini diikuti 640 orang. Sebanyak 410 orang berasal dari kalangan pelajar, "
     "disusul 150 orang dari perusahaan swasta dan 80 orang dari instansi pemerintah.",
     {("p2m.tes_urine", "", 640, None), ("p2m.tes_urine", "pendidikan", 410, None),
      ("p2m.tes_urine", "swasta", 150, None), ("p2m.tes_urine", "pemerintah", 80, None)}),
    ("parts-words-di-antaranya-next-sentence", "Dari peserta itu, 15 orang terindikasi positif narkoba saat tes urine. "
     "Enam orang di antaranya pegawai instansi pemerintah, tiga orang mahasiswa dan 6 orang warga masyarakat.",
     {("p2m.tes_urine_positif", "", 15, None), ("p2m.tes_urine_positif", "pemerintah", 6, None),
      ("p2m.tes_urine_positif", "pendidikan", 3, None), ("p2m.tes_urine_positif", "masyarakat", 6, None)}),
    ("next-sentence-unrelated-number-ignored", "Sosialisasi P4GN menjangkau 2.300 orang. Acara puncak dihadiri 400 undangan.",
     {("p2m.kie_jangkauan", "", 2300, None)}),
    ("rinciannya-line-then-bullets", "Jumlah penggiat P4GN yang dibentuk tahun ini 75 orang.\nRinciannya:\n"
     "- 30 orang di lingkungan pendidikan;\n- 45 orang di lingkungan masyarakat.",
     {("p2m.penggiat", "", 75, None), ("p2m.penggiat", "pendidikan", 30, None), ("p2m.penggiat", "masyarakat", 45, None)}),
    ("warga-as-a-listed-part", "Edukasi P4GN menjangkau 5.000 orang, terdiri dari 3.200 siswa dan 1.800 warga.",
     {("p2m.kie_jangkauan", "", 5000, None), ("p2m.kie_jangkauan", "pendidikan", 3200, None),
      ("p2m.kie_jangkauan", "masyarakat", 1800, None)}),
    ("gender-in-words", "Petugas mengungkap 3 kasus dengan tujuh tersangka, yaitu enam pria dan satu wanita.",
     {("berantas.kasus", "", 3, None), ("berantas.tersangka", "", 7, None),
      ("berantas.tersangka", "laki_laki", 6, None), ("berantas.tersangka", "perempuan", 1, None)}),
    ("drug-nihil-after-seizure", "Barang bukti yang disita berupa ganja 2,4 kilogram, sedangkan ekstasi tidak ada.",
     {("berantas.barang_bukti", "ganja", 2400, None), ("berantas.barang_bukti", "ekstasi", 0, None)}),
    ("one-drug-with-total-weight", "Sepanjang tahun petugas menyita sabu dengan total berat 56,2 gram.",
     {("berantas.barang_bukti", "sabu", 56.2, None)}),
    ("enumerated-member-not-a-conflict", "Kini ada 3 lembaga rehabilitasi yang operasional, yakni klinik BNNK, "
     "satu lembaga rehabilitasi milik yayasan dan puskesmas Depok.",
     {("rehab.lembaga_operasional", "", 3, None)}),
    ("melayani-in-rehab-field", "Di bidang rehabilitasi, BNNK Sleman melayani 210 pecandu dari target 180 orang.",
     {("rehab.layanan", "", 210, 180)}),
    ("memberikan-layanan-kepada", "Untuk rehabilitasi, BNNK memberikan layanan kepada 95 klien penyalahguna narkoba.",
     {("rehab.layanan", "", 95, None)}),
    ("melayani-outside-rehab-field", "Pos pelayanan publik BNNK melayani 340 pengunjung selama tahun ini.", set()),
    ("melayani-yields-to-named-service", "Klinik BNNK melayani 40 klien rawat jalan.", {("rehab.rawat_jalan", "", 40, None)}),
    ("menjangkau-after-kie", "Sosialisasi tatap muka kembali digelar setelah pandemi. Tahun ini BNNK menjangkau 3.100 orang.",
     {("p2m.kie_jangkauan", "", 3100, None)}),
    ("teman-sebaya-without-remaja", "Siswa yang dilatih menjadi Teman Sebaya Anti Narkoba berjumlah 18 orang.",
     {("p2m.remaja_teman_sebaya", "", 18, None)}),
    ("year-before-unit-not-a-count", "Selama 2023 kegiatan sosialisasi BNNK menjangkau 1.500 orang.",
     {("p2m.kie_jangkauan", "", 1500, None)}),
    ("next-year-plan", "BNNK menargetkan tahun depan terbentuk sedikitnya empat desa bersinar.", set()),
    ("single-raid-not-yearly", "Pada satu penggerebekan di Kalasan, petugas menyita 250 gram sabu.", set()),
    ("one-named-suspect", "Salah satu tersangka, seorang wanita, ditangkap membawa 20 gram sabu.", set()),
    ("next-sentence-single-group-not-a-part", "Tes urine diikuti 700 orang. Selain itu BNNK melatih 30 pelajar menjadi duta anti narkoba.",
     {("p2m.tes_urine", "", 700, None)}),
    ("peer-influence-is-not-the-programme", "Sebanyak 20 remaja mengaku terpengaruh teman sebaya saat pertama mencoba narkoba.", set()),
    ("gender-after-berjenis-kelamin", "Dari 16 tersangka itu, 13 orang berjenis kelamin laki-laki dan 3 orang perempuan.",
     {("berantas.tersangka", "", 16, None), ("berantas.tersangka", "laki_laki", 13, None),
      ("berantas.tersangka", "perempuan", 3, None)}),
    ("masyarakat-umum-part", "Penyuluhan menjangkau 900 orang: pelajar 500 orang dan masyarakat umum 400 orang.",
     {("p2m.kie_jangkauan", "", 900, None), ("p2m.kie_jangkauan", "pendidikan", 500, None),
      ("p2m.kie_jangkauan", "masyarakat", 400, None)}),
    ("target-of-another-count", "BNNK mengungkap 6 LKN dengan 9 tersangka dari target 5 LKN.",
     {("berantas.kasus", "", 6, 5), ("berantas.tersangka", "", 9, None)}),
    # "tersangka" is only the unit of 17 here: the 3 klien are not a count of suspects (the two
    # assessment figures in one sentence conflict, so neither is kept).
    ("unit-anchor-absorbed", "Asesmen terpadu dilakukan kepada 17 tersangka dan 3 klien.", set()),
    ("budget-absorbed-percent", "Pagu anggaran sebesar Rp2,9 miliar terserap 97,3 persen hingga Desember.",
     {("umum.realisasi_anggaran", "", 97.3, None)}),
    ("word-part-di-antaranya-gender", "Petugas menangkap 5 tersangka, dua di antaranya wanita.",
     {("berantas.tersangka", "", 5, None), ("berantas.tersangka", "perempuan", 2, None)}),
    ("plan-with-akan", "Tahun ini BNNK akan merekrut 15 penggiat baru dari kalangan mahasiswa.", set()),
    ("plan-ke-depan", "Ke depannya, kami ingin tes urine menyasar 3.000 pegawai swasta.", set()),
    ("akan-far-from-number", "Penggiat yang akan terus bertugas di lapangan berjumlah 26 orang.", {("p2m.penggiat", "", 26, None)}),
    ("di-antaranya-before-anchor", "Sebanyak 800 siswa mengikuti tes urine, 3 di antaranya positif.",
     {("p2m.tes_urine", "pendidikan", 800, None), ("p2m.tes_urine_positif", "", 3, None)}),
    ("views-are-not-events", "Video edukasi P4GN di media sosial diputar lebih dari 48.000 kali.", set()),
    ("digital-events-are-events", "Sosialisasi daring digelar 24 kali sepanjang tahun.", {("p2m.kie_kegiatan", "", 24, None)}),
    ("zero-with-subject-noun", "Dari tes urine itu, tidak ada pegawai yang dinyatakan positif.",
     {("p2m.tes_urine_positif", "", 0, None)}),
    ("zero-with-subject-noun-no-anchor", "Dari tes urine itu, tidak ada peserta yang datang terlambat.", set()),
    ("enumerated-cases-by-drug", "BNNK mengungkap 9 kasus, yakni 5 kasus sabu dan 4 kasus ganja.", {("berantas.kasus", "", 9, None)}),
]


@pytest.mark.parametrize("sentence, expected", [c[1:] for c in ROUND2], ids=[c[0] for c in ROUND2])
def test_round_two_rules(sentence, expected):
    assert facts_of(sentence) == {(i, b, round(float(v), 6), t) for i, b, v, t in expected}


AGENCIES = [
    ("compared-with-police", "Angka BNNK jauh di bawah Polres Sleman yang menangani 310 kasus dengan 402 tersangka.", set()),
    ("dibandingkan-dengan-police", "Jumlah itu kecil dibandingkan dengan Polresta Sleman yang mengungkap 150 kasus.", set()),
    ("police-bersama-police", "Sementara Polda DIY bersama polres jajaran menangani 1.200 kasus.", set()),
    ("joint-team-members", "Tim Asesmen Terpadu yang beranggotakan BNNK Sleman, Polres Sleman dan Kejaksaan Negeri Sleman "
     "melakukan asesmen terhadap 30 orang.", {("berantas.asesmen_terpadu", "", 30, None)}),
    ("files-declared-complete-by-prosecutor", "BNNK Sleman menangani 14 berkas perkara, 9 di antaranya telah dinyatakan "
     "lengkap (P21) oleh kejaksaan.", {("berantas.berkas_perkara", "", 14, None)}),
    ("bnnk-bersama-police", "BNNK Sleman bersama Polres Sleman mengungkap 5 kasus.", {("berantas.kasus", "", 5, None)}),
    ("bnnk-bersama-police-unit", "BNNK bersama Satresnarkoba Polres Sleman mengungkap 2 kasus.", {("berantas.kasus", "", 2, None)}),
    ("compared-police-unit", "Angka itu jauh di bawah Satresnarkoba Polresta Sleman yang mengungkap 97 kasus.", set()),
]


@pytest.mark.parametrize("sentence, expected", [c[1:] for c in AGENCIES], ids=[c[0] for c in AGENCIES])
def test_other_agencies(sentence, expected):
    assert facts_of(sentence) == {(i, b, round(float(v), 6), t) for i, b, v, t in expected}


# Third round: comparisons with an earlier year, tonnes, drug-name variants, -nya nouns, far anchors,
# list tails, back-references to a count of cases, non-drug crimes, places counted, multi-year lists.
ROUND3 = [
    ("compare-next-sentence-tahun-lalu", "Klinik BNNK memberikan layanan rawat jalan kepada 77 klien. "
     "Capaian itu meningkat dibandingkan tahun lalu yang mencatat 61 klien.",
     {("rehab.rawat_jalan", "", 77, None), ("rehab.rawat_jalan", "", 61, None)}),
    ("compare-next-sentence-index-bare", "Nilai IKP tahun ini sebesar 3,41. Nilai tersebut naik dibanding tahun sebelumnya, yakni 3,18.",
     {("p2m.ikp", "", 3.41, None), ("p2m.ikp", "", 3.18, None)}),
    ("compare-next-sentence-named-year", "Penggiat P4GN yang dibentuk berjumlah 48 orang. "
     "Jumlah ini lebih banyak ketimbang 2021 yang sebanyak 30 orang.",
     {("p2m.penggiat", "", 48, None), ("p2m.penggiat", "", 30, None)}),
    ("compare-next-sentence-total-not-its-part", "BNNK merehabilitasi 88 orang, terdiri dari 70 rawat jalan dan 18 rawat inap. "
     "Jumlah itu naik dibanding tahun lalu yang berjumlah 64 orang.",
     {("rehab.layanan", "", 88, None), ("rehab.rawat_jalan", "", 70, None), ("rehab.rawat_inap", "", 18, None),
      ("rehab.layanan", "", 64, None)}),
    ("compare-next-sentence-unit-picks-topic", "BNNK mengungkap 17 kasus dengan 26 tersangka. "
     "Angka itu lebih tinggi daripada tahun sebelumnya yang hanya 11 kasus.",
     {("berantas.kasus", "", 17, None), ("berantas.tersangka", "", 26, None), ("berantas.kasus", "", 11, None)}),
    ("compare-next-sentence-two-topics-bare-unclear", "BNNK mengungkap 17 kasus dengan 26 tersangka. "
     "Angka itu naik dibanding tahun lalu yang hanya 11.",
     {("berantas.kasus", "", 17, None), ("berantas.tersangka", "", 26, None)}),
    ("compare-next-sentence-naik-dari-figure-then-year", "Indeks ketahanan keluarga tercatat 71,40. "
     "Angka ini naik dari 68,15 pada tahun sebelumnya.",
     {("p2m.dektara", "", 71.40, None), ("p2m.dektara", "", 68.15, None)}),
    ("compare-naik-sebesar-is-a-difference", "Indeks ketahanan keluarga tercatat 71,40. "
     "Angka ini naik sebesar 3,25 dari tahun sebelumnya.",
     {("p2m.dektara", "", 71.40, None)}),
    ("groups-list-without-total-last-warga", "Penggiat yang dilatih tahun ini yaitu 16 pegawai negeri sipil, "
     "12 mahasiswa serta 9 warga masyarakat.",
     {("p2m.penggiat", "pemerintah", 16, None), ("p2m.penggiat", "pendidikan", 12, None),
      ("p2m.penggiat", "masyarakat", 9, None)}),
    ("warga-alone-is-everyone", "Sosialisasi di balai desa diikuti 240 warga.", {("p2m.kie_jangkauan", "", 240, None)}),
    ("compare-difference-is-not-a-figure", "Tes urine tahun ini diikuti 930 orang. Jumlah itu naik 140 orang dibanding tahun lalu.",
     {("p2m.tes_urine", "", 930, None)}),
    ("compare-difference-after-year", "Tes urine tahun ini diikuti 930 orang. Dibanding tahun lalu, jumlahnya bertambah 140 orang.",
     {("p2m.tes_urine", "", 930, None)}),
    ("earlier-year-without-comparison-not-inherited", "Tes urine tahun ini diikuti 930 orang. Pada 2021 BNNK juga mendidik 25 mahasiswa.",
     {("p2m.tes_urine", "", 930, None)}),
    ("tonnes-in-inline-numbered-list", "Barang bukti yang disita: 1) sabu 1,25 ton; 2) ganja 6 ons; 3) ekstasi 410 butir.",
     {("berantas.barang_bukti", "sabu", 1250000, None), ("berantas.barang_bukti", "ganja", 600, None),
      ("berantas.barang_bukti", "ekstasi", 410, None)}),
    ("mixed-masses-multiline-list", "Barang bukti yang diamankan selama setahun:\n1. Sabu 3,05 Ton\n2. Ganja 7 ons\n"
     "3. Tembakau sintetis 1,4 kilogram\n4. Ekstasi 95 butir\n5. Kokain 12,5 gram",
     {("berantas.barang_bukti", "sabu", 3050000, None), ("berantas.barang_bukti", "ganja", 700, None),
      ("berantas.barang_bukti", "ganja_sintetis", 1400, None), ("berantas.barang_bukti", "ekstasi", 95, None),
      ("berantas.barang_bukti", "kokain", 12.5, None)}),
    ("tonnes-before-drug", "Sepanjang tahun BNNK menyita 2,3 ton ganja dari ladang di perbukitan.",
     {("berantas.barang_bukti", "ganja", 2300000, None)}),
    ("tembakau-sintetis", "Petugas juga menyita tembakau sintetis seberat 640 gram.",
     {("berantas.barang_bukti", "ganja_sintetis", 640, None)}),
    ("tembakau-gorilla-double-l", "Barang bukti lainnya 1,1 kg tembakau gorilla.",
     {("berantas.barang_bukti", "ganja_sintetis", 1100, None)}),
    ("unnamed-substance-no-total", "Petugas menyita 35 gram serbuk putih dari sebuah rumah kos.", set()),
    ("pcc-is-psychotropic", "BNNK juga menyita 2.000 butir pil PCC.", {("berantas.barang_bukti", "lainnya", 2000, None)}),
    ("jangkauannya-quoted-parts", '"Jangkauannya 9.600 orang, terdiri atas pelajar 5.100 orang, ASN 900 orang, '
     'karyawan 1.200 orang, serta masyarakat umum 2.400 orang," kata Kepala BNNK saat memaparkan hasil sosialisasi.',
     {("p2m.kie_jangkauan", "", 9600, None), ("p2m.kie_jangkauan", "pendidikan", 5100, None),
      ("p2m.kie_jangkauan", "pemerintah", 900, None), ("p2m.kie_jangkauan", "swasta", 1200, None),
      ("p2m.kie_jangkauan", "masyarakat", 2400, None)}),
    ("pesertanya-after-venue-sentence", "Tes urine digelar di 9 instansi vertikal. Total pesertanya 610 orang.",
     {("p2m.tes_urine", "", 610, None)}),
    ("referral-far-from-service", "Sementara itu 11 klien dirujuk ke Balai Rehabilitasi BNN Tanah Merah, Samarinda, "
     "untuk mengikuti program rawat inap.", {("rehab.rawat_inap", "", 11, None)}),
    ("subject-far-from-service", "Sebanyak 2.180 siswa dari 31 sekolah menengah pertama yang tersebar di enam kecamatan "
     "se-Kabupaten Sleman telah mengikuti kegiatan penyuluhan bahaya narkoba.",
     {("p2m.kie_jangkauan", "pendidikan", 2180, None)}),
    ("subject-far-from-rawat-jalan", "Tercatat 52 penyalahguna yang datang secara sukarela, diantar keluarga maupun hasil "
     "penjangkauan petugas lapangan, menjalani rehabilitasi rawat jalan di klinik BNNK.",
     {("rehab.rawat_jalan", "", 52, None)}),
    ("subject-first-anchor-not-its-service", "Sebanyak 40 relawan yang dulu pernah menjadi klien rehabilitasi kini membantu "
     "kegiatan sosialisasi di desa-desa.", set()),
    ("skhpn-pemohon", "Pelayanan SKHPN sepanjang tahun diberikan kepada 1.875 pemohon.", {("rehab.skhpn", "", 1875, None)}),
    ("yakni-list-last-warga", "Penyuluhan diikuti 415 orang, yakni 200 siswa, 95 pegawai negeri, 70 pekerja swasta, dan 50 warga masyarakat.",
     {("p2m.kie_jangkauan", "", 415, None), ("p2m.kie_jangkauan", "pendidikan", 200, None),
      ("p2m.kie_jangkauan", "pemerintah", 95, None), ("p2m.kie_jangkauan", "swasta", 70, None),
      ("p2m.kie_jangkauan", "masyarakat", 50, None)}),
    ("count-of-cases-tersebut-not-single", '"Dari 21 kasus tersebut, kami membongkar 4 jaringan sindikat lintas pulau," ujarnya.',
     {("berantas.kasus", "", 21, None), ("berantas.jaringan", "", 4, None)}),
    ("plural-cases-tersebut", "BNNK mengungkap 13 kasus, dan dari kasus-kasus tersebut petugas memutus 3 jaringan.",
     {("berantas.kasus", "", 13, None), ("berantas.jaringan", "", 3, None)}),
    ("non-drug-crime-cases", "Untuk kejahatan konvensional, sepanjang tahun tercatat 980 kasus.", set()),
    ("non-drug-then-drug-cases", "Kasus penganiayaan mencapai 64 kasus, sedangkan kasus narkotika yang diungkap BNNK 12 kasus.",
     {("berantas.kasus", "", 12, None)}),
    ("universities-are-places", "Layanan rehabilitasi diberikan kepada 140 klien yang berasal dari lebih dari 20 perguruan tinggi.",
     {("rehab.layanan", "", 140, None)}),
    ("seorang-wanita-last-of-list", "Tersangka yang ditahan sebanyak 9 orang, terdiri atas 8 pria dan seorang wanita.",
     {("berantas.tersangka", "", 9, None), ("berantas.tersangka", "laki_laki", 8, None),
      ("berantas.tersangka", "perempuan", 1, None)}),
    ("seorang-wanita-alone-not-a-count", "Sepanjang tahun, seorang wanita ikut ditetapkan sebagai tersangka.", set()),
    ("multi-year-bare-list", "LKN yang dirampungkan pada 2023 sebanyak 7, 2022 sebanyak 5, dan 2021 sebanyak 6.",
     {("berantas.kasus", "", 7, None), ("berantas.kasus", "", 5, None), ("berantas.kasus", "", 6, None)}),
]


@pytest.mark.parametrize("sentence, expected", [c[1:] for c in ROUND3], ids=[c[0] for c in ROUND3])
def test_round_three_rules(sentence, expected):
    assert facts_of(sentence) == {(i, b, round(float(v), 6), t) for i, b, v, t in expected}


def test_comparison_years():
    res = extract_document(LEAD + " Klinik BNNK memberikan layanan rawat jalan kepada 77 klien. "
                           "Capaian itu meningkat dibandingkan tahun lalu yang mencatat 61 klien. "
                           "Kasus yang diungkap pada 2023 sebanyak 7, 2022 sebanyak 5, dan 2021 sebanyak 6.")
    assert {(f.indicator, f.year, f.value) for f in res.facts} == {
        ("rehab.rawat_jalan", 2023, 77.0), ("rehab.rawat_jalan", 2022, 61.0),
        ("berantas.kasus", 2023, 7.0), ("berantas.kasus", 2022, 5.0), ("berantas.kasus", 2021, 6.0)}


# Round four: prose after a target/realisation sentence is not a table; counted cases are not one case;
# a group described without a number of its own is no breakdown.
ROUND_FOUR = [
    ("prose-realisasi-target-no-table", "Realisasi bidang pemberantasan melampaui target dari pusat.\n"
     "Barang bukti yang disita berupa sabu seberat 1.204,56 gram dan ganja 3,5 ons.",
     {("berantas.barang_bukti", "sabu", 1204.56, None), ("berantas.barang_bukti", "ganja", 350, None)}),
    ("prose-capaian-vs-target-no-table", "Capaian dibanding target tahun ini tergolong baik.\n"
     "Petugas menyita shabu 85,3 gram, ganja 1,2 kilogram.",
     {("berantas.barang_bukti", "sabu", 85.3, None), ("berantas.barang_bukti", "ganja", 1200, None)}),
    ("table-header-then-seizure-list", "Indikator | Target | Realisasi\nSabu yang disita 40 gram serta ekstasi 12 butir.",
     {("berantas.barang_bukti", "sabu", 40, None), ("berantas.barang_bukti", "ekstasi", 12, None)}),
    ("table-header-then-cases-prose", "Target dan realisasi kinerja\nPihaknya mengungkap 9 kasus narkotika dengan 12 tersangka, "
     "yakni 10 laki-laki dan 2 perempuan.",
     {("berantas.kasus", "", 9, None), ("berantas.tersangka", "", 12, None),
      ("berantas.tersangka", "laki_laki", 10, None), ("berantas.tersangka", "perempuan", 2, None)}),
    ("table-header-then-urine-prose", "Target / Capaian\nTes urine dilaksanakan terhadap 2.150 peserta, dengan 9 orang di antaranya positif.",
     {("p2m.tes_urine", "", 2150, None), ("p2m.tes_urine_positif", "", 9, None)}),
    ("table-comma-columns", "Indikator, Target (orang), Realisasi (orang)\nRawat jalan, 100, 118",
     {("rehab.rawat_jalan", "", 118, 100)}),
    ("table-row-two-indicators", "Target | Realisasi\nTes urine 2.150, positif 9 orang.",
     {("p2m.tes_urine", "", 2150, None), ("p2m.tes_urine_positif", "", 9, None)}),
    ("counted-cases-itu", "Dari tujuh kasus itu, petugas mengamankan 9 tersangka, terdiri dari 8 laki-laki dan 1 perempuan.",
     {("berantas.kasus", "", 7, None), ("berantas.tersangka", "", 9, None),
      ("berantas.tersangka", "laki_laki", 8, None), ("berantas.tersangka", "perempuan", 1, None)}),
    ("all-cases-tersebut", "Dari seluruh kasus tersebut, diamankan 15 tersangka yang terdiri atas 13 pria dan 2 wanita.",
     {("berantas.tersangka", "", 15, None), ("berantas.tersangka", "laki_laki", 13, None),
      ("berantas.tersangka", "perempuan", 2, None)}),
    ("eleven-cases-ini", "Dari sebelas kasus ini, tim menangkap 14 orang tersangka, 12 laki-laki dan 2 perempuan.",
     {("berantas.kasus", "", 11, None), ("berantas.tersangka", "", 14, None),
      ("berantas.tersangka", "laki_laki", 12, None), ("berantas.tersangka", "perempuan", 2, None)}),
    ("one-case-still-single", "Dalam kasus tersebut, tim menyita sabu seberat 2 kg dan menangkap 3 tersangka.", set()),
    ("described-group-not-breakdown", "Sebanyak 845 orang menjalani tes urine, terutama pegawai instansi pemerintah dan "
     "sopir angkutan, dan 6 orang di antaranya positif.",
     {("p2m.tes_urine", "", 845, None), ("p2m.tes_urine_positif", "", 6, None)}),
    ("described-group-swasta", "Tes urine menyasar 410 orang, mayoritas karyawan perusahaan swasta, hasilnya 5 orang positif.",
     {("p2m.tes_urine", "", 410, None), ("p2m.tes_urine_positif", "", 5, None)}),
    ("described-group-pemerintah", "Pemeriksaan urine diikuti 1.230 peserta, sebagian besar ASN di lingkungan pemerintah daerah; "
     "3 orang positif.",
     {("p2m.tes_urine", "", 1230, None), ("p2m.tes_urine_positif", "", 3, None)}),
    ("own-group-still-breakdown", "Tes urine diikuti 500 orang; di lingkungan swasta positif 3 orang.",
     {("p2m.tes_urine", "", 500, None), ("p2m.tes_urine_positif", "swasta", 3, None)}),
]


@pytest.mark.parametrize("sentence, expected", [c[1:] for c in ROUND_FOUR], ids=[c[0] for c in ROUND_FOUR])
def test_round_four(sentence, expected):
    assert facts_of(sentence) == {(i, b, round(float(v), 6), t) for i, b, v, t in expected}


ROUND_FOUR_MORE = [
    ("passive-closing-figure", "SKHPN yang diterbitkan baru 498.", {("rehab.skhpn", "", 498, None)}),
    ("passive-closing-figure-not-date", "Tes urine yang dilaksanakan 14 Maret.", set()),
    ("respectively-four-groups", "Tes urine diikuti 980 pelajar, 1.105 ASN, 1.215 karyawan swasta dan 120 warga; "
     "yang positif masing-masing 0, 2, 17 dan 4 orang.",
     {("p2m.tes_urine", "pendidikan", 980, None), ("p2m.tes_urine", "pemerintah", 1105, None),
      ("p2m.tes_urine", "swasta", 1215, None), ("p2m.tes_urine", "masyarakat", 120, None),
      ("p2m.tes_urine_positif", "pendidikan", 0, None), ("p2m.tes_urine_positif", "pemerintah", 2, None),
      ("p2m.tes_urine_positif", "swasta", 17, None), ("p2m.tes_urine_positif", "masyarakat", 4, None)}),
    ("respectively-two-groups", "Tes urine dilakukan terhadap 300 pegawai pemerintah dan 450 karyawan swasta, "
     "dengan hasil positif masing-masing 1 dan 6 orang.",
     {("p2m.tes_urine", "pemerintah", 300, None), ("p2m.tes_urine", "swasta", 450, None),
      ("p2m.tes_urine_positif", "pemerintah", 1, None), ("p2m.tes_urine_positif", "swasta", 6, None)}),
    ("respectively-sebanyak", "Tes urine melibatkan 520 siswa, 160 ASN dan 75 karyawan perusahaan swasta; "
     "hasil positif masing-masing sebanyak 0, 1 dan 3 orang.",
     {("p2m.tes_urine", "pendidikan", 520, None), ("p2m.tes_urine", "pemerintah", 160, None),
      ("p2m.tes_urine", "swasta", 75, None), ("p2m.tes_urine_positif", "pendidikan", 0, None),
      ("p2m.tes_urine_positif", "pemerintah", 1, None), ("p2m.tes_urine_positif", "swasta", 3, None)}),
    ("respectively-unpaired-no-total", "Tes urine diikuti 800 orang, yang positif masing-masing 2 dan 3 orang.",
     {("p2m.tes_urine", "", 800, None)}),
]


@pytest.mark.parametrize("sentence, expected", [c[1:] for c in ROUND_FOUR_MORE], ids=[c[0] for c in ROUND_FOUR_MORE])
def test_round_four_more(sentence, expected):
    assert facts_of(sentence) == {(i, b, round(float(v), 6), t) for i, b, v, t in expected}


@pytest.mark.parametrize("sentence, value, indicator", [
    ("Tahun lalu, SKHPN yang diterbitkan baru 498.", 498, "rehab.skhpn"),
    ("Pada tahun sebelumnya, asesmen terpadu yang dilaksanakan hanya 41.", 41, "berantas.asesmen_terpadu"),
    ("Tahun lalu, penggiat anti narkoba yang dibentuk sebanyak 35.", 35, "p2m.penggiat"),
])
def test_previous_year_sentence(sentence, value, indicator):
    res = extract_document(LEAD + " " + sentence)
    assert [(f.indicator, f.year, f.value) for f in res.facts] == [(indicator, 2022, value)]
