"""The grades an essay may be submitted for, and their bands.

Canonical grades are "1" to "12" (school years), the school levels "primary", "junior"
and "senior", and "college"; common spellings are accepted and normalised ("grade 8", "G8",
"8th grade", "year eight", "初二", "初2", "高一", "八年级", "初中二年级", "小学五年级", "junior 2", "senior two",
"primary 5", "P5", "middle school", "high school", "university", ...). An empty grade means
"not given".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

CANONICAL = tuple(str(n) for n in range(1, 13)) + ("primary", "junior", "senior", "college")

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_NUMBERS = {**_CN_DIGITS, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}
_EN_NUMBERS = {word: n for n, words in enumerate((
    ("one", "first"), ("two", "second"), ("three", "third"), ("four", "fourth"), ("five", "fifth"),
    ("six", "sixth"), ("seven", "seventh"), ("eight", "eighth"), ("nine", "ninth"), ("ten", "tenth"),
    ("eleven", "eleventh"), ("twelve", "twelfth")), start=1) for word in words}
_EN_NUMBER_WORDS = "|".join(sorted(_EN_NUMBERS, key=len, reverse=True))
_ALIASES = {
    "college": "college", "university": "college", "undergraduate": "college", "大学": "college",
    "大一": "college", "大二": "college", "大三": "college", "大四": "college",
    "primary": "primary", "primary school": "primary", "elementary": "primary",
    "elementary school": "primary", "小学": "primary",
    "junior": "junior", "middle": "junior", "middle school": "junior", "junior high": "junior",
    "junior high school": "junior", "junior secondary": "junior", "初中": "junior",
    "senior": "senior", "high": "senior", "high school": "senior", "senior high": "senior",
    "senior high school": "senior", "senior secondary": "senior", "高中": "senior",
}


@dataclass(frozen=True)
class GradeBand:
    name: str  # primary, junior, senior, college, unspecified
    description: str
    description_zh: str  # the same, for an essay given feedback in Chinese
    expected_words: int  # a typical length for an English essay at this level
    expected_chars: int  # a typical length for a Chinese essay at this level
    readability: tuple[float, float]  # expected Flesch-Kincaid grade range of an English essay
    advanced_share_en: float  # expected share of English words beyond the 5,000 most common
    advanced_share_zh: float  # expected share of Chinese words beyond the 5,000 most common


BANDS = {
    "primary": GradeBand("primary", "Primary school (grades 1-6)", "小学（1–6 年级）", 70, 350, (-2.0, 5.0), 0.05, 0.10),
    "junior": GradeBand("junior", "Junior secondary school (grades 7-9)", "初中（7–9 年级）", 100, 550, (4.0, 8.0), 0.08, 0.15),
    "senior": GradeBand("senior", "Senior secondary school (grades 10-12)", "高中（10–12 年级）", 130, 750, (6.0, 11.0), 0.11, 0.20),
    "college": GradeBand("college", "College / university", "大学", 200, 1000, (9.0, 14.0), 0.15, 0.25),
    "unspecified": GradeBand("unspecified", "No grade given", "未指定年级", 120, 600, (4.0, 11.0), 0.09, 0.15),
}


# Traditional characters in grades (八年級, 國中二年級, 大學) and Taiwan's names for the levels.
_TRADITIONAL = str.maketrans({"級": "级", "學": "学", "國": "国"})


def normalize_grade(raw: str) -> str | None:
    """The canonical grade for ``raw``, "" for no grade, or None if it is not a grade."""
    text = raw.strip().lower().translate(_TRADITIONAL).replace("国中", "初中").replace("国小", "小学")
    if text == "":
        return ""
    words = " ".join(text.replace("_", " ").replace("-", " ").split())
    if words in _ALIASES:
        return _ALIASES[words]
    # "grade 8", "grade-8", "G8", "year 8", "8th grade", "eighth grade", "grade eight"; not
    # "grade -1", whose minus is a sign.
    number = rf"(\d{{1,2}}|{_EN_NUMBER_WORDS})"
    match = (re.fullmatch(r"(?:(?:grade|g|year|y)(?:[_-]|\s*))?(\d{1,2})", text)
             or re.fullmatch(rf"(?:grade|year)(?:[_-]|\s*){number}", text)
             or re.fullmatch(rf"{number}(?:st|nd|rd|th)?(?:[_-]|\s*)(?:grade|year)", text))
    if match:
        value = match.group(1)
        year = int(value) if value.isdigit() else _EN_NUMBERS[value]
        return str(year) if 1 <= year <= 12 else None
    match = re.fullmatch(r"(小学|初中|高中)?([一二三四五六七八九]|十[一二]?|\d{1,2})年级", text.replace(" ", ""))
    if match:
        level, raw = match.groups()
        year = int(raw) if raw.isdigit() else _CN_NUMBERS[raw]
        # Within a level, its own years (初中二年级 = 8) or the whole school's (初中八年级 = 8).
        valid = {"小学": range(1, 7), "初中": (*range(1, 4), *range(7, 10)),
                 "高中": (*range(1, 4), *range(10, 13))}.get(level or "", range(1, 13))
        if year not in valid:
            return None
        if level in ("初中", "高中") and year <= 3:
            year += 6 if level == "初中" else 9
        return str(year)
    match = re.fullmatch(r"(初|高)([一二三]|[123])", text)
    if match:
        raw = match.group(2)
        return str((int(raw) if raw.isdigit() else _CN_DIGITS[raw]) + (6 if match.group(1) == "初" else 9))
    if re.fullmatch(r"大[1-4]", text):
        return "college"
    # A year within a school level: "primary 5", "P5", "junior 2", "senior two", "senior high 3";
    # within a level its own years (junior 2 = 8) or the whole school's (junior 8 = 8).
    match = re.fullmatch(rf"(primary|p|junior(?: high)?|middle|senior(?: high)?|high)\s*(?:school\s*)?"
                         rf"(?:year|grade)?\s*(\d{{1,2}}|{_EN_NUMBER_WORDS})", words)
    if match:
        level = {"p": "primary", "middle": "junior", "high": "senior"}.get(match.group(1), match.group(1).split()[0])
        value = match.group(2)
        year = int(value) if value.isdigit() else _EN_NUMBERS[value]
        first, last = {"primary": (1, 6), "junior": (7, 9), "senior": (10, 12)}[level]
        if level != "primary" and 1 <= year <= 3:
            year += first - 1
        return str(year) if first <= year <= last else None
    return None


# Typical lengths year by year, as Chinese classrooms ask for them: English compositions of
# 50-60 words in grades 3-4 up to the 80-100 of the senior-high entrance exam (grade 9) and the
# 120-150 of the last years; Chinese compositions of 250-300 characters in grades 3-4, 400-500
# in grades 5-6, 600 at the end of junior school and 800 at the university entrance exam.
_LENGTH_BY_YEAR = {1: (30, 100), 2: (40, 150), 3: (50, 250), 4: (60, 300), 5: (70, 400), 6: (80, 450),
                   7: (90, 500), 8: (100, 550), 9: (100, 600), 10: (120, 700), 11: (130, 750), 12: (150, 800)}


def band_of(grade: str) -> GradeBand:
    """The band of a canonical grade (or of "" for none), with the expected length of its year."""
    if grade in BANDS:
        return BANDS[grade]
    if grade.isdigit():
        year = int(grade)
        band = BANDS["primary" if year <= 6 else "junior" if year <= 9 else "senior"]
        words, chars = _LENGTH_BY_YEAR[year]
        return replace(band, expected_words=words, expected_chars=chars)
    return BANDS["unspecified"]
