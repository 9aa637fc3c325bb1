"""Unit tests for the rule-based SimpleEngine (services/correction/engine/simple.py)."""

from __future__ import annotations

import re

import pytest

from services.correction.engine import load_engine
from services.correction.engine.simple import SimpleEngine, count_words, detect_language
from services.correction.grades import band_of

ENGINE = SimpleEngine()

CLEAN_EN = """Dr. Smith, our teacher, once told us that every season has its own beauty. However, I think \
autumn is the best time of the year. The weather is cool, the sky is clear and the trees turn red and gold, \
e.g. maples and oaks. Pi is about 3.14, and the U.S. has many famous parks. You can read more at \
https://example.com/a.b if you like.

First, autumn is a good season for walking. I usually spend an hour in the park after school, and my sister, \
who studies at a university, often joins me. We talk about our plans and watch the leaves fall.

Finally, autumn is the season of harvest. Farmers collect fruit and vegetables, and families share big meals \
together. In conclusion, autumn gives me peace, energy and many happy memories."""

CLEAN_ZH = """我的妈妈是一名医生，她每天都很忙。早上，她很早就起床，为我们做好早饭，然后匆匆去医院上班。

首先，妈妈对病人非常耐心。有一次，一位老奶奶生病了，妈妈一直陪在她身边，直到她好起来。其次，妈妈也很关心我的学习，\
每天晚上都会检查我的作业。

总之，我爱我的妈妈，她是我心中最伟大的人。我长大以后也要像她一样，做一个对社会有用的人。"""


def errors_of(text: str, rule_id: str | None = None):
    result = ENGINE.correct(text, "", "")
    return [e for e in result.errors if rule_id is None or e.rule_id == rule_id]


def scores(result) -> tuple[float, ...]:
    s = result.score
    return (s.total, s.content, s.organization, s.language, s.mechanics)


# --------------------------------------------------------------------------- rules


@pytest.mark.parametrize(
    ("text", "rule_id", "category", "offset", "length", "replacement"),
    [
        ("We saw the the dog.", "EN_REPEATED_WORD", "grammar", 7, 7, "the"),
        ("It is is is fine.", "EN_REPEATED_WORD", "grammar", 3, 8, "is"),
        ("She ate a apple.", "EN_A_AN", "grammar", 8, 1, "an"),
        ("He drove an car.", "EN_A_AN", "grammar", 9, 2, "a"),
        ("We waited a hour.", "EN_A_AN", "grammar", 10, 1, "an"),
        ("She went to an university.", "EN_A_AN", "grammar", 12, 2, "a"),
        ("A apple fell.", "EN_A_AN", "grammar", 0, 1, "An"),
        ("The sun rose. the birds sang.", "EN_SENTENCE_CAPITAL", "typography", 14, 3, "The"),
        ("hello there.", "EN_SENTENCE_CAPITAL", "typography", 0, 5, "Hello"),
        ("Is it late? yes it is.", "EN_SENTENCE_CAPITAL", "typography", 12, 3, "Yes"),
        ("Yesterday i went home.", "EN_PRONOUN_I", "typography", 10, 1, "I"),
        ("Then i'm leaving.", "EN_PRONOUN_I", "typography", 5, 1, "I"),
        ("This is  fine.", "EN_MULTIPLE_SPACES", "typography", 7, 2, " "),
        ("Wait for me , please.", "EN_SPACE_BEFORE_PUNCT", "punctuation", 11, 1, ""),
        ("Is it you ?", "EN_SPACE_BEFORE_PUNCT", "punctuation", 9, 1, ""),
        ("Apples,pears and plums.", "EN_SPACE_AFTER_PUNCT", "punctuation", 6, 1, ", "),
        ("It rained.Then it stopped.", "EN_SPACE_AFTER_PUNCT", "punctuation", 9, 1, ". "),
        ("Note:bring water.", "EN_SPACE_AFTER_PUNCT", "punctuation", 4, 1, ": "),
        ("I saw teh cat.", "EN_SPELLING", "spelling", 6, 3, "the"),
        ("Please Recieve it.", "EN_SPELLING", "spelling", 7, 7, "Receive"),
        ("I like it alot.", "EN_SPELLING", "spelling", 10, 4, "a lot"),
        ("It was wierd, but fun.", "EN_SPELLING", "spelling", 7, 5, "weird"),
        ("我喜欢猫,因为它很可爱。", "ZH_HALF_WIDTH_PUNCT", "punctuation", 4, 1, "，"),
        ("我们走吧.", "ZH_HALF_WIDTH_PUNCT", "punctuation", 4, 1, "。"),
        ("你去吗?我去。", "ZH_HALF_WIDTH_PUNCT", "punctuation", 3, 1, "？"),
        ("我想了想...算了。", "ZH_HALF_WIDTH_PUNCT", "punctuation", 4, 3, "……"),
        ("太好了！！！我们赢了。", "ZH_REPEATED_PUNCT", "punctuation", 3, 3, "！"),
        ("今天，，我们去公园。", "ZH_REPEATED_PUNCT", "punctuation", 2, 2, "，"),
        ("我们到了。。", "ZH_REPEATED_PUNCT", "punctuation", 4, 2, "。"),
        ("他说：“我明天来。”。", "ZH_REPEATED_PUNCT", "punctuation", 10, 1, ""),
        ("我很高兴，。", "ZH_REPEATED_PUNCT", "punctuation", 4, 1, ""),
    ],
)
def test_rule_found_at_exact_span(text, rule_id, category, offset, length, replacement):
    found = errors_of(text, rule_id)
    assert [(e.offset, e.length) for e in found] == [(offset, length)]
    error = found[0]
    assert error.category == category
    assert error.replacements[0] == replacement
    assert error.message


@pytest.mark.parametrize(
    ("text", "spans", "fixes"),
    [
        ("他说：“你好。", [(6, 1)], [("。”",)]),  # a quotation left open closes after its first sentence
        ("他说：“你好", [(3, 1)], [()]),
        ("他说：你好”。", [(5, 1)], [()]),
        ("我读了《西游记，很好看。", [(3, 1)], [()]),
        ("我（今天）去了（学校。", [(7, 1)], [()]),
        ("他说：“你好”，然后（笑了）。我读了《红楼梦》。", [], []),
        # Left open in its paragraph, not closed by the next quotation's closer paragraphs later.
        ("妈妈说：“坚持一下。\n我想起了诗句“会当凌绝顶”。", [(9, 1)], [("。”",)]),
        ("大熊猫被誉为“国宝。因此被称为“活化石”。", [(9, 1)], [("。”",)]),
        ("老师说：“第一段。\n“第二段。”\n我们都听懂了。", [], []),  # a quotation of two paragraphs
    ],
)
def test_zh_unpaired(text, spans, fixes):
    found = errors_of(text, "ZH_UNPAIRED")
    assert [(e.offset, e.length) for e in found] == spans
    assert [e.replacements for e in found] == fixes and all(e.category == "punctuation" for e in found)


def test_zh_no_false_alarms():
    text = "他沉默了……然后说——我们走吧。价格是3.5元，网址是example.com。"
    assert errors_of(text) == []
    assert errors_of(CLEAN_ZH) == []


def test_unpaired_curly_quotes_are_not_checked_in_english():
    assert errors_of("He said “hello and left.", "ZH_UNPAIRED") == []


def test_clean_english_has_no_errors():
    assert errors_of(CLEAN_EN) == []


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Smith and Mrs. Brown met in St. Louis at 5 p.m. on Friday.",
        "Some fruit, e.g. apples, is cheap; other fruit, i.e. mangoes, is not.",
        "Pi is about 3.14 and there were 1,000 people at 10:30.",
        "The U.S. Army and the U.K. Navy met.",
        "See https://example.com/a.b or www.example.org, or mail john.doe@example.com today.",
        "I think I'm right, and I've said so.",
        "I waited an hour for an honest answer from a university, a user and a unanimous vote.",
        "She has an MBA, an X-ray and an iPhone, and he is a European.",
        '"Really?" she asked. "Yes!" he replied.',
        "Part A is easy and vitamin A is useful. He had had enough.",
        "She earned a Ph.D. in 2010, and we went home... later.",
    ],
)
def test_no_false_alarms(text):
    assert errors_of(text) == []


@pytest.mark.parametrize(("text", "rule", "fixed"), [
    ("the the cat sat on the mat.", "EN_REPEATED_WORD", "The cat sat on the mat."),
    ("wether he comes or not, we go.", "EN_SPELLING", "Whether he comes or not, we go."),
    ("a apple fell from the tree.", "EN_A_AN", "An apple fell from the tree."),
])
def test_a_sentence_start_fix_carries_the_capital(text, rule, fixed):
    result = ENGINE.correct(text, "", "")
    assert [e.rule_id for e in result.errors] == [rule]
    assert result.corrected_text == fixed


@pytest.mark.parametrize(("text", "fixed"), [
    ("The wether is nice today.", "The weather is nice today."),
    ("I do not know wether he will come.", "I do not know whether he will come."),
    ("He dont like vegetables.", "He doesn't like vegetables."),
    ("They dont like vegetables.", "They don't like vegetables."),
    ("Some people that dont care.", "Some people that don't care."),
])
def test_fixed_list_words_read_their_context(text, fixed):
    assert ENGINE.correct(text, "", "").corrected_text == fixed


def test_file_names_are_not_split():
    assert errors_of("Please read README.md and main.py, then config.yaml.") == []


def test_errors_sorted_and_corrected_text():
    text = "teh cat sat on the the mat.i think it is a apple  and an car , really.This is wierd"
    result = ENGINE.correct(text, "", "")
    offsets = [e.offset for e in result.errors]
    assert offsets == sorted(offsets)
    # "teh" at the start is one error: the spelling fix carries the capital.
    assert {e.rule_id for e in result.errors} == {
        "EN_SPELLING", "EN_REPEATED_WORD", "EN_SPACE_AFTER_PUNCT", "EN_A_AN",
        "EN_MULTIPLE_SPACES", "EN_SPACE_BEFORE_PUNCT", "EN_PRONOUN_I",
    }
    assert result.errors[0].replacements[0] == "The"
    assert result.corrected_text == "The cat sat on the mat. I think it is an apple and a car, really. This is weird"
    for error in result.errors:
        assert 0 <= error.offset and error.offset + error.length <= len(text)


def test_a_misspelt_sentence_start_is_one_error():
    # "teh" at the start is misspelt and lacks its capital: one spelling error whose fix is "The".
    result = ENGINE.correct("teh end.", "", "")
    assert [(e.offset, e.length, e.rule_id, e.replacements) for e in result.errors] == [
        (0, 3, "EN_SPELLING", ("The",))]
    assert result.corrected_text == "The end."


def test_chinese_corrected_text():
    result = ENGINE.correct("太好了！！！我们赢了,大家都很高兴.", "", "")
    assert result.corrected_text == "太好了！我们赢了，大家都很高兴。"


def test_offsets_count_code_points():
    # The emoji is one code point (two UTF-16 units), so "teh" starts at offset 3.
    text = "A 😀 teh cat."
    (error,) = errors_of(text, "EN_SPELLING")
    assert (error.offset, error.length) == (4, 3)
    assert text[error.offset:error.offset + error.length] == "teh"


# --------------------------------------------------------------------------- language and counts


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("This is an English sentence.", "en"),
        ("我们今天去公园玩。", "zh"),
        ("我们今天去公园玩 with my friends and family.", "mixed"),
        ("I love 北京 and its long history very much.", "en"),
        ("", "en"),
        ("12345 !!!", "en"),
    ],
)
def test_language_detection(text, language):
    assert detect_language(text) == language
    assert ENGINE.correct(text, "", "").language == language


def test_language_thresholds():
    assert detect_language("中文字 abcd efgh") == "mixed"  # 3 / 11 letters = 27%; 3 / 5 words = 60%
    assert detect_language("中文字" + "abcdefgh" * 2) == "zh"  # 16% of letters, but 3 characters to a word
    assert detect_language("中" + "a" * 9) == "en"  # exactly 10%
    assert detect_language("中文字" + "ab") == "zh"  # exactly 60%


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("Hello, world!", 2),
        ("Don't stop the well-known show.", 5),
        ("我们去公园", 5),
        ("我们 like 公园 3.14 times", 6),
        ("😀 \ud800 \x00", 0),
    ],
)
def test_word_count(text, count):
    assert count_words(text) == count
    assert ENGINE.correct(text, "", "").word_count == count


# --------------------------------------------------------------------------- result fields


def test_result_metadata():
    result = ENGINE.correct(CLEAN_EN, "My favourite season", "8")
    assert result.grade == "8"
    assert result.grade_description == band_of("8").description
    assert result.engine == "simple/1.0"
    assert result.processing_seconds == 0.0
    assert SimpleEngine.name == "simple" and SimpleEngine.version == "1.0"
    assert isinstance(load_engine("simple"), SimpleEngine)
    data = result.to_dict()
    assert data["engine"] == "simple/1.0" and isinstance(data["errors"], list)


@pytest.mark.parametrize("grade", ["", "3", "8", "11", "college"])
def test_scores_in_range_and_weighted_total(grade):
    for text in (CLEAN_EN, CLEAN_ZH, "teh the the cat , sat.", ""):
        s = ENGINE.correct(text, "Autumn", grade).score
        for value in (s.total, s.content, s.organization, s.language, s.mechanics):
            assert 0.0 <= value <= 100.0
            assert value == round(value, 1)
        weighted = 0.30 * s.content + 0.20 * s.organization + 0.30 * s.language + 0.20 * s.mechanics
        assert abs(s.total - weighted) <= 0.11


def test_clean_essays_score_well():
    en = ENGINE.correct(CLEAN_EN, "Autumn", "8").score
    zh = ENGINE.correct(CLEAN_ZH, "我的妈妈", "5").score
    assert en.mechanics == 100.0 and zh.mechanics == 100.0
    assert en.total > 80 and zh.total > 60
    sloppy = ENGINE.correct("i like autumn.it is nice  .teh leaves is red , yes", "Autumn", "8").score
    assert sloppy.total < en.total and sloppy.mechanics < 60


def test_a_very_short_essay_is_not_scored_as_flawless():
    # Not one error in it, yet one sentence shows next to nothing of its organization, language
    # and mechanics: those three shrink with the length, and the overall line says why.
    one = ENGINE.correct("I like football.", "My Mother", "8")
    assert one.errors == ()
    assert one.score.total < 20 and one.score.mechanics < 40
    assert "expected length" in one.feedback.overall
    paragraph = ENGINE.correct("My mother is kind. She works hard. She cooks for me and helps me with my homework "
                               "every day. I love her very much.", "My Mother", "8")
    assert one.score.total < paragraph.score.total
    zh = ENGINE.correct("今天天气很好，我们去公园玩了，很开心。", "我的妈妈", "5")
    assert zh.errors == () and zh.score.total < 25
    assert "按篇幅比例" in zh.feedback.overall
    # From 30 % of the expected length on, nothing is scaled.
    assert "expected length" not in ENGINE.correct(CLEAN_EN, "Autumn", "8").feedback.overall


def test_the_same_words_over_and_over_are_not_a_long_essay():
    # "Hi." 400 times is one different word: counted as four, too short, whatever its length.
    result = ENGINE.correct("Hi.\n\n" * 400, "My School", "8")
    assert result.score.total < 25 and result.score.content < 10
    assert "counted as 4" in result.feedback.content
    assert any(advisory.startswith("counted as 4 of 400 words") for advisory in result.advisories)
    # An essay's own repetitions stay far under the cap.
    assert "counted as" not in ENGINE.correct(CLEAN_EN, "Autumn", "8").feedback.content


def test_determinism():
    first = SimpleEngine().correct(CLEAN_EN + " teh the the", "Autumn", "college").to_dict()
    for _ in range(3):
        assert SimpleEngine().correct(CLEAN_EN + " teh the the", "Autumn", "college").to_dict() == first
    assert ENGINE.correct(CLEAN_ZH, "妈妈", "5") == ENGINE.correct(CLEAN_ZH, "妈妈", "5")


# --------------------------------------------------------------------------- monotonicity

EN_PLANTS = [
    ("the sky", "teh sky"),  # spelling
    ("However, I think", "however, I think"),  # sentence capital
    ("an hour", "a hour"),  # a/an
    ("at a university", "at an university"),  # a/an
    ("I usually", "i usually"),  # pronoun
    ("the best time", "the the best time"),  # repeated word
    ("is cool", "is  cool"),  # multiple spaces
    ("after school,", "after school ,"),  # space before punctuation
    ("Farmers collect fruit and vegetables, and", "Farmers collect fruit and vegetables,and"),  # space after
    ("together.", "togehter."),  # spelling
]
ZH_PLANTS = [
    ("她每天都很忙。", "她每天都很忙."),
    ("非常耐心。", "非常耐心。。"),
    ("医生，她", "医生,她"),
    ("最伟大的人。", "最伟大的人！！！"),
    ("总之，", "总之，“"),
]


@pytest.mark.parametrize(("clean", "plant"), [(CLEAN_EN, p) for p in EN_PLANTS] + [(CLEAN_ZH, p) for p in ZH_PLANTS])
@pytest.mark.parametrize("grade", ["", "5", "college"])
def test_planted_error_never_scores_higher(clean, plant, grade):
    old, new = plant
    assert old in clean
    title = "Autumn season" if clean is CLEAN_EN else "我的妈妈"
    base = ENGINE.correct(clean, title, grade)
    worse = ENGINE.correct(clean.replace(old, new, 1), title, grade)
    assert len(worse.errors) > len(base.errors)
    for before, after in zip(scores(base), scores(worse), strict=True):
        assert after <= before
    assert scores(worse) != scores(base)


def test_more_errors_of_each_kind_never_score_higher():
    text = CLEAN_EN
    previous = ENGINE.correct(text, "Autumn", "8")
    for old, new in EN_PLANTS:
        text = text.replace(old, new, 1)
        current = ENGINE.correct(text, "Autumn", "8")
        assert all(a <= b for a, b in zip(scores(current), scores(previous), strict=True))
        previous = current


# --------------------------------------------------------------------------- feedback, suggestions, advisories


def test_feedback_english_uses_the_numbers():
    result = ENGINE.correct("I saw teh cat and teh dog. They was wierd.", "", "8")
    assert "3 spelling mistakes" in result.feedback.mechanics
    assert "shorter than usual" in result.feedback.content
    assert str(result.word_count) in result.feedback.content
    assert f"{result.score.total:.1f}" in result.feedback.overall
    for sentence in (result.feedback.overall, result.feedback.content, result.feedback.organization,
                     result.feedback.language, result.feedback.mechanics):
        assert sentence and not re.search("[\u4e00-\u9fff]", sentence)


def test_feedback_chinese_for_chinese_essays():
    result = ENGINE.correct(CLEAN_ZH.replace("医生，她", "医生,她"), "我的妈妈", "5")
    assert result.language == "zh"
    for sentence in (result.feedback.overall, result.feedback.content, result.feedback.organization,
                     result.feedback.language, result.feedback.mechanics):
        assert re.search("[\u4e00-\u9fff]", sentence)
    assert "1处标点问题" in result.feedback.mechanics
    assert all(re.search("[\u4e00-\u9fff]", s) for s in result.improvement_suggestions)


def test_suggestions_follow_the_errors_found():
    spelling = ENGINE.correct(CLEAN_EN.replace("the sky", "teh sky"), "Autumn", "8")
    spacing = ENGINE.correct(CLEAN_EN.replace("is cool", "is  cool"), "Autumn", "8")
    assert any("teh" in s for s in spelling.improvement_suggestions)
    assert not any("teh" in s for s in spacing.improvement_suggestions)
    assert any("space" in s for s in spacing.improvement_suggestions)
    assert spelling.improvement_suggestions != spacing.improvement_suggestions
    messy = ENGINE.correct("teh cat , a apple the the i.yes  no", "Dogs and cats", "8")
    assert 1 <= len(messy.improvement_suggestions) <= 5


def test_advisories():
    short = ENGINE.correct("Autumn is nice.", "Autumn", "college")
    assert any(a.startswith("too short") for a in short.advisories)
    off_topic = ENGINE.correct(CLEAN_EN, "Space rockets and planets", "8")
    assert any(a.startswith("may be off topic") for a in off_topic.advisories)
    on_topic = ENGINE.correct(CLEAN_EN, "Autumn season", "8")
    assert on_topic.advisories == ()
    assert off_topic.score.content < on_topic.score.content
    zh_off = ENGINE.correct(CLEAN_ZH, "太空火箭", "5")
    assert any(a.startswith("可能偏题") for a in zh_off.advisories), "a Chinese essay is told in Chinese"
    assert ENGINE.correct(CLEAN_ZH, "我的妈妈", "5").advisories == ()
    assert any(a.startswith("篇幅过短") for a in ENGINE.correct("我们去公园玩。", "公园", "5").advisories)


def test_a_long_english_essay_missing_its_titles_one_key_word_may_be_off_topic():
    assert any(a.startswith("may be off topic") for a in ENGINE.correct(CLEAN_EN, "Pollution", "8").advisories)
    assert ENGINE.correct(CLEAN_EN, "Autumn", "8").advisories == ()


def test_a_long_essay_using_its_title_word_in_another_form_is_on_topic():
    swim = "I swim in the pool near my home every morning before school with my best friend. " * 8
    assert ENGINE.correct(swim, "Swimming", "8").advisories == ()
    friend = "My best friend Tom lives next door, and we walk to school together every day. " * 8
    assert ENGINE.correct(friend, "Friendship", "8").advisories == ()


def test_title_words_match_their_forms_in_the_text():
    result = ENGINE.correct("Preparing for an exam takes time, so I prepare every day.", "How to Prepare for an Exam", "")
    assert not any("Keep to the topic" in s for s in result.improvement_suggestions)


def test_the_same_sentence_again_and_again_is_not_content():
    once = ENGINE.correct("My school is good. I like my teachers. We play football after class.", "My school", "8")
    again = ENGINE.correct("My school is good. " * 60, "My school", "8")
    assert again.score.content < 40 and again.score.total < once.score.total + 20


@pytest.mark.parametrize(("grade", "description"), [
    ("小学", "Primary school (grades 1-6)"), ("初二", "Junior secondary school (grades 7-9)"),
    ("grade 11", "Senior secondary school (grades 10-12)"), ("13", "No grade given"),
])
def test_any_accepted_spelling_of_a_grade(grade, description):
    assert ENGINE.correct("My school is good.", "My school", grade).grade_description == description


def test_length_drives_content():
    short = ENGINE.correct("Autumn is a lovely season. I like it.", "Autumn", "10")
    assert short.score.content < ENGINE.correct(CLEAN_EN, "Autumn", "10").score.content
    assert "shorter than usual" in short.feedback.content


# --------------------------------------------------------------------------- robustness

ODD_INPUTS = [
    "",
    " ",
    "   \n\n\t  ",
    "😀🎉👍🏽",
    "\x00\x01\x02\x1b[31mred\x1b[0m\x7f",
    "\ud800",
    "abc \udfff def. \ud800",
    "\u200b\u200d\ufeff",
    "." * 1000,
    "（（（“《",
    "a" * 5000,
    "Ǆ ǅ ǆ ß ﬁ İ",
    "\r\n\r\n\r",
]


@pytest.mark.parametrize("text", ODD_INPUTS)
@pytest.mark.parametrize("title", ["", "\ud800", "我的妈妈 and my dog"])
def test_never_raises_on_odd_input(text, title):
    result = ENGINE.correct(text, title, "")
    result.to_dict()
    assert result.language in ("en", "zh", "mixed")
    for error in result.errors:
        assert error.length > 0 and 0 <= error.offset and error.offset + error.length <= len(text)
    assert len(result.improvement_suggestions) <= 5


@pytest.mark.parametrize(
    "text",
    [
        "the " * 50_000,
        "teh, cat .i  a apple " * 10_000,
        "我," * 100_000,
        "x." * 100_000,
        "（“" * 100_000,
        ("Hello world. 我们好！！ " * 20_000)[:200_000],
    ],
)
def test_huge_inputs(text):
    assert len(text) >= 199_000
    result = ENGINE.correct(text, "Hello", "college")
    assert 0 <= result.score.total <= 100


@pytest.mark.parametrize(("text", "count"), [
    ("老师说：「你一定能行。", 1), ("他说：「我明白了」」", 1), ("他说：「我明白了」。书名是『红楼梦』。", 0),
    ("她说：「他告诉我『明天见』。」", 0),
])
def test_corner_brackets_are_paired(text, count):
    assert len(errors_of(text, "ZH_UNPAIRED")) == count


def test_repeated_half_width_marks_become_one_full_width_mark():
    result = ENGINE.correct("我很心疼他!!!", "", "")
    assert result.corrected_text == "我很心疼他！"
    assert [e.rule_id for e in result.errors] == ["ZH_HALF_WIDTH_PUNCT"]


def test_chinese_ordinals_link_only_as_connectives():
    plain = ENGINE.correct("第二天早上，我第一个起床。他跑在第一。", "", "5")
    assert "使用了0个关联词" in plain.feedback.organization
    linked = ENGINE.correct("第一，我们要努力。第二，我们要坚持。", "", "5")
    assert "第一" in linked.feedback.organization


def test_a_sentence_that_runs_on_is_one_error():
    run_on = ("The Olympic Games are one of the greatest events in the world, and every four years athletes from "
              "many countries gather to compete, and the Games started in ancient Greece, and they were revived in "
              "1896 in Athens, and since then they have been held in many cities, and in 2008 Beijing hosted them, "
              "and I still remember the opening ceremony.")
    result = ENGINE.correct(run_on, "The Olympic Games", "9")
    assert [(e.rule_id, e.replacements) for e in result.errors] == [("EN_RUN_ON", ())]
    assert result.errors[0].offset == 0 and "far too long" in result.feedback.organization
    zh = ("星期六早上，我七点就起床了，吃完早饭后我就去上钢琴课，钢琴课上完以后我去了图书馆借书，借了三本书，中午我回家吃饭，"
          "妈妈做了红烧肉，下午我和爸爸去公园放风筝，风筝飞得很高，我们玩得很开心，晚上我写完作业就看了一会儿电视，然后就睡觉了。")
    result = ENGINE.correct(zh, "我的周末", "7")
    assert [e.rule_id for e in result.errors] == ["ZH_RUN_ON_COMMAS"]
    assert "一逗到底" in result.errors[0].message and "句子太长" in result.feedback.organization
    # Long sentences of a few clauses, and several short ones, are not this.
    assert ENGINE.correct(CLEAN_EN, "Autumn", "8").errors == ()
    assert ENGINE.correct(CLEAN_ZH, "我的妈妈", "5").errors == ()


def test_chinese_words_in_an_english_essay_are_flagged_but_not_a_gloss():
    from services.correction.engine.simple import find_errors

    text = "At Spring Festival we eat 饺子 and put up 春联 on the door."
    found = [(text[e.offset:e.offset + e.length], e.rule_id) for e in find_errors(text, "en")]
    assert ("饺子", "EN_CHINESE_IN_ENGLISH") in found and ("春联", "EN_CHINESE_IN_ENGLISH") in found
    glossed = "We eat dumplings (饺子) and read the poem “静夜思” by Li Bai; my favourite book is 《西游记》."
    assert [e for e in find_errors(glossed, "en") if e.rule_id == "EN_CHINESE_IN_ENGLISH"] == []
