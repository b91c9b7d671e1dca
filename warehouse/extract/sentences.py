"""Sentences: the text cut into sentences, and the tokens of one sentence.

`split_sentences(text)` gives (start, end) spans: newlines, bullets and sentence-final
marks split, abbreviations and list numbers do not. `Sentence` holds one span's
anchors, markers and (read on first need) quantities, plus the bindings made in it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property
from typing import Optional
from ..offices import Mention
from ..phrasebook import on_lower
from .anchors import fast, find_anchors, find_markers
from .quantities import find_quantities, LIST_NUMBER, Qty

#: Same-length replacements, so offsets into the caller's text stay valid.
_SPACES = (("\u00c2\u00a0", "  "), ("\u00a0", " "), ("\u2009", " "), ("\u202f", " "), ("\u2007", " "), ("\t", " "))


def normalise(text: str) -> str:
    for old, new in _SPACES:
        if old in text:
            text = text.replace(old, new)
    return text


_BOUNDARY = re.compile(r"\n|[.!?]+[\"”’)]*(?=\s)|[•●▪]|\s[-–]\s(?=[A-Z])")


_ABBREV = frozenset("sh mh m h s dr prof kab no jl dll dsb rp ir drs hj kol pol st skm sik si se "
                    "kec kel ds tn ny sdr pt cv ra mr bp bpk ibu a b c d e f g i j k l n o p q r t u v w x y z "
                    "adm prov kompol akbp kombes brigjen irjen komjen".split())


_LAST_WORD = re.compile(r"(\w+)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: newlines, bullets and sentence-final marks split."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        tok = m.group(0)
        if tok == "\n" and _wrapped(text, m.start()):
            continue
        if tok[0] in ".!?":
            word = _LAST_WORD.search(text, max(0, m.start() - 12), m.start())
            if word and word.group(1).lower() in _ABBREV:
                continue
            if m.start() > 0 and text[m.start() - 1].isdigit():
                if LIST_NUMBER.search(text[max(0, m.start() - 6):m.start()]):
                    continue  # "1. ": a list number
                if text[m.end():m.end() + 3].strip()[:1].isdigit():
                    continue
        end = m.end() if tok[0] in ".!?" else m.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end() if tok[0] not in ".!?" else m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return [_trim(text, a, b) for s, e in spans for a, b in _chunks(text, s, e)]


_MAX_SENTENCE = 1500


def _chunks(text: str, s: int, e: int):
    """A run-on "sentence" (a table dump) is cut at spaces, keeping the work per sentence bounded."""
    while e - s > _MAX_SENTENCE:
        cut = text.rfind(" ", s + _MAX_SENTENCE // 2, s + _MAX_SENTENCE)
        cut = cut if cut > s else s + _MAX_SENTENCE
        yield s, cut
        s = cut
    yield s, e


_NEXT_LINE = re.compile(r"[ \t]*(?:(\d{1,2}[.)]?\s+[A-Z]|[a-z]\.\s|[-•●▪*])|[a-z0-9(])")


def _wrapped(text: str, i: int) -> bool:
    """A line break inside a sentence: the line does not end a sentence and the next goes on."""
    prev = text[i - 1:i]
    if not prev or prev in ".!?:;\"”" or prev == "\n":
        return False
    m = _NEXT_LINE.match(text, i + 1)
    return bool(m) and m.group(1) is None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \n\r\"“”'‘’*:-–":
        s += 1
    while e > s and text[e - 1] in " \n\r":
        e -= 1
    return s, e


_YEAR_EXPR = on_lower(re.compile(
    r"(?<![/\d])((?:19|20)\d{2})(?![/\d])|\btahun (?:lalu|sebelumnya|kemarin|ini|depan|mendatang)\b"
    r"|(?<!hingga )(?<!sampai )(?<!hingga )(?<!s\.d\. )\b(?:saat ini|sekarang|kini)\b"))  # "tahun lalu enam kasus, saat ini empat": back to the report year


class Sentence:
    """One sentence's tokens and the bindings made in it."""

    def __init__(self, text, low, s, e, context, inherited, anchor_hits, marker_hits):
        self.text, self.s, self.e = text, s, e
        self.context = context  # (start, end) of the two sentences before
        self.anchors = find_anchors(text, anchor_hits, s, e, context)
        self.markers = find_markers(text, marker_hits, self.anchors)
        self.low = low
        self.mentions: list[Mention] = []
        self.inherited = inherited
        self.groups: dict[int, list[str]] = {}
        self.claimed_years: set[int] = set()
        self.lalu_is_report = False
        self.year: Optional[int] = None  # the report's year
        self.agencies: Optional[list[re.Match]] = None  # other agencies named, found on first need
        self.national: Optional[re.Match] = None
        self._found: dict[int, bool] = {}
        self._years: Optional[list[re.Match]] = None
        self.notes: dict[int, str] = {}  # number position -> why it gave no fact
        self.carried = None  # the previous sentence's last (quantity, anchor, code), for echoes
        self.pending: list = []  # (quantity, anchor, code) bound in this sentence
        self.after_foreign = False  # the sentence before gave another agency's figures
        self.frame: Optional[int] = None  # an earlier year the sentence is about ("Sedangkan tahun 2020 ...")

    @cached_property
    def qtys(self) -> list[Qty]:
        """The sentence's quantities, read on first need (most sentences name no indicator)."""
        return find_quantities(self.text, self.low, self.s, self.e, self.notes)

    def has(self, rx: re.Pattern) -> bool:
        """Whether rx occurs in the sentence (asked once per sentence and pattern)."""
        k = id(rx)
        if k not in self._found:
            self._found[k] = fast(rx).search(self.low, self.s, self.e) is not None
        return self._found[k]

    def years(self) -> list[re.Match]:
        """Year expressions of the sentence ("2022", "tahun lalu"), found once."""
        if self._years is None:
            self._years = list(_YEAR_EXPR.finditer(self.low, self.s, self.e))
        return self._years


CLAUSE_BREAK = re.compile(r"[,;]")


def within(hits, starts, s, e):
    return [h for h in hits[bisect_left(starts, s):bisect_left(starts, e)] if h[1] <= e]


LIST_GAP = re.compile(r"\s*(?:,\s*(?:dan|serta)?|dan|serta)\s*", re.I)
