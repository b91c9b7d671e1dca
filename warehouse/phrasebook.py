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
        if op is C.AT or op is C.ASSERT or op is C.ASSERT_NOT:
            continue  # zero-width: \b, lookarounds
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
                elif iop is C.CATEGORY and iav is C.CATEGORY_DIGIT:
                    chars.update("0123456789")
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


_K = 6  # longest literal prefix used to dispatch (3 when a phrasing has too many of 6)


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


def _lower_pattern(pattern: str) -> str:
    """The pattern in lower case, escapes (\\S, \\W, \\B ...) kept as written."""
    return re.sub(r"\\.|[A-Z]", lambda m: m.group(0) if m.group(0)[0] == "\\" else m.group(0).lower(), pattern)


def on_lower(rx: re.Pattern) -> re.Pattern:
    """The same search for `lower(text)`, made fast: no IGNORECASE, and a look-ahead of the characters
    a match can start with, which lets the regex engine skip other positions in C.

        >>> bool(on_lower(re.compile(r"\\bPolres\\w*", re.I)).search(lower("oleh Polres Sleman")))
        True
    """
    pattern = _lower_pattern(rx.pattern)
    flags = rx.flags & ~re.IGNORECASE
    first, nullable = _first(_parser.parse(pattern, flags))
    if first is _ALL or nullable or not first:
        return re.compile(pattern, flags)
    chars = "".join(re.escape(c) for c in sorted(first))
    return re.compile(f"(?=[{chars}])(?:{pattern})", flags)


def _trie(keys: list[str]) -> str:
    """A regex for "any of these literal keys", nested by shared letters so each position costs a
    character-class test rather than one try per key; a key ends the match where it ends."""
    tree: dict = {}
    for k in keys:
        node = tree
        for ch in k:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_node(tree)


def _trie_node(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_node(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    singles = [b for b in branches if len(b) == 1 or (len(b) == 2 and b[0] == "\\")]
    longer = [b for b in branches if b not in singles]
    alts = longer + ([f"[{''.join(singles)}]"] if len(singles) > 1 else singles)
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if ends else body


class Phrasebook:
    """Rows (any data) each with a lower-case regex; `scan` finds leftmost-longest-first matches."""

    def __init__(self, rows: list[tuple]):
        rows = [(*r[:-1], alt) for r in rows for alt in _top_level_alternatives(r[-1])]
        order = sorted(rows, key=lambda r: -len(r[-1]))
        self.rows = order
        by_key: dict[str, list[int]] = {}  # literal prefixes (1 to 3 letters) to rows that start so
        for i, row in enumerate(order):
            tree = _parser.parse(row[-1])
            prefixes = _prefixes(tree, _K) or _prefixes(tree, 3)
            if not prefixes or any(len(p) < 2 for p in prefixes):  # "\\bbb\\b" files under "bb"
                first, _ = _first(tree)
                prefixes = set(string.ascii_lowercase + string.digits + "(") if first is _ALL else first
            for p in prefixes:
                by_key.setdefault(p, []).append(i)

        singles = [re.compile(row[-1]) for row in order]

        def compiled(key):
            idx = sorted({i for n in range(1, len(key) + 1) for i in by_key.get(key[:n], ())})
            return re.compile("|".join(f"({order[i][-1]})" for i in idx)), idx, [singles[i] for i in idx]

        # Each key's entry also holds the rows filed under its shorter prefixes, so the longest key found wins.
        self.by_key = {k: compiled(k) for k in by_key}
        # Word starts worth a look, found in C: a known prefix, or a letter some phrasing may start with.
        starts = "".join(re.escape(c) for c in sorted({k[0] for k in by_key}))
        # Zero-width, so a key running into the next word ("di sek") does not hide that word's start.
        self._trigger = re.compile(f"(?=[{starts}])(?<![a-z0-9])(?=({_trie(list(by_key))}))")

    def _entry(self, low: str, pos: int):
        """The entry of the longest key the text at pos starts with."""
        for n in range(_K, 0, -1):
            entry = self.by_key.get(low[pos:pos + n])
            if entry:
                return entry
        return None

    def scan(self, low: str, start: int = 0, end: int | None = None):
        """(start, end, row) of each match in low[start:end], left to right, not overlapping."""
        end = len(low) if end is None else end
        out, last = [], start
        for w in self._trigger.finditer(low, start, end):
            pos = w.start()
            if pos < last:
                continue
            entry = self.by_key[w.group(1)]  # the trie matched the longest key there
            m = entry[0].match(low, pos, end)
            if m and m.end() > pos:
                stop, row = _longest(entry, low, pos, end, m)
                out.append((pos, stop, self.rows[row]))
                last = stop
        return out

    def match_at(self, low: str, pos: int):
        """The row matching at pos, or None."""
        entry = self._entry(low, pos)
        m = entry and entry[0].match(low, pos)
        return self.rows[_longest(entry, low, pos, len(low), m)[1]] if m and m.end() > pos else None


def _longest(entry, low: str, pos: int, end: int, first: re.Match) -> tuple[int, int]:
    """(end, row index) of the longest phrasing matching at pos: the alternation stops at the first
    branch that matches, and a shorter phrasing listed first must not hide a longer one."""
    best_end, best = first.end(), entry[1][first.lastindex - 1]
    for rx, i in zip(entry[2], entry[1]):
        m = rx.match(low, pos, end)
        if m and m.end() > best_end:
            best_end, best = m.end(), i
    return best_end, best
