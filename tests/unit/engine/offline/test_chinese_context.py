"""Chinese 的/地/得 and 在/再 decided from the words around them, and paired quotes."""

import pytest

from services.correction.engine.offline.chinese import ChineseChecker
from services.correction.engine.simple import find_errors


@pytest.fixture(scope="module")
def checker():
    return ChineseChecker()


def _found(checker, text):
    return [(e.rule_id, text[e.offset], e.replacements) for e in checker.errors(text)
            if e.rule_id != "ZH_HOMOPHONE"]


@pytest.mark.parametrize("text,wrong,fix", [
    ("可惜假期总是过的特别快。", "的", "得"),
    ("我们的地球就会变的更加美丽。", "的", "得"),
    ("他急的直跺脚。", "的", "得"),
    ("看着家人吃的津津有味。", "的", "得"),
    ("她把竹条削的又细又光滑。", "的", "得"),
    ("我看的入了迷。", "的", "得"),
    ("小明跑的很快，第一个到达终点。", "的", "得"),
    ("我觉得两条腿沉的像灌了铅一样。", "的", "得"),  # a likeness after an adjective
    ("这里的冬天冷的像冰窖似的。", "的", "得"),
    ("它就飞快的跑过来。", "的", "地"),
    ("哥哥每天努力的学习，终于考上了大学。", "的", "地"),
    ("这种想法是不对地。", "地", "的"),
    ("我爱这个丰收地季节。", "地", "的"),
    ("下次能在来这里玩。", "在", "再"),
    ("以后我要在学几道菜。", "在", "再"),
    ("我一定回学校在看看您。", "在", "再"),
    ("我们正再搬运。", "再", "在"),
    ("下午，我们再附近的公园里散步。", "再", "在"),
    ("我在家里写作业，妈妈再厨房做饭。", "再", "在"),
    ("我们都很想你，下次在来玩吧。", "在", "再"),
    ("他写错了，老师让他在写一遍。", "在", "再"),
    ("他疼的眼泪直流。", "的", "得"),
    ("他气的满脸通红。", "的", "得"),
    ("球弄的满地都是。", "的", "得"),
    ("窗外的蝉叫的正欢。", "的", "得"),
    ("几个小时后才变的坚硬。", "的", "得"),
    ("我的房间变的干干净净的。", "的", "得"),
    ("她摸着我的头，欣慰的说：“孩子，你长大了。”", "的", "地"),  # the subject before the comma
    ("她一把抱住我，哽咽的说：“你去哪儿了？”", "的", "地"),
    ("老师赞许的点点头：“真棒。”", "的", "地"),
])
def test_context_rules(checker, text, wrong, fix):
    found = _found(checker, text)
    assert [(w, f) for _rule, w, f in found] == [(wrong, (fix,))], found


@pytest.mark.parametrize("text", [
    "他还在下雨。我在学习。我们能在比赛中获胜。我想在图书馆看书。它会在编译时检查。",
    "他高兴地说。我们还要在一起。我的直尺不见了。这是我的满分试卷。土地很肥沃。他慢慢地走了。",
    "我们再见面吧。我再也不去了。月光其实是它反射的太阳光。这和你熟悉的有些不同。",
    "文章表达了对外婆深深的怀念之情。书里充满了浓浓的生活气息。最让我开心的是，村里建了图书馆。",
    "那是一次愉快的旅行。慢慢地，我交到了很多新朋友。有的羞答答地才展开两片花瓣。",
    "他不因弟弟的离开而畏惧。同样地，我们可以用它来匹配。我帮妈妈拖拖地，扫扫地。",
    # "the red ones", "what I made": 的 after a subject of its own, or before "and".
    "大的像西瓜，小的像苹果一样。我做的像他做的一样好。红的和绿的一样多。他的像挂在墙上。",
    # "X的 + verb" as a noun phrase: after a measure, a word taking a noun object, a possessor.
    "他有一个小小的愿望。他给了我一个大大的拥抱。可以给自己一个小小的奖励。",
    "经过认真的思考，我做出了决定。同学们积极的发言让课堂很热闹。我永远忘不了妈妈默默的付出。",
    "谢谢你一直以来默默的支持。感谢老师这些年来辛勤的付出。楼下的上着课。",
    "在老师耐心的帮助下，我进步很快。在大家热烈的讨论中，时间过得很快。感谢大家热情的支持和帮助。",
    "通过大家积极的参与和配合，活动很成功。他那得意的笑，让人讨厌。",
    # 在 after a word that ends like a future marker (可能, 主要), or after 一定 (surely doing)
    "她可能在看书。他们主要在学英语。只要在看书，他就很安静。她一定在写作业。",
    # 在 before a repetition that does not end the clause, 明天 before a verb that is not 来/去 …
    "他们在做一次有趣的实验。你明天在做什么？明天在学校见。我们再往前走一点。",
    # an object of 做了 or 进行了; a subject before 是; the young ones; 这是……的回答
    "他做了深深的反思。我们进行了认真的检查。认真的思考是学习的关键。",
    "年轻的说：“我去。”年老的说：“我不去。”这是我们大家共同的回答：“好！”",
    "我忘不了她慈祥的笑。他那温柔的笑，让人难忘。",
    # what 的 modifies: tears, a noun after ABB or 又A又B, after 全是, 直 or 满地
    "我流下了激动的眼泪。她高兴的眼泪夺眶而出。妈妈买的又大又甜的西瓜真好吃。",
    "他写的全是错字。他说的直话让人难受。这是他留下的满地纸屑。",
])
def test_no_false_alarms(checker, text):
    assert _found(checker, text) == []


@pytest.mark.parametrize("text,mark,fix", [
    ("我说：“谢谢你！“她笑着说：“不客气。”", "“", "”"),
    ("我最喜欢《西游记《。", "《", "》"),
    ("压岁钱（也叫“红包”（，祝我们新年快乐。", "（", "）"),
])
def test_a_second_opener_is_the_closer(text, mark, fix):
    found = [(text[e.offset], e.replacements) for e in find_errors(text, "zh") if e.rule_id == "ZH_UNPAIRED"]
    assert found == [(mark, (fix,))]


def test_an_opener_after_a_colon_opens_a_new_quotation():
    # The quotation before it was never closed: its ” goes after its first sentence end, and the
    # new quotation, rightly opened, is left alone.
    text = "父亲说：“快进去吧，别紧张。我这才发现他满头是雪。回家时他只是说：“饿了吧？”"
    found = [(e.offset, text[e.offset:e.offset + e.length], e.replacements)
             for e in find_errors(text, "zh") if e.rule_id == "ZH_UNPAIRED"]
    assert found == [(text.index("。"), "。", ("。”",))]
    text = "老师说：“明天考试他问：“考什么？”"  # no sentence end inside: flagged, no fix
    found = [(e.offset, e.replacements) for e in find_errors(text, "zh") if e.rule_id == "ZH_UNPAIRED"]
    assert found == [(text.index("“"), ())]


@pytest.mark.parametrize("text", [
    "他写道：“我爱我的家乡。\n“家乡的山，家乡的水，都让我难忘。”",  # each quoted paragraph opens
    "1）多读书；2）多思考。", "a）多读书；b）多思考。\n一）多运动。",  # list labels
])
def test_quotations_of_several_paragraphs_and_list_labels_are_paired(text):
    assert [e for e in find_errors(text, "zh") if e.rule_id == "ZH_UNPAIRED"] == []


def test_half_width_brackets_around_chinese():
    text = "我们去了北京(首都)。"
    found = [(e.offset, e.replacements) for e in find_errors(text, "zh") if e.rule_id == "ZH_HALF_WIDTH_PUNCT"]
    assert found == [(6, ("（",)), (9, ("）",))]
    for text in ("函数print(你好)输出。", "重启后重试(需要 %d bytes)。", "我的电话是(010)12345678。"):
        assert [e for e in find_errors(text, "zh") if e.rule_id == "ZH_HALF_WIDTH_PUNCT"] == [], text


def test_a_url_in_chinese_text_is_left_alone():
    assert find_errors("网址是www.baidu.com。也可以访问baidu.com。", "zh") == []


def test_the_tagger_matches_jieba_posseg_without_hmm(checker):
    import jieba.posseg

    reference = jieba.posseg.POSTokenizer(checker._tokenizer)
    texts = ["小明跑的很快，第一个到达终点。", "我们在 Python 3.11 里用 jieba，e.g. x+y=2。\r\n空 格\t制表",
             "他悄悄的打开门，生怕吵醒了妹妹。ABC你好world 3.14 #tag a_b", ""]
    for text in texts:
        assert checker._pos.cut(text) == [(p.word, p.flag) for p in reference.cut(text, HMM=False)]


def test_a_possessor_before_a_speech_verb_still_wants_di(checker):
    # "同学们大声的喊：" is the subject shouting, not a noun phrase "the students' loud shout".
    assert [(w, f) for _rule, w, f in _found(checker, "看台上的同学们大声的喊：“加油！”")] == [("的", ("地",))]


@pytest.mark.parametrize("text", ["我听见他轻轻的说。", "大家看到他飞快的跑过来。", "我看见他认真的学习。"])
def test_after_a_verb_of_seeing_or_hearing_the_clause_wants_di(checker, text):
    assert [(w, f) for _rule, w, f in _found(checker, text)] == [("的", ("地",))]


@pytest.mark.parametrize("text", ["古人云：“人无信不立，业无信不兴，国无信则衰。”", "博观而约取，厚积而薄发。"])
def test_a_classical_quotation_is_left_alone(text):
    from services.correction.engine.offline import OfflineEngine

    assert [e for e in OfflineEngine().correct(text, "", "8").errors if e.rule_id == "ZH_HOMOPHONE"] == []


@pytest.mark.parametrize("text,fixes", [
    ("花园里的花有白的,黄的,紫的，真美。", ["、", "、"]),  # a list of words: 、
    ("我喜欢苹果,香蕉,梨。", ["、", "、"]),
    ("春天来了,花开了,草绿了。", ["，", "，"]),  # clauses: ，
    ("好,我们走吧,快点。", ["，", "，"]),
    ("他跑,我追,她笑。", ["，", "，"]),  # clauses with their subjects
    ("快,快,快！", ["，", "，"]),  # a word said again
])
def test_a_half_width_comma_in_a_list_becomes_a_dunhao(text, fixes):
    found = [e.replacements[0] for e in find_errors(text, "zh") if e.rule_id == "ZH_HALF_WIDTH_PUNCT"]
    assert found == fixes
