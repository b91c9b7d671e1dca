"""Targets: which quantities are targets, and the value each target belongs to.

"42 dari target 30", "target 30 orang, realisasi 42", the rows of a flattened table
("Target Realisasi ... 100 118"). `mark_targets` flags the quantities of one
sentence; `target_for` finds a fact's target; `carried_targets` keeps a target
stated alone for the next sentence's value.
"""
from __future__ import annotations

import re
from typing import Optional
from .. import patterns as P
from ..numbers import parse_number
from .quantities import convert, Qty
from .sentences import Sentence

#: "Dari 5 kasus yang menjadi target, ...": a count named as the target after it.
_TARGET_AFTER = re.compile(r"\s*(?:\w+\s+)?yang\s+(?:menjadi|jadi|di)\s*target(?:kan)?\b", re.I)


def _is_target(sent: Sentence, q: Qty) -> bool:
    if q.before_target or q.kind == "zero":
        return False
    text = sent.text
    if P.TARGET_BEFORE.search(text, max(sent.s, q.start - 60), q.start) or \
            _TARGET_AFTER.match(text, q.unit_end, min(sent.e, q.unit_end + 40)):
        return True
    last = None
    for m in P.TARGET_WORD.finditer(text, max(sent.s, q.start - 100), q.start):
        last = m
    if last is None:
        return False
    if any(last.end() <= o.start < q.start for o in sent.qtys):
        return False
    return not P.REALISATION.search(text, last.end(), q.start)


def table_mode(sent: Sentence, table: Optional[str]) -> Optional[str]:
    """"target-first" / "value-first" while the rows of a flattened table follow its header."""
    header = None
    if "rget" in sent.low[sent.s:sent.e] and not sent.qtys:
        header = P.TABLE_HEADER.search(sent.text, sent.s, sent.e)
    if header and not sent.qtys:
        first = header.group(0).lower().lstrip()
        return "target-first" if first.startswith("t") else "value-first"
    if table and not sent.qtys:
        return None
    return table


def _table_row(sent: Sentence, table: str) -> None:
    """In a table row, the two plain numbers are target and realisation by column order."""
    if P.TARGET_WORD.search(sent.text, sent.s, sent.e) or not sent.anchors:
        return
    nums = [q for q in sent.qtys if q.unit_class != "persen" and q.kind == "digits"]
    if len(nums) < 2:
        return
    a, b = nums[0].unit_end, nums[1].start
    if not _ROW_GAP.match(sent.text[a:b]) or any(a <= x.start < b for x in (*sent.markers, *sent.anchors)):
        return  # "sabu 1.204,56 gram dan ganja 3,5 ons": a list in prose, not two columns of one row
    target, value = (nums[0], nums[1]) if table == "target-first" else (nums[1], nums[0])
    target.is_target, value.before_target = True, True


#: Between a row's two columns: separators and at most the unit repeated ("20 LKN 24", "100 | 118").
_ROW_GAP = re.compile(r"[\s|;/\t:(),\-]*(?:(?!(?:dan|serta|atau|dengan|dari|yakni|yaitu)\b)[A-Za-z]+\.?[\s|;/\t:(),\-]*)?$")


def mark_targets(sent: Sentence, table: Optional[str]) -> None:
    text = sent.text
    for q in sent.qtys:
        q.before_target = bool(P.VALUE_BEFORE_TARGET.match(text, q.unit_end, min(sent.e, q.unit_end + 40)))
        q.is_target = _is_target(sent, q)
    if table:
        _table_row(sent, table)


def same_kind(value: Qty, target: Qty) -> bool:
    """"7 tersangka dari target 4 LKN": a target counting something else is not this value's."""
    a, b = value.unit_class, target.unit_class
    return a is None or b is None or a == b


def carried_targets(targets, valued: set, catalog) -> dict[str, float]:
    """Targets stated without a value ("target 30 kasus."): the next sentence's value may take them."""
    carried = {}
    for q, a, code in targets:
        if code not in valued:
            value = target_for(q, code, [(q, a, code)], catalog)
            if value is not None:
                carried[code] = value
    return carried


def target_for(q: Qty, code: str, targets, catalog) -> Optional[float]:
    same = [t for t, _, c in targets if c == code]
    if not same:
        return None
    t = min(same, key=lambda t: abs(t.start - q.start))
    value = t.value
    ind = catalog[code]
    if ind.kind == "index" and ind.max is not None:
        value = parse_number(t.token, max_value=ind.max) or value
    return convert(value, t.unit_class, ind)[0]
