"""Property tests of the correction engines' ``correct(text, title, grade)``.

The engines under test are the rule-based ``simple`` engine, the ``offline`` engine (built once per
module: its dictionaries take seconds to load) and the ``llm`` engine against an endpoint that always
fails or answers garbage, so that it falls back to the simple engine.

Properties:

* no input crashes an engine (empty, blank, huge, emoji and ZWJ sequences, mixed scripts, control
  characters, NUL, lone surrogates, combining marks, bidi marks, full-width forms, odd titles/grades);
* every result keeps the output contract: errors sorted by (offset, length, rule_id) and inside the
  text (code points), replacements are strings, ``corrected_text`` is the text with the first
  replacement of each error applied unless it overlaps a fix applied before it, scores within
  0..100 with the total the weighted sum of the dimensions, the engine named, and the result
  round-trips through JSON and the ``essay.common.v1.CorrectionResult`` proto;
* results are deterministic (same engine twice, two simple engines, unaffected by essays in between);
* adding an error to a clean essay never raises the total, language or mechanics score.

Hypothesis runs derandomized without an example database, so every run (and CI) tries the same inputs.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.resources
import json
import math
import re
from collections.abc import Callable

import httpx
import pytest
from google.protobuf import json_format
from hypothesis import HealthCheck, Phase, assume, example, given, note, settings
from hypothesis import strategies as st

from essay.common.v1 import common_pb2
from services.correction.convert import result_to_proto
from services.correction.engine.llm import LlmEngine, LlmSettings
from services.correction.engine.result import CorrectionResult, Feedback, Score, TextError
from services.correction.engine.simple import WEIGHTS, SimpleEngine, _chinese_feedback
from services.correction.grades import CANONICAL, band_of

BASE = settings(
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

CATEGORIES = frozenset({"spelling", "grammar", "punctuation", "style", "typography"})
LANGUAGES = frozenset({"en", "zh", "mixed"})
VALID_GRADES = (*CANONICAL, "")
DIMENSIONS = ("content", "organization", "language", "mechanics")


# --------------------------------------------------------------------------- engines

SIMPLE = SimpleEngine()


@functools.cache
def offline_engine():
    from services.correction.engine.offline import OfflineEngine

    return OfflineEngine()


def engine_named(name: str):
    return SIMPLE if name == "simple" else offline_engine()


ENGINES = ("simple", "offline")

LLM_SETTINGS = LlmSettings(base_url="https://llm.invalid/v1", model="property-model", api_key="sk-property",
                           timeout_seconds=1.0, max_chars=20000)


def _completion(content: str, finish_reason: str = "stop") -> dict:
    return {"id": "chatcmpl-1", "object": "chat.completion", "model": "property-model",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": finish_reason}]}


def _raise(error: Exception) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    return handler


def _almost_valid_reply(request: httpx.Request) -> httpx.Response:
    """A well-formed reply but for one score out of range: a schema violation."""
    essay = json.loads(request.content)["messages"][1]["content"].split("<essay>\n", 1)[1].rsplit("\n</essay>", 1)[0]
    reply = {"corrected_text": essay, "edits": [],
             "score": {"content": 80, "organization": 80, "language": 80, "mechanics": 101},
             "feedback": dict.fromkeys(("overall", *DIMENSIONS), "Fine."), "improvement_suggestions": []}
    return httpx.Response(200, json=_completion(json.dumps(reply, ensure_ascii=False)))


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["corrected_text", "edits", "score", "feedback", "improvement_suggestions", "x"]),
        inner, max_size=4),
    max_leaves=8,
)

# An endpoint that always fails: (label, handler) pairs; the garbage is drawn by Hypothesis.
llm_failures = st.one_of(
    st.sampled_from([
        ("connection refused", _raise(httpx.ConnectError("connection refused"))),
        ("read timeout", _raise(httpx.ReadTimeout("timed out"))),
        ("HTTP 500", lambda request: httpx.Response(500, text="internal error")),
        ("HTTP 429", lambda request: httpx.Response(429, json={"error": "slow down"})),
        ("HTTP 401", lambda request: httpx.Response(401, json={"error": "bad key"})),
        ("binary body", lambda request: httpx.Response(200, content=b"\x00\xff\xfe not json")),
        ("no choices", lambda request: httpx.Response(200, json={"choices": []})),
        ("cut off", lambda request: httpx.Response(200, json=_completion('{"corrected_text": "', "length"))),
        ("score out of range", _almost_valid_reply),
    ]),
    st.text(max_size=40).map(
        lambda garbage: (f"content {garbage!r}", lambda request: httpx.Response(200, json=_completion(garbage)))),
    _json_values.map(lambda value: json.dumps(value)).map(
        lambda garbage: (f"content {garbage}", lambda request: httpx.Response(200, json=_completion(garbage)))),
)


def llm_engine(handler: Callable[[httpx.Request], httpx.Response]) -> LlmEngine:
    return LlmEngine(LLM_SETTINGS, fallback=SimpleEngine(), transport=httpx.MockTransport(handler))


# --------------------------------------------------------------------------- inputs

ZWJ_FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"
FRAGMENTS = (
    # emoji, ZWJ sequences, flags, skin tones, variation selectors
    ZWJ_FAMILY, "\U0001F3F3\ufe0f\u200d\U0001F308", "\U0001F44D\U0001F3FD", "\U0001F1E8\U0001F1F3", "\u2764\ufe0f",
    "\U0001F600", "\u200d", "\u200d\u200d", "\ufe0f",
    # scripts
    "Hello world.", "the the", "teh cat", "i am here", "a apple", "an car", "Привет, мир!", "Съешь же ещё.",
    "مرحبا بالعالم.", "नमस्ते दुनिया।", "こんにちは。", "안녕하세요.", "Γειά σου.", "שלום.", "สวัสดี",
    "我的妈妈是医生", "你好,世界.", "高兴的跑了", "明天在见", "\U00020000\U0002A6D6", "ＡＢＣ１２３", "Ｈｅｌｌｏ，ｗｏｒｌｄ！",
    # combining marks, bidi, invisible and odd letters
    "e\u0301", "\u0301", "a\u0308\u0323\u0345", "Z\u0351\u0352\u0353\u0354", "\u200e", "\u200f", "\u202e", "\u2066",
    "\u2069", "\u061c", "\u200b", "\ufeff", "\u00ad", "\ufffd", "ǅ", "ß", "İ", "ﬁ", "Ⅷ", "²", "٣", "\u3000", "\u00a0",
    # control characters, NUL, odd line breaks
    "\x00", "\x01", "\x07", "\x1b[31m", "\x7f", "\x85", "\x0b", "\x0c", "\r", "\r\n", "\u2028", "\u2029", "\t",
    # lone and mispaired surrogates
    "\ud800", "\udfff", "\ud83d", "\ude00", "\udc00\ud800",
    # punctuation the rules look at
    " ", "  ", "\n", "\n\n", ".", "...", "……", "——", ",", " ,", "?!", "“", "”", "（", "）", "《", "》", "，，", "。。。",
    "！！！", "'", "’", "-", "@", "3.14", "e.g.", "U.S.", "https://example.com/a.b", "x@y.com", "file.txt",
)
# Every code point, surrogates, unassigned and private-use ones included.
any_char = st.characters(exclude_categories=())
weird_text = st.one_of(
    st.text(any_char, max_size=60),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(any_char, max_size=6)), max_size=25).map("".join),
)
blank_text = st.text(st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2028\u2029\u202f"
                                     "\u3000\u200b\u200d\ufeff"), max_size=40)
weird_title = st.one_of(
    st.sampled_from(["", "My Family", "我的妈妈", "Protect the Environment!", "  ", "\x00", "\ud800", ZWJ_FAMILY]),
    st.text(any_char, max_size=30),
    st.text(max_size=400),
)
valid_grade = st.sampled_from(VALID_GRADES)
weird_grade = st.one_of(
    valid_grade,
    st.sampled_from(["0", "13", "99", "-1", "²", "٣", "grade 8", "初二", " 8 ", "\x00", "\ud800", "Junior"]),
    st.text(any_char, max_size=12),
)

HUGE_CHARS = 200_000
huge_text = st.lists(st.sampled_from([f for f in FRAGMENTS if f.strip()]), min_size=1, max_size=8).map(
    lambda parts: ("".join(parts) * (HUGE_CHARS // len("".join(parts)) + 1))[:HUGE_CHARS])


# --------------------------------------------------------------------------- the contract

def applied_fixes(text: str, errors: tuple[TextError, ...]) -> str:
    """``text`` with the first replacement of each error applied, skipping an error without
    replacements or one that overlaps a fix applied before it (errors are in order)."""
    parts: list[str] = []
    position = 0
    for error in errors:
        if not error.replacements or error.offset < position:
            continue
        parts.append(text[position:error.offset])
        parts.append(error.replacements[0])
        position = error.offset + error.length
    parts.append(text[position:])
    return "".join(parts)


def from_dict(data: dict) -> CorrectionResult:
    return CorrectionResult(**{
        **data,
        "score": Score(**data["score"]),
        "errors": tuple(TextError(**dict(e, replacements=tuple(e["replacements"]))) for e in data["errors"]),
        "improvement_suggestions": tuple(data["improvement_suggestions"]),
        "feedback": Feedback(**data["feedback"]),
        "advisories": tuple(data["advisories"]),
    })


def utf8(*strings: str) -> bool:
    try:
        for string in strings:
            string.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_serialises(result: CorrectionResult) -> None:
    data = result.to_dict()
    loaded = json.loads(json.dumps(data, allow_nan=False))
    assert loaded == data
    assert from_dict(loaded) == result
    message = result_to_proto(loaded)
    assert common_pb2.CorrectionResult.FromString(message.SerializeToString()) == message
    back = json_format.MessageToDict(message, preserving_proto_field_name=True,
                                     always_print_fields_with_no_presence=True)
    assert back == loaded


def check_result(result: CorrectionResult, text: str, title: str, grade: str) -> None:
    """The output contract every engine keeps on every input."""
    assert isinstance(result, CorrectionResult)
    errors = result.errors
    assert isinstance(errors, tuple)
    assert list(errors) == sorted(errors, key=lambda e: (e.offset, e.length, e.rule_id))
    for error in errors:
        assert isinstance(error, TextError)
        assert type(error.offset) is int and type(error.length) is int, error
        assert 0 <= error.offset and 0 <= error.length and error.offset + error.length <= len(text), error
        assert error.category in CATEGORIES, error
        assert isinstance(error.rule_id, str) and error.rule_id, error
        assert isinstance(error.message, str) and error.message.strip(), error
        assert isinstance(error.replacements, tuple), error
        assert all(isinstance(r, str) for r in error.replacements), error
    assert isinstance(result.corrected_text, str)
    assert result.corrected_text == applied_fixes(text, errors)

    score = result.score
    values = [score.total, *(getattr(score, d) for d in DIMENSIONS)]
    assert all(isinstance(v, int | float) and math.isfinite(v) and 0 <= v <= 100 for v in values), score
    weighted = sum(WEIGHTS[d] * getattr(score, d) for d in DIMENSIONS)
    assert abs(score.total - weighted) <= 0.11, score

    assert type(result.word_count) is int and result.word_count >= 0
    if not text.strip():
        assert result.word_count == 0
        assert score.total == 0.0
    assert result.language in LANGUAGES
    assert result.grade == grade
    assert isinstance(result.grade_description, str) and result.grade_description
    if grade in VALID_GRADES:
        band = band_of(grade)
        zh = _chinese_feedback(text, result.language)
        assert result.grade_description == (band.description_zh if zh else band.description)
    feedback = dataclasses.astuple(result.feedback)
    assert all(isinstance(f, str) and f.strip() for f in feedback), result.feedback
    assert isinstance(result.improvement_suggestions, tuple) and len(result.improvement_suggestions) <= 5
    assert all(isinstance(s, str) and s.strip() for s in result.improvement_suggestions)
    assert isinstance(result.advisories, tuple) and all(isinstance(a, str) and a for a in result.advisories)
    assert result.processing_seconds >= 0
    # What the gRPC API can carry (proto strings are UTF-8) always serialises; an essay with a lone
    # surrogate cannot reach the engine through it, and a result quoting one cannot be a proto.
    if utf8(text, title, grade):
        check_serialises(result)


def check_engine_result(engine, result: CorrectionResult, text: str, title: str, grade: str) -> None:
    check_result(result, text, title, grade)
    assert engine.name and engine.version
    assert result.engine == f"{engine.name}/{engine.version}"


def check_fallback(result: CorrectionResult, text: str, title: str, grade: str) -> None:
    """The LLM engine fell back to its simple engine: the simple engine's result, marked."""
    check_result(result, text, title, grade)
    assert result.engine == "simple/1.0 (fallback from llm)", result.engine
    assert result.advisories and result.advisories[-1].startswith("LLM engine unavailable (")
    plain = SIMPLE.correct(text, title, grade)
    assert dataclasses.replace(result, engine=plain.engine, advisories=plain.advisories) == plain
    assert result.advisories[:-1] == plain.advisories


# --------------------------------------------------------------------------- no crash, contract kept

@pytest.mark.parametrize("name", ENGINES)
@settings(BASE, max_examples=200)
@given(text=weird_text, title=weird_title, grade=valid_grade)
def test_any_text_keeps_the_contract(name, text, title, grade):
    engine = engine_named(name)
    check_engine_result(engine, engine.correct(text, title, grade), text, title, grade)


@pytest.mark.parametrize("name", ENGINES)
@settings(BASE, max_examples=40)
@given(text=blank_text, title=weird_title, grade=valid_grade)
def test_blank_text_scores_zero(name, text, title, grade):
    engine = engine_named(name)
    result = engine.correct(text, title, grade)
    check_engine_result(engine, result, text, title, grade)
    if not text.strip():
        assert result.errors == ()
        assert result.corrected_text == text


@pytest.mark.parametrize("name", ENGINES)
@settings(BASE, max_examples=100)
@given(text=weird_text, title=weird_title, grade=weird_grade)
def test_any_grade_is_accepted(name, text, title, grade):
    # The service only passes canonical grades or "" (normalize_grade), but the engine accepts
    # anything: an unknown grade is echoed back and scored as "no grade given" or its band.
    engine = engine_named(name)
    check_engine_result(engine, engine.correct(text, title, grade), text, title, grade)


@pytest.mark.parametrize("name", ENGINES)
@settings(BASE, max_examples=2)
@given(text=huge_text, grade=valid_grade)
@example(text="the " * (HUGE_CHARS // 4), grade="")  # one repeated-word error over the whole text
@example(text=("i said a apple ,then.the  end" * HUGE_CHARS)[:HUGE_CHARS // 4], grade="8")  # 5,000 errors
@example(text="《" + "我的妈妈说：“你好。”" * (HUGE_CHARS // 10), grade="primary")  # never closed
def test_huge_text_keeps_the_contract(name, text, grade):
    engine = engine_named(name)
    check_engine_result(engine, engine.correct(text, "A title", grade), text, "A title", grade)


@settings(BASE, max_examples=150)
@given(text=weird_text, title=weird_title, grade=valid_grade, failure=llm_failures)
def test_llm_engine_falls_back_on_any_failure(text, title, grade, failure):
    label, handler = failure
    note(f"endpoint: {label}")
    engine = llm_engine(handler)
    try:
        result = engine.correct(text, title, grade)
    finally:
        engine.close()
    check_fallback(result, text, title, grade)


@settings(BASE, max_examples=2)
@given(text=huge_text, grade=valid_grade, failure=llm_failures)
def test_llm_engine_falls_back_on_huge_text(text, grade, failure):
    engine = llm_engine(failure[1])
    try:
        result = engine.correct(text, "", grade)
    finally:
        engine.close()
    check_fallback(result, text, "", grade)
    assert "longer than 20000 characters" in result.advisories[-1]


# --------------------------------------------------------------------------- determinism

@settings(BASE, max_examples=100)
@given(text=weird_text, other=weird_text, title=weird_title, grade=valid_grade)
def test_simple_engine_is_deterministic(text, other, title, grade):
    first = SIMPLE.correct(text, title, grade)
    SIMPLE.correct(other, title, grade)
    assert SIMPLE.correct(text, title, grade) == first
    assert SimpleEngine().correct(text, title, grade) == first


@settings(BASE, max_examples=100)
@given(text=weird_text, other=weird_text, title=weird_title, grade=valid_grade)
def test_offline_engine_is_deterministic(text, other, title, grade):
    engine = offline_engine()
    first = engine.correct(text, title, grade)
    engine.correct(other, title, grade)  # caches filled by another essay change nothing
    assert engine.correct(text, title, grade) == first


@settings(BASE, max_examples=40)
@given(text=weird_text, title=weird_title, grade=valid_grade, failure=llm_failures)
def test_llm_fallback_is_deterministic(text, title, grade, failure):
    results = []
    for _ in range(2):
        engine = llm_engine(failure[1])
        try:
            results.append(engine.correct(text, title, grade))
        finally:
            engine.close()
    assert results[0] == results[1]


# --------------------------------------------------------------------------- monotonicity

# Sentences without any error for either engine (test_clean_sentences_are_clean checks it).
CLEAN_EN = (
    "My best friend lives in a small town near the river.",
    "We usually walk to school together because the weather is pleasant.",
    "I believe that reading books is the best way to learn new words.",
    "However, some students think that sports are more important than homework.",
    "Yesterday our teacher gave us an interesting lesson about the environment.",
    "The government should build another library for the children in our city.",
    "First, we need to protect the forests and keep the water clean.",
    "My family always visits my grandparents at the beginning of the summer.",
    "She was really surprised when she received a letter from her friend.",
    "In conclusion, different people have different opinions about this question.",
    "It is necessary to remember the information that we learned in class.",
    "Tomorrow we will finally start a new exercise in the music club.",
    "He goes to the park every morning with his classmates.",
    "They can swim very fast, and their coach is proud of them.",
    "This experience taught me that hard work is better than luck.",
    "For example, my sister practices the piano for an hour every day.",
    "There is a beautiful garden behind our house.",
    "Finally, we should thank the people who help us.",
)
CLEAN_ZH = (
    "我的妈妈是一名医生，她每天都很忙。",
    "早上，她很早就起床，为我们做好早饭。",
    "首先，我们应该保护环境，爱护身边的花草树木。",
    "小明高兴地跑回家，把好消息告诉了爸爸。",
    "弟弟跑得很快，每次比赛都是第一名。",
    "放学以后，我们在学校的操场上踢足球。",
    "老师说：“明天我们一起去公园。”",
    "我最喜欢的一本书是《西游记》。",
    "总之，我爱我的家乡，它是一个美丽的地方。",
    "我们认真地听老师讲课，然后完成作业。",
    "分别的时候，我们笑着说再见。",
    "因此，每个人都应该珍惜时间，努力学习。",
    "春天来了，公园里开满了美丽的花。",
    "我再也不会忘记那一天发生的事情。",
)
TITLES = ("", "My Family", "Protect the Environment", "A Day I Will Never Forget", "我的妈妈", "我的家乡")

# Misspellings the simple engine's list knows (correct word -> misspelling).
MISSPELLINGS = {
    "friend": "freind", "because": "becuase", "believe": "beleive", "received": "recieved",
    "interesting": "intresting", "environment": "enviroment", "government": "goverment", "library": "libary",
    "beginning": "begining", "family": "familly", "always": "allways", "really": "realy",
    "surprised": "suprised", "different": "diffrent", "necessary": "neccessary", "remember": "remeber",
    "information": "infomation", "tomorrow": "tommorow", "finally": "finaly", "exercise": "excercise",
    "experience": "experiance", "beautiful": "beautifull", "should": "shoud", "together": "togehter",
    "their": "thier", "first": "frist", "with": "whith", "the": "teh", "important": "importent",
}
# Words a writer may well double ("had had", "that that"): not an error.
MAY_REPEAT = frozenset({"had", "that", "bye", "ha", "haha", "ho", "so", "no", "hey", "now"})
CJK = "\u3400-\u4dbf\u4e00-\u9fff"
HALF_WIDTH = {"，": ",", "。": ".", "？": "?", "！": "!", "；": ";", "：": ":"}


@functools.cache
def english_words() -> frozenset[str]:
    """The bundled frequency dictionary: a letter swap or drop that stays in it is no misspelling."""
    path = importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    return frozenset(line.split(" ", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())


def _pick(sites: list, k: int):
    return sites[k % len(sites)] if sites else None


def _sub_site(pattern: str, replace: Callable[[re.Match], str]) -> Callable[[str, int, int], str | None]:
    """An operation replacing the k-th match of ``pattern`` (cyclically) with ``replace(match)``."""
    compiled = re.compile(pattern)

    def operation(text: str, k: int, j: int) -> str | None:
        match = _pick(list(compiled.finditer(text)), k)
        if match is None:
            return None
        return text[:match.start()] + replace(match) + text[match.end():]

    return operation


def _known_misspelling(text: str, k: int, j: int) -> str | None:
    words = [m for m in re.finditer(r"[A-Za-z]+", text) if m.group().lower() in MISSPELLINGS]
    match = _pick(words, k)
    if match is None:
        return None
    word = match.group()
    wrong = MISSPELLINGS[word.lower()]
    wrong = wrong[:1].upper() + wrong[1:] if word[:1].isupper() else wrong
    return text[:match.start()] + wrong + text[match.end():]


def _typo(kind: str) -> Callable[[str, int, int], str | None]:
    """Swap two neighbouring letters or drop one, in a lowercase word, giving a non-word."""
    def operation(text: str, k: int, j: int) -> str | None:
        match = _pick(list(re.finditer(r"(?<![A-Za-z])[a-z]{4,}(?![A-Za-z])", text)), k)
        if match is None:
            return None
        word = match.group()
        if kind == "swap":
            p = 1 + j % (len(word) - 2)
            wrong = word[:p] + word[p + 1] + word[p] + word[p + 2:]
        else:
            p = j % len(word)
            wrong = word[:p] + word[p + 1:]
        if wrong == word or wrong in english_words():
            return None
        return text[:match.start()] + wrong + text[match.end():]

    return operation


def _duplicate_word(text: str, k: int, j: int) -> str | None:
    words = [m for m in re.finditer(r"(?<![A-Za-z'])[A-Za-z]+(?![A-Za-z'])", text)
             if m.group().lower() not in MAY_REPEAT]
    match = _pick(words, k)
    if match is None:
        return None
    return text[:match.end()] + " " + match.group().lower() + text[match.end():]


def _repeat_zh_punct(text: str, k: int, j: int) -> str | None:
    match = _pick(list(re.finditer("[，。！？]", text)), k)
    if match is None:
        return None
    return text[:match.start()] + match.group() * (2 + j % 3) + text[match.end():]


def _unpaired(text: str, k: int, j: int) -> str | None:
    marks = list(re.finditer("[“”《》（）]", text))
    if j % 2 == 0 and marks:
        match = _pick(marks, k)  # drop one mark of a pair
        return text[:match.start()] + text[match.end():]
    sites = [m.start() for m in re.finditer(f"[{CJK}]", text)]
    position = _pick(sites, k)
    if position is None:
        return None
    return text[:position] + "“《（"[j % 3] + text[position:]  # an opener that is never closed


def _replace_phrase(pairs: tuple[tuple[str, str], ...]) -> Callable[[str, int, int], str | None]:
    """Replace one occurrence of a clean phrase with its wrong form."""
    def operation(text: str, k: int, j: int) -> str | None:
        sites = [(m.start(), right, wrong) for right, wrong in pairs for m in re.finditer(re.escape(right), text)]
        site = _pick(sorted(sites), k)
        if site is None:
            return None
        start, right, wrong = site
        return text[:start] + wrong + text[start + len(right):]

    return operation


# Families of errors; an essay carries at least one sentence where the family's errors can go.
RULE_FAMILIES = {  # what the simple engine's rules detect (and so the offline engine's as well)
    "listed misspelling": {"known misspelling": _known_misspelling},
    "repeated word": {"duplicate a word": _duplicate_word},
    "capitalisation": {
        "lowercase a sentence start": _sub_site(r"(?:^|(?<=[.!?] )|(?<=\n))[A-Z]", lambda m: m.group().lower()),
        "lowercase the pronoun I": _sub_site(r"(?<![A-Za-z])I(?![A-Za-z])", lambda m: "i"),
    },
    "spacing": {
        "no space after a full stop": _sub_site(r"(?<=[a-z]\.) (?=[A-Z])", lambda m: ""),
        "no space after a comma": _sub_site(r"(?<=[a-z],) (?=[a-z])", lambda m: ""),
        "two spaces between words": _sub_site(r"(?<=[a-z]) (?=[a-z])", lambda m: "  "),
        "a space before punctuation": _sub_site(r"(?<=[a-z])(?=[,.](?:\s|$))", lambda m: " "),
    },
    "chinese punctuation": {
        "half-width punctuation": _sub_site(f"(?<=[{CJK}”》])[，。？！；：](?![A-Za-z0-9/])",
                                            lambda m: HALF_WIDTH[m.group()]),
        "repeated punctuation": _repeat_zh_punct,
        "unpaired quote or bracket": _unpaired,
    },
}
OFFLINE_FAMILIES = {  # what the offline engine adds: dictionary spelling, grammar, 的/地/得 and 在/再
    "typo": {"swap two letters": _typo("swap"), "drop a letter": _typo("drop")},
    "english grammar": {
        "subject-verb agreement": _replace_phrase((("He goes", "He go"), ("I believe", "I believes"),
                                                   ("We usually walk", "We usually walks"))),
        "modal verb form": _replace_phrase((("can swim", "can swims"), ("should build", "should builds"))),
        "then for than": _replace_phrase((("better than", "better then"), ("important than", "important then"))),
        "their for there": _replace_phrase((("There is", "Their is"),)),
        "double comparative": _replace_phrase((("is better", "is more better"),)),
    },
    "chinese 的/地/得 and 在/再": {
        "的 for 地 before a verb": _replace_phrase((("高兴地跑", "高兴的跑"), ("认真地听", "认真的听"))),
        "的 for 得 before a complement": _replace_phrase((("跑得很快", "跑的很快"),)),
        "在 for 再, 再 for 在": _replace_phrase((("说再见", "说在见"), ("再也不", "在也不"), ("在学校", "再学校"))),
    },
}
FAMILIES = {**RULE_FAMILIES, **OFFLINE_FAMILIES}
# Each engine against the kinds of error it claims to detect.
ENGINE_FAMILIES = [("simple", family) for family in RULE_FAMILIES] + [("offline", family) for family in FAMILIES]


@functools.cache
def carriers(family: str) -> tuple[str, ...]:
    """The clean sentences where some error of ``family`` can go."""
    return tuple(sentence for sentence in (*CLEAN_EN, *CLEAN_ZH)
                 if any(op(sentence, k, j) not in (None, sentence)
                        for op in FAMILIES[family].values() for k in range(3) for j in range(3)))


@st.composite
def clean_essays(draw, families: tuple[str, ...]) -> str:
    """One or two paragraphs of clean sentences, the first one starting with a carrier of an
    error of one of ``families``; paragraphs are English or Chinese."""
    first = draw(st.sampled_from(sorted({s for family in families for s in carriers(family)})), label="carrier")
    paragraphs = []
    for k, language in enumerate(draw(st.lists(st.sampled_from(["en", "zh"]), min_size=1, max_size=2))):
        if k == 0:
            language = "zh" if re.match(f"[{CJK}]", first) else "en"
        pool = CLEAN_EN if language == "en" else CLEAN_ZH
        sentences = ([first] if k == 0 else []) + draw(st.lists(st.sampled_from(pool), min_size=0 if k == 0 else 1,
                                                                max_size=3))
        paragraphs.append((" " if language == "en" else "").join(sentences))
    return "\n\n".join(paragraphs)


def damage(text: str, operations: dict, steps: list[tuple[str, int, int]]) -> tuple[str, list[str]]:
    applied = []
    for name, k, j in steps:
        damaged = operations[name](text, k, j)
        if damaged is not None and damaged != text:
            text = damaged
            applied.append(name)
    return text, applied


@functools.lru_cache(maxsize=4096)
def _clean_result(name: str, clean: str, title: str, grade: str) -> CorrectionResult:
    return engine_named(name).correct(clean, title, grade)


def check_not_better(name: str, clean: str, steps: list, operations: dict, title: str, grade: str) -> None:
    damaged, applied = damage(clean, operations, steps)
    assume(applied)
    note(f"errors added: {applied}")
    note(f"clean:   {clean!r}")
    note(f"damaged: {damaged!r}")
    engine = engine_named(name)
    before = _clean_result(name, clean, title, grade)
    after = engine.correct(damaged, title, grade)
    note(f"clean:   {before.score} ({before.language})")
    note(f"damaged: {after.score} ({after.language}), corrected {after.corrected_text!r}")
    note(f"errors found: {[(damaged[e.offset:e.offset + e.length], e.rule_id, e.replacements) for e in after.errors]}")
    # The promise is about errors the engine finds and fixes: when its corrections give back the
    # clean text, the damaged text must not score higher. An error it does not see, or a fix other
    # than the original, leaves two texts of different content, whose scores are not comparable.
    assume(after.corrected_text == before.corrected_text)
    assert after.score.total <= before.score.total
    assert after.score.mechanics <= before.score.mechanics
    assert after.score.language <= before.score.language


def _steps(operations: dict, max_size: int):
    return st.lists(st.tuples(st.sampled_from(sorted(operations)), st.integers(0, 1000), st.integers(0, 1000)),
                    min_size=1, max_size=max_size)


# One minimal failing example per test, without the (slow) explain phase.
MONOTONIC = settings(BASE, max_examples=50, report_multiple_bugs=False,
                     phases=[Phase.explicit, Phase.generate, Phase.shrink])


@pytest.mark.parametrize(("name", "family"), ENGINE_FAMILIES)
@settings(MONOTONIC, max_examples=120)
@given(data=st.data(), title=st.sampled_from(TITLES), grade=valid_grade)
def test_an_added_error_never_raises_the_score(name, family, data, title, grade):
    operations = FAMILIES[family]
    clean = data.draw(clean_essays((family,)), label="clean")
    steps = data.draw(_steps(operations, 2), label="steps")
    check_not_better(name, clean, steps, operations, title, grade)


@pytest.mark.parametrize(("name", "families"), [("simple", RULE_FAMILIES),
                                                ("offline", {**RULE_FAMILIES, **OFFLINE_FAMILIES})])
@settings(MONOTONIC, max_examples=100)
@given(data=st.data(), title=st.sampled_from(TITLES), grade=valid_grade)
def test_added_errors_the_engine_detects_never_raise_the_score(name, families, data, title, grade):
    """Several errors of the kinds the engine detects, in any combination."""
    operations = {op_name: op for family in families.values() for op_name, op in family.items()}
    clean = data.draw(clean_essays(tuple(families)), label="clean")
    steps = data.draw(_steps(operations, 4), label="steps")
    check_not_better(name, clean, steps, operations, title, grade)


@pytest.mark.parametrize("name", ENGINES)
def test_clean_sentences_are_clean(name):
    """The monotonicity tests start from error-free essays."""
    engine = engine_named(name)
    for sentence in (*CLEAN_EN, *CLEAN_ZH):
        assert engine.correct(sentence, "", "8").errors == (), sentence
    for pool, glue in ((CLEAN_EN, " "), (CLEAN_ZH, "")):
        assert engine.correct(glue.join(pool), "", "8").errors == ()
    assert engine.correct(" ".join(CLEAN_EN) + "\n\n" + "".join(CLEAN_ZH), "", "").errors == ()


def test_every_family_has_carriers():
    assert all(carriers(family) for family in FAMILIES)
