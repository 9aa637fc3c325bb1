"""Chinese misspellings of primary and middle school, each checked in the context that makes it
wrong: strings that are never right (自已, 时侯), and confusions that are wrong only in a given
frame (带眼镜 -> 戴, 在读一遍 -> 再, 我得妈妈 -> 的, 激动的说不出话 -> 得).

Each rule is a regular expression whose group ``w`` (or ``w2``) is the wrong character(s), or
whose whole match starts with the wrong character, the replacement, a rule id and a message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.correction.engine.result import TextError

_HAN = "\u4e00-\u9fff"
# Verbs that follow 再 ("again", "then") in school essays.
_AGAIN_VERBS = "吃写做看玩去来读回走说睡洗学听买试讲唱画问找打跑想练"


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    fix: str
    rule_id: str
    message: str
    confidence: float = 0.9


def _rule(pattern: str, fix: str, rule_id: str, message: str, confidence: float = 0.9) -> Rule:
    return Rule(re.compile(pattern), fix, rule_id, message, confidence)


_TYPO = "ZH_HOMOPHONE"
# 在 of 现在, 正在, 实在, 存在, 好在, 自在, 所在 is not a word of its own.
_NOT_ZAI_WORD = "(?<![现正实存好自所])"
# After 在, what makes it a place or a time ("毕业后在学校工作", "不要在走廊里", "在吃饭时").
_NOT_PLACE = ("(?!学校|学院|学堂|学生|外面|外边|里面|操场|教室|门口|路上|走廊|走道|写字台|看台)"
              "(?![^，。！？]{0,8}(?:时|前|的时候|里|上|中|期间|路上))")
RULES: tuple[Rule, ...] = (
    # Words that are never right, or wrong in the frame given.
    _rule("自(?P<w>已)(?!经)", "己", _TYPO, "“自己”的“己”不能写成“已”。"),
    _rule("(?<!自)(?P<w>己)经", "已", _TYPO, "“已经”的“已”不能写成“己”。"),
    _rule("不得(?P<w>己)", "已", _TYPO, "“不得已”的“已”不能写成“己”。"),
    _rule("时(?P<w>侯)", "候", _TYPO, "“时候”的“候”不能写成“侯”。"),
    _rule("(?<=[打投玩])(?P<w>蓝)球|(?P<w2>蓝)球(?=[场赛队架框鞋])", "篮", _TYPO, "“篮球”的“篮”是竹字头。"),
    _rule("名(?P<w>子)(?![弟孙])", "字", _TYPO, "“名字”的“字”不能写成“子”。", 0.85),
    _rule("(?<![脚手指足掌烙])印(?P<w>像)", "象", _TYPO, "“印象”的“象”不能写成“像”。"),
    _rule("(?<=[头只])大(?P<w>像)", "象", _TYPO, "动物“大象”的“象”不能写成“像”。"),
    _rule("迟(?P<w>道)", "到", _TYPO, "“迟到”的“到”不能写成“道”。"),
    _rule("最(?P<w>进)(?![步取入行化攻])", "近", _TYPO, "“最近”的“近”不能写成“进”。", 0.85),
    _rule("(?<![分解疏])散(?P<w>部)(?![署队门])", "步", _TYPO, "“散步”的“步”不能写成“部”。", 0.85),
    _rule("心(?P<w>清)(?=[很不真非特好也都变])", "情", _TYPO, "“心情”的“情”不能写成“清”。", 0.85),
    _rule("(?<![草平高荒中冰雪])(?P<w>原)望", "愿", _TYPO, "“愿望”的“愿”不能写成“原”。"),
    _rule("(?<=[很不真好太多么])高(?P<w>心)", "兴", _TYPO, "“高兴”的“兴”不能写成“心”。", 0.85),
    _rule("(?<=[的好老新男女个我你他她们和跟同与位些多])(?P<w>明)友(?![好善谊爱情])", "朋", _TYPO,
          "“朋友”的“朋”不能写成“明”。"),
    _rule("(?P<w>坏)境(?=[保污卫问很非优美好])|(?<=[的护染习活然围住])(?P<w2>坏)境", "环", _TYPO,
          "“环境”的“环”不能写成“坏”。"),
    _rule("祝[^，。！？]{0,8}[日年节天]快(?P<w>了)(?=[！!。，,~～]|$)", "乐", _TYPO, "祝福语“快乐”的“乐”不能写成“了”。"),
    _rule("(?:高兴|开心|快乐|漂亮|好吃|好看|舒服|激动|兴奋|美|棒|好玩|有趣)(?P<w>急)了", "极", _TYPO,
          "表示程度极高的“……极了”应写作“极”。", 0.85),
    _rule("锻(?P<w>练)", "炼", _TYPO, "“锻炼”的“炼”是火字旁。"),
    _rule("(?:我|你|他|她|们|大家|同学|老师|妈妈|爸爸|奶奶|爷爷)(?P<w>座)在", "坐", _TYPO,
          "“坐在”是动作，用“坐”；“座”是名词（座位）。"),
    _rule("(?P<w>既)使", "即", _TYPO, "“即使”的“即”不能写成“既”。"),
    _rule("立(?P<w>既)", "即", _TYPO, "“立即”的“即”不能写成“既”。"),
    _rule(f"(?<![随立当旋亦])(?P<w>即)(?![将使便刻可是时日兴])[{_HAN}]{{1,4}}又", "既", _TYPO,
          "“既……又……”的“既”不能写成“即”。", 0.85),
    # 带 is also "bring" (忘了带眼镜, 给我带了一块手表): only "带着" and a daily habit are wearing.
    _rule("(?:带着|(?<=每天|天天|经常|总是|常常|都要)带)(?:一副|一顶|一个|一条|一块|副|顶)?"
          "(?:老花镜|墨镜|眼镜|帽子|红领巾|手套|手表|口罩|耳环|项链|戒指|头盔|围巾)",
          "戴", _TYPO, "把东西穿戴在身上（眼镜、帽子、红领巾）用“戴”；“带”是随身拿着。", 0.75),
    _rule("(?<![小老])(?P<w>戴)(?=[来回])", "带", _TYPO, "“带来、带回”的“带”不能写成“戴”。", 0.85),
    _rule("(?:写|交|篇|的)(?P<w>做)文(?!章)", "作", _TYPO, "“作文”的“作”不能写成“做”。"),
    _rule("(?<![合动创制操写工协习看当称视叫])(?P<w>作)(?:游戏|作业|家务|实验|早操|运动)", "做", _TYPO,
          "表示进行具体活动（游戏、作业）用“做”。", 0.85),
    _rule(f"(?<![合动创制操写工协习看当称视叫])(?P<w>作)一个[{_HAN}]{{0,6}}的(?:人|孩子|学生)", "做", _TYPO,
          "“做一个……的人”用“做”。", 0.85),
    _rule("(?:我|你|他|她|们|原|自)(?P<w>已)为(?!人)(?![^，。！？]{0,8}(?:准备|做好|付出|做出|作出|提供|安排|操心))", "以",
          _TYPO, "“以为”的“以”不能写成“已”。"),
    _rule(f"离[{_HAN}]{{1,8}}(?:很|太|比较|非常|不|挺|最|更)(?P<w>进)(?![行入去来步])", "近", _TYPO,
          "表示距离短用“近”（离学校很近）。"),
    # 在 for 再.
    _rule("一而(?P<w>在)", "再", "ZH_ZAI_ZAI", "成语“一而再，再而三”用“再”。"),
    _rule("(?P<w>在)而三", "再", "ZH_ZAI_ZAI", "成语“一而再，再而三”用“再”。"),
    # Not at the start of a clause ("在一次考试中，…"), nor before a time or a place phrase.
    _rule("(?<=[\u4e00-\u9fff])" + _NOT_ZAI_WORD + "(?P<w>在)(?:次(?![日年月之要])|一次(?=[取获来见回看打赢失成证提出拿考得去做说写读试]))"
          "(?![^，。！？]{0,10}(?:中|时|的时候|路上|期间|(?<![这那哪])里))", "再", "ZH_ZAI_ZAI", "表示又一次用“再”（再次、再一次）。"),
    _rule(f"{_NOT_ZAI_WORD}(?P<w>在){_NOT_PLACE}[{_AGAIN_VERBS}](?:一遍|一次|一下)(?![^，。！？]{{0,6}}的)", "再",
          "ZH_ZAI_ZAI", "表示重复用“再”（再读一遍）。"),
    _rule(f"(?:不|别)(?:想|要|能|会|敢|愿意|用|必|该|可以)?(?P<w>在){_NOT_PLACE}(?:[{_AGAIN_VERBS}哭闹笑骗犯迟]|好好)",
          "再", "ZH_ZAI_ZAI", "表示不再重复用“再”（不要再哭了）。", 0.85),
    # After a first action, then the next: not after 后来, nor with a subject in between
    # ("吃完饭后我在看电视", "看见了很多人在跑步" may be progressive).
    _rule(f"(?:完|了|(?<!以|之)后(?!来)|以后|之后|一会儿)(?:[^，。！？我你他她它们人]{{0,3}}?){_NOT_ZAI_WORD}(?P<w>在){_NOT_PLACE}"
          f"(?:好好|慢慢|认真)?(?=[{_AGAIN_VERBS}告报])", "再", "ZH_ZAI_ZAI",
          "表示一件事之后接着做另一件事用“再”（吃完饭再写作业）。", 0.8),
    _rule(f"先[^。！？]{{1,15}}[，,](?P<w>在){_NOT_PLACE}(?=[{_AGAIN_VERBS}])", "再", "ZH_ZAI_ZAI",
          "“先……，再……”表示先后顺序，用“再”。"),
    _rule(f"{_NOT_ZAI_WORD}(?P<w>在)(?:晚|早|快|慢|多|少)一点", "再", "ZH_ZAI_ZAI", "表示程度再加一些用“再”（再晚一点）。"),
    _rule(f"(?P<w>再)[{_HAN}]{{1,6}}的(?:带领|帮助|指导|陪同|鼓励|支持|关心|照顾)下", "在", "ZH_ZAI_ZAI",
          "“在……的帮助下”表示条件，用“在”。"),
    # 的/地/得.
    _rule("(?:我|你|他|她|它|我们|你们|他们|她们|大家|自己)(?P<w>得)(?=妈妈|爸爸|家|朋友|老师|同学|名字|书包|房间|爱好|梦想|"
          "哥哥|姐姐|弟弟|妹妹|爷爷|奶奶|学校|班|书|衣服|小狗|小猫|生日|心情|眼睛|脸|头发|文具|铅笔|玩具)", "的", "ZH_DE_DE",
          "表示“……的”（所属）用“的”，如“我的妈妈”。", 0.85),
    _rule("(?:美丽|漂亮|可爱|大大|小小|红红|高高|长长|圆圆|弯弯|白白|绿绿|胖胖|亮晶晶|绿油油|金灿灿|五颜六色|干干净净|"
          f"最喜欢|喜欢|难忘|快乐|幸福|温暖|美好)(?P<w>得)(?![很像多要不跟如])(?=[一这那]?[{_HAN}]{{1,3}}[。，！？是在有])",
          "的", "ZH_DE_DE", "修饰名词用“的”，如“美丽的花园”。", 0.85),
    _rule("(?:认真|飞快|努力|仔细|轻轻|慢慢|悄悄|静静|大声|小心|耐心|专心|快速|迅速|拼命|默默|用心)(?P<w>得)"
          "(?=[学跑走说看听读写做唱喊叫笑哭想问跳飞吃玩])", "地", "ZH_DE_DI", "修饰动词用“地”，如“认真地学习”。", 0.8),
    _rule("(?<!有)(?P<w>的)(?:说|哭|笑|喊|叫|吃|睡|站|走|跑|动|看|听)不(?:出|了|下|动|到|清|住|起)", "得", "ZH_DE_DE",
          "动词或形容词后接“说不出”一类补语用“得”（激动得说不出话）。", 0.85),
    _rule("(?:(?<![剩留底手乡天地以上楼山树窗脚桌床门拍写记])下|[唱考玩跳跑])(?P<w>的)(?!很多|好多|许多)"
          "(?=(?:很|非常|真|太|好|特别|十分|可|不|更|越来越)"
          "(?:大|好|快|慢|高|开心|好听|好看|漂亮|认真|精彩|清楚|多|少|累|香|甜|远|早|晚))", "得", "ZH_DE_DE",
          "动词后接表示程度的补语用“得”（跑得很快）。", 0.8),
)
_CLUES = frozenset("已己侯蓝子像道进部清望心明坏了急练座既即带戴做作为在再得的")


def listed_errors(text: str) -> list[TextError]:
    """The errors of ``RULES`` in ``text``."""
    if not any(ch in _CLUES for ch in text):
        return []
    errors: list[TextError] = []
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            group = "w" if match.groupdict().get("w") is not None else (
                "w2" if match.groupdict().get("w2") is not None else 0)
            start, end = match.span(group)
            if group == 0:
                end = start + 1  # the whole match: only its first character changes ("带着眼镜" -> 戴)
            errors.append(TextError(start, end - start, "spelling" if rule.rule_id == _TYPO else "grammar",
                                    rule.rule_id, rule.message, (rule.fix,), confidence=rule.confidence))
    return errors
