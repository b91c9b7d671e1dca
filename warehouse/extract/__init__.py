"""Facts of a BNN performance release: office, year, indicator, breakdown, value, target.

    >>> res = extract_document("BNNK Belitung ... sepanjang tahun 2021 ... asesmen terpadu 6 dari target 3 orang.")
    >>> [(f.indicator, f.value, f.target) for f in res.facts]
    [('berantas.asesmen_terpadu', 6.0, 3.0)]

The stages, one module each, in the order a text goes through them:

- `sentences`: the text cut into sentences, and the tokens of one sentence;
- `anchors`: indicator phrasings (anchors) and breakdown markers, from `warehouse.patterns`;
- `quantities`: numbers with their units (what each number counts);
- `breakdowns`: which breakdown marker governs a number;
- `targets`: which numbers are targets, and whose;
- `binding`: each quantity tied to the anchor that governs it;
- `attribution`: the releasing office and year, and the office and year of one number;
- `resolve`: one indicator stated several times: each mention's role;
- `checks`: range and part-above-total checks;
- `document`: the whole document, from text to `Extraction`.

The core is pure: text in, facts out. Precision first: when unsure, no fact.
"""
from .document import EXTRACTOR_VERSION, extract_document
from .model import Extraction, Fact
from .sentences import split_sentences

__all__ = ["EXTRACTOR_VERSION", "Extraction", "Fact", "extract_document", "split_sentences"]
