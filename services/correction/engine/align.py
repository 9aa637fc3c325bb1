"""Aligning an essay with its corrected version: the edits that turn one into the other.

``edits_between(original, corrected)`` returns sorted, non-overlapping, non-touching edits in
Unicode code points of ``original`` (changes that touch, or a deletion and an insertion with
only whitespace between them, are merged into one edit); applying them all (``apply_edits``) gives ``corrected``
exactly. Pure Python (difflib), no I/O.

The texts are compared as tokens: words of spaced scripts, single CJK ideographs and kana,
whitespace runs, and single punctuation marks or symbols (an emoji keeps its modifiers and
zero-width-joiner sequence, a letter its combining marks, so no edit cuts one in half).

``difflib.SequenceMatcher`` is quadratic in the number of occurrences of frequent tokens
(spaces, "the", "的"), so a long essay is aligned coarse to fine: first as sentences, then
the changed sentences as clauses, then the changed clauses as words with their trailing
whitespace, and finally the changed words as the tokens above. Each level only sees what
the level before found different, which keeps a 20,000-character essay fast. A level with
too many equal pieces (a long unpunctuated Chinese passage, "!!!..." x 10,000) is anchored on
its rarer pieces first, so the time stays bounded; the edits may then be coarser, never wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate

# Scripts written without spaces: CJK ideographs and Japanese kana (one token per character).
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Code points that belong to the character before them: combining marks, variation
# selectors, emoji skin tones and tag characters.
_MARKS = (
    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"
    "\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\U000e0100-\U000e01ef"
)
_ATOM = (
    rf"[{_UNSPACED}][{_MARKS}]*"  # one ideograph or kana
    r"|[\U0001f1e6-\U0001f1ff]{2}"  # a flag: two regional indicators
    rf"|(?:(?![{_UNSPACED}])\w[{_MARKS}]*)+"  # a word of a spaced script
    rf"|[^\w\s][{_MARKS}]*(?:\u200d\S[{_MARKS}]*)*"  # punctuation or a symbol/emoji (ZWJ sequence)
    r"|."  # never reached: every character is matched above; keeps the split total
)
_TOKEN_RE = re.compile(rf"\s+|{_ATOM}", re.DOTALL)
_WORD_RE = re.compile(rf"\s+|(?:{_ATOM})\s*", re.DOTALL)
_SENTENCE_END_RE = re.compile(r"[.!?。！？…]+[\"'”’)）」』》]*\s*|\n\s*")
_CLAUSE_END_RE = re.compile(r"[,，、;；:：]\s*")
# Above this many pairs of equal pieces, anchor on the rarer pieces first (see _align).
_MAX_EQUAL_PAIRS = 1_000_000


@dataclass(frozen=True)
class Edit:
    """Replace ``length`` code points of the original at ``offset`` with ``replacement``."""

    offset: int
    length: int
    replacement: str

    @property
    def end(self) -> int:
        return self.offset + self.length


def edits_between(original: str, corrected: str) -> list[Edit]:
    """The edits that turn ``original`` into ``corrected``, sorted by offset.

    Edits never overlap or touch (adjacent changes are merged into one edit, and so is text
    moved across whitespace, as in " ," -> ", ") and are never no-ops; ``apply_edits(original, edits_between(original, corrected)) == corrected``.
    """
    edits: list[Edit] = []
    _align(original, corrected, 0, 0, edits)
    return _merge(original, edits)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with ``edits`` (sorted by offset, non-overlapping) applied."""
    parts: list[str] = []
    position = 0
    for edit in edits:
        if edit.offset < position or edit.length < 0 or edit.end > len(text):
            raise ValueError(f"edits overlap, are unsorted or out of range: {edit}")
        parts.append(text[position:edit.offset])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def tokenize(text: str) -> list[str]:
    """The finest tokens the texts are compared as; ``"".join(tokenize(t)) == t``."""
    return _TOKEN_RE.findall(text)


# --------------------------------------------------------------------------- internals

def _split_after(pattern: re.Pattern[str], text: str) -> list[str]:
    """``text`` cut after every match of ``pattern`` (the pieces join back to ``text``)."""
    pieces: list[str] = []
    start = 0
    for match in pattern.finditer(text):
        if match.end() > start:
            pieces.append(text[start:match.end()])
            start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def _sentences(text: str) -> list[str]:
    return _split_after(_SENTENCE_END_RE, text)


def _clauses(text: str) -> list[str]:
    return _split_after(_CLAUSE_END_RE, text)


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


_LEVELS: tuple[Callable[[str], list[str]], ...] = (_sentences, _clauses, _words, tokenize)


def _align(original: str, corrected: str, start: int, level: int, out: list[Edit]) -> None:
    """Appends the edits turning ``original`` (at ``start`` in the whole text) into ``corrected``."""
    old_pieces, new_pieces = _LEVELS[level](original), _LEVELS[level](corrected)
    head, tail = _common_ends(old_pieces, new_pieces)
    start += sum(map(len, old_pieces[:head]))
    old_pieces = old_pieces[head:len(old_pieces) - tail]
    new_pieces = new_pieces[head:len(new_pieces) - tail]
    offsets = list(accumulate(map(len, old_pieces), initial=start))
    # Too many equal pairs (a long run of "的", "!" or spaces) would make the exact alignment
    # slow: anchor on the rarer pieces first (autojunk), then align each gap between anchors.
    anchored = _equal_pairs(old_pieces, new_pieces) > _MAX_EQUAL_PAIRS
    opcodes = SequenceMatcher(None, old_pieces, new_pieces, autojunk=anchored).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        old, new = "".join(old_pieces[i1:i2]), "".join(new_pieces[j1:j2])
        if old == new:
            continue
        if anchored and len(opcodes) > 1:
            _align(old, new, offsets[i1], level, out)  # a strictly smaller gap, at the same level
        elif old and new and level + 1 < len(_LEVELS):
            _align(old, new, offsets[i1], level + 1, out)
        else:
            out.append(Edit(offsets[i1], len(old), new))


def _common_ends(old_pieces: list[str], new_pieces: list[str]) -> tuple[int, int]:
    """How many pieces the two lists share at their start and (after that) at their end."""
    shortest = min(len(old_pieces), len(new_pieces))
    head = 0
    while head < shortest and old_pieces[head] == new_pieces[head]:
        head += 1
    tail = 0
    while tail < shortest - head and old_pieces[-1 - tail] == new_pieces[-1 - tail]:
        tail += 1
    return head, tail


def _equal_pairs(old_pieces: list[str], new_pieces: list[str]) -> int:
    """How many (old, new) pairs of equal pieces there are: the cost of an exact alignment."""
    counts = Counter(new_pieces)
    return sum(counts[piece] for piece in old_pieces)


def _merge(original: str, edits: list[Edit]) -> list[Edit]:
    """``edits`` with touching ones joined, moves across whitespace joined, no-ops dropped.

    A move is a deletion and an insertion with only whitespace between them, as in
    "word ,next" -> "word, next": one edit (" ," -> ", ") rather than two.
    """
    merged: list[Edit] = []
    for edit in sorted(edits, key=lambda e: e.offset):
        if merged and (merged[-1].end == edit.offset or _is_move(original, merged[-1], edit)):
            last = merged.pop()
            gap = original[last.end:edit.offset]
            edit = Edit(last.offset, edit.end - last.offset, last.replacement + gap + edit.replacement)
        merged.append(edit)
    return [e for e in merged if original[e.offset:e.end] != e.replacement]


def _is_move(original: str, first: Edit, second: Edit) -> bool:
    inserts_then_deletes = first.length == 0 and not second.replacement
    deletes_then_inserts = not first.replacement and second.length == 0
    return (inserts_then_deletes or deletes_then_inserts) and original[first.end:second.offset].isspace()
