"""The bundled sample news sites that `make demo` and the end-to-end tests crawl.

Six small sites (five news sites and one BNN provincial portal) rendered on the
fly from the article YAML files in `sample_sites/articles/`:

    from sample_sites.server import SampleSites
    with SampleSites() as sites:
        sites.base_urls          # {"kabar-sumatera": "http://127.0.1.1:41234", ...}
"""
