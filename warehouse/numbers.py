"""Read numbers the way Indonesian news writes them.

    >>> parse_number("2.373,05")
    2373.05
    >>> parse_number("16,108,290,000")
    16108290000.0
    >>> words_to_number("dua belas")
    12

`.` groups thousands and `,` marks decimals; English-style separators
(several commas in groups of three) are read as thousands. A token that fits
neither reading (`37,746,38`) is garbled and reads as None, never as a guess.
"""
from __future__ import annotations

import re
from typing import Optional

#: A digit token, possibly with separators, a stray space after a comma, or a
#: line break after a separator (text wrapped inside a number).
NUMBER = re.compile(r"\d+(?:[.,](?:[ \t]*\r?\n[ \t]*)?\d+)*")

_INDO = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
#: "16,108,290,000" and "12,475.775" (a comma group, then a dot before decimals: never Indonesian).
_ENGLISH = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3}(?:,\d{3})+\.\d+")
_DOT_DECIMAL = re.compile(r"\d+\.\d{1,2}|\d+\.\d{4,}")
_THOUSANDS_THEN_DOT = re.compile(r"\d{1,3}(?:\.\d{3})+\.\d{1,2}")

#: Scale words after a number: "Rp259 juta", "12,2 juta", "1,5 miliar"; "50 ribuan butir" is
#: the round figure the report gives, so it reads as 50 ribu.
SCALES = {"ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9,
          "triliun": 1e12, "trilyun": 1e12, "ribuan": 1e3, "jutaan": 1e6}

_UNITS = {"nol": 0, "satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
          "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9}
_TEENS = {"sepuluh": 10, "sebelas": 11}
_WORD_SCALES = {"puluh": 10, "ratus": 100}
_BIG = {"ribu": 1000, "juta": 1_000_000}

#: A run of Indonesian number words: "dua belas", "seratus dua puluh lima".
NUMBER_WORDS = re.compile(
    r"\b(?:(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|"
    r"seratus|seribu|sejuta)"
    r"(?:[ \t]+(?:belas|puluh|ratus|ribu|juta|satu|dua|tiga|empat|lima|enam|tujuh|delapan|"
    r"sembilan|sebelas|sepuluh)\b){0,6})\b",
    re.IGNORECASE,
)


def _clean(token: str) -> str:
    if "\n" not in token:
        return token
    return re.sub(r"[.,][ \t]*\r?\n[ \t]*", lambda m: m.group(0)[0], token)


def parse_number(token: str, max_value: Optional[float] = None) -> Optional[float]:
    """Value of a digit token, or None when it cannot be read with confidence.

    `max_value` (an indicator's range) settles `80,179`: a value above the range
    read as thousands is re-read with the comma as decimal mark, which is the
    Indonesian reading anyway; and `3.88` (dot decimal) is accepted for a small range.
    """
    t = _clean(token.strip())
    if _INDO.fullmatch(t):
        value = float(t.replace(".", "").replace(",", "."))
        if max_value is not None and value > max_value and re.fullmatch(r"\d+\.\d{3}", t):
            return float(t)  # "80.179" in an index of at most 100
        return value
    if _ENGLISH.fullmatch(t):
        return float(t.replace(",", ""))
    if _THOUSANDS_THEN_DOT.fullmatch(t):  # "1.079.18 gram": thousands, then a dot before the decimals
        head, _, tail = t.rpartition(".")
        return float(head.replace(".", "") + "." + tail)
    if max_value is not None and _DOT_DECIMAL.fullmatch(t):
        # "3.88" in an index of at most 4: a dot used as decimal mark.
        v = float(t)
        if v <= max_value:
            return v
    return None


def is_garbled(token: str) -> bool:
    """True for digit tokens that no reading explains (`37,746,38`)."""
    return parse_number(token) is None and parse_number(token, max_value=float("inf")) is None


def words_to_number(text: str) -> Optional[int]:
    """Value of Indonesian number words: `tujuh` 7, `dua belas` 12, `seratus lima` 105."""
    words = text.lower().split()
    total, current, last = 0, 0, 0
    for w in words:
        if w in _UNITS:
            last = _UNITS[w]
            current += last
        elif w in _TEENS:
            current, last = current + _TEENS[w], 0
        elif w == "belas":
            current, last = current + 10, 0
        elif w in _WORD_SCALES:
            step = _WORD_SCALES[w]
            current, last = current - last + (last or 1) * step, 0
        elif w == "seratus":
            current, last = current + 100, 0
        elif w == "seribu":
            total, last = total + 1000, 0
        elif w == "sejuta":
            total, last = total + 1_000_000, 0
        elif w in _BIG:
            total, current, last = total + (current or 1) * _BIG[w], 0, 0
        else:
            return None
    return total + current


def scale_of(word: str) -> float:
    """Multiplier of a scale word (`juta` → 1e6), 1 for anything else."""
    return SCALES.get(word.lower(), 1.0)
