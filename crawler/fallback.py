"""When a source's ``articles:`` pattern is wrong: find its articles by content instead of by URL.

A wrong pattern would otherwise give zero articles and no error. So, while a crawl
reads feeds and sitemaps, ``PatternFallback`` (mixed into every spider) notes the
items the pattern refused that carry BNN words in their title or slug and pass the
other checks (date window, title keywords, not yet fetched). When the spider runs
out of work, for each source whose pattern matched none of its feed and sitemap
items, it fetches a few of them (``CAPAIAN_PROBE_MAX``, default 5, newest first),
keeps as articles the pages that are news articles by content
(crawler/detect.py: og:type, JSON-LD, or trafilatura's title and date), and
drops the rest unarchived.

Per-source stats (shown in the run summary, which then says the pattern needs
fixing): ``capaian/source/<name>/{pattern_unmatched, probe_fetched, probe_kept,
pattern_examples}``; totals ``capaian/probe/{kept,not_article}``.
"""
from __future__ import annotations

from datetime import date

from scrapy.http import TextResponse

from crawler.detect import has_bnn_words, news_article_evidence
from crawler.items import Candidate
from crawler.pipelines import source_key

_LISTED = ("feed", "sitemap")
_POOL_MAX = 200      # items remembered per source; only the newest few are fetched
_EXAMPLES = 5


class PatternFallback:
    """Mixin for SourceSpider: probe BNN-looking items when the pattern matches nothing listed."""

    def note_listed(self, candidate: Candidate, source, reason: str | None) -> None:
        """Remember what a feed or sitemap item says about the source's pattern."""
        if candidate.via not in _LISTED or reason == "scheme":
            return
        book = self._fallback_book()
        if reason != "pattern":
            book["matched"].add(source.name)
            book["pool"].pop(source.name, None)
            return
        if source.name in book["matched"] or not has_bnn_words(candidate.title, candidate.url):
            return
        pool = book["pool"].setdefault(source.name, {})
        if len(pool) < _POOL_MAX and self.filter_reason(candidate, source) is None:
            pool[candidate.url] = candidate

    def start_probes(self) -> int:
        """Schedule the probe requests of sources whose pattern matched nothing; how many."""
        book = self._fallback_book()
        limit = self.crawler.settings.getint("CAPAIAN_PROBE_MAX", 5)
        scheduled = 0
        for name, pool in list(book["pool"].items()):
            if name in book["matched"] or name in book["probed"] or limit <= 0:
                continue
            book["probed"].add(name)
            self.crawler.stats.set_value(source_key(name, "pattern_unmatched"), len(pool))
            newest = sorted(pool.values(), key=lambda c: c.published or date.min, reverse=True)
            for candidate in newest[:limit]:
                self.crawler.engine.crawl(self.request(
                    candidate.url, self.sources[name], "article", callback=self.parse_probe,
                    capaian_title=candidate.title, capaian_probe=True))
                scheduled += 1
        return scheduled

    def parse_probe(self, response):
        """Keep a probed page as an article when its content says it is one."""
        name = response.meta["capaian_source"]
        stats = self.crawler.stats
        stats.inc_value(source_key(name, "probe_fetched"))
        html = response.text if isinstance(response, TextResponse) else ""
        evidence = news_article_evidence(html, response.url) if html else None
        if evidence is None:
            stats.inc_value("capaian/probe/not_article")
            return
        stats.inc_value("capaian/probe/kept")
        stats.inc_value(source_key(name, "probe_kept"))
        examples = stats.get_value(source_key(name, "pattern_examples")) or []
        if len(examples) < _EXAMPLES:
            stats.set_value(source_key(name, "pattern_examples"), [*examples, response.url])
        self.logger.warning("%s: articles: pattern missed %s (a news article by %s)",
                            name, response.url, evidence)
        yield self.page(response, "article")

    def _fallback_book(self) -> dict:
        """The fallback's bookkeeping; in the spider's state when a JOBDIR persists it."""
        state = getattr(self, "state", None)
        holder = state if isinstance(state, dict) else self.__dict__.setdefault("_fallback", {})
        return holder.setdefault("pattern_fallback", {"matched": set(), "pool": {}, "probed": set()})
