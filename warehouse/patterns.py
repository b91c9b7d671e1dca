"""The phrasings the extractor knows, as data: indicators, units, breakdowns, markers.

Every pattern is matched case-insensitively on one sentence. Gaps are bounded
and no quantifier is nested, so matching stays linear in the text length.
"""
from __future__ import annotations

import re

I = re.IGNORECASE

#: (indicator, regex) phrasings; where two start at one place the longer wins.
#: Entries flagged "weak" are verbs that say less than a named service.
ANCHORS: list[tuple[str, str]] = [
    ("p2m.ikp", r"indeks kemandirian partisipasi(?: masyarakat)?(?: dalam p4gn)?"),
    ("p2m.ikp", r"\bIKP\b"),
    ("p2m.ikotan", r"indeks kota tanggap ancaman narko(?:ba|tika)"),
    ("p2m.ikotan", r"\bIKOTAN\b"),
    ("p2m.dektari", r"indeks ketahanan diri remaja"),
    ("p2m.dektari", r"\bDEKTARI\b"),
    ("p2m.dektara", r"indeks ketahanan keluarga"),
    ("p2m.dektara", r"\bDEKTARA\b"),
    ("p2m.desa_bersinar", r"advokasi program ketahanan keluarga berbasis sumber ?daya(?: desa(?:/kelurahan)?)?"),
    ("p2m.desa_bersinar", r"(?:desa|kelurahan|kampung|desa/kelurahan|desa ?/ ?kelurahan)(?: bersih narkoba)? (?:bersinar|bersih narkoba)"),
    ("p2m.desa_bersinar", r"['\"‘’“”]?bersinar\b['\"‘’“”]?"),
    ("p2m.ketahanan_keluarga", r"pendampingan (?:program )?(?:ketahanan )?keluarga(?: anti ?narko(?:ba|tika))?"),
    ("p2m.ketahanan_keluarga", r"(?:program |intervensi )?ketahanan keluarga(?: anti ?narko(?:ba|tika))?"),
    ("p2m.remaja_teman_sebaya", r"(?:pembentukan )?remaja teman sebaya(?: anti ?narko(?:ba|tika))?|teman sebaya anti ?narko(?:ba|tika)|"
                                r"pendidik(?:an)? sebaya(?: anti ?narko(?:ba|tika))?|peer educator"),
    ("p2m.remaja_teman_sebaya", r"\bRTS\b"),
    ("p2m.advokasi_kotan", r"advokasi (?:kebijakan )?kota tanggap(?: ancaman narko(?:ba|tika))?"),
    ("p2m.tes_urine", r"(?:tes|test|dites|uji|diuji|pemeriksaan|memeriksa|diperiksa|skrining|screening|cek) urine?\b"),
    ("p2m.tes_urine", r"deteksi dini"),
    ("p2m.tes_urine_positif", r"(?:terindikasi|dinyatakan|terdeteksi|hasil(?:nya)?|yang)? ?positi(?:f|ve)(?: narkoba| menggunakan narkoba| mengonsumsi narkoba)?"),
    ("p2m.kie_digital", r"sosialisasi (?:digital|daring|online|melalui media sosial)"),
    ("p2m.kie_digital", r"(?:media sosial|medsos|kampanye digital|\binstagram\b|\btiktok\b|\byoutube\b|\bfacebook\b|\btwitter\b|\bdaring\b)"),
    ("p2m.kie_kegiatan", r"kegiatan (?:edukasi|sosialisasi|penyuluhan|kie|penyebar(?:luas)?an informasi|diseminasi)"),
    ("p2m.kie_jangkauan", r"(?:penyebarluasan|penyebaran|sebaran|diseminasi) informasi(?: dan edukasi)?|\bdiseminasi\b|"
                          r"\bmenyebar(?:kan|luaskan)? informasi"),
    ("p2m.kie_jangkauan", r"informasi (?:tentang |seputar )?(?:p4gn|bahaya narkoba)|informasi dan edukasi|komunikasi,? informasi,? (?:dan )?edukasi|\bKIE\b"),
    ("p2m.kie_jangkauan", r"kampanye(?: setop| stop| anti)?(?: narkoba)?|sasaran (?:pencegahan|sosialisasi|kie|p4gn)|(?:memberikan|menyampaikan|penyampaian|pemberian) informasi|"
                          r"sosialisasi|penyuluhan|edukasi|(?:meng|di|ter)edukasi|\bjangkauan(?:nya)?\b|men(?:y)?sosialisasikan|mesosialisasikan|disosialisasikan"),
    ("p2m.penggiat", r"(?:pe)?penggiat(?: p4gn| anti ?narko(?:ba|tika)| pencegahan[^()\n]{0,100}\(p4gn\))?|\bpegiat\b"),
    ("p2m.mou", r"nota kesepahaman|\bMoU\b|memorandum of understanding|perjanjian kerja ?sama|\bPKS\b"),
    ("p2m.mou", r"(?<!be)(?<!ber)\bkerja ?sama\b"),
    ("rehab.rawat_jalan", r"(?:layanan |pelayanan )?(?:rehabilitasi )?rawat jalan|\b(?:di ?rawat|berobat) jalan|rehabilitasi jalan"),
    ("rehab.rawat_inap", r"(?:layanan |pelayanan )?(?:rehabilitasi )?(?:rawat|rawan) inap|\bdi ?rawat inap"),
    ("rehab.pasca", r"(?:layanan |program )?(?:pasca|usai|setelah) ?-?rehab(?:ilitasi)?|rawat lanjut(?: rehabilitasi)?"),
    ("rehab.layanan", r"(?:layanan|pelayanan) rehab(?:ilitasi)?"),
    ("rehab.layanan", r"(?:klien|pasien) rehabilitasi(?!\s+(?:rawat|pasca|berbasis))"),
    ("rehab.layanan", r"\b(?:kami|telah|berhasil|sudah) rehabilitasi\b"),
    ("rehab.layanan", r"\b(?:direhabilitasi|merehabilitasi|menjalani rehabilitasi|mengikuti (?:program |layanan )?rehabilitasi)"),
    ("rehab.layanan", r"\b(?:(?:di|me)rehab(?:ilitas|ilitsi|ilitasikan)?|(?:menjalani|mengikuti|mendapat(?:kan)?|menerima|memperoleh) "
                      r"(?:program |layanan |pelayanan )?rehab(?:ilitas)?)\b"),
    # the bare noun, but not a unit's or a place's name ("seksi rehabilitasi", "balai rehabilitasi")
    ("rehab.layanan", r"(?<!seksi )(?<!sie )(?<!sei )(?<!bidang )(?<!deputi )(?<!balai )(?<!loka )(?<!lembaga )"
                      r"(?<!klinik )(?<!panti )(?<!pusat )(?<!rumah )(?<!tempat )(?<!fasilitas )"
                      r"\b(?:rehab(?:ilitasi|ilitas)?|rebilitasi|rehabiltasi)(?:nya)?\b(?!\s+(?:rawat|pasca|berbasis))"),
    ("rehab.agen_pemulihan", r"agen pemulihan|pe(?:r)?tugas (?:rehabilitasi|intervensi) berbasis masyarakat"),
    ("rehab.unit_ibm", r"(?:unit )?intervensi berbasis masyarakat|\bIBM\b"),
    ("rehab.lembaga_operasional", r"(?:operasional )?lembaga rehab\w*(?: yang (?:ber)?operasional)?"),
    ("rehab.skhpn", r"\bSKHPN\b|surat keterangan (?:hasil )?pemeriksaan narkoba|surat keterangan (?:hasil )?pemeriksaan narkotika|"
                    r"(?:surat )?keterangan bebas narkoba|\bSKBN\b"),
    ("rehab.sil", r"s(?:c|k)?r(?:e|i)e?ning intervensi lapangan|\bSIL\b"),
    ("berantas.asesmen_terpadu", r"(?:tim )?as(?:s)?es(?:s)?men(?:t)? terpadu|\bTAT\b"),
    ("berantas.berkas_perkara", r"berkas perkara"),
    ("berantas.kasus", r"\bperkara (?:narkotika|narkoba|tindak pidana narko(?:tika|ba))"),
    ("berantas.kasus", r"tindak pidana (?:narkotika|narkoba)(?: dan (?:psikotropika|prekursor(?: narkotika)?))?|"
                       r"\bLKN\b|laporan (?:kasus|kejahatan|kejadian) narko(?:ba|tika)(?: \(LKN\))?|\bkasus\b(?! tppu| pencucian)|pengungkapan|mengungkap(?!kan)|mengungkapkan(?=\s+(?:sebanyak\s+|sejumlah\s+)?\d)"),
    ("berantas.jaringan", r"\bjaringan\b|\bsindikat\b"),
    ("berantas.tersangka", r"\b(?:tersangka|tesangka|tersngka)(?:nya)?\b|\btahanan\b|\bditahan\b"),
    ("berantas.pemusnahan", r"pemusnahan(?: barang bukti)?|dimusnahkan|memusnahkan"),
    ("berantas.barang_bukti", r"barang bukti|\bBB\b|disita|menyita|penyitaan|sitaan|diamankan|mengamankan|\btemuan\b|"
                              r"ditemukan|menemukan"),
    ("berantas.aset_tppu", r"\bTPPU\b|pencucian uang|\baset\b"),
    ("umum.ikpa", r"\bIKPA\b|indikator (?:kinerja )?pelaksanaan anggaran"),
    ("umum.realisasi_anggaran", r"(?:realisasi|penyerapan|serapan|penggunaan) anggaran|dari (?:total |seluruh |pagu )?anggaran"),
    ("umum.zona_integritas", r"(?:nilai )?zona integritas|(?:nilai )?\bZI\b"),
    ("umum.nka", r"nilai kinerja anggaran|\bNKA\b"),
]

#: (indicator, regex, context): verbs that name an indicator only when its field is named in the
#: sentence or the two before ("Di bidang rehabilitasi, BNNK melayani 120 pecandu").
CONTEXT_ANCHORS: list[tuple[str, str, re.Pattern]] = [
    ("rehab.layanan", r"\bmelayani\b|\b(?:memberikan|memberi|diberikan) (?:pe)?layanan\b(?! rehab| rawat| pasca)",
     re.compile(r"rehabilitasi|pecandu|penyalah ?guna|\bklien\b", I)),
    ("rehab.rawat_inap", r"\b(?:dirujuk|merujuk|kami rujuk|di ?rujuk)\b",
     re.compile(r"rehab|pecandu|penyalah ?guna|\bklien\b|\bRSJ\b|rumah sakit|\bbalai\b|\bloka\b|panti", I)),
    ("berantas.tersangka", r"\bpelaku\b", re.compile(r"kasus|ungkap|tangkap|diamankan|LKN", I)),
    # "BNNP Jambi menangkap 51 orang yang terlibat peredaran narkotika"
    ("berantas.tersangka", r"\b(?:menangkap|ditangkap|meringkus|diringkus|membekuk|dibekuk)\b",
     re.compile(r"narkob|narkotik|pengedar|bandar|sabu|ganja|ekstasi", I)),
    # "menyasar pelajar dan pekerja sebanyak 2.548 orang" after an outreach activity
    ("p2m.kie_jangkauan", r"\bmenyasar\b|\bdisasar\b", re.compile(r"sosialisasi|penyuluhan|edukasi|informasi|\bKIE\b|P4GN", I)),
    ("umum.realisasi_anggaran", r"\bterserap\b|\bdiserap\b|\bpenyerapan(?:nya)?\b", re.compile(r"\banggaran|\bpagu\b|\bDIPA\b", I)),
    ("p2m.tes_urine", r"\b(?:tes|test|pemeriksaan)\b(?!\s+urin)", re.compile(r"urin|deteksi dini", I)),
    ("p2m.kie_jangkauan", r"\bmenjangkau\b|\bterjangkau\b",
     re.compile(r"sosialisasi|penyuluhan|edukasi|penyebar(?:luas)?an informasi|\bKIE\b", I)),
]

#: Anchors that only name the indicator when this context is nearby.
REQUIRES = {
    "p2m.tes_urine_positif": re.compile(r"urin|\btes\b|\btest\b|\buji\b|deteksi", I),
}

#: Verb anchors: a fact found only through them yields to a named service.
WEAK = re.compile(r"^rehab(?:ilitasi|ilitas)?$|^(?:di|me)rehabilitasi|^melayani|^memberi|^diberikan|^menjalani|^mengikuti|^klien|^pasien|^kami|^telah|^berhasil|^sudah", I)

#: Unit words after a number, to their class.
UNIT_CLASSES: dict[str, tuple[str, ...]] = {
    "orang": ("orang", "otang", "oran", "orng", "klien", "pemakai", "peserta", "individu", "jiwa", "remaja", "pelajar", "siswa",
              "mahasiswa", "audiens", "audience", "penggiat", "pegiat", "pegawai", "personel",
              "karyawan", "pasien", "residen", "warga", "pengguna", "penyalahguna", "pecandu",
              "korban", "anggota", "asn", "agen", "petugas", "penonton", "viewers", "akun",
              "pengunjung", "responden", "santri", "pekerja", "masyarakat", "anak", "pemuda",
              "warganet", "netizen", "pengikut", "followers", "pns", "guru", "mahasiswi", "siswi",
              "pemohon"),
    "tersangka": ("tersangka", "tahanan", "pelaku"),
    "keluarga": ("keluarga", "kk"),
    "desa": ("desa", "kelurahan", "kampung", "desa/kelurahan", "lokasi", "wilayah", "negeri", "gampong", "nagari"),
    "lembaga": ("lembaga", "instansi", "institusi", "klinik"),
    "unit": ("unit", "kelompok"),
    "dokumen": ("dokumen", "naskah", "buah", "mou", "pks"),
    "kegiatan": ("kegiatan", "acara", "giat"),
    "kali": ("kali",),
    "kasus": ("kasus", "lkn", "perkara", "pengungkapan", "laporan"),
    "berkas": ("berkas",),
    "jaringan": ("jaringan", "sindikat"),
    "asesmen": ("asesmen", "assessment", "assesment"),
    "gram": ("gram", "gr", "g", "grm", "garam"),
    "kilogram": ("kilogram", "kg", "kilo"),
    "ons": ("ons",),
    "ton": ("ton",),
    "miligram": ("miligram", "mg"),
    "butir": ("butir", "tablet", "pil", "btr", "butik"),
    "batang": ("batang", "pohon", "btg"),
    "persen": ("persen", "%", "prosen"),
    "lembar": ("lembar", "surat", "pembuatan", "penerbitan"),  # "494 pembuatan SKHPN"
    "layanan": ("layanan",),
    "liquid": ("ml", "mililiter", "liter", "cc", "botol", "linting", "paket", "bungkus", "plastik"),
}
UNIT_OF = {w: cls for cls, words in UNIT_CLASSES.items() for w in words}

#: Grams per unit for masses.
TO_GRAMS = {"gram": 1.0, "kilogram": 1000.0, "ons": 100.0, "ton": 1e6, "miligram": 0.001}

#: Unit classes each indicator unit accepts (bare numbers are judged apart).
ACCEPTS = {
    "orang": {"orang"},
    "keluarga": {"keluarga"},
    "desa": {"desa"},
    "lembaga": {"lembaga"},
    "unit": {"unit"},
    "dokumen": {"dokumen"},
    "kegiatan": {"kegiatan", "kali"},
    "kali": {"kali"},
    "kasus": {"kasus"},
    "berkas": {"berkas"},
    "jaringan": {"jaringan"},
    "gram|butir|batang": {"gram", "kilogram", "ons", "ton", "miligram", "butir", "batang"},
    "persen": {"persen"},
    "rupiah": {"rupiah"},
}
#: Per-indicator extra unit classes beyond their catalog unit.
EXTRA_ACCEPTS = {
    "berantas.tersangka": {"tersangka"},
    "berantas.asesmen_terpadu": {"asesmen", "tersangka", "kali", "layanan"},
    "p2m.tes_urine": {"layanan"},
    "p2m.ikpa": {"persen"},
    "rehab.skhpn": {"lembar", "layanan"},
    "p2m.mou": {"lembaga"},  # "kerja sama dengan 23 instansi": one agreement per partner
    "rehab.unit_ibm": {"lembaga", "desa"},  # "IBM di dua kelurahan", "di 2 lembaga", "3 lokasi"
}

#: A noun unit that names its own indicator: "30 tersangka", "21 berkas".
UNIT_REDIRECT = {
    "tersangka": "berantas.tersangka",
    "berkas": "berantas.berkas_perkara",
    "jaringan": "berantas.jaringan",
}
#: A count of events inside the KIE family is the events indicator.
KIE_EVENTS = {"kegiatan": "p2m.kie_kegiatan", "kali": "p2m.kie_kegiatan"}

#: Breakdown markers: (dimension, value, regex). Strong markers ("di lingkungan
#: swasta") hold until the next marker; weak ones only for the next number.
_LK = r"(?:(?:di ?)?(?:lingkungan|kalangan|sektor|unsur|klaster) )?"
BREAKDOWNS: list[tuple[str, str, str]] = [
    ("lingkungan", "pemerintah", _LK + r"(?:instansi pemerintah(?:an)?|instansi|\bASN\b|\bPNS\b|aparatur sipil negara|pegawai negeri(?: sipil)?|\bOPD\b|pemerintah(?:an)?|\bTNI\b|\bPolri\b)"),
    ("lingkungan", "pendidikan", _LK + r"(?:institusi pendidikan|lembaga pendidikan|pelajar|siswa|mahasiswa|sekolah|kampus|perguruan tinggi|pendidikan)"),
    ("lingkungan", "swasta", _LK + r"(?:swasta|perusahaan|pekerja|karyawan|dunia usaha)"),
    ("lingkungan", "masyarakat", _LK + r"(?<!pemberdayaan )(?<!berbasis )(?<!peran serta )(?<!lapisan )(?<!elemen )(?:masyarakat|warga)"),
    ("narkotika", "ganja_sintetis", r"tembakau (?:gorill?a|sintetis|sintetik|sintesis)|ganja sintetis|ganja sintetik|synthetic cannabinoids?|sintetis cannabinoid|cannabinoid sintetis|sintetik cannabinoid|kanabinoid sintetis|sinte\b"),
    ("narkotika", "sabu", r"(?:sabu(?:-sabu)?|shabu(?:-shabu)?|saabu)(?:\s*/\s*(?:met(?:h)?)?am(?:f|ph)etamin(?:e|a)?)?|met(?:h)?am(?:f|ph)etamin(?:e|a)?|kristal putih"),
    ("narkotika", "ganja", r"ganja|mari(?:j|y)uana|cannabis"),
    ("narkotika", "ekstasi", r"ekstas(?:i|y|u)|ekstacy|extacy|ecstasy|exstasi|extasi|ektasi|ekatasi|eksatasi|esktasi|\bine(?:k)?s\b|\binex\b|\bMDMA\b|\bXTC\b"),
    ("narkotika", "kokain", r"kokain|cocaine"),
    ("narkotika", "heroin", r"heroin|putaw"),
    ("narkotika", "lainnya", r"ketamin(?:e)?|happy five|\bH5\b|\bLSD\b|mephedrone|katinon|cathinone|morfin|kodein|amfetamin|amphetamine|mefedron|psikotropika|alprazolam|riklona|clonazepam|diazepam|dumolid|nitrazepam|\bgol(?:ongan)?\.? iv\b|"
                               r"carisoprodol|karisoprodol|\bPCC\b|somadril|\b2-?c-?b\b|benzodiazepin(?:e|a)?"),
    ("narkotika", "obat_keras", r"obat keras|pil koplo|tramadol|trihexyphenidyl|hexymer|heximer|excimer|dextromethorphan|dekstrometorfan|\bdextro\b|yarindo|carnophen|\bzenith\b"),
    ("jenis_kelamin", "laki_laki", r"laki-\s?laki|laki laki|\bpria\b|lelaki"),
    ("jenis_kelamin", "perempuan", r"perempuan|wanita"),
]
_STRONG_PREFIX = re.compile(r"^(?:di ?)?(?:lingkungan|kalangan|sektor|unsur|klaster) |^(?:instansi pemerintah|institusi pendidikan|lembaga pendidikan)", I)


def is_strong_marker(text: str, dim: str) -> bool:
    """Lingkungan markers hold for a clause only when written as "lingkungan X"."""
    return dim != "lingkungan" or bool(_STRONG_PREFIX.match(text))


#: Words that may stand between a marker or anchor and its number.
FILLER = re.compile(
    r"^(?:[\s:=,\-–(]|\([A-Z]{1,6}\)|\b(?:sebanyak|sebesar|sejumlah|berjumlah|mencapai|yaitu|yakni|ada|adalah|"
    r"total|jumlah|dengan|angka|nilai|nilainya|seberat|senilai|hanya|capaian|realisasi|hasil|umum|"
    r"terealisasi|tercatat|yang|juga|di|kurang|lebih|dari|sekitar|hampir|kurang lebih|"
    r"jenis|berupa|narkotika|narkoba|total)\b)*$", I)

#: "target" (and its typos) followed by words that may stand before the number.
TARGET_BEFORE = re.compile(
    r"\b(?:t[ae]rget\w*|ditarget(?:kan)?|menargetkan|kuota|dipatok)(?:\s+(?:awal|capaian|kinerja|pk|tahun|ini|dari|pusat|yang|"
    r"ditetapkan|ditentukan|telah|sebesar|sebanyak|sejumlah|yakni|yaitu|adalah|hanya|juga|"
    r"nasional|semula|hanya|sebelumnya|tahunan|\d{4})|\s*[:=])*\s*$", I)
#: "42 dari target 30": the number before is the realisation.
VALUE_BEFORE_TARGET = re.compile(r"[\s,]*(?:\w+[\s,]+){0,2}?(?:dari|atas|melebihi|melampaui)\s+(?:total\s+)?t[ae]rget", I)

#: Words that introduce a count: a bare number after them is a quantity.
COUNT_INTRO = re.compile(r"\b(?:sebanyak|berjumlah|sejumlah|mencapai|total|sebesar|yakni|yaitu)\s*:?\s*$", I)

#: "tidak ada" / "nihil" said of an indicator: zero.
ZERO_WORDS = re.compile(r"\b(?:tidak ada (?:satu|seorang) ?pun|tidak ada|nihil|belum ada)\b", I)

#: Other agencies: their numbers are not the office's.
OTHER_AGENCY = re.compile(
    r"\b(?:polres\w*|polda|polsek|polri|(?<!jenderal )(?<!jendral )(?<!besar )(?<!komisaris )(?<!brigadir )(?<!inspektur )(?<!ajun )polisi|kepolisian|sat(?:res)? ?narkoba|satresnarkoba|"
    r"ditres ?narkoba|ditresnarkoba|bea (?:dan )?cukai|kejaksaan|kejari|kejati|imigrasi|"
    r"aparat penegak hukum|\bAPH|bareskrim|tni)\b", I)

#: Words that mark a number as something other than a performance figure.
NOT_FIGURE_AFTER = re.compile(
    r"\s*(?:tahun\b|thn\b|bulan\b|hari\b|jam\b|wib\b|wita\b|wit\b|januari|februari|maret|april|mei\b|"
    r"juni|juli|agustus|september|oktober|november|desember|poin\b|point\b|sekolah\b|masjid\b|"
    r"titik\b|kecamatan\b|km\b|meter\b|m2\b|hektare?\b|ha\b|tps\b|rt\b|rw\b)", I)
#: Clauses about destroying seized goods (not seizures).
DESTRUCTION = re.compile(r"pemusnahan|dimusnahkan|memusnahkan|musnahkan", I)
#: Clauses naming a future plan: no realisation in them.
FUTURE = re.compile(r"\b(?:akan|rencana|direncanakan|ke depan)\b", I)

#: Phrases that call for the previous clause's topic ("sebanyak 50.739 diantaranya:").
LIST_INTRO = re.compile(r"(?:di ?antaranya|antara lain|rinciannya|terdiri (?:dari|atas)|yakni|yaitu|sebagai berikut)\s*:?\s*$|:\s*$", I)

#: Units that say the audience was reached online.
DIGITAL_UNITS = frozenset({"warganet", "netizen", "pengikut", "followers", "viewers", "penonton", "akun"})

#: "target ... N": words that end a target's reach (the realisation follows).
REALISATION = re.compile(
    r"\b(?:capaian|realisasi|terealisasi|berhasil|tercapai|terlaksana|(?:telah|sudah|dapat|bisa) mencapai|dengan|"
    r"sedangkan|namun|tetapi|tapi|sementara|dan)\b|[;.]", I)  # "target ... hanya mencapai 15" is the target's amount
TARGET_WORD = re.compile(r"\b(?:t[ae]rget\w*|ditarget(?:kan)?|menargetkan|kuota|dipatok)\b", I)

#: A single case inside a yearly report: its figures are not the year's.
SINGLE_CASE = re.compile(
    r"\b(?:(?<!\d )(?<!-)(?<!dua )(?<!tiga )(?<!empat )(?<!lima )(?<!enam )(?<!tujuh )(?<!delapan )(?<!sembilan )(?<!puluh )(?<!belas )(?<!ratus )(?<!seluruh )(?<!semua )kasus (?:tersebut|ini|itu|terbesar|menonjol)|modus (?:tersebut|ini|itu)|salah (?:satu|seorang) (?:kasus|tersangka|pelaku|kurir|bandar|pengedar|pengungkapan|penangkapan|penindakan|operasi)|(?:pengungkapan|kasus|penangkapan) (?:paling |yang paling )?(?:menonjol|terbesar)|"
    r"(?:dalam|pada|melalui) (?:satu|sebuah|suatu|sekali) (?:kasus|penggerebekan|penangkapan|penindakan|operasi|razia|pengungkapan)|"
    r"seorang (?:kurir|tersangka|pelaku|pengedar)|menangkap seorang|(?:ditangkap|diamankan|dibekuk|diringkus|digerebek) di (?:jalan|jl|jln|gang|rumah|kos|kamar|hotel|penginapan|dusun)|(?:dalam|pada) (?:pengungkapan|penangkapan|penggerebekan|penindakan|operasi) (?:itu|tersebut|ini)|penangkapan (?:seorang|kurir)|berinisial|inisial|operasi gabungan|dari (?:satu|sebuah|seorang))\b", I)

#: A count of two or more cases: what "kasus tersebut" may point back to ("mengungkap 19 kasus. Kasus itu ...").
SEVERAL_CASES = re.compile(r"\b(?:[2-9]|\d{2,}|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|"
                           r"\w+ belas|\w+ puluh|belasan|puluhan|ratusan)\s+(?:\w+\s+){0,2}?(?:kasus|lkn|perkara)\b", I)

#: A figure for the whole country inside a regional release.
NATIONAL = re.compile(r"\b(?:secara nasional|tingkat nasional|se-?indonesia|seluruh indonesia)\b", I)

#: People counted who are staff, not clients: "6 orang konselor".
STAFF_AFTER = re.compile(
    r"\s*(?:orang\s+)?(?:konselor|dokter|staf|staff|pegawai bnn|personel|tenaga|perawat|psikolog|"
    r"wartawan|jurnalis|relawan|kader|narasumber|pemateri|fasilitator)\b"
    r"(?!\s+(?:atau|alias|sebagai|yakni|yaitu)\s+(?:\w+\s+)?(?:penggiat|pegiat))", I)  # "relawan atau penggiat": penggiat

#: Words between a unit and a breakdown marker that follows it: "7 orang dari kalangan swasta".
POST_MARKER_GAP = re.compile(r"\s*(?:(?:dari|di|asal|berasal dari|di ?antaranya|yang merupakan|merupakan|pegawai|anggota|aparatur|"
                             r"yang|semuanya|seluruhnya|adalah|ialah)\s+)*", I)  # "23 tersangka adalah pria"
#: A year said right after a number: "48 orang tahun lalu", "71,20 pada tahun lalu".
YEAR_AFTER = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:pada |di |selama |sepanjang )?(?:tahun )?\(?"
    r"(?:((?:19|20)\d{2})\b|tahun (?:lalu|sebelumnya|kemarin)\b)", I)  # "48.900 orang (2022)" too

#: A flattened table's header: which column is the target and which the realisation.
#: Only separators, a unit in brackets or "dan" stand between the two column names: "Realisasi
#: pemberantasan melampaui target" is prose, not a header.
_COLUMN_GAP = r"[\s|/\-:;,\t]*(?:\([^)\d\n]{0,20}\)[\s|/\-:;,\t]*)?(?:dan\s+|&\s*)?"
TABLE_HEADER = re.compile(r"\bt[ae]rget\b" + _COLUMN_GAP + r"(?:realisasi|capaian)\b|"
                          r"\b(?:realisasi|capaian)\b" + _COLUMN_GAP + r"t[ae]rget\b", I)
