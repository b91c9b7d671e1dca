"""Many phrasings matched fast: one regex per first letter, tried only where a word starts.

    >>> book = Phrasebook([("a", r"tes urine"), ("b", r"\\bikp\\b")])
    >>> [(row[0], s, e) for s, e, row in book.scan(lower("Hasil tes urine dan IKP"))]
    [('a', 6, 15), ('b', 20, 23)]

A single alternation of a hundred phrasings tries every branch at every
character. Here each phrasing's literal prefixes (its first three letters, read
from the regex parser) index it, one C-level scan finds the word starts that
carry such a prefix, and only the few phrasings filed under it are tried there,
so scanning stays linear with a small constant. Patterns are written in lower
case and matched on `lower(text)`, which keeps every offset.
"""
from __future__ import annotations

import re
import string
from re import _constants as C  # noqa: the regex parser's opcodes (CPython 3.11+)
from re import _parser  # noqa: reads each phrasing's possible first letters

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_ALL = None  # "any character may start this pattern"


def lower(text: str) -> str:
    """Lower case of the same length as the text, so offsets stay valid."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def _first(items) -> tuple[object, bool]:
    """(set of possible first characters or _ALL, whether the sequence can match empty)."""
    out: set = set()
    for op, av in items:
        if op is C.AT:
            continue
        if op is C.LITERAL:
            out.add(chr(av))
            return out, False
        if op is C.IN:
            chars = set()
            for iop, iav in av:
                if iop is C.LITERAL:
                    chars.add(chr(iav))
                elif iop is C.RANGE:
                    chars.update(chr(c) for c in range(iav[0], iav[1] + 1))
                else:
                    return _ALL, False
            out |= chars
            return out, False
        if op is C.SUBPATTERN:
            f, nullable = _first(av[3])
        elif op is C.BRANCH:
            f, nullable = set(), False
            for branch in av[1]:
                bf, bn = _first(branch)
                if bf is _ALL:
                    return _ALL, False
                f |= bf
                nullable = nullable or bn
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            f, nullable = _first(av[2])
            nullable = nullable or av[0] == 0
        else:
            return _ALL, False
        if f is _ALL:
            return _ALL, False
        out |= f
        if not nullable:
            return out, False
    return out, True


_K = 3  # length of the literal prefixes used to dispatch


def _prefixes(items, k: int = _K) -> set[str] | None:
    """Literal prefixes (up to k chars) any match must start with; None if unknown."""
    out = {""}
    for op, av in items:
        if op is C.AT:
            continue
        if all(len(p) >= k for p in out):
            break
        if op is C.LITERAL:
            nxt = {chr(av)}
        elif op is C.IN and all(iop is C.LITERAL for iop, _ in av) and len(av) <= 8:
            nxt = {chr(iav) for _, iav in av}
        elif op is C.SUBPATTERN:
            nxt = _prefixes(av[3], k)
        elif op is C.BRANCH:
            nxt = set()
            for branch in av[1]:
                bp = _prefixes(branch, k)
                if bp is None:
                    return None
                nxt |= bp
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[1] == 1:
            inner = _prefixes(av[2], k)
            if inner is None:
                return None
            nxt = inner | ({""} if av[0] == 0 else set())
        else:
            return out if all(out) else None
        if "" in nxt and op not in (C.MAX_REPEAT, C.MIN_REPEAT) and nxt == {""}:
            continue
        grown = set()
        for p in out:
            if len(p) >= k:
                grown.add(p)
                continue
            for n in nxt:
                grown.add((p + n)[:k])
        out = grown
        if len(out) > 400:
            return None
    return out if all(out) else None


def _top_level_alternatives(pattern: str) -> list[str]:
    """Split "a|b(c|d)" into ["a", "b(c|d)"], so each branch dispatches on its own prefix."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


class Phrasebook:
    """Rows (any data) each with a lower-case regex; `scan` finds leftmost-longest-first matches."""

    def __init__(self, rows: list[tuple]):
        rows = [(*r[:-1], alt) for r in rows for alt in _top_level_alternatives(r[-1])]
        order = sorted(rows, key=lambda r: -len(r[-1]))
        self.rows = order
        by_char: dict[str, list[int]] = {}
        by_prefix: dict[str, list[int]] = {}
        for i, row in enumerate(order):
            tree = _parser.parse(row[-1])
            prefixes = _prefixes(tree)
            if prefixes and all(len(p) == _K for p in prefixes):
                for p in prefixes:
                    by_prefix.setdefault(p, []).append(i)
                continue
            first, _ = _first(tree)
            chars = set(string.ascii_lowercase + string.digits + "(") if first is _ALL else first
            for ch in chars:
                by_char.setdefault(ch, []).append(i)

        def compiled(idx):
            return re.compile("|".join(f"({order[i][-1]})" for i in idx)), idx

        self.by_char = {ch: compiled(idx) for ch, idx in by_char.items()}
        self.by_prefix = {p: compiled(sorted(set(idx) | set(by_char.get(p[0], ()))))
                          for p, idx in by_prefix.items()}
        # Word starts worth a look, found in C: a known prefix, or a letter some phrasing may start with.
        keys = sorted(self.by_prefix, reverse=True) + sorted(self.by_char)
        self._trigger = re.compile("(?<![a-z0-9])(?:" + "|".join(re.escape(k) for k in keys) + ")")

    def scan(self, low: str, start: int = 0, end: int | None = None):
        """(start, end, row) of each match in low[start:end], left to right, not overlapping."""
        end = len(low) if end is None else end
        out, last = [], start
        for w in self._trigger.finditer(low, start, end):
            pos = w.start()
            if pos < last:
                continue
            entry = self.by_prefix.get(low[pos:pos + _K]) or self.by_char.get(low[pos])
            if entry is None:
                continue
            m = entry[0].match(low, pos, end)
            if m and m.end() > pos:
                out.append((pos, m.end(), self.rows[entry[1][m.lastindex - 1]]))
                last = m.end()
        return out

    def match_at(self, low: str, pos: int):
        """The row matching at pos, or None."""
        entry = self.by_prefix.get(low[pos:pos + _K]) or self.by_char.get(low[pos:pos + 1])
        m = entry and entry[0].match(low, pos)
        return self.rows[entry[1][m.lastindex - 1]] if m and m.end() > pos else None
