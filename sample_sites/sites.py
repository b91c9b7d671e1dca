"""The six sample sites: names, URL schemes, and the furniture around their articles.

Everything here is invented for the demo: names, addresses, phone numbers and the
sidebar headlines (which carry numbers on purpose, so that an extractor reading
the whole page instead of the article text gets caught out).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import urls


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    tagline: str
    kind: str                      # news | bnn_portal (the registry's source kind)
    scheme: urls.Scheme
    disallow: str                  # the section (slug) robots.txt forbids; its articles live under /<slug>/
    nav: tuple[str, ...]           # section names always in the menu
    headlines: tuple[str, ...]     # "Terpopuler" items that are not sample articles
    address: str
    phone: str
    email: str
    feed_path: str = "/feed/"
    sitemap_index: bool = False    # sitemap.xml is an index of posts + Google News sitemaps
    broken_link: str = ""          # a listing links here, and it answers 404
    wordpress: bool = True         # robots.txt carries the usual /wp-admin/ lines
    extra: dict = field(default_factory=dict)

    @property
    def theme(self) -> str:
        return self.id

    @property
    def disallow_path(self) -> str:
        return f"/{self.disallow}/"


SITES: tuple[Site, ...] = (
    Site(
        id="kabar-sumatera", name="Kabar Sumatera", tagline="Harian Pagi Terbitan Medan",
        kind="news", scheme=urls.DatePermalink(), disallow="arsip-internal",
        nav=("Medan", "Sumut", "Hukum", "Ekonomi", "Olahraga"),
        headlines=(
            "Polres Belawan Amankan 3 Kg Sabu dari Kapal Nelayan",
            "Harga Cabai Merah di Pasar Sukaramai Tembus Rp 85 Ribu per Kg",
            "PSMS Tekuk Tamu 2-1, Naik ke Peringkat 4 Klasemen",
            "Banjir Rendam 1.200 Rumah di Medan Maimun",
            "Dua Pengedar Ganja 40 Kg Dibekuk di Tol Kualanamu",
        ),
        address="Jl. Gatot Subroto No. 214, Medan 20122", phone="(061) 555-0142",
        email="redaksi@kabarsumatera.example", sitemap_index=True,
        broken_link="/2024/12/31/berita-ini-sudah-dihapus/",
    ),
    Site(
        id="warta-nusantara", name="WartaNusantara.id", tagline="Berita Nasional dan Daerah Terkini",
        kind="news", scheme=urls.ReadId(), disallow="internal",
        nav=("Nasional", "Sumatera", "Jawa", "Kalimantan", "Sulawesi", "Sport"),
        headlines=(
            "Kurs Rupiah Melemah 0,4 Persen ke Level Rp 16.210 per Dolar AS",
            "Bea Cukai Gagalkan Penyelundupan 12 Kg Sabu di Pelabuhan",
            "Timnas U-23 Menang 3-0, Lolos ke Semifinal",
            "Arus Mudik Libur Natal: 2,4 Juta Kendaraan Tinggalkan Jakarta",
            "Gempa M 5,2 Guncang Selatan Jawa, Tidak Berpotensi Tsunami",
        ),
        address="Gedung Warta Lt. 7, Jl. Kebon Sirih Raya No. 88, Jakarta Pusat 10340",
        phone="(021) 555-0188", email="redaksi@wartanusantara.example",
        feed_path="/rss", sitemap_index=True, wordpress=False,
    ),
    Site(
        id="suara-borneo", name="Suara Borneo", tagline="Suara Rakyat Kalimantan",
        kind="news", scheme=urls.HtmlSuffix(), disallow="arsip",
        nav=("Kaltim", "Kalbar", "Kalsel", "Hukum", "Olahraga"),
        headlines=(
            "Satpolairud Sita 5 Kg Sabu di Perairan Nunukan",
            "Harga Karet Naik Jadi Rp 12.500 per Kg, Petani Lega",
            "Kebakaran Lahan 30 Hektare di Kubu Raya Berhasil Dipadamkan",
            "Borneo FC Bungkam Tamu 2-0 di Segiri",
        ),
        address="Jl. Jenderal Sudirman No. 17, Samarinda 75121", phone="(0541) 555-0107",
        email="redaksi@suaraborneo.example", feed_path="/rss", wordpress=False,
    ),
    Site(
        id="harian-timur", name="Harian Timur", tagline="Dari Timur untuk Indonesia",
        kind="news", scheme=urls.SectionSlugId(), disallow="arsip-internal",
        nav=("Daerah", "Makassar", "Hukum", "Politik", "Olahraga"),
        headlines=(
            "Tim Gabungan Tangkap 4 Kurir Sabu di Pelabuhan Soekarno-Hatta",
            "PSM Makassar Bawa Pulang 1 Poin dari Laga Tandang",
            "Inflasi Sulsel November Tercatat 2,1 Persen",
            "Jalan Poros Maros Ambles Sepanjang 15 Meter",
        ),
        address="Jl. Urip Sumoharjo Km 4 No. 9, Makassar 90231", phone="(0411) 555-0175",
        email="redaksi@hariantimur.example", wordpress=False,
        broken_link="/daerah/berita-lama-yang-sudah-ditarik-100001",
    ),
    Site(
        id="pojok-jabar", name="Pojok Jabar", tagline="Kabar Jawa Barat Setiap Saat",
        kind="news", scheme=urls.PlainWordPress(), disallow="draf",
        nav=("Bandung", "Jabar", "Hukum", "Gaya Hidup", "Olahraga"),
        headlines=(
            "Polrestabes Bandung Ungkap 7 Kasus Narkoba dalam Sepekan",
            "Persib Menang 2-1, Bobotoh Padati GBLA",
            "UMK Kota Bandung 2025 Naik 6,5 Persen",
            "Longsor di Cianjur, 2 Rumah Rusak Berat",
        ),
        address="Jl. Asia Afrika No. 133, Bandung 40112", phone="(022) 555-0163",
        email="redaksi@pojokjabar.example",
    ),
    Site(
        id="portal-bnnp-sumut", name="BNNP Sumatera Utara",
        tagline="Badan Narkotika Nasional Provinsi Sumatera Utara",
        kind="bnn_portal", scheme=urls.GovernmentPortal(), disallow="arsip-internal",
        nav=("Berita", "Artikel", "Pengumuman"),
        headlines=(
            "Layanan Rehabilitasi Gratis: Hubungi 0812-5550-1844",
            "Tes Urine Mandiri untuk 150 Pegawai Instansi Pemerintah",
            "Sosialisasi P4GN di 12 Sekolah Menengah se-Kota Medan",
        ),
        address="Jl. Contoh Raya No. 1, Medan 20371 (alamat fiktif untuk demo)",
        phone="(061) 555-0100", email="humas@sumut.bnn.example",
        extra={"pages": (
            ("/profil/", "Profil", "BNNP Sumatera Utara adalah instansi vertikal Badan Narkotika "
             "Nasional di Provinsi Sumatera Utara yang melaksanakan tugas pencegahan, pemberdayaan "
             "masyarakat, rehabilitasi, serta pemberantasan penyalahgunaan dan peredaran gelap narkotika."),
            ("/layanan/", "Layanan", "Layanan kami: rehabilitasi rawat jalan dan rawat inap, surat "
             "keterangan hasil pemeriksaan narkotika (SKHPN), tes urine, dan konseling. Semua layanan "
             "rehabilitasi tidak dipungut biaya."),
            ("/ppid/", "PPID", "Pejabat Pengelola Informasi dan Dokumentasi melayani permohonan "
             "informasi publik pada hari kerja pukul 08.00-16.00 WIB."),
        )},
    ),
)

#: Not one of the demo's six: the plain local news site on which `warehouse.pathscore` serves an
#: annotated set of real article texts. No headlines of its own and no reader comments, so
#: every number on its pages comes from the set.
LOCAL_NEWS = Site(
    id="kabar-lokal", name="Kabar Lokal", tagline="Berita Daerah Setiap Hari",
    kind="news", scheme=urls.DatedOrPlain(), disallow="arsip-internal", nav=("Berita",), headlines=(),
    address="Jl. Merdeka, Kota Contoh (alamat fiktif)", phone="-", email="redaksi@kabarlokal.example",
)

SITES_BY_ID = {s.id: s for s in (*SITES, LOCAL_NEWS)}

#: words that turn into tag links when an article mentions them
TAG_WORDS = (
    "BNN", "BNNP", "BNNK", "Narkoba", "Narkotika", "Sabu", "Ganja", "Rehabilitasi",
    "P4GN", "Pemberantasan", "Pencegahan", "Kinerja", "Sepak Bola", "Polres",
)

#: reader comments, picked per article; numbers in them are deliberate
COMMENTS = (
    ("Rudi Hartono", "Mantap, semoga tahun depan bisa 2 kali lipat. Di kampung kami masih ada 3 lapak yang dicurigai."),
    ("Sri Wahyuni", "Anak tetangga saya sudah 6 bulan ikut rawat jalan dan sekarang kerja lagi. Terima kasih."),
    ("butet_medan", "Kok angkanya beda dengan berita minggu lalu yang bilang 15 orang? Mohon dicek, min."),
    ("Agus S.", "Nomor pengaduan 0812-5550-9911 itu masih aktif tidak ya? Sudah saya telepon 4 kali."),
    ("Dewi Lestari", "Salut untuk petugas. Semoga 2025 makin banyak desa bersinar, minimal 10 desa per kabupaten."),
    ("Yohanes", "Harusnya bandarnya yang dikejar, bukan cuma pemakai. Sudah 20 tahun begini terus."),
)
