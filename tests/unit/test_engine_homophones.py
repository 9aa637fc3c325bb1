"""Same-sound character typos (ZH_HOMOPHONE), with the real jieba dictionary and pypinyin readings."""

import json
import logging
import subprocess
import sys
from pathlib import Path

import jieba
import pytest

from services.correction.engine.offline import _GRAMMAR_TIPS
from services.correction.engine.offline.chinese import ChineseChecker
from services.correction.engine.offline.homophones import CATEGORY, RULE_ID, HomophoneChecker

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def checker():
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return HomophoneChecker(tokenizer)


def _found(checker, text):
    return [(f.offset, f.wrong, f.right, f.window, f.word) for f in checker.findings(text)]


@pytest.mark.parametrize("text,offset,right,window,word", [
    ("我们去公圆玩。", 4, "园", "公圆", "公园"),
    ("他以经吃过饭了。", 1, "已", "以经", "已经"),
    ("我门一起去学校。", 1, "们", "我门", "我们"),
    ("今天的做业很多。", 3, "作", "做业", "作业"),
    ("他做事很认针。", 5, "真", "认针", "认真"),
    ("这个问题很难回达。", 7, "答", "回达", "回答"),
    ("你说得不请楚。", 4, "清", "请楚", "清楚"),  # the tones differ (qǐng, qīng)
    ("我们要奴力学习。", 3, "努", "奴力", "努力"),  # not 奴隶: 努力学习 fits the context better
    ("我做完作业，燃后去看电视。", 6, "然", "燃后", "然后"),
    ("我们一股作气爬到了山顶。", 3, "鼓", "一股作气", "一鼓作气"),  # a window over longer tokens
    ("我迫不急待地打开了礼物。", 3, "及", "迫不急待", "迫不及待"),  # a misspelling jieba lists (count 3)
    ("听了老师的话，我终于名白了。", 10, "明", "名白", "明白"),
    # Four-character words across token edges, after a classical 之, a placeholder entry, a tone.
    ("我们咬紧牙关，一股作气冲到了山顶。", 8, "鼓", "一股作气", "一鼓作气"),
    ("过年时，家家户户张灯结采。", 11, "彩", "张灯结采", "张灯结彩"),
    ("练字贵在持之以衡。", 7, "恒", "持之以衡", "持之以恒"),
    ("这次旅行让我受益非浅。", 8, "匪", "受益非浅", "受益匪浅"),  # fēi, fěi
])
def test_typical_typos_are_found(checker, text, offset, right, window, word):
    assert _found(checker, text) == [(offset, text[offset], right, window, word)]


@pytest.mark.parametrize("text,wrong,right", [
    ("他是一个很历害的人。", "历", "厉"),  # jieba lists 历害 as a word
    ("这件事情让我很感概。", "概", "慨"),  # not the same sound: gài, kǎi
    ("这场演出让我非常震憾。", "憾", "撼"),
    ("老师语重心常地对我说。", "常", "长"),  # the fourth character
    ("他鬼鬼崇崇地躲在门后。", "崇崇", "祟祟"),  # two characters, one span
    ("暑假我们去海边渡假。", "渡", "度"),
    ("我要用优异的成绩来报达她。", "达", "答"),
    ("他一诺千斤，从不食言。", "斤", "金"),
])
def test_listed_school_misspellings(checker, text, wrong, right):
    [error] = checker.errors(text)
    assert (text[error.offset:error.offset + error.length], error.replacements) == (wrong, (right,))


@pytest.mark.parametrize("text", [
    "我们要明辨论据的真假。", "这是一个过渡假期。", "大家都平安祥和。", "他的经历害得我很担心。",
    "他生气慨叹了一声。", "我们参观了山脉博物馆。", "大家莫不关心这件事。",
])
def test_listed_misspellings_across_words_are_left_alone(checker, text):
    assert checker.findings(text) == []


def test_error_shape(checker):
    [error] = checker.errors("我们去公圆玩。")
    assert (error.offset, error.length, error.category, error.rule_id, error.replacements) == (
        4, 1, CATEGORY, RULE_ID, ("园",))
    assert CATEGORY == "spelling"
    assert error.message == "“公圆”可能是错别字，应为“公园”（“圆”→“园”）。"
    assert error.confidence == checker.findings("我们去公圆玩。")[0].confidence
    assert 0.5 <= error.confidence <= 0.99


def test_confidence_grows_with_the_evidence(checker):
    weak = checker.findings("今天的做业很多。")[0]
    strong = checker.findings("他做事很认针。")[0]
    assert weak.score < strong.score and weak.confidence < strong.confidence


@pytest.mark.parametrize("text", [
    "我们再次见面了。", "今天我很高兴。", "他再次来到北京，心里很高兴。", "我在家里写作业。",
    "学而时习之，不亦说乎？",  # classical Chinese
    "我用微信给姐姐发了一条消息。",  # a recent word the dictionary lacks
    "陈静是我的同学。", "我和魏来一起去上学。", "冯雪说她明天来。",  # names
    "他长大后想当一名医生。", "真香呀！", "我常常来这里，一坐就是一个下午。", "喘不过气来。",
    "这是一个非泛型的类型。", "他考取了职业资格证书。", "主人公福生是一个善良朴实的人。",
])
def test_clean_sentences_are_left_alone(checker, text):
    assert checker.findings(text) == []


def test_the_same_window_twice_is_taken_as_intended(checker):
    assert checker.findings("公圆很大。") != []
    assert checker.findings("公圆很大。公圆很美。") == []


CLEAN_PROSE = """
今天是星期六，天气晴朗，我和妈妈一起去超市买东西。超市里人很多，货架上摆满了各种各样的商品。
回家的路上，我们看见一位老奶奶提着很重的袋子，就上前帮她拿了一段路。老奶奶笑着对我们说谢谢。
我的家乡在一个美丽的小山村，村子后面有一座高高的山。每到春天，山上开满了五颜六色的野花。
读书是一件快乐的事情，它能让我们增长知识、开阔眼界。每天睡觉前，我都会读半个小时的书。
昨天下午，学校举行了一年一度的秋季运动会。比赛开始了，我像离弦的箭一样冲了出去。
虽然没有拿到第一名，但是我已经尽了最大的努力。同学们在场边为我加油，我感到非常温暖。
环境保护是每个人的责任，我们应该从身边的小事做起，比如随手关灯、节约用水、垃圾分类等等。
科学技术的发展给人们的生活带来了很大的变化。现在人们可以用手机购物、付款、看新闻，非常方便。
失败并不可怕，可怕的是失去了再次尝试的勇气。爱迪生在发明电灯的过程中失败了一千多次。
清晨，公园里非常热闹，有人跑步，有人打太极拳，还有人在跳舞。柳树的枝条垂在水面上。
据统计，2023年全国共有1200多万名考生参加了高考。报告显示，销售额比去年同期增长了12.5%。
最近我在学习Python编程，觉得非常有意思。我每天用iPad看一个小时的英语动画片。
张伟是一名普通的快递员，每天要送两百多个包裹。王小丽学习很认真，老师和同学都很喜欢她。
我们的祖国有五千年的悠久历史，创造了灿烂的文化。四大发明对世界文明的发展产生了深远的影响。
雨后的天空特别干净，一道彩虹挂在天边。空气中弥漫着泥土的清香，树叶上还挂着晶莹的水珠。
"""


def test_clean_prose_gives_nothing(checker):
    for line in CLEAN_PROSE.strip().splitlines():
        assert checker.findings(line) == [], line


def test_clean_dev_texts_give_nothing(checker):
    items = json.loads((ROOT / "eval" / "data" / "dev.json").read_text(encoding="utf-8"))
    clean = [item["clean"] for item in items if item["language"] == "zh"]
    assert clean
    for text in clean:
        assert checker.findings(text) == [], text


def test_planted_dev_items():
    from eval.build import parse

    lines = (ROOT / "eval" / "data" / "dev_src_zh_homophones.txt").read_text(encoding="utf-8").splitlines()
    items = [parse(line) for line in lines if line.strip() and not line.startswith("#")]
    assert len(items) >= 12
    for item in items:
        assert item["language"] == "zh"
        for edit in item["errors"]:
            assert item["noisy"][edit["offset"]:edit["offset"] + edit["length"]] == edit["original"]


def test_offsets_are_code_points(checker):
    text = "😀𠀀 abc 我们去公圆玩。"
    [finding] = checker.findings(text)
    assert text[finding.offset] == "圆"


@pytest.mark.parametrize("text", [
    "", "公", "我", "😀😀", "\ud800公圆\udfff", "abc 123 公园", "2024年3月15日，王小明用iPhone拍了3张照片。",
    "的的的的的的", "圆圆圆圆圆圆圆圆", "一二三四五六七八九十", "\x00\x01公圆\x7f", "公圆" * 3000,
    "ｈｅｌｌｏ，世界！", "龘靐齉爩",
])
def test_odd_inputs_do_not_crash(checker, text):
    for finding in checker.findings(text):
        assert 0 <= finding.offset < len(text)
        assert text[finding.offset] == finding.wrong


def test_deterministic(checker):
    text = "我们去公圆玩。他以经吃过饭了，我门一起去学校，今天的做业很多。"
    first = checker.findings(text)
    assert len(first) == 4
    assert all(checker.findings(text) == first for _ in range(3))
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    assert HomophoneChecker(tokenizer).findings(text) == first


def test_wired_into_the_chinese_checker_and_tips():
    errors = ChineseChecker().errors("我们去公圆玩。")
    assert [(e.offset, e.rule_id, e.replacements) for e in errors] == [(4, RULE_ID, ("园",))]
    english, chinese = _GRAMMAR_TIPS[RULE_ID]
    assert english and chinese


def test_pypinyin_phrase_dictionary_is_not_loaded():
    code = ("import sys, jieba; jieba.setLogLevel(60); t = jieba.Tokenizer(); t.initialize();"
            "from services.correction.engine.offline.homophones import HomophoneChecker; HomophoneChecker(t);"
            "print('pypinyin.phrases_dict' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "False"
