"""Unit tests for aligning an essay with its corrected text (services/correction/engine/align.py)."""

from __future__ import annotations

import random

import pytest

from services.correction.engine.align import Edit, apply_edits, edits_between, tokenize


def check_edits(original: str, corrected: str) -> list[Edit]:
    """edits_between, with every property it promises checked."""
    edits = edits_between(original, corrected)
    assert apply_edits(original, edits) == corrected
    for edit in edits:
        assert 0 <= edit.offset <= edit.end <= len(original)
        assert original[edit.offset:edit.end] != edit.replacement, "a no-op edit"
    for before, after in zip(edits, edits[1:], strict=False):
        assert before.end < after.offset, "edits must be sorted and never overlap or touch"
    return edits


def spans(original: str, edits: list[Edit]) -> list[tuple[str, str]]:
    return [(original[e.offset:e.end], e.replacement) for e in edits]


# --------------------------------------------------------------------------- examples


def test_identical_texts_have_no_edits():
    assert edits_between("", "") == []
    assert edits_between("Same text. 同样。", "Same text. 同样。") == []


@pytest.mark.parametrize(
    ("original", "corrected", "expected"),
    [
        ("", "New text.", [Edit(0, 0, "New text.")]),
        ("Old text.", "", [Edit(0, 9, "")]),
        ("The cat sat.", "The dog sat.", [Edit(4, 3, "dog")]),
        ("I recieve teh letter.", "I received the letter.", [Edit(2, 7, "received"), Edit(10, 3, "the")]),
        ("We saw the the dog.", "We saw the dog.", [Edit(11, 4, "")]),
        ("Hello ,world.", "Hello, world.", [Edit(5, 2, ", ")]),
        ("Wait . Now", "Wait. Now", [Edit(4, 1, "")]),
        ("我 ， 你", "我， 你", [Edit(1, 1, "")]),
        ("one two ,three", "one two, three", [Edit(7, 2, ", ")]),
        ("It is  fine", "It is fine.", [Edit(5, 2, " "), Edit(11, 0, ".")]),
        ("Its a nice day.", "It's a nice day.", [Edit(0, 3, "It's")]),
        ("she dont know.", "She doesn't know.", [Edit(0, 3, "She"), Edit(4, 4, "doesn't")]),
    ],
)
def test_word_level_edits(original, corrected, expected):
    assert check_edits(original, corrected) == expected


def test_edits_are_whole_words_not_characters():
    original = "My freind has a beautifull house and a intresting job."
    corrected = "My friend has a beautiful house and an interesting job."
    assert spans(original, check_edits(original, corrected)) == [
        ("freind", "friend"), ("beautifull", "beautiful"), ("a", "an"), ("intresting", "interesting")]


def test_chinese_edits_are_per_character_in_code_points():
    original = "我今天很高心，因为妈妈给我买了一本书."
    corrected = "我今天很高兴，因为妈妈给我买了一本新书。"
    edits = check_edits(original, corrected)
    assert edits == [Edit(5, 1, "兴"), Edit(17, 0, "新"), Edit(18, 1, "。")]


def test_emoji_and_astral_characters_count_as_one_code_point():
    original = "𠀀𠀁 I love 🐶 dogs 😀!"
    corrected = "𠀀𠀁 I love 🐱 cats 😀!"
    edits = check_edits(original, corrected)
    assert edits == [Edit(10, 1, "🐱"), Edit(12, 4, "cats")]
    assert original[10] == "🐶" and original[12:16] == "dogs"


def test_emoji_sequences_are_never_cut():
    family, other = "👨\u200d👩\u200d👧", "👨\u200d👩\u200d👦"
    thumbs, dark = "👍🏻", "👍🏿"
    original = f"A {family} and {thumbs} and 🇨🇳 and 1\ufe0f\u20e3."
    corrected = f"A {other} and {dark} and 🇯🇵 and 2\ufe0f\u20e3."
    assert spans(original, check_edits(original, corrected)) == [
        (family, other), (thumbs, dark), ("🇨🇳", "🇯🇵"), ("1\ufe0f\u20e3", "2\ufe0f\u20e3")]


def test_combining_marks_stay_with_their_letter():
    original = "Cafe\u0301 au lait, s'il vous plai\u0302t."
    corrected = "Café au lait, s'il vous plaît."
    assert spans(original, check_edits(original, corrected)) == [
        ("Cafe\u0301", "Café"), ("plai\u0302t", "plaît")]


def test_mixed_scripts():
    original = "我喜欢 Python 编成，it are fun! 🎉\n\n第二段:很好"
    corrected = "我喜欢 Python 编程，it is fun! 🎉\n\n第二段：很好"
    assert spans(original, check_edits(original, corrected)) == [("成", "程"), ("are", "is"), (":", "：")]


def test_paragraph_breaks_and_whitespace_changes():
    original = "First paragraph.\n\n\nSecond  paragraph.\r\nThird."
    corrected = "First paragraph.\n\nSecond paragraph.\nThird."
    assert spans(original, check_edits(original, corrected)) == [("\n\n\n", "\n\n"), ("  ", " "), ("\r\n", "\n")]


def test_tokens_partition_the_text():
    text = "A 👨\u200d👩\u200d👧 cafe\u0301, 我们\t\n🇨🇳 3.14 don't\u200d \ufe0f"
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert "👨\u200d👩\u200d👧" in tokens and "cafe\u0301" in tokens and "我" in tokens and "🇨🇳" in tokens


def test_apply_edits_rejects_overlapping_edits():
    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(0, 3, "x"), Edit(2, 1, "y")])
    with pytest.raises(ValueError):
        apply_edits("abc", [Edit(2, 5, "x")])


def test_is_deterministic():
    original = "teh cat  sat on teh mat , and teh dog barked."
    corrected = "The cat sat on the mat, and the dog barked!"
    assert edits_between(original, corrected) == edits_between(original, corrected)


# --------------------------------------------------------------------------- randomized

PIECES = (
    "the", "a", "cat", "dog", "house", "recieve", "receive", "school", "I", "its", "it's",
    " ", " ", " ", "  ", "\n", "\n\n", "\t", ",", ".", "!", "?", "'", "\"", "-",
    "我", "们", "的", "学", "校", "很", "好", "，", "。", "！", "“", "”", "、",
    "😀", "🐶", "👨\u200d👩\u200d👧", "👍🏽", "🇨🇳", "e\u0301", "\u0301", "\u200d", "\ufe0f", "𠀀", "ß", "Ω",
)


def random_text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(PIECES) for _ in range(size))


def mutate(rng: random.Random, text: str, changes: int) -> str:
    """``text`` with random pieces inserted, deleted or replaced (possibly cutting characters apart)."""
    chars = list(text)
    for _ in range(changes):
        position = rng.randint(0, len(chars))
        kind = rng.choice(("insert", "delete", "replace", "char"))
        if kind == "insert":
            chars[position:position] = list(rng.choice(PIECES))
        elif kind == "delete":
            del chars[position:position + rng.randint(1, 4)]
        elif kind == "replace":
            chars[position:position + rng.randint(1, 3)] = list(rng.choice(PIECES))
        elif chars:
            chars[min(position, len(chars) - 1)] = rng.choice("xyz 的。😀\u0301")
    return "".join(chars)


@pytest.mark.parametrize("seed", range(300))
def test_random_corrections_are_reproduced_exactly(seed):
    rng = random.Random(seed)
    original = random_text(rng, rng.randint(0, 60))
    corrected = mutate(rng, original, rng.randint(0, 8))
    check_edits(original, corrected)


@pytest.mark.parametrize("seed", range(100))
def test_unrelated_random_texts_are_reproduced_exactly(seed):
    rng = random.Random(1000 + seed)
    original = random_text(rng, rng.randint(0, 40))
    corrected = random_text(rng, rng.randint(0, 40))
    check_edits(original, corrected)


@pytest.mark.parametrize("seed", range(50))
def test_random_code_point_strings_are_reproduced_exactly(seed):
    rng = random.Random(2000 + seed)
    alphabet = "ab 。的\n😀\u200d\u0301\ufe0f,"
    original = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
    corrected = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
    check_edits(original, corrected)
    check_edits(original, mutate(rng, original, 5))


@pytest.mark.parametrize("seed", range(20))
def test_few_changes_give_few_edits(seed):
    rng = random.Random(3000 + seed)
    words = [rng.choice(("alpha", "beta", "gamma", "delta", "epsilon", "zeta")) for _ in range(200)]
    original = " ".join(words) + "."
    changed = sorted(rng.sample(range(200), 5))
    for k in changed:
        words[k] = words[k].upper()
    corrected = " ".join(words) + "."
    edits = check_edits(original, corrected)
    assert 1 <= len(edits) <= 5
    assert all(original[e.offset:e.end].upper() == e.replacement for e in edits)


# --------------------------------------------------------------------------- long essays


@pytest.mark.parametrize(
    "unit",
    ["word{} ", "word{}, ", "第{}个", "的"],
    ids=["english", "english-clauses", "chinese-unpunctuated", "one-repeated-character"],
)
def test_long_essays_are_aligned(unit):
    rng = random.Random(7)
    original = "".join(unit.format(rng.randrange(300)) for _ in range(20000 // len(unit.format(0))))
    corrected = mutate(rng, original, 80)
    check_edits(original, corrected)
