import pytest

from services.correction.engine.offline import OfflineEngine
from services.correction.engine.result import CorrectionResult


@pytest.fixture(scope="module")
def engine():
    return OfflineEngine()


def _errors(engine, text, rule_prefix=""):
    result = engine.correct(text, "", "8")
    return [(text[e.offset:e.offset + e.length], e.rule_id, e.replacements) for e in result.errors
            if e.rule_id.startswith(rule_prefix)]


def _first_fixes(engine, text):
    """(the flagged text, its rule, its first replacement) of each English error."""
    return [(wrong, rule, fixes[0]) for wrong, rule, fixes in _errors(engine, text, "EN_")]


def _spelling(engine, text):
    return [e for e in _errors(engine, text) if e[1] in ("EN_SPELLING", "EN_SPELLING_SYMSPELL")]


def test_identity(engine):
    assert engine.name == "offline"
    assert engine.version == "1.0"
    assert engine.correct("Hello world.", "", "").engine == "offline/1.0"


# ---------------------------------------------------------------- spelling

@pytest.mark.parametrize("wrong,right", [
    ("recieve", "receive"), ("definately", "definitely"), ("becuase", "because"),
    ("harbuor", "harbour"), ("scientst", "scientist"), ("undrestand", "understand"),
])
def test_misspellings_get_the_right_first_suggestion(engine, wrong, right):
    found = _spelling(engine, f"We all know that I {wrong} it.")
    assert len(found) == 1
    assert found[0][0] == wrong
    assert found[0][2][0] == right


@pytest.mark.parametrize("text,wrong,right", [
    ("My childs like it.", "childs", "children"), ("Then she buyed a book.", "buyed", "bought"),
    ("Yesterday I goed home.", "goed", "went"), ("I have goed home.", "goed", "gone"),
    ("We runned fast.", "runned", "ran"), ("Our teacher teached us.", "teached", "taught"),
    ("I have many hobbys, such as reading.", "hobbys", "hobbies"), ("We saw big citys.", "citys", "cities"),
    ("He studys hard.", "studys", "studies"),
])
def test_a_regular_ending_on_an_irregular_word(engine, text, wrong, right):
    assert _spelling(engine, text) == [(wrong, "EN_SPELLING_SYMSPELL", (right,))]


@pytest.mark.parametrize("text,wrong,right", [
    ("I hope my dream can come ture.", "ture", "true"), ("It was a good tiem. I left.", "tiem", "time"),
])
def test_a_short_misspelling_before_a_full_stop_is_not_an_abbreviation(engine, text, wrong, right):
    found = _spelling(engine, text)
    assert [(w, fixes[0]) for w, _rule, fixes in found] == [(wrong, right)]


def test_abbreviations_and_loanwords_are_not_misspellings(engine):
    text = "Pens, paper etc. and books cost approx. five dollars. Kung fu is famous. I ate congee."
    assert _spelling(engine, text) == []


@pytest.mark.parametrize("word", ["sciense", "experiense", "noize", "smaler", "caled", "yor"])
def test_no_british_rule_makes_a_misspelling_a_word(engine, word):
    assert [w for w, _rule, _fixes in _spelling(engine, f"We talked about {word} every day.")] == [word]


@pytest.mark.parametrize("text,fixed", [
    ("She is a honst girl.", "She is an honest girl."),  # the article fits the fix, not the typo
    ("It was a hapy day.", "It was a happy day."),
    ("We saw a girafe.", "We saw a giraffe."),  # a nearer word beats a common bigram
    ("I was there. A honst man came.", "I was there. An honest man came."),
    ("a honst girl came.", "An honest girl came."),  # one error carries the article and the capital
    ("It is also everyones responsibility.", "It is also everyone's responsibility."),  # the apostrophe
    ("Everyones happy today.", "Everyone's happy today."),
    ("Many people use a chatbot or TikTok.", "Many people use a chatbot or TikTok."),  # words of today
])
def test_spelling_in_context(engine, text, fixed):
    assert engine.correct(text, "", "8").corrected_text == fixed


def test_symspell_rule_id_and_case(engine):
    found = _errors(engine, "My sister is terible at chess. Terible!", "EN_SPELLING_SYMSPELL")
    assert found[0] == ("terible", "EN_SPELLING_SYMSPELL", found[0][2])
    assert found[0][2][0] == "terrible"
    assert found[1][2][0] == "Terrible"


def test_misspelt_sentence_start_is_capitalised_and_corrected(engine):
    result = engine.correct("the weather was terible. tomorow is better.", "", "")
    assert result.corrected_text.startswith("The weather was terrible. Tomorrow is better.")


@pytest.mark.parametrize("word", [
    "colour", "favourite", "organise", "organised", "organisation", "practise", "centre", "theatre",
    "travelled", "catalogue", "analyse", "grey", "defence", "programme", "labour", "cancelled",
    "color", "favorite", "organize", "center", "theater", "traveled", "catalog", "analyze",
])
def test_british_and_american_spellings_are_accepted(engine, word):
    assert _spelling(engine, f"We talked about the {word} every day.") == []


@pytest.mark.parametrize("text", [
    "Yesterday I met Zhang Wei and Xiaoming at the station.",
    "We visited Hogwarts with Hermione last summer.",
    "Mr Smith, Mrs Green, Dr. Brown and Prof. White came, e.g. the teachers, etc.",
    "I paid 25 dollars on 3rd May for 2 tickets at 7pm.",
    "Visit https://www.examplesite.com/pagez or write to abcde@mailhost.org today.",
    "The mp3 file and the COVID19 report were on the USB drive.",
    "Xiaoming is my best friend.",
])
def test_no_false_alarms(engine, text):
    assert _spelling(engine, text) == []


# ---------------------------------------------------------------- grammar

@pytest.mark.parametrize("text,wrong,fix,rule", [
    ("He go to school every day.", "go", "goes", "EN_SVA_THIRD_PERSON"),
    ("She like apples very much.", "like", "likes", "EN_SVA_THIRD_PERSON"),
    ("She have two cats.", "have", "has", "EN_SVA_THIRD_PERSON"),
    ("They goes home after school.", "goes", "go", "EN_SVA_NON_THIRD"),
    ("I is happy today.", "is", "am", "EN_SVA_NON_THIRD"),
    ("We has a big garden.", "has", "have", "EN_SVA_NON_THIRD"),
    ("He can goes there.", "goes", "go", "EN_MODAL_VERB_FORM"),
    ("You should went home.", "went", "go", "EN_MODAL_VERB_FORM"),
    ("You must to go now.", "to ", "", "EN_MODAL_VERB_FORM"),
    ("This book is more better.", "more better", "better", "EN_DOUBLE_COMPARATIVE"),
    ("It is the most biggest city.", "most biggest", "biggest", "EN_DOUBLE_COMPARATIVE"),
    ("Their is a cat in the garden.", "Their", "There", "EN_THERE_THEIR"),
    ("They did it there own way.", "there", "their", "EN_THERE_THEIR"),
    ("They think there actions cannot change anything.", "there", "their", "EN_THERE_THEIR"),
    ("Many students worry that there parents expect too much.", "there", "their", "EN_THERE_THEIR"),
    ("There children can play in the park.", "There", "Their", "EN_THERE_THEIR"),
    ("Most are farmers, and they're lives are simple.", "they're", "their", "EN_THERE_THEIR"),
    ("They called me. There coming to stay with us.", "There", "They're", "EN_THERE_THEIR"),
    ("She is taller then me.", "then", "than", "EN_THEN_THAN"),
    ("I have more then ten books.", "then", "than", "EN_THEN_THAN"),
    ("It were a sunny day.", "were", "was", "EN_SVA_THIRD_PERSON"),
    ("I were very tired.", "were", "was", "EN_SVA_NON_THIRD"),
    ("There are many tree in the park.", "tree", "trees", "EN_NOUN_NUMBER"),
    ("I bought two book yesterday.", "book", "books", "EN_NOUN_NUMBER"),
    ("I didn't went to school.", "went", "go", "EN_MODAL_VERB_FORM"),
    ("Did you went there?", "went", "go", "EN_MODAL_VERB_FORM"),
    ("He doesn't likes it.", "likes", "like", "EN_MODAL_VERB_FORM"),
    ("I have went there twice.", "went", "gone", "EN_PAST_PARTICIPLE"),
    ("She had ran away.", "ran", "run", "EN_PAST_PARTICIPLE"),
    ("He has two dog.", "dog", "dogs", "EN_NOUN_NUMBER"),  # "dogs" is common: a countable noun
    ("Those book are mine.", "book", "books", "EN_NOUN_NUMBER"),
    ("I saw many bird in the sky.", "bird", "birds", "EN_NOUN_NUMBER"),
    ("Many student play football after school.", "student", "students", "EN_NOUN_NUMBER"),
    ("But many teacher think so.", "teacher", "teachers", "EN_NOUN_NUMBER"),
    ("Many kid play in the snow.", "kid", "kids", "EN_NOUN_NUMBER"),
    ("I was tired, and he were late.", "were", "was", "EN_SVA_THIRD_PERSON"),
    ("She go to school yesterday.", "go", "went", "EN_PAST_TENSE"),  # the past, not "goes"
    ("He visit his grandma last Sunday.", "visit", "visited", "EN_PAST_TENSE"),
    ("I have 2 sister.", "sister", "sisters", "EN_NOUN_NUMBER"),  # a number in digits
    ("I bought 3 apple at the shop.", "apple", "apples", "EN_NOUN_NUMBER"),
    ("What did he said to you?", "said", "say", "EN_MODAL_VERB_FORM"),
    ("They are always on there phones.", "there", "their", "EN_THERE_THEIR"),
    ("Parents should care about there children.", "there", "their", "EN_THERE_THEIR"),
    ("It name is Lucky.", "It", "Its", "EN_POSSESSIVE"),  # 它/他/她 + a noun: the possessive
    ("He father is a doctor.", "He", "His", "EN_POSSESSIVE"),
    ("My brother like football.", "like", "likes", "EN_SVA_NOUN_SUBJECT"),
    ("My friend live near my home.", "live", "lives", "EN_SVA_NOUN_SUBJECT"),
    ("My father go to work by bus.", "go", "goes", "EN_SVA_NOUN_SUBJECT"),
    ("My teacher say we should read more.", "say", "says", "EN_SVA_NOUN_SUBJECT"),
    ("Yesterday I don't go to school.", "don't", "didn't", "EN_PAST_TENSE"),
    ("Last week I have a test.", "have", "had", "EN_PAST_TENSE"),
    ("Last summer holiday, I go to Beijing.", "go", "went", "EN_PAST_TENSE"),
    ("Last Spring Festival we visit my grandma.", "visit", "visited", "EN_PAST_TENSE"),
    ("The day before yesterday I go to the zoo.", "go", "went", "EN_PAST_TENSE"),
])
def test_grammar_rules(engine, text, wrong, fix, rule):
    found = [e for e in _errors(engine, text) if e[1] == rule]
    assert found == [(wrong, rule, (fix,))]
    assert engine.correct(text, "", "").errors[0].category in ("grammar", "typography")


@pytest.mark.parametrize("text,wrong,fix", [
    ("I have a twelve year old brother.", "twelve year old", "twelve-year-old"),
    ("She is an 18 years old girl.", "18 years old", "18-year-old"),
    ("She is a 5 year old girl.", "5 year old", "5-year-old"),  # a hyphen, not a plural "girls"
    ("A twenty one year old man came.", "twenty one year old", "twenty-one-year-old"),
    ("We have a two-year old dog.", "two-year old", "two-year-old"),
])
def test_an_age_before_a_noun_is_hyphenated(engine, text, wrong, fix):
    assert _errors(engine, text, "EN_HYPHENATED_AGE") == [(wrong, "EN_HYPHENATED_AGE", (fix,))]


def test_an_age_after_the_verb_is_not_hyphenated(engine):
    text = "He is twelve years old. A twelve-year-old boy smiled. A 5-year-old girl sang. The baby is six months old."
    assert _errors(engine, text, "EN_HYPHENATED_AGE") == []


@pytest.mark.parametrize("text", [
    "He goes to school. They go home. I am happy. We have a dog.",
    "Let it go. Does he know? I made it happen. Can he swim?",
    "His will is strong. There are many books. Their books are new.",
    "He can swim and she must go. It is better than before. First we ate, then we left.",
    "She put the book down. He read it yesterday.",
    # "there" as a place before a subject, existential "there", "they're" before a noun predicate.
    "When we arrived there people were waiting. Over there children are playing.",
    "Here and there trees were planted. In the city there cars are everywhere.",
    "There lives a king in the castle. There comes a time to leave. There being no bus, we walked.",
    "I saw them there playing football. They're friends. They're teachers at my school.",
    "I think there is a problem. The food there was good. We stayed there two days.",
    # the unreal mood; count words before uncountable nouns or longer noun phrases
    "If he were rich, he would travel. I wish it were summer. She acts as if she were a queen.",
    "These information sheets help. We saw many school buses. Two apple trees grew. Many people came.",
    "Both of them came. I have two hundred stamps and many more. Many thanks. Several times we met.",
    "My friends and I were very happy that day. Tom and he were late. Neither he nor I were ready.",
    "Both mother and father came. We both swim in the lake. Many stay at home. Many vote for him.",
    "These look at the problem. Several fall on the way. Four score and seven years ago.",
    "Many family run businesses closed. Several book club meetings were held. These help explain it.",
    "Many phone calls come at night. Few dare go there. Those cost money. Many school bus drivers rest.",
    "In a one-to-many or many-to-many context produce a clause.",
    # the subjunctive after a noun subject, across commas, and the mandative one
    "If the weather were nicer, we would go out. It felt as if the ground were moving.",
    "If, as many people believe, it were possible to travel back in time, I would go.",
    "I suggest that he take the bus. It is important that she arrive on time. She would rather he stay.",
    "Three quarters of the land is desert. Two fifths of the money was spent. She is a Ukrainian.",
    "Two fish swim here. I have many work to do. Several other tools exist. It stores ten million words.",
    "What it does is important. All I had was a pen. What he did was wrong. I have read it. I have got a cat.",
    "I have rose bushes. They did well. I did put it back. He does his homework. We have made it.",
    # numbers in digits as labels, amounts and compound adjectives
    "She is a 5-year-old girl. Tom is 5 years old. Turn to page 2 line 3. He is a Grade 8 student. It costs 5 yuan.",
    "The base 10 logarithm. I get up at 6 o'clock. We have 2 sub-packages. I read 3 e-books.",
    # British participles, school subjects, "it" as an object, a month and a name, compound
    # pronoun subjects, "then" meaning at that time, nouns joined by "or"
    "I have learnt a lot. I have burnt my finger. He has lit the fire. I have dreamt of this.",
    "Maths is my favourite subject. Physics is hard, but maths is harder. My maths is poor.",
    "I fed it fish. I gave it water. I named it Snowball because it looks like snow. They called it Star.",
    "A small act of kindness can change the world. His brave act saved a life.",
    "There it is. There you are! There he goes again. When we got there, there they were, playing.",
    "May is a beautiful month. May has thirty-one days. Will likes football. Will is my friend.",
    "She and he are friends. He and she play football. You and she like music.",
    "He was taller then. I was younger then and didn't understand. Prices were lower then than now.",
    "The football club or the music club is a good choice. The music room or the art room is free.",
    "A man like him would never lie. A day like this is rare. Yesterday I have been to the park.",
])
def test_grammar_no_false_alarms(engine, text):
    assert _errors(engine, text, "EN_") == []


# ---------------------------------------------------------------- Chinese

@pytest.mark.parametrize("text,wrong_index,fix,rule", [
    ("他高兴的跑了过来。", 3, "地", "ZH_DE_DI"),
    ("他慢慢的走进教室。", 3, "地", "ZH_DE_DI"),
    ("他悄悄的打开门。", 3, "地", "ZH_DE_DI"),
    ("春雨轻轻的下着。", 4, "地", "ZH_DE_DI"),  # jieba tags 下 a place word
    ("小明跑的很快。", 3, "得", "ZH_DE_DE"),
    ("他写的非常好！", 2, "得", "ZH_DE_DE"),
    ("我们明天在见！", 4, "再", "ZH_ZAI_ZAI"),
    ("我再家里看书。", 1, "在", "ZH_ZAI_ZAI"),
    ("我在也不迟到了。", 1, "再", "ZH_ZAI_ZAI"),
    # a state word or an idiom before a verb; a result complement; 觉得, 舍不得
    ("他急匆匆的跑进教室。", 4, "地", "ZH_DE_DI"),
    ("她小心翼翼的把花放在桌上。", 5, "地", "ZH_DE_DI"),
    ("同学们七嘴八舌的讨论起来。", 7, "地", "ZH_DE_DI"),
    ("我急的快哭了。", 2, "得", "ZH_DE_DE"),
    ("他的脸冻的通红。", 4, "得", "ZH_DE_DE"),
    ("他把房间打扫的干干净净。", 6, "得", "ZH_DE_DE"),
    ("我觉的这件事很有意义。", 2, "得", "ZH_DE_DE"),
    ("这本书值的一读。", 4, "得", "ZH_DE_DE"),
    ("我舍不的离开。", 3, "得", "ZH_DE_DE"),
    ("他哭笑不的。", 4, "得", "ZH_DE_DE"),
    # a likeness after an adjective is 得, also after one that is 地 before a verb
    ("他高兴的像个孩子一样。", 3, "得", "ZH_DE_DE"),
    ("她说话温柔的像春风一样。", 5, "得", "ZH_DE_DE"),
    ("她激动的像个孩子似的。", 3, "得", "ZH_DE_DE"),
    ("她开心的像一只小鸟。", 3, "得", "ZH_DE_DE"),
    # degree and result complements
    ("她长的很漂亮。", 2, "得", "ZH_DE_DE"),
    ("我的风筝飞的很高很高。", 5, "得", "ZH_DE_DE"),  # the degree said twice
    ("他的皮肤被晒的黝黑。", 6, "得", "ZH_DE_DE"),
    ("花开的正艳。", 2, "得", "ZH_DE_DE"),
    ("吓的我连忙后退。", 1, "得", "ZH_DE_DE"),
    ("我困的睁不开眼。", 2, "得", "ZH_DE_DE"),
    ("嘴唇冻的发紫。", 3, "得", "ZH_DE_DE"),
    ("叶子从绿色变的枯黄。", 6, "得", "ZH_DE_DE"),
    ("饺子包的香喷喷的。", 3, "得", "ZH_DE_DE"),
    ("他急的满地打滚。", 2, "得", "ZH_DE_DE"),
    ("我笑的眼泪都流出来了。", 2, "得", "ZH_DE_DE"),
    # 地 before a verb of speaking or a gesture, after an idiom, after a listed adverbial
    ("她欣慰的说：“你长大了。”", 3, "地", "ZH_DE_DI"),
    ("老师严肃的说：“请站起来。”", 4, "地", "ZH_DE_DI"),
    ("他神秘的说：“今天做实验。”", 3, "地", "ZH_DE_DI"),
    ("她慈祥的笑了。", 3, "地", "ZH_DE_DI"),
    ("老师赞许的点点头。", 4, "地", "ZH_DE_DI"),
    ("同学们兴高采烈的出发了。", 7, "地", "ZH_DE_DI"),
    ("我情不自禁的笑了。", 5, "地", "ZH_DE_DI"),
    ("大家不约而同的鼓起掌来。", 6, "地", "ZH_DE_DI"),
    ("它津津有味的啃着骨头。", 5, "地", "ZH_DE_DI"),
    ("他一动不动的站在那里。", 5, "地", "ZH_DE_DI"),
    ("我用筷子使劲的搅拌。", 6, "地", "ZH_DE_DI"),
    ("我就静静的等着。", 4, "地", "ZH_DE_DI"),
    ("他上课总是专心的听讲。", 7, "地", "ZH_DE_DI"),
    # 在/再: a repetition, a time to come; a place
    ("没关系，在试一次。", 4, "再", "ZH_ZAI_ZAI"),
    ("请你在说一遍。", 2, "再", "ZH_ZAI_ZAI"),
    ("明天在来吧。", 2, "再", "ZH_ZAI_ZAI"),
    ("妈妈再厨房做饭。", 2, "在", "ZH_ZAI_ZAI"),
    ("树叶落再地上。", 3, "在", "ZH_ZAI_ZAI"),
    ("我们再楼下的花坛里找到了它。", 2, "在", "ZH_ZAI_ZAI"),
    ("我看到一只小鸟再树上唱歌。", 7, "在", "ZH_ZAI_ZAI"),
    # listed misspellings, where their characters are words of their own
    ("我因该先写作业。", 1, "应", "ZH_HOMOPHONE"),
    ("那怕遇到困难，我也不放弃。", 0, "哪", "ZH_HOMOPHONE"),
    ("我可已出去玩吗？", 2, "以", "ZH_HOMOPHONE"),
    ("所已我们要好好学习。", 1, "以", "ZH_HOMOPHONE"),
    ("已后我再也不乱扔垃圾了。", 0, "以", "ZH_HOMOPHONE"),
    ("已前我不喜欢读书。", 0, "以", "ZH_HOMOPHONE"),
    ("天以经黑了。", 1, "已", "ZH_HOMOPHONE"),
    ("他好象生气了。", 2, "像", "ZH_HOMOPHONE"),
    ("她笑起来象一弯月亮。", 4, "像", "ZH_HOMOPHONE"),
    ("葡萄挂在架子上，象一串串紫色的珍珠。", 8, "像", "ZH_HOMOPHONE"),
    ("跑到最后，我的腿象灌了铅一样。", 8, "像", "ZH_HOMOPHONE"),
])
def test_chinese_rules(engine, text, wrong_index, fix, rule):
    result = engine.correct(text, "", "")
    found = [e for e in result.errors if e.rule_id == rule]
    assert [(e.offset, e.length, e.replacements) for e in found] == [(wrong_index, 1, (fix,))]
    assert result.corrected_text[wrong_index] == fix


@pytest.mark.parametrize("text", [
    "他买的很多书都很贵。", "他说的不是真的。", "高兴的事情很多。", "他在见客户。", "我们再去一次公园吧。",
    "我家门前有一条小河，河水清清的。", "认真的学习态度很重要。",
    "妈妈无微不至的关怀让我感动。", "我过着无忧无虑的生活。", "我看了一场精彩纷呈的表演。",
    "这是一个惊心动魄的故事。", "红彤彤的太阳升起来了。", "她穿着雪白的裙子。", "他们兴高采烈的样子让我很开心。",
    "睡觉的时候要关灯。", "感觉的变化很明显。", "这是价值的体现。", "这是不可避免的。", "他是一个了不起的人。",
    # tears that 的 modifies; an ABB or 又A又B phrase before a noun; 全是, 直 and 满地 before a noun
    "我流下了激动的眼泪。", "那是感动的眼泪。", "妈妈流下了幸福的眼泪。", "我擦干了伤心的眼泪。",
    "她高兴的眼泪夺眶而出。", "她流下的眼泪打湿了衣襟。",
    "我最爱吃妈妈包的香喷喷的饺子。", "奶奶做的香喷喷的饺子真好吃。", "妈妈织的毛茸茸的围巾很暖和。",
    "爸爸买的亮晶晶的手表丢了。", "我穿上了妈妈买的红彤彤的新衣服。", "妈妈买的又大又甜的西瓜真好吃。",
    "我吃着妈妈做的又香又脆的饼干。", "饺子包得香喷喷的。", "我穿着妈妈洗的干干净净的衣服。",
    "他画的全是动物。", "书包里装的全是书。", "他说的直话让人难受。", "这是他留下的满地纸屑。",
    # 在……方面; 正 and 再 inside words (改正, 家访)
    "新学期，我要在学习方面多下功夫。", "我们要在锻炼方面坚持下去。", "我想在写作方面有所提高。",
    "把错题改正再交给老师。", "老师明天要再家访一次。",
    # noun phrases: an object after 做了, a subject at the start of the clause; a gesture as a noun
    "他做了深深的反思。", "认真的思考是学习的关键。", "她慈祥的笑让我感到温暖。",
    # a classical quotation; a URL; a quotation of several paragraphs; list labels
    "博观而约取，厚积而薄发。", "网址是www.baidu.com。", "“第一段。\n“第二段。”", "1）多读书；2）多思考。",
    # the listed misspellings' characters inside other words; 象 the animal and in words
    "我们要以经济建设为中心。", "我已后悔了。", "他已前往北京。", "这个原因该如何解释？",
    "一头象在河边喝水。", "大象的鼻子很长。", "他的形象很好。", "这种现象很常见。", "我的印象很深。",
    "我想象不出来。", "这只象很大。", "象一天要吃很多草。", "我们看见了象和长颈鹿。",
])
def test_chinese_no_false_alarms(engine, text):
    assert engine.correct(text, "", "").errors == ()


@pytest.mark.parametrize("text,quotes", [
    ('妈妈说："今天天气真好"。', [(4, "“"), (11, "”")]),
    ('他问："你去哪儿？"我说："回家。"', [(3, "“"), (9, "”"), (13, "“"), (17, "”")]),
    ('我最喜欢的书是"西游记"。', [(7, "“"), (11, "”")]),
    ('"好"', [(0, "“"), (2, "”")]),
    # English inside the quotes, or code: left alone
    ('他说了一声"hello"就走了。', []),
    ('print("你好")，然后 {"key": "值"}。', []),
])
def test_chinese_ascii_quotes(engine, text, quotes):
    found = [(e.offset, e.replacements[0]) for e in engine.correct(text, "", "").errors if text[e.offset] == '"']
    assert found == quotes


def test_simple_engine_chinese_punctuation_rules_are_kept(engine):
    rules = {e.rule_id for e in engine.correct("今天天气很好,我们去公园。。", "", "").errors}
    assert {"ZH_HALF_WIDTH_PUNCT", "ZH_REPEATED_PUNCT"} <= rules


# ---------------------------------------------------------------- result shape

def test_full_result_and_no_overlaps(engine):
    text = "The weather is is terible. He go to school. their is a cat, i think.\n\nMy freind is nice."
    result = engine.correct(text, "My Friend", "8")
    assert isinstance(result, CorrectionResult)
    assert result.language == "en"
    assert result.word_count > 0
    assert 0 <= result.score.total <= 100
    assert result.feedback.overall
    assert result.improvement_suggestions
    rules = {e.rule_id for e in result.errors}
    assert {"EN_REPEATED_WORD", "EN_SPELLING_SYMSPELL", "EN_SVA_THIRD_PERSON", "EN_SPELLING"} <= rules
    spans = sorted((e.offset, e.offset + e.length, e.rule_id) for e in result.errors)
    for (_s1, e1, r1), (s2, _e2, r2) in zip(spans, spans[1:], strict=False):
        assert s2 >= e1 or {r1, r2} == {"EN_SENTENCE_CAPITAL", "EN_SPELLING_SYMSPELL"}
    assert "terrible" in result.corrected_text and "goes" in result.corrected_text
    assert "friend" in result.corrected_text
    assert list(result.errors) == sorted(result.errors, key=lambda e: (e.offset, e.length, e.rule_id))


def test_deterministic(engine):
    text = "He go to scool with his freind. 他高兴的跑了。They goes home, definately."
    first = engine.correct(text, "School", "5").to_dict()
    for _ in range(3):
        assert engine.correct(text, "School", "5").to_dict() == first
    assert OfflineEngine().correct(text, "School", "5").to_dict() == first


@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "😀😀😀 🎉", "\ud800", "abc \ud800 def \udfff 的 地", "\x00\x01\x02 text \x7f\x1b",
    "的的的的的", "在在在再再再见", "a" * 5000, "He", "I", "more", "must to", ".", "'s", "'", "-- --",
    ("Hello world recieve. 我们高兴的跑了。 " * 8000)[:200_000],
    ("x" * 199_999) + "y",
])
def test_odd_inputs_do_not_crash(engine, text):
    result = engine.correct(text, "\ud800 title", "weird grade")
    assert isinstance(result.corrected_text, str)
    for error in result.errors:
        assert 0 <= error.offset <= error.offset + error.length <= len(text)


def test_chinese_title_key_words_are_words(engine):
    assert engine.keywords("如何养成好习惯") == ["养成", "习惯"]
    assert "春天" in engine.keywords("美丽的春天") and "今天" not in engine.keywords("今天真开心")
    assert engine.keywords("网络时代的阅读") == ["网络时代", "阅读"]
    assert engine.keywords("环保") == ["环保"]


def test_feedback_quotes_only_the_students_own_words(engine):
    text = " ".join(["The flowwers in our garden are red and the flowwers smell sweet."] * 4)
    result = engine.correct(text, "Our garden", "5")
    assert "flowers" in result.corrected_text
    quoted = " ".join((*result.improvement_suggestions, result.feedback.language))
    assert "“flowers”" not in quoted


def test_a_mostly_chinese_mixed_essay_gets_chinese_feedback(engine):
    result = engine.correct("Today we read The Little Prince in English class。老师说这本书很有意思，我很喜欢它。", "英语课", "5")
    assert result.language == "mixed"
    assert result.feedback.overall.startswith("总分")



@pytest.mark.parametrize("text", [
    "We met Mr. Childs at the station.", "The painting by J. Tooths is famous.", "Dr. Smithe is kind.",
    "This is St. Albans, a city near London.", "Jayden is my best friend. I met Jayden at school.",
    "I posted an emoji and a hashtag for my bestie.",
])
def test_names_after_a_title_or_used_mid_sentence_are_not_misspellings(engine, text):
    assert _spelling(engine, text) == []


def test_a_misspelt_verb_does_not_hide_the_noun_after_it(engine):
    # The score promise: "buyed" adds an error and must not lift "two book" out of sight.
    clean = "My father bought two book for me, and we read them together after dinner."
    planted = clean.replace("bought", "buyed")
    assert engine.correct(planted, "", "5").corrected_text == engine.correct(clean, "", "5").corrected_text
    assert engine.correct(planted, "", "5").score.total <= engine.correct(clean, "", "5").score.total


def test_vocabulary_counts_neither_names_nor_forms_of_common_words_nor_the_engines_fixes(engine):
    text = ("Tom likes music and Tom is taller than me. Curie won a Nobel prize. "
            "Asdf jkl qwer tyu. Zxcv bnm poiu. Lkjh gfd sapo.")
    result = engine.correct(text, "", "8")
    quoted = " ".join((result.feedback.language, *result.improvement_suggestions))
    for word in ("likes", "taller", "curie", "nobel", "tom"):
        assert f"“{word}”" not in quoted, quoted


def test_linking_words_open_clauses(engine):
    plain = engine.correct("She was the first woman to win. She won a second prize. He lives next to me.", "", "8")
    assert "0 linking words" in plain.feedback.organization
    linked = engine.correct("First, we cleaned the room. Next, we cooked dinner. Finally, we rested.", "", "8")
    assert "3 linking words" in linked.feedback.organization


@pytest.mark.parametrize("text,wrong,fix", [
    ("Nothing is unpossible if you work hard.", "unpossible", "impossible"),
    ("He was an unhonest boy.", "unhonest", "dishonest"),
    ("She is a shy and unconfident girl.", "unconfident", "not confident"),  # never "confident"
])
def test_un_is_replaced_by_the_right_negative_not_dropped(engine, text, wrong, fix):
    assert [(w, f[0]) for w, _rule, f in _spelling(engine, text)] == [(wrong, fix)]


@pytest.mark.parametrize("text,fixed", [
    ("It will become more and more better.", "It will become better and better."),
    ("We should relax ourselfs.", "We should relax ourselves."),
    ("She teaches english on sunday.", "She teaches English on Sunday."),
    ("Last Saturday，I went to the park。 It was fun！", "Last Saturday, I went to the park. It was fun!"),
])
def test_learner_slips(engine, text, fixed):
    assert engine.correct(text, "", "8").corrected_text == fixed


def test_chinese_inside_an_english_essay_keeps_its_punctuation(engine):
    text = "In Chinese the poem is called 《静夜思》. The first two lines are about the moon."
    assert engine.correct(text, "", "8").errors == ()


def test_the_same_sound_tip_names_the_essays_own_words(engine):
    result = engine.correct("我们去公圆玩，天黑了，以经很晚了。", "公园", "5")
    assert any("“公园”不要写成“公圆”" in s and "“已经”不要写成“以经”" in s for s in result.improvement_suggestions)


def test_title_genre_words_and_related_forms(engine):
    assert engine.keywords("读《西游记》有感") == ["西游记"]
    result = engine.correct("Reading is very important. I read every day because reading is important.",
                            "The Importance of Reading", "8")
    assert not any("Keep to the topic" in s for s in result.improvement_suggestions)
    # "importance" frames the topic, like "essay" or "letter": an essay on reading is on topic
    result = engine.correct("Reading opens new worlds. I read every day, and reading helps me think.",
                            "The Importance of Reading", "8")
    assert not any("Keep to the topic" in s for s in result.improvement_suggestions)
    assert "of the" not in result.feedback.content and "it takes up the title's key word (“reading”)" in \
        result.feedback.content


@pytest.mark.parametrize("text,corrected", [
    ('I said, "I want to be a writer！" She smiled.', 'I said, "I want to be a writer!" She smiled.'),
    ("I like apples、bananas and pears.", "I like apples, bananas and pears."),
    ("I read 《Harry Potter》 last week.", 'I read "Harry Potter" last week.'),
    ("It was fun（really great）.", "It was fun (really great)."),
    ("Wait……I forgot——my bag.", "Wait...I forgot—my bag."),
])
def test_chinese_punctuation_in_english(engine, text, corrected):
    assert engine.correct(text, "", "8").corrected_text == corrected


@pytest.mark.parametrize("word", ["informations", "advices", "knowledges", "equipments", "homeworks"])
def test_uncountable_nouns_take_no_plural(engine, word):
    found = [e for e in engine.correct(f"I got some {word} today.", "", "8").errors if e.rule_id == "EN_NOUN_NUMBER"]
    assert [f.replacements[0] for f in found] == [word[:-1]]


def test_drilled_linking_phrases_count(engine):
    text = ("To begin with, reading is fun. What's more, it teaches us a lot. Last but not least, "
            "books make us calm. In a word, I love reading.")
    result = engine.correct(text, "Reading", "8")
    assert "0 linking words" not in result.feedback.organization
    assert not any("linking words such as" in s for s in result.improvement_suggestions)


def test_mum_is_on_the_topic_of_my_mother(engine):
    text = ("My mum is a doctor. She works in a big hospital and she helps many people every day. "
            "When I am ill, my mum takes care of me. I love my mum very much and I want to be like her.") * 2
    assert not engine.correct(text, "My Mother", "5").advisories


def test_the_subject_named_first_is_not_a_repeated_word(engine):
    text = ("My favourite season is autumn. In autumn the leaves turn red. Autumn is cool and autumn "
            "brings fruit. I walk in the park in autumn.")
    assert not any("“autumn”" in s for s in engine.correct(text, "My Favourite Season", "5").improvement_suggestions)


@pytest.mark.parametrize("text", [
    # the object of the verb before it, a one-character noun, a sound, a subject before its verb
    "花园里开满了五颜六色的花。", "我看到了红红的花。", "我体会到了妈妈深深的爱。", "她脸上露出甜甜的笑。",
    "这次旅行，我得到了满满的收获。", "外面传来叽叽喳喳的叫声。", "他积极的发言得到了老师的表扬。",
    "大家热烈的讨论持续了一个小时。",
    # 再 as "further on"; 在……的路上
    "再前面就是我们学校了。", "过了桥，再左边就是邮局。", "明天在去学校的路上要小心。",
])
def test_chinese_noun_phrases_and_frames_raise_nothing(engine, text):
    assert engine.correct(text, "", "5").errors == ()


@pytest.mark.parametrize("text", [
    "Letting it go is hard. I love watching it snow. Making it work is not easy.",
    "I kept telling myself, I can do it. I heard someone shout, it's on fire!",
    "Mom said to me, 'You did a great job, I am proud of you.' You are right, I admit.",
    "It was a great trip, I have to say. The truth is, I don't like math.",
    "What he wants is a new bike. I have rose bushes. I have a saw.",
    "He himself is a teacher. Everything contained in it is removed. The toys in it are old.",
])
def test_english_without_false_alarms(engine, text):
    assert _errors(engine, text, "EN_") == []


@pytest.mark.parametrize("text,wrong,fixes", [
    ("I fell down, but my father encourage me to keep trying.", "encourage", ("encouraged", "encourages")),
    ("She sit next to me and said hello.", "sit", ("sat", "sits")),
    ("My father work in a factory.", "work", ("works",)),  # no story around it: the present
    ("He father works in a factory.", "He", ("His",)),
    ("She can't plays the piano.", "plays", ("play",)),
    ("I have never saw a panda.", "saw", ("seen",)),
    ("He has already went home.", "went", ("gone",)),
    ("I get up at 6：30 every morning.", "：", (":",)),
    ("She hair is long.", "She", ("Her",)),
    ("He hobby is reading.", "He", ("His",)),
    ("Yesterday there is a football match.", "is", ("was",)),
])
def test_english_fixes_read_the_sentence(engine, text, wrong, fixes):
    found = [e for e in _errors(engine, text, "EN_")]
    assert [(w, f) for w, _rule, f in found] == [(wrong, fixes)]


# ---------------------------------------------------------------- a teacher's review

@pytest.mark.parametrize("text", [
    "The Importance of Reading\n\nReading is one of the most important habits.",  # a title and the first word
    "Friendship\n\nFriendship is important to everyone.",
    "I love your cooking. You should practise your speaking every day. I enjoyed your singing at the party.",
    "It can help you improve your listening. The company lost its building. The city is proud of its housing.",
    "The plates are made of fine china. Each boy and each girl has a desk.",
    "Doraemon helps his friend. Dumbledore said no.",  # names at a sentence start
    "You know what I did yesterday. She knows that I came yesterday. I like the book you gave me yesterday.",
    "I go to school every day. If I go there tomorrow, I will see him. I have a test next week.",
    "I did not go. Did you not see it? What did not work was the plan.",
])
def test_no_false_alarms_found_by_review(engine, text):
    assert _errors(engine, text) == []


@pytest.mark.parametrize("text,wrong,fix,rule", [
    ("I think your going to win.", "your", "you're", "EN_YOUR_YOURE"),
    ("Its getting cold and its raining.", "its", "it's", "EN_ITS_ITS"),
    ("Beacause I was late, I ran.", "Beacause", "Because", "EN_SPELLING_SYMSPELL"),
    ("Yestoday I was ill.", "Yestoday", "Yesterday", "EN_SPELLING_SYMSPELL"),
    ("My Weekend\n\nlast weekend was very busy.", "last", "Last", "EN_SENTENCE_CAPITAL"),
    ("I go to the park yesterday.", "go", "went", "EN_PAST_TENSE"),
    ("We have a party last night.", "have", "had", "EN_PAST_TENSE"),
    ("They play football last Sunday.", "play", "played", "EN_PAST_TENSE"),
    ("My father take me to the zoo last week.", "take", "took", "EN_SVA_NOUN_SUBJECT"),
    ("She did not went to school.", "went", "go", "EN_MODAL_VERB_FORM"),
    ("He does not likes it.", "likes", "like", "EN_MODAL_VERB_FORM"),
])
def test_errors_found_by_review(engine, text, wrong, fix, rule):
    found = [e for e in _errors(engine, text) if e[1] == rule]
    assert found and found[-1][0] == wrong and found[-1][2][0] == fix, _errors(engine, text)


def test_tips_follow_the_kind_of_error_and_a_title_in_the_other_language_is_not_required(engine):
    result = engine.correct("My teacher gave us many advices and informations about the exam. "
                            "Although it was hard, but we passed.", "Exam", "8")
    assert "uncountable" in result.improvement_suggestions[0]
    assert not any("many trees" in s for s in result.improvement_suggestions)
    english = engine.correct("My mother is a kind woman. She works in a hospital and helps people.", "我的妈妈", "8")
    assert "妈妈" not in english.feedback.content and not any("妈妈" in s for s in english.improvement_suggestions)


def test_strings_of_letters_that_are_no_word(engine):
    # Unknown, with no word near: no vowel, or six consonants in a row. Flagged, with nothing to
    # put in their place; names (capitalised) and words near a real one are not this.
    text = "I like xkcdqwrt and asdfghjkl. Mr Zxcvb came. We saw rhythms and strengths."
    result = engine.correct(text, "", "8")
    nonwords = [(text[e.offset:e.offset + e.length], e.replacements) for e in result.errors if not e.replacements]
    assert nonwords == [("xkcdqwrt", ()), ("asdfghjkl", ())]
    assert result.corrected_text == text


def test_gibberish_is_no_essay(engine):
    import random

    rnd = random.Random(1)
    junk = " ".join("".join(rnd.choice("bcdfghjklmnpqrstvwxz") for _ in range(12)) for _ in range(120))
    result = engine.correct(junk, "My School", "8")
    assert result.score.mechanics == 0 and result.score.total < 40
    assert any("no English words" in advisory for advisory in result.advisories)


@pytest.mark.parametrize("text", [
    "Because it was raining, we stayed indoors, so we watched a film.",  # the main clause comes first
    "Although it was cold, we went swimming, but we didn't stay long.",
    "Once upon a time, in a land far far away, there lived a lonely giant.",
    "\"Knock knock!\" \"Who's there?\" The dog went woof woof at the postman. Hip hip hooray!",
    "We spent a week in Bora Bora.",
    "The wildebeest migrate across the Serengeti.",
    "Bacon and eggs is my favourite breakfast.",
    "I love dance music and pop songs. We like play areas with lots of slides.",
    "I love french fries with ketchup.",
    "The actor is great in science fiction films.",
    "It wasn't me, it was my brother. She's not just smart, she's brilliant.",
])
def test_reviewed_right_sentences_of_stories_and_contrasts(engine, text):
    assert _errors(engine, text, "EN_") == []


@pytest.mark.parametrize("text,wrong,fix,rule", [
    ("Although it rained, but we went out.", "but we", "we", "EN_CONJUNCTION_PAIR"),
    ("I went to the the park.", "the the", "the", "EN_REPEATED_WORD"),
    ("The The park is big.", "The The", "The", "EN_REPEATED_WORD"),
    ("I speak french at home.", "french", "French", "EN_PROPER_NOUN_CAPITAL"),
    ("She is good in maths.", "in", "at", "EN_GOOD_AT"),
    ("I like play football.", "play", "playing", "EN_GERUND_AFTER"),
    ("I didn't like the food, it was cold.", ", it", ". It", "EN_COMMA_SPLICE"),
])
def test_what_the_reviewed_sentences_still_catch(engine, text, wrong, fix, rule):
    assert (wrong, rule, fix) in _first_fixes(engine, text)


def test_title_key_words_keep_their_accents_and_match_in_one_normal_form(engine):
    result = engine.correct("Our café culture is lively. People sit in a café for hours and talk.", "Café culture", "8")
    assert "“café”, “culture”" in result.feedback.content and not any("off topic" in a for a in result.advisories)
    # The title's "é" as one code point, the essay's as "e" and a combining accent.
    result = engine.correct("Cafe\u0301 life is slow. We sit and read all day long in the sun.", "Café", "8")
    assert "takes up the title's key word (“café”)" in result.feedback.content
    result = engine.correct("The street was long and quiet at night.", "Über Straße", "8")
    assert any("(“über”, “straße”)" in a for a in result.advisories)


def test_the_length_quoted_back_is_word_count_and_the_corrected_length_beside_it(engine):
    text = "The the the the cat sat on the mat mat."
    result = engine.correct(text, "Dog", "5")
    assert result.word_count == 10
    assert any(a.startswith("too short: 10 words as written (6 once corrected)") for a in result.advisories)
    assert result.feedback.content.startswith("At 10 words as written (6 once corrected)")
    assert any("such as “The the the the”" in s for s in result.improvement_suggestions)
    plain = engine.correct("The cat sat on the mat.", "Dog", "5")
    assert plain.feedback.content.startswith("At 6 words the essay")


@pytest.mark.parametrize("text,wrong,fix,rule", [
    ("Today is gooder than yesterday.", "gooder", "better", "EN_SPELLING_SYMSPELL"),  # an irregular comparative
    ("He is the goodest player.", "goodest", "best", "EN_SPELLING_SYMSPELL"),
    ("My favourite subject is sience.", "sience", "science", "EN_SPELLING_SYMSPELL"),  # no sentence ends in "since"
    ("They forgot there books.", "there", "their", "EN_THERE_THEIR"),  # the object of a verb
    ("I like there house.", "there", "their", "EN_THERE_THEIR"),
    ("The dog wagged it's tail.", "it's", "its", "EN_ITS_ITS"),
    ("Its raining outside.", "Its", "It's", "EN_ITS_ITS"),
    ("I could of helped you.", "of", "have", "EN_MODAL_VERB_FORM"),
    ("He might of lost it.", "of", "have", "EN_MODAL_VERB_FORM"),
])
def test_a_fourth_review_of_learner_slips(engine, text, wrong, fix, rule):
    assert (wrong, rule, fix) in _first_fixes(engine, text)


@pytest.mark.parametrize("text", [
    "I love it there. I saw there many people. We made there a small garden. We went there yesterday.",
    "I could of course help you. I think it's time to go. When the window is raised it's fine.",
    "This box is bigger than that one. I have lived here since 2010.",
])
def test_a_fourth_review_right_sentences(engine, text):
    assert _errors(engine, text, "EN_") == []


@pytest.mark.parametrize("text,wrong,fix,rule", [
    ("They could not came yesterday.", "came", "come", "EN_MODAL_VERB_FORM"),  # modal + not + a past
    ("You should not goes there.", "goes", "go", "EN_MODAL_VERB_FORM"),
    ("There are many mouses in the barn.", "mouses", "mice", "EN_NOUN_NUMBER"),  # a word, but not this plural
    ("She has two beautiful foots.", "foots", "feet", "EN_NOUN_NUMBER"),
    ("Several knifes were missing.", "knifes", "knives", "EN_NOUN_NUMBER"),
    ("The wifes of the farmers came.", "wifes", "wives", "EN_SPELLING_SYMSPELL"),
    ("Cats have nine lifes.", "lifes", "lives", "EN_SPELLING_SYMSPELL"),
])
def test_a_fourth_review_of_verb_forms_and_plurals(engine, text, wrong, fix, rule):
    assert (wrong, rule, fix) in _first_fixes(engine, text)


def test_verbs_that_look_like_irregular_plurals_are_left_alone(engine):
    assert _errors(engine, "He mans the desk. The company knifes its rivals. She could not help laughing.", "EN_") == []


@pytest.mark.parametrize("text,wrong,fix,rule", [
    ("I rided my bike in the park.", "rided", "rode", "EN_SPELLING_SYMSPELL"),  # "ride" + d, not "rid" + ed
    ("We maked a cake.", "maked", "made", "EN_SPELLING_SYMSPELL"),
])
def test_a_regular_past_on_a_verb_that_ends_in_e(engine, text, wrong, fix, rule):
    assert (wrong, rule, fix) in _first_fixes(engine, text)


def test_a_second_review_of_whole_essays_right_sentences(engine):
    text = ("Without a daily commute, employees save time and money, and many report lower stress levels. "
            "The Old Man and the Sea is a short novel written by Ernest Hemingway.")
    assert _errors(engine, text, "EN_") == []


def test_a_title_of_no_key_words_is_not_all_of_them_taken_up(engine):
    text = "Dear Grandma, I miss you very much. We had a lovely time at the farm last summer. Love, Amy"
    result = engine.correct(text, "A Letter to Grandma", "4")
    assert "0 key words" not in result.feedback.content and "()" not in result.feedback.content


FARM = """Last Saturday, my family and I went to my uncle's farm. We left early in the morning, and the drive took two \
hours. When we arrived, my uncle showed us the big red barn.

First, I fed the chickens. They ran to me and pecked at the corn in my hand. It tickled! Then my sister and I rode on \
the tractor with my uncle. It was loud and bumpy, but we laughed the whole time.

After lunch, we picked apples in the orchard. I climbed a small ladder and filled my basket. My mom said we could make \
an apple pie at home.

In the evening, we watched the sun go down behind the hills. The sky turned orange and pink. I was tired, but I was \
very happy. I hope we can visit the farm again next summer."""


def test_a_near_perfect_essay_has_no_weakest_area(engine):
    result = engine.correct(FARM, "My Trip to the Farm", "3")
    s = result.score
    assert min(s.content, s.organization, s.language, s.mechanics) >= 95
    assert "every area is strong" in result.feedback.overall and "weakest" not in result.feedback.overall


def test_the_same_sound_tip_quotes_a_listed_misspelling(engine):
    result = engine.correct("小时侯，我很喜欢画画。那时我还很小，什么都不懂，但是我每天都很开心。", "", "5")
    assert any("“时候”不要写成“时侯”" in s for s in result.improvement_suggestions)
    assert not any("公圆" in s for s in result.improvement_suggestions)


def test_we_and_a_plural_object_after_an_s_verb(engine):
    assert ("flies", "EN_SVA_NON_THIRD", ("fly",)) in _errors(engine, "Sometimes we flies kites there.", "EN_")
    assert _errors(engine, "We fans cheered loudly. The bar charts show the data.", "EN_") == []


@pytest.mark.parametrize("text,wrong,fix,rule", [
    ("Last Saturday, my family and I go to my uncle's farm.", "go", "went", "EN_PAST_TENSE"),
    ("My family and I was happy.", "was", "were", "EN_SVA_NOUN_SUBJECT"),
    ("She explained me some difficult problems.", "me", "to me", "EN_COLLOCATION"),
    ("The accident was happened yesterday.", " was", "", "EN_BE_VERB"),  # no passive of "happen"
    ("200 students were participated in it.", " were", "", "EN_BE_VERB"),
    ("It is good for they health.", "they", "their", "EN_THERE_THEIR"),
    ("I gave it to they mother.", "they", "their", "EN_THERE_THEIR"),
])
def test_a_second_review_of_whole_essays(engine, text, wrong, fix, rule):
    assert (wrong, rule, fix) in _first_fixes(engine, text)


def test_a_second_review_of_whole_essays_right_verbs_and_owners(engine):
    text = ("My family and I go to the park every Sunday. He explained her ideas to the class. "
            "The accident happened yesterday. It is good, for they say so. What do they think?")
    assert _errors(engine, text, "EN_") == []


@pytest.mark.parametrize("text,wrong,fix", [
    ("Every visitors want to try it.", "visitors want", "visitor wants"),  # the verb goes with the noun
    ("Every students are happy.", "students are", "student is"),
    ("Every students in the class like it.", "students", "student"),
])
def test_every_with_a_plural_noun_and_its_verb(engine, text, wrong, fix):
    assert (wrong, "EN_NOUN_NUMBER", fix) in _first_fixes(engine, text)


@pytest.mark.parametrize("text,wrong,fix,rule", [
    ("My father he is a doctor.", " he", "", "EN_DOUBLE_SUBJECT"),
    ("My parents they are busy.", " they", "", "EN_DOUBLE_SUBJECT"),
    ("He gave me many advices.", "many advices", "much advice", "EN_NOUN_NUMBER"),  # the count word goes too
    ("I bought two new furnitures.", "two new furnitures", "two pieces of new furniture", "EN_NOUN_NUMBER"),
    ("From 2000 to 2010, the population grow steadily.", "grow", "grew", "EN_PAST_TENSE"),  # a span that is over
])
def test_a_third_review_of_learner_errors(engine, text, wrong, fix, rule):
    assert (wrong, rule, fix) in _first_fixes(engine, text)


def test_a_third_review_right_sentences(engine):
    text = ("The man she loves is my brother. The girl he likes is Lucy. The Times is a famous newspaper. "
            "The older generation were brought up differently. From 2000 to 2030, the population will grow.")
    assert _errors(engine, text, "EN_") == []


def test_new_words_with_a_regular_ending_are_no_misspellings(engine):
    text = "The vlogger livestreamed the concert. Medieval knights carried broadswords. The chefs julienned the carrots."
    assert _spelling(engine, text) == []
    assert [w for w, _r, _f in _spelling(engine, "The childrens played. He cames home.")] == ["childrens", "cames"]
