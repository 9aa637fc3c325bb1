"""Feedback written from the essay's own figures: lengths by school year, ties, named key words."""

import pytest

from services.correction.engine.offline import OfflineEngine
from services.correction.grades import band_of

# 93 words, the length of the senior-high entrance exam's composition, with no error.
EXAM_LENGTH_ESSAY = (
    "My favourite teacher is Mr. Li. He teaches us maths. He is kind and patient, and he always "
    "explains things clearly. When I did badly in a test last term, he talked with me after class. "
    "Thanks to his help, I found my mistakes and worked harder. Now maths is my best subject. "
    "I want to say thank you to him, because he made me believe in myself. "
    "I will remember his lessons forever, and I hope to be a teacher like him one day.")


@pytest.fixture(scope="module")
def engine():
    return OfflineEngine()


@pytest.mark.parametrize("grade,words,chars", [("3", 50, 250), ("9", 100, 600), ("12", 150, 800),
                                               ("primary", 70, 350), ("college", 200, 1000)])
def test_expected_length_follows_the_school_year(grade, words, chars):
    band = band_of(grade)
    assert (band.expected_words, band.expected_chars) == (words, chars)


def test_a_clean_exam_length_essay_is_not_called_short(engine):
    result = engine.correct(EXAM_LENGTH_ESSAY, "My Favourite Teacher", "9")
    assert "shorter than usual" not in result.feedback.content
    assert "(about 100 expected)" in result.feedback.content


def test_equal_dimensions_are_not_called_strongest_and_weakest(engine):
    result = engine.correct(EXAM_LENGTH_ESSAY, "My Favourite Teacher", "9")
    s = result.score
    if s.content == s.organization == s.language == s.mechanics:
        assert "all four areas" in result.feedback.overall
        assert "weakest" not in result.feedback.overall


def test_chinese_feedback_names_the_key_words_and_calls_typos_cuo_bie_zi(engine):
    text = "我的好朋友叫小明。他很高心地帮助我。我们一起学习，一起玩。他是我最好的朋友。"
    result = engine.correct(text, "我的好朋友", "3")
    assert "“朋友”" in result.feedback.content
    assert "错别字" in result.feedback.mechanics


def test_repeated_sentences_are_named_in_the_feedback(engine):
    text = "I like summer. I like summer. I like summer. It is hot and I can swim in the river."
    assert "repeat" in engine.correct(text, "Summer", "5").feedback.content


@pytest.mark.parametrize("text", ["Мой лучший друг живёт в Москве, и мы часто играем вместе после школы.",
                                  "나의 가장 친한 친구는 서울에 살고 우리는 방과 후에 자주 함께 놀아요. 정말 좋아요."])
def test_an_essay_in_another_language_says_it_is_not_checked(engine, text):
    assert any("neither English nor Chinese" in a for a in engine.correct(text, "My friend", "8").advisories)


_LATIN_FOREIGN = [
    "El verano pasado fui a la playa con mi familia. Nadamos en el mar todos los días y comimos mucho pescado. "
    "Por la noche paseábamos por el puerto y mirábamos las estrellas.",
    "Le week-end dernier, je suis allé à la plage avec ma famille. Nous avons nagé dans la mer et nous avons "
    "mangé des glaces. Le soir, nous avons regardé le coucher du soleil.",
    "Wo de mama shi yi ge laoshi. Ta hen piaoliang, ye hen wenrou. Mei tian ta dou hen mang, dan shi ta zong "
    "shi gei wo zuo haochi de fan. Wo hen ai wo de mama.",
]


@pytest.mark.parametrize("text", _LATIN_FOREIGN)
def test_another_language_in_latin_letters_is_not_corrected_into_english(engine, text):
    result = engine.correct(text, "My holiday", "8")
    assert result.errors == () and result.corrected_text == text
    assert result.score.total == 0 and "not written in English or Chinese" in result.feedback.overall
    assert len(result.advisories) == 1 and "not English" in result.advisories[0]


@pytest.mark.parametrize("text", [
    "Bonjour, je suis allé à la plage avec ma famille. Nous avons nagé.",
    "Hola, me llamo Juan y vivo en Madrid con mi familia.",
    "Ich bin mit meiner Familie an den Strand gefahren und wir sind geschwommen.",
])
def test_a_few_lines_in_another_language_are_not_corrected_into_english(engine, text):
    result = engine.correct(text, "My holiday", "8")
    assert result.errors == () and result.corrected_text == text
    assert len(result.advisories) == 1 and "not English" in result.advisories[0]


@pytest.mark.parametrize("text", [
    "My trip to La Paz was great and I saw Lake Titicaca.",
    "Le Petit Prince is my favourite book.",
    "Yesterday we went to Paris. C'est la vie, my mother said.",
    "Mi casa es su casa, my grandmother always says.",
])
def test_a_few_lines_of_english_with_foreign_names_are_corrected(engine, text):
    assert not any("not English" in a for a in engine.correct(text, "My holiday", "8").advisories)


@pytest.mark.parametrize("text", [
    "Spring: flowers, birds, green grass, warm sun, kites. Summer: swimming, ice cream, watermelon, long "
    "holidays, beaches. Autumn: leaves, apples, harvest, cool wind. Winter: snow, snowmen, Christmas.",
    "My French teacher always says “Le week-end dernier, je suis allé à la plage avec ma famille” when she "
    "wants us to practise the past tense, and we all repeat it after her until we can say it well.",
    # Notes and word lists full of names or rare words: none of another language's function words.
    "Warm-up: mabu, gongbu, pubu, xiebu, xubu. Kicks: tantui, cetui, houdeng. Forms: Wubuquan, Lianhuanquan. "
    "Teacher: Shifu Wang. Tired, sweaty, happy. Next week: Shaolin Xiaohongquan!",
    "Mondays: ubiquitous, ephemeral, serendipity. Tuesdays: quixotic, mellifluous, sesquipedalian. Wednesdays: "
    "petrichor, halcyon, sonder. Favourite: petrichor, smell after rain. Hardest: sesquipedalian.",
])
def test_english_with_few_function_words_or_a_foreign_quote_is_scored(engine, text):
    result = engine.correct(text, "Seasons", "8")
    assert result.score.total > 0 and not any("not English" in a for a in result.advisories)


def test_an_essay_in_another_script_is_not_scored_or_called_empty(engine):
    result = engine.correct("나의 가장 친한 친구는 서울에 살고 우리는 방과 후에 자주 함께 놀아요. 정말 좋아요.", "My friend", "8")
    assert result.score.total == 0 and "empty" not in result.feedback.overall
    assert result.advisories == ("most of the text is in neither English nor Chinese: only those two are checked, "
                                 "so this essay was not scored",)


def test_english_with_a_few_accented_names_is_not_called_another_language(engine):
    text = "My friend José lives in Zürich. We write to each other every week and talk about football."
    assert not any("neither English nor Chinese" in a for a in engine.correct(text, "My friend", "8").advisories)


def test_grammar_tips_quote_the_essays_own_mistake():
    from services.correction.engine import load_engine

    engine = load_engine("offline")
    english = engine.correct("She likes draw pictures every day.", "", "5").improvement_suggestions
    assert any("In your essay: “likes draw” → “likes drawing”." in tip for tip in english)
    chinese = engine.correct("我们高兴的跑回家。他跑的很快。", "", "5").improvement_suggestions
    # Whole words around the mistake, within its clause.
    assert any("（文中：“他跑的很快” → “他跑得很快”）" in tip for tip in chinese)
    assert any("（文中：“我们高兴的跑回家” → “我们高兴地跑回家”）" in tip for tip in chinese)
    # Not into another mistake before it (我门), nor halfway through a word after it.
    chinese = engine.correct("我门玩的很开心。", "", "5").improvement_suggestions
    assert any("（文中：“玩的很开心” → “玩得很开心”）" in tip for tip in chinese)


def test_grammar_tips_of_equal_count_come_in_the_essays_order(engine):
    tips = engine.correct("Yesterday I go to the park. It was the most happiest day.", "", "5").improvement_suggestions
    assert "“I go” → “I went”" in tips[0] and "“most happiest” → “happiest”" in tips[1]


def test_a_sentence_with_one_word_changed_repeats_too(engine):
    weak = ("My family. I have a family. My father is good. My mother is good. My sister is good. "
            "I love my family. My family is good.")
    result = engine.correct(weak, "My Family", "3")
    assert "3 sentences repeat an earlier one, word for word or with one word changed" in result.feedback.content
    varied = ("My family is small. I have a father, a mother and a sister. My father is a doctor and works hard. "
              "My mother teaches music at my school. My sister is only four, and she loves cats.")
    assert "repeat" not in engine.correct(varied, "My Family", "3").feedback.content
    assert engine.correct(varied, "My Family", "3").score.total > result.score.total


def test_a_chinese_essays_length_counts_its_punctuation_as_the_classroom_does(engine):
    text = ("我的妈妈是一名医生，她每天都很忙。早上，她很早就起床，为我们做好早饭。"
            "晚上回到家，她还要检查我的作业。我爱我的妈妈！")
    marks = sum(text.count(mark) for mark in "，。！")
    result = engine.correct(text, "我的妈妈", "5")
    assert result.word_count == len(text) - marks
    assert result.feedback.content.startswith(f"全文共{len(text) - marks}字（连标点{len(text)}字）")


@pytest.mark.parametrize("title,topic,length", [
    ("以“我的好朋友”为题，写一篇不少于300字的记叙文", "我的好朋友", 300),
    ("续写《龟兔赛跑》", "龟兔赛跑", 0),
    ("题目：“我的家乡”", "我的家乡", 0),
    ("Write a short passage about how you spent your last weekend", "how you spent your last weekend", 0),
    ("Write an essay on the importance of sleep (at least 120 words)", "the importance of sleep", 120),
    ("Describe your favourite teacher in about 100 words", "your favourite teacher", 100),
    ("My Favourite Season", "My Favourite Season", 0),
])
def test_a_task_given_as_the_title_gives_its_topic_and_length(title, topic, length):
    from services.correction.engine.simple import required_length, title_topic

    assert (title_topic(title), required_length(title)) == (topic, length)


def test_the_length_a_task_asks_for_is_the_length_expected(engine):
    story = "我的好朋友叫小明，他个子高高的，很爱笑。每天放学我们一起回家，一起写作业。" * 3
    result = engine.correct(story, "以“我的好朋友”为题，写一篇不少于300字的记叙文", "五年级")
    assert "题目要求不少于300字，篇幅偏短" in result.feedback.content
    assert "为题" not in result.feedback.content and "记叙文" not in result.feedback.content


@pytest.mark.parametrize("title,text", [
    ("难忘的一件事", "那年夏天，爸爸教我骑自行车。我一开始很害怕，总是摔倒。爸爸鼓励我，我一次又一次地练习，终于学会了。"),
    ("我的周末", "星期天上午，我和妈妈去公园放风筝。风筝飞得很高，我们玩得很开心。下午我在家看书，晚上写完了作业。"),
    ("借书", "今天我去图书馆借了一本书，是一本关于恐龙的书。管理员阿姨告诉我要按时还书，我点点头。"),
])
def test_a_chinese_essay_on_its_title_in_other_words_is_on_topic(engine, title, text):
    result = engine.correct(text, title, "三年级")
    assert not result.advisories or all("偏题" not in a for a in result.advisories)
    assert "没有写到" not in result.feedback.content and "没有出现" not in result.feedback.content


def test_a_refrain_closing_each_paragraph_is_not_padding(engine):
    speech = ("Our planet is getting warmer every year. The ice is melting and the seas are rising. We must act now."
              "\n\nAnimals are losing their homes. Forests are cut down for farms and roads. We must act now."
              "\n\nEach of us can help. We can save water, ride bikes and plant trees. We must act now.")
    assert "repeat" not in engine.correct(speech, "Protect Our Planet", "8").feedback.content
    chinese = ("妈妈每天早早起床给我做早饭。妈妈，我想对您说：谢谢您！\n\n我生病的时候，妈妈整夜守在床边。妈妈，我想对您说：谢谢您！"
               "\n\n我考试失败的时候，妈妈鼓励我不要放弃。妈妈，我想对您说：谢谢您！")
    assert "重复" not in engine.correct(chinese, "妈妈，我想对您说", "五年级").feedback.content
    # The same sentence three times inside one paragraph is still a repeat.
    padded = "We must act now. We must act now. We must act now. The ice is melting and the seas are rising."
    assert "repeat" in engine.correct(padded, "Protect Our Planet", "8").feedback.content


def test_an_essay_that_may_be_off_topic_is_held_to_sixty(engine):
    story = ("Last Saturday I went to the supermarket with my father. We bought milk, bread, eggs and a big "
             "watermelon. At the checkout the queue was very long, so we talked about football while we waited. "
             "A little boy in front of us dropped his oranges, and we helped him pick them up. His mother thanked "
             "us with a smile. On the way home my father said that small kind acts make the world better, and I "
             "agreed with him. In the evening we ate the watermelon together in the garden and watched the stars.")
    result = engine.correct(story, "My Favourite Season", "8")
    assert any("off topic" in a for a in result.advisories)
    assert result.score.total <= 60 and "held to 60" in result.feedback.overall
    on_topic = "My favourite season is autumn. " + story
    assert engine.correct(on_topic, "My Favourite Season", "8").score.total > 60


def test_padding_line_by_line_is_still_a_repeat(engine):
    line = "I like my school because it is big and beautiful and nice."
    result = engine.correct("\n".join([line] * 12), "My School", "7")
    assert "11 sentences repeat" in result.feedback.content


@pytest.mark.parametrize("title", ["How I Learned About 3000 Words in One Year", "About 50 Words for Snow",
                                   "The 12 Words My Grandma Taught Me"])
def test_a_number_of_words_in_a_title_is_not_a_length_asked_for(title):
    from services.correction.engine.simple import required_length, title_topic

    assert required_length(title) == 0 and title_topic(title) == title


def test_characters_near_each_other_do_not_make_an_essay_on_topic(engine):
    football = ("今天下午，我们上了春天的一节体育课。老师教我们踢足球，同学们跑来跑去，玩得满头大汗。"
                "放学后我回家，路过乡间的小路，心里还想着那场比赛。")
    result = engine.correct(football, "家乡的春节", "五年级")
    assert any("偏题" in a for a in result.advisories) and result.score.total <= 60


@pytest.mark.parametrize("text", ["Li Bai — 李白 — wrote many poems.", "The character 永 has eight strokes.",
                                  "My Chinese name is 李华 and I am ten.", "My favourite dish is 红烧肉 (braised pork).",
                                  "New word today: 朋友, which means friend."])
def test_chinese_introduced_or_glossed_in_english_is_not_flagged(engine, text):
    assert not [e for e in engine.correct(text, "", "8").errors if e.rule_id == "EN_CHINESE_IN_ENGLISH"]
