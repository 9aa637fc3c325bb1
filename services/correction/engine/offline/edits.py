"""A weighted Damerau edit distance for ranking spelling candidates.

Plain edit distance treats every slip alike; learners' slips are not alike. Dropping one letter of
a double ("acomodate"), doubling a letter ("untill"), swapping two neighbours ("recieve") or
writing one vowel for another ("seperate") are far more common than an arbitrary substitution, so
they cost less. The costs below were set on a sample of misspellings disjoint from the evaluation
sample (see eval/run.py).
"""

from __future__ import annotations

_VOWELS = frozenset("aeiouy")

# QWERTY neighbours: a slip of the finger.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEAR: set[tuple[str, str]] = set()
for _r, _row in enumerate(_ROWS):
    for _c, _ch in enumerate(_row):
        for _dr, _dc in ((0, -1), (0, 1), (-1, 0), (-1, 1), (1, 0), (1, -1)):
            _rr, _cc = _r + _dr, _c + _dc
            if 0 <= _rr < 3 and 0 <= _cc < len(_ROWS[_rr]):
                _NEAR.add((_ch, _ROWS[_rr][_cc]))

# Letters that stand for the same sound: a slip of the ear.
_SOUND = {frozenset(p) for p in ("ck", "cs", "sz", "iy", "gj", "fv", "kq", "xz", "ck", "mn", "dt", "bp")}

TRANSPOSE = 0.55
DOUBLE = 0.35      # a double letter written single, or a single one doubled
VOWEL = 0.75
SOUND = 0.7
NEAR = 0.9
DROP_VOWEL = 0.6
DROP = 0.75
EXTRA = 0.9
EXTRA_VOWEL = 0.75
SUBSTITUTE = 1.2


def substitution_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if a in _VOWELS and b in _VOWELS:
        return VOWEL
    if frozenset((a, b)) in _SOUND:
        return SOUND
    if (a, b) in _NEAR:
        return NEAR
    return SUBSTITUTE


def weighted_distance(typo: str, word: str) -> float:
    """Cost of turning ``word`` (the intended word) into ``typo`` (what was written)."""
    n, m = len(typo), len(word)
    prev2: list[float] = []
    prev = [0.0] * (m + 1)
    for j in range(1, m + 1):  # letters of word dropped from an empty typo
        prev[j] = prev[j - 1] + _drop_cost(word, j - 1)
    for i in range(1, n + 1):
        row = [0.0] * (m + 1)
        row[0] = prev[0] + _extra_cost(typo, i - 1)
        t = typo[i - 1]
        for j in range(1, m + 1):
            w = word[j - 1]
            best = prev[j - 1] + (0.0 if t == w else substitution_cost(t, w))
            cost = prev[j] + _extra_cost(typo, i - 1)  # typo has a letter word lacks
            if cost < best:
                best = cost
            cost = row[j - 1] + _drop_cost(word, j - 1)  # typo lacks a letter of word
            if cost < best:
                best = cost
            if i > 1 and j > 1 and t == word[j - 2] and typo[i - 2] == w and t != w:
                cost = prev2[j - 2] + TRANSPOSE
                if cost < best:
                    best = cost
            row[j] = best
        prev2, prev = prev, row
    return prev[m]


def _drop_cost(word: str, j: int) -> float:
    ch = word[j]
    if j > 0 and word[j - 1] == ch:
        return DOUBLE  # the second letter of a double: "acomodate"
    return DROP_VOWEL if ch in _VOWELS else DROP


def _extra_cost(typo: str, i: int) -> float:
    ch = typo[i]
    if i > 0 and typo[i - 1] == ch:
        return DOUBLE  # a letter doubled: "untill"
    return EXTRA_VOWEL if ch in _VOWELS else EXTRA
