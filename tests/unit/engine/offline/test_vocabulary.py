"""Readability and vocabulary level in the offline engine."""

import pytest

from services.correction.engine.offline import OfflineEngine

SIMPLE_TEXT = ("I like my dog. My dog is big. He runs fast. We play in the park. I give him food. "
               "He is my best friend. We go home. I am happy.")
RICHER_TEXT = ("Environmental protection has become an increasingly significant responsibility for every "
               "community. Governments, manufacturers and individual citizens must cooperate to reduce "
               "pollution, conserve energy and preserve biodiversity for future generations.")


@pytest.fixture(scope="module")
def engine():
    return OfflineEngine()


@pytest.mark.parametrize("word,count", [("cat", 1), ("water", 2), ("beautiful", 3), ("information", 4),
                                        ("make", 1), ("table", 2)])
def test_syllables(engine, word, count):
    assert engine._vocabulary.syllables(word) == count


def test_readability_and_advanced_share_follow_the_text(engine):
    plain = engine.correct(SIMPLE_TEXT, "", "8")
    rich = engine.correct(RICHER_TEXT, "", "8")
    assert "Readability is about grade" in plain.feedback.language
    plain_grade = float(plain.feedback.language.split("grade ")[1].split(" ")[0])
    rich_grade = float(rich.feedback.language.split("grade ")[1].split(" ")[0])
    assert plain_grade < 3 < 12 < rich_grade


def test_the_same_text_is_judged_against_the_band(engine):
    primary = engine.correct(SIMPLE_TEXT, "", "2")
    college = engine.correct(SIMPLE_TEXT, "", "college")
    assert college.score.language < primary.score.language
    assert any("simpler than expected" in s for s in college.improvement_suggestions)
    assert not any("simpler than expected" in s for s in primary.improvement_suggestions)


def test_a_repeated_word_is_named_in_the_suggestions(engine):
    text = ("The trip was nice. The hotel was nice and the food was nice. Our guide was nice too, and the "
            "weather was nice every day.")
    result = engine.correct(text, "", "8")
    assert any("“nice” 5 times" in s for s in result.improvement_suggestions)


def test_chinese_pronouns_are_not_words_to_vary(engine):
    text = ("坚持是一种力量。对于我们学生来说，坚持体现在平凡的日子里。只要我们脚踏实地，就能成功。困难面前，我们不能退缩。"
            "失败以后，我们要重新站起来。这些道理告诉我们，坚持很重要。让我们一起坚持下去，我们一定会收获精彩的人生。")
    result = engine.correct(text, "坚持", "高三")
    assert not any("我们" in s for s in result.improvement_suggestions)


def test_chinese_vocabulary_lists_idioms(engine):
    text = "春天来了，公园里五颜六色的花都开了。我们依依不舍地离开了公园，心里非常高兴。" * 2
    result = engine.correct(text, "", "8")
    assert "较高级词语约占" in result.feedback.language
    assert "五颜六色" in result.feedback.language


def test_simple_engine_has_no_vocabulary_profile():
    from services.correction.engine.simple import SimpleEngine
    assert "Readability" not in SimpleEngine().correct(SIMPLE_TEXT, "", "8").feedback.language


def test_chinese_numbers_and_two_everyday_words_are_not_advanced():
    from services.correction.engine import load_engine
    from services.correction.grades import band_of

    vocabulary = load_engine("offline")._vocabulary
    profile = vocabulary.chinese(["三十八岁", "一百九十", "三百公里", "爸爸妈妈", "老师上课", "五颜六色", "一心一意",
                                  "学校", "学校"], band_of("3"))
    assert set(profile.advanced_examples) == {"五颜六色", "一心一意"}


def test_a_pupils_everyday_words_are_not_advanced():
    from services.correction.engine import load_engine
    from services.correction.grades import band_of

    vocabulary = load_engine("offline")._vocabulary
    profile = vocabulary.english("I cannot do my homework. It is boring, but my classmates help. The magnificent "
                                 "playground is near.", 4, band_of("5"))
    assert profile.advanced_examples == ("magnificent",)


def test_a_pupils_everyday_words_are_not_advanced_in_any_form(engine):
    text = ("I like autumn. Autumn is good. In autumn we eat mooncakes and fly kites. My grandmother bakes cakes "
            "and the ducks sing at noon. The leaves fall from the trees.")
    assert "0% of the words go beyond everyday vocabulary" in engine.correct(text, "Autumn", "4").feedback.language


def test_a_pupils_everyday_chinese_words_are_not_advanced(engine):
    text = ("今天是星期天，妈妈带我去公园玩。我们在公园里放风筝、荡秋千，还吃了冰淇淋。中午我们回家吃饭，下午我写作业。"
            "晚上妈妈给我做饭，我帮妈妈洗碗。我想再试一次放风筝。")
    assert "较高级词语约占0%" in engine.correct(text, "快乐的星期天", "三年级").feedback.language
