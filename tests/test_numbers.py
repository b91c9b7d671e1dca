"""Reading numbers as Indonesian news writes them (warehouse.numbers)."""
import math

import pytest

from warehouse.numbers import is_garbled, parse_number, words_to_number


@pytest.mark.parametrize("token, value", [
    ("1.711", 1711),
    ("3,16", 3.16),
    ("2.373,05", 2373.05),
    ("1.780.272,364", 1780272.364),
    ("50.739", 50739),
    ("16,108,290,000", 16108290000),
    ("12,475.775", 12475.775),  # a comma group then a dot: English style
    ("3,120,000,000", 3120000000),
    ("0", 0),
    ("12", 12),
    ("99,85", 99.85),
    ("1.\n711", 1711),
    ("2.373,\n05", 2373.05),
])
def test_parse_number_indonesian_and_english_separators(token, value):
    assert math.isclose(parse_number(token), value)


@pytest.mark.parametrize("token", ["37,746,38", "1,2,3", "12.34.5"])
def test_garbled_numbers_read_as_none(token):
    assert parse_number(token) is None
    assert is_garbled(token)


@pytest.mark.parametrize("token, max_value, value", [
    ("80,179", 100, 80.179),   # DEKTARA: the decimal comma reading is the only one
    ("80.179", 100, 80.179),   # a dot read as thousands would leave the index range
    ("3.88", 4, 3.88),         # dot as decimal mark in a small index
    ("1.711", None, 1711),     # no range: thousands
])
def test_indicator_range_settles_ambiguous_writing(token, max_value, value):
    assert math.isclose(parse_number(token, max_value=max_value), value)


@pytest.mark.parametrize("words, value", [
    ("tujuh", 7),
    ("dua", 2),
    ("sepuluh", 10),
    ("sebelas", 11),
    ("dua belas", 12),
    ("lima belas", 15),
    ("dua puluh tiga", 23),
    ("seratus", 100),
    ("seratus dua puluh lima", 125),
    ("tiga ratus", 300),
    ("seribu", 1000),
    ("dua ribu lima ratus", 2500),
    ("Empat", 4),
])
def test_number_words(words, value):
    assert words_to_number(words) == value


def test_unknown_words_are_not_numbers():
    assert words_to_number("banyak sekali") is None
