"""Unit tests for the LLM engine (services/correction/engine/llm.py), against httpx.MockTransport only."""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Callable

import httpx
import pytest

from services.correction.engine import llm as llm_module
from services.correction.engine.align import Edit, apply_edits
from services.correction.engine.llm import LlmEngine, LlmSettings
from services.correction.engine.result import CorrectionResult
from services.correction.engine.simple import WEIGHTS, SimpleEngine

SETTINGS = LlmSettings(base_url="https://llm.example/v1/", model="test-model", api_key="sk-test-key",
                       timeout_seconds=5.0, max_chars=2000)

ESSAY = ("Yesterday I recieve a letter from my freind.\n\n"
         "Its a nice day and it make me very happy , so I goed to the park.")
CORRECTED = ("Yesterday I received a letter from my friend.\n\n"
             "It's a nice day and it made me very happy, so I went to the park.")
REPLY = {
    "corrected_text": CORRECTED,
    "edits": [
        {"original": "recieve", "replacement": "received", "category": "spelling",
         "message": "“Receive” is spelled with “ei”, and the past tense is needed here."},
        {"original": "freind", "replacement": "friend", "category": "spelling", "message": "Spelling: friend."},
        {"original": "Its", "replacement": "It's", "category": "grammar", "message": "“It's” means “it is”."},
        {"original": "make", "replacement": "made", "category": "grammar", "message": "Use the past tense."},
        {"original": "happy ,", "replacement": "happy,", "category": "punctuation",
         "message": "No space before a comma."},
        {"original": "goed", "replacement": "went", "category": "grammar", "message": "“Go” is irregular."},
    ],
    "score": {"content": 72, "organization": 65.5, "language": 70, "mechanics": 58},
    "feedback": {
        "overall": "A clear, short story about a happy day.",
        "content": "Say more about the letter.",
        "organization": "Two short paragraphs; add a conclusion.",
        "language": "Watch your verb tenses.",
        "mechanics": "Several spelling mistakes.",
    },
    "improvement_suggestions": ["Check past-tense verbs.", "Proofread your spelling.", "  "],
}


def completion(content: str, finish_reason: str = "stop") -> dict:
    return {"id": "chatcmpl-1", "object": "chat.completion", "model": "test-model",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": finish_reason}]}


def reply_with(**changes) -> dict:
    reply = copy.deepcopy(REPLY)
    reply.update(changes)
    return reply


class Recorder:
    """An httpx.MockTransport handler that records the requests and answers with ``respond``."""

    def __init__(self, respond: Callable[[httpx.Request], httpx.Response]):
        self.respond = respond
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.respond(request)


def answering(reply: dict | str) -> Recorder:
    content = reply if isinstance(reply, str) else json.dumps(reply, ensure_ascii=False)
    return Recorder(lambda request: httpx.Response(200, json=completion(content)))


def engine_for(handler: Callable[[httpx.Request], httpx.Response], settings: LlmSettings = SETTINGS) -> LlmEngine:
    return LlmEngine(settings, SimpleEngine(), transport=httpx.MockTransport(handler))


def assert_fell_back(result: CorrectionResult, text: str = ESSAY, reason: str = "") -> None:
    offline = SimpleEngine().correct(text, "A happy day", "5")
    assert result.engine == "simple/1.0 (fallback from llm)"
    assert reason in result.advisories[-1]
    assert result.corrected_text == offline.corrected_text
    assert result.errors == offline.errors
    assert result.score == offline.score
    assert result.advisories[:-1] == offline.advisories
    assert result.advisories[-1].startswith("LLM engine unavailable (")
    assert reason in result.advisories[-1]


# --------------------------------------------------------------------------- a good reply


def test_good_reply_gives_the_llm_result():
    result = engine_for(answering(REPLY)).correct(ESSAY, "A happy day", "5")
    offline = SimpleEngine().correct(ESSAY, "A happy day", "5")

    assert result.engine == "llm/test-model"
    assert result.corrected_text == CORRECTED
    assert result.feedback.overall == "A clear, short story about a happy day."
    assert result.improvement_suggestions == ("Check past-tense verbs.", "Proofread your spelling.")
    assert (result.word_count, result.language, result.grade, result.grade_description) == (
        offline.word_count, offline.language, "5", offline.grade_description)
    assert not any("LLM" in advisory for advisory in result.advisories)


def test_error_offsets_are_computed_by_alignment_and_match_the_model_edits():
    result = engine_for(answering(REPLY)).correct(ESSAY, "A happy day", "5")

    by_original = {edit["original"]: edit for edit in REPLY["edits"]}
    assert len(result.errors) == len(REPLY["edits"])
    for error in result.errors:
        original = ESSAY[error.offset:error.offset + error.length]
        model_edit = by_original[original]
        assert error.replacements == (model_edit["replacement"],)
        assert error.category == model_edit["category"]
        assert error.message == model_edit["message"]
        assert error.rule_id == f"LLM_{model_edit['category'].upper()}"
    assert [e.offset for e in result.errors] == sorted(e.offset for e in result.errors)
    edits = [Edit(e.offset, e.length, e.replacements[0]) for e in result.errors]
    assert apply_edits(ESSAY, edits) == CORRECTED


def test_scores_are_in_range_and_the_total_uses_the_simple_engine_weights():
    score = engine_for(answering(REPLY)).correct(ESSAY, "A happy day", "5").score
    assert (score.content, score.organization, score.language, score.mechanics) == (72.0, 65.5, 70.0, 58.0)
    expected = sum(WEIGHTS[d] * REPLY["score"][d] for d in ("content", "organization", "language", "mechanics"))
    assert WEIGHTS == {"content": 0.30, "organization": 0.20, "language": 0.30, "mechanics": 0.20}
    assert score.total == round(expected, 1) == 67.3
    assert all(0 <= value <= 100 for value in (score.total, score.content, score.organization,
                                                score.language, score.mechanics))


def test_changes_the_model_did_not_list_are_grammar_llm_edits():
    reply = reply_with(edits=[])
    result = engine_for(answering(reply)).correct(ESSAY, "A happy day", "5")
    assert len(result.errors) == 6
    assert {(e.category, e.rule_id) for e in result.errors} == {("grammar", "LLM_EDIT")}
    first = result.errors[0]
    assert ESSAY[first.offset:first.offset + first.length] == "recieve"
    assert first.message == "Replace “recieve” with “received”."


def test_model_edits_covering_a_finer_alignment_give_the_model_span():
    essay = "我今天很高心，因为妈妈给我买了一本书."
    corrected = "我今天很高兴，因为妈妈给我买了一本书。"
    reply = reply_with(corrected_text=corrected, edits=[
        {"original": "高心", "replacement": "高兴", "category": "spelling", "message": "“高兴”的“兴”写错了。"},
        {"original": "书.", "replacement": "书。", "category": "punctuation", "message": "中文句末用句号。"},
    ])
    result = engine_for(answering(reply)).correct(essay, "快乐的一天", "5")
    assert [(essay[e.offset:e.offset + e.length], e.replacements, e.category) for e in result.errors] == [
        ("高心", ("高兴",), "spelling"), ("书.", ("书。",), "punctuation")]
    assert result.errors[0].offset == 4 and result.errors[0].length == 2
    assert result.language == "zh"


def test_offsets_are_code_points_with_emoji():
    essay = "I 😀 love 👨‍👩‍👧 my familly 🎉 very much."
    corrected = "I 😀 love 👨‍👩‍👧 my family 🎉 very much."
    reply = reply_with(corrected_text=corrected, edits=[
        {"original": "familly", "replacement": "family", "category": "spelling", "message": "Spelling."}])
    (error,) = engine_for(answering(reply)).correct(essay, "", "").errors
    assert (error.offset, error.length) == (essay.index("familly"), 7)
    assert essay[error.offset:error.offset + error.length] == "familly"


def test_unchanged_essay_has_no_errors():
    text = "The day was nice. We walked to the park."
    reply = reply_with(corrected_text=text, edits=[])
    assert engine_for(answering(reply)).correct(text, "", "").errors == ()


def test_a_reply_in_a_json_code_fence_is_accepted():
    content = "```json\n" + json.dumps(REPLY) + "\n```"
    result = engine_for(answering(content)).correct(ESSAY, "A happy day", "5")
    assert result.engine == "llm/test-model"


def test_same_reply_gives_the_same_result():
    first = engine_for(answering(REPLY)).correct(ESSAY, "A happy day", "5")
    engine = engine_for(answering(REPLY))
    assert engine.correct(ESSAY, "A happy day", "5") == first
    assert engine.correct(ESSAY, "A happy day", "5") == first
    assert first.to_dict() == engine.correct(ESSAY, "A happy day", "5").to_dict()


# --------------------------------------------------------------------------- the request


def test_request_has_the_model_temperature_key_format_and_essay():
    recorder = answering(REPLY)
    engine_for(recorder).correct(ESSAY, "A happy day", "5")

    (request,) = recorder.requests
    assert request.method == "POST"
    assert str(request.url) == "https://llm.example/v1/chat/completions"
    assert request.headers["Authorization"] == "Bearer sk-test-key"
    body = json.loads(request.content)
    assert body["model"] == "test-model"
    assert body["temperature"] == 0
    assert body["response_format"] == {"type": "json_object"}
    system, user = body["messages"]
    assert system["role"] == "system" and "JSON" in system["content"]
    for key in ("corrected_text", "edits", "score", "feedback", "improvement_suggestions"):
        assert key in system["content"]
    assert user["role"] == "user"
    assert ESSAY in user["content"]
    assert "A happy day" in user["content"]
    assert "Primary school" in user["content"]


def test_the_api_key_is_not_in_the_settings_repr():
    assert "sk-test-key" not in repr(SETTINGS)


def test_the_fallback_engine_runs_once_per_essay():
    calls = []

    class CountingEngine(SimpleEngine):
        def correct(self, text, title, grade):
            calls.append(text)
            return super().correct(text, title, grade)

    LlmEngine(SETTINGS, CountingEngine(), transport=httpx.MockTransport(answering(REPLY))).correct(ESSAY, "", "")
    assert calls == [ESSAY]
    calls.clear()
    failing = httpx.MockTransport(lambda request: httpx.Response(500))
    LlmEngine(SETTINGS, CountingEngine(), transport=failing).correct(ESSAY, "", "")
    assert calls == [ESSAY]


# --------------------------------------------------------------------------- failures


def raising(error: type[httpx.RequestError]) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error("simulated", request=request)

    return handler


@pytest.mark.parametrize(
    ("handler", "reason"),
    [
        (raising(httpx.ReadTimeout), "timed out after 5s"),
        (raising(httpx.ConnectTimeout), "timed out after 5s"),
        (raising(httpx.ConnectError), "could not reach the LLM API"),
        (raising(httpx.RemoteProtocolError), "could not reach the LLM API"),
        (lambda request: httpx.Response(500, text="oops"), "HTTP 500"),
        (lambda request: httpx.Response(503), "HTTP 503"),
        (lambda request: httpx.Response(429, json={"error": "rate limited"}), "HTTP 429"),
    ],
    ids=["read-timeout", "connect-timeout", "connect-error", "protocol-error", "500", "503", "429"],
)
def test_transient_failures_fall_back_with_a_warning(handler, reason, caplog):
    with caplog.at_level(logging.WARNING, logger="services.correction.engine.llm"):
        result = engine_for(handler).correct(ESSAY, "A happy day", "5")
    assert_fell_back(result, reason=reason)
    assert [r.levelno for r in caplog.records] == [logging.WARNING]


@pytest.mark.parametrize("status", [400, 401, 403, 404])
def test_rejected_requests_fall_back_and_log_an_error(status, caplog):
    handler = Recorder(lambda request: httpx.Response(status, json={"error": {"message": "invalid api key"}}))
    with caplog.at_level(logging.WARNING, logger="services.correction.engine.llm"):
        result = engine_for(handler).correct(ESSAY, "A happy day", "5")
    assert_fell_back(result, reason=f"HTTP {status}")
    assert [r.levelno for r in caplog.records] == [logging.ERROR]
    assert "invalid api key" in caplog.text  # the API's explanation is logged for the operator
    assert "sk-test-key" not in caplog.text


def replying(content: str, finish_reason: str = "stop") -> Recorder:
    return Recorder(lambda request: httpx.Response(200, json=completion(content, finish_reason)))


@pytest.mark.parametrize(
    ("handler", "reason"),
    [
        (replying("Here is your corrected essay!"), "not valid JSON"),
        (replying('{"corrected_text": "x"'), "not valid JSON"),
        (replying(json.dumps(REPLY)[:-40], finish_reason="length"), "cut off"),
        (replying(json.dumps(reply_with(score={**REPLY["score"], "content": float("nan")}))), "not valid JSON"),
        (replying("[1, 2, 3]"), "the reply must be an object"),
        (replying(json.dumps(REPLY).replace('"content": 72', '"content": 1e999')),
         "score.content must be between 0 and 100"),
        (Recorder(lambda request: httpx.Response(200, text="<html>bad gateway</html>")), "malformed API response"),
        (Recorder(lambda request: httpx.Response(200, json={"choices": []})), "malformed API response"),
        (Recorder(lambda request: httpx.Response(200, json={"choices": [{"message": {"content": None}}]})),
         "malformed API response"),
    ],
    ids=["prose", "truncated-json", "finish-length", "nan", "array", "infinity", "html-body", "no-choices",
         "null-content"],
)
def test_invalid_replies_fall_back(handler, reason):
    assert_fell_back(engine_for(handler).correct(ESSAY, "A happy day", "5"), reason=reason)


def without(key: str) -> dict:
    reply = copy.deepcopy(REPLY)
    del reply[key]
    return reply


def without_in(section: str, key: str) -> dict:
    reply = copy.deepcopy(REPLY)
    del reply[section][key]
    return reply


def with_edit(**changes) -> dict:
    return reply_with(edits=[{**REPLY["edits"][0], **changes}])


def with_score(**changes) -> dict:
    return reply_with(score={**REPLY["score"], **changes})


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        # missing keys
        (without("corrected_text"), "corrected_text is missing"),
        (without("edits"), "edits is missing"),
        (without("score"), "score is missing"),
        (without("feedback"), "feedback is missing"),
        (without("improvement_suggestions"), "improvement_suggestions is missing"),
        (without_in("score", "mechanics"), "score.mechanics is missing"),
        (without_in("feedback", "organization"), "feedback.organization is missing"),
        (reply_with(edits=[{"original": "recieve", "replacement": "received", "category": "spelling"}]),
         "edits[0].message is missing"),
        # wrong types
        (reply_with(corrected_text=None), "corrected_text must be of type string"),
        (reply_with(corrected_text=["text"]), "corrected_text must be of type string"),
        (reply_with(edits={"original": "x"}), "edits must be of type array"),
        (reply_with(edits=["recieve -> received"]), "edits[0] must be an object"),
        (with_edit(replacement=3), "edits[0].replacement must be of type string"),
        (with_edit(category="vocabulary"), "edits[0].category must be one of"),
        (reply_with(score=[72, 65, 70, 58]), "score must be of type object"),
        (with_score(content="72"), "score.content must be a number"),
        (with_score(language=True), "score.language must be a number"),
        (with_score(mechanics=None), "score.mechanics must be a number"),
        (reply_with(feedback="Good essay."), "feedback must be of type object"),
        (reply_with(feedback={**REPLY["feedback"], "overall": 5}), "feedback.overall must be of type string"),
        (reply_with(feedback={**REPLY["feedback"], "language": "  "}), "feedback.language is empty"),
        (reply_with(improvement_suggestions="Read more."), "improvement_suggestions must be of type array"),
        (reply_with(improvement_suggestions=["Read more.", 2]), "improvement_suggestions must be an array"),
        # out-of-range scores
        (with_score(content=101), "score.content must be between 0 and 100"),
        (with_score(organization=-1), "score.organization must be between 0 and 100"),
        (with_score(mechanics=100.5), "score.mechanics must be between 0 and 100"),
        (with_score(language=10**400), "score.language must be between 0 and 100"),
        # a corrected text absurdly different from the essay
        (reply_with(corrected_text=""), "corrected_text is empty"),
        (reply_with(corrected_text="Good."), "corrected_text has 5 characters"),
        (reply_with(corrected_text=CORRECTED * 3), "corrected_text has"),
    ],
)
def test_schema_violations_fall_back(reply, reason, caplog):
    with caplog.at_level(logging.WARNING, logger="services.correction.engine.llm"):
        result = engine_for(answering(reply)).correct(ESSAY, "A happy day", "5")
    assert_fell_back(result, reason=reason)
    assert [r.levelno for r in caplog.records] == [logging.WARNING]


def test_scores_at_the_bounds_are_accepted():
    reply = with_score(content=0, organization=100, language=0.0, mechanics=100.0)
    result = engine_for(answering(reply)).correct(ESSAY, "A happy day", "5")
    assert result.engine == "llm/test-model"
    assert result.score.total == 40.0


def test_an_essay_over_max_chars_is_not_sent():
    recorder = answering(REPLY)
    text = "word " * 500
    result = engine_for(recorder, LlmSettings("https://llm.example/v1", "m", "k", max_chars=100)).correct(
        text, "A happy day", "5")
    assert recorder.requests == []
    assert_fell_back(result, text=text, reason="longer than 100 characters")


def test_an_empty_essay_is_not_sent():
    recorder = answering(REPLY)
    result = engine_for(recorder).correct("  \n", "A happy day", "5")
    assert recorder.requests == []
    assert_fell_back(result, text="  \n", reason="the essay is empty")


def test_the_engine_recovers_after_a_failure():
    replies = iter([httpx.Response(503), httpx.Response(200, json=completion(json.dumps(REPLY)))])
    engine = engine_for(lambda request: next(replies))
    fell_back = engine.correct(ESSAY, "A happy day", "5")
    assert fell_back.engine == "simple/1.0 (fallback from llm)" and "HTTP 503" in fell_back.advisories[-1]
    assert engine.correct(ESSAY, "A happy day", "5").engine == "llm/test-model"


def test_an_unexpected_error_falls_back_and_logs_it(monkeypatch, caplog):
    def broken(original: str, corrected: str) -> list[Edit]:
        raise RuntimeError("bug")

    monkeypatch.setattr(llm_module, "edits_between", broken)
    with caplog.at_level(logging.WARNING, logger="services.correction.engine.llm"):
        result = engine_for(answering(REPLY)).correct(ESSAY, "A happy day", "5")
    assert_fell_back(result, reason="unexpected error: RuntimeError")
    assert [r.levelno for r in caplog.records] == [logging.ERROR]


def test_close_releases_the_client_and_a_later_call_opens_a_new_one():
    recorder = answering(REPLY)
    engine = engine_for(recorder)
    engine.correct(ESSAY, "", "")
    engine.close()
    engine.close()
    assert engine.correct(ESSAY, "", "").engine == "llm/test-model"
    assert len(recorder.requests) == 2


def test_load_engine_picks_the_llm_adapter_with_the_offline_fallback():
    from services.correction.engine import load_engine
    from services.correction.engine.llm import LlmEngine, LlmSettings

    engine = load_engine("llm", LlmSettings(base_url="http://127.0.0.1:9/v1", model="m", api_key="k"))
    assert isinstance(engine, LlmEngine) and engine.fallback.name == "offline"
    with pytest.raises(ValueError):
        load_engine("llm", LlmSettings(base_url="", model="", api_key=""))
    with pytest.raises(ValueError):
        load_engine("nonsense")


def test_load_engine_names():
    from services.correction.engine import load_engine

    assert load_engine("simple").name == "simple"
    assert load_engine("").name == "offline"  # the default
    assert load_engine("offline").name == "offline"
