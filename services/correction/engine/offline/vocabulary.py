"""Readability and vocabulary level, measured against the grade band.

English
    syllables   pyphen's en_US hyphenation points + 1, at least the number of vowel groups
                (less a silent final e), since hyphenation leaves short words unsplit;
    readability Flesch-Kincaid grade level: 0.39 * words/sentence + 11.8 * syllables/word - 15.59;
    advanced    share of dictionary words (4+ letters) outside the COMMON_RANK most frequent
                words of symspellpy's frequency list, a word ranked with its most frequent
                lemma ("likes" as "like", "taller" as "tall"); names (capitalised words),
                number words and unknown words are not counted, and a word the engine put in
                for a misspelling is never advanced.
Chinese
    advanced    share of jieba words outside the COMMON_RANK most frequent words of jieba's
                dictionary (single characters and punctuation are not counted); four-character
                idioms (chengyu) are listed.

Both are compared with the band's targets (services/correction/grades.py) to give a 0-100
vocabulary level score that the language dimension weighs in (see simple.py). Measured on the
corrected text, like every other feature, so a detected error never raises the score.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import pyphen
from lemminflect import getAllLemmas

from services.correction.engine.simple import VocabularyProfile
from services.correction.grades import GradeBand

COMMON_RANK = 5000
_WORD_RE = re.compile(r"[A-Za-z]+")
_VOWEL_GROUPS_RE = re.compile(r"[aeiouy]+")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_NUMBER_WORDS = frozenset("""zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
thousand million billion first second third fourth fifth sixth seventh eighth ninth tenth""".split())
# Pronouns are not worth varying in Chinese either (我们 six times is no fault).
_ZH_PRONOUNS = frozenset("我们 你们 他们 她们 它们 咱们 自己 大家 别人 人们 我的 你的 他的 她的".split())
# Everyday words that are not worth varying, even when repeated.
_PLAIN = frozenset("""
the a an and or but so to of in on at for with from by as is are was were be been being have has had
do does did not no yes it its this that these those there their they them we our us you your he his
him she her i me my mine will would can could should must may might just very also then than when
what which who how why where if because about into out up down over more most some any all many much
""".split())


class VocabularyAnalyzer:
    def __init__(self, english_counts: dict[str, int], chinese_freq: dict[str, int]) -> None:
        self._hyphen = pyphen.Pyphen(lang="en_US")
        self._english = english_counts
        ranked = sorted(english_counts.values(), reverse=True)
        self._english_common = ranked[min(COMMON_RANK, len(ranked) - 1)] if ranked else 0
        zh_ranked = sorted((f for w, f in chinese_freq.items() if len(w) > 1 and f > 0), reverse=True)
        self._chinese = chinese_freq
        self._chinese_common = zh_ranked[min(COMMON_RANK, len(zh_ranked) - 1)] if zh_ranked else 0
        self.syllables = lru_cache(maxsize=50_000)(self._syllables)
        self._lemma_counts: dict[str, int] = {}

    def _syllables(self, word: str) -> int:
        lower = word.lower()
        points = len(self._hyphen.positions(lower))
        groups = len(_VOWEL_GROUPS_RE.findall(lower))
        if lower.endswith("e") and not lower.endswith(("le", "ee", "ye")) and groups > 1:
            groups -= 1
        return max(1, points + 1, groups)

    def english(self, text: str, sentences: int, band: GradeBand,
                fixed: frozenset[str] = frozenset()) -> VocabularyProfile | None:
        """``fixed``: the words the engine put in for misspellings (lowercase)."""
        tokens = _WORD_RE.findall(text)
        words = [w.lower() for w in tokens]
        if len(words) < 3:
            return None
        syllables = sum(self.syllables(w) for w in words)
        grade = 0.39 * len(words) / max(sentences, 1) + 11.8 * syllables / len(words) - 15.59
        plain = [w.lower() for w in tokens if not w[0].isupper()]  # names are not vocabulary
        known = [w for w in plain if len(w) >= 4 and w in self._english and w not in _NUMBER_WORDS]
        advanced = [w for w in known if w not in fixed and self._rank_count(w) < self._english_common
                    and not _everyday(w)]
        share = len(advanced) / len(known) if known else 0.0
        return VocabularyProfile(
            readability=round(grade, 1), syllables_per_word=round(syllables / len(words), 2),
            advanced_share=round(share, 3), advanced_examples=_most_common(advanced),
            repeated=_repeated([w for w in plain if w not in _PLAIN and len(w) >= 3]),
            level_score=_level_score(grade, share, band.readability, band.advanced_share_en),
            expected_share=band.advanced_share_en, expected_readability=band.readability)

    def _rank_count(self, word: str) -> int:
        """The corpus count of ``word`` or of its most frequent lemma, whichever is higher."""
        cached = self._lemma_counts.get(word)
        if cached is None:
            lemmas = {lemma for forms in getAllLemmas(word).values() for lemma in forms}
            cached = max([self._english.get(word, 0), *(self._english.get(lemma, 0) for lemma in lemmas)])
            if len(self._lemma_counts) < 100_000:
                self._lemma_counts[word] = cached
        return cached

    def _two_common(self, word: str) -> bool:
        """Two everyday words side by side that jieba lists as one (爸爸妈妈, 老师上课): not a
        rarer word."""
        if len(word) != 4:
            return False
        return all(self._chinese.get(half, 0) >= self._chinese_common // 4 for half in (word[:2], word[2:]))

    def chinese(self, words: list[str], band: GradeBand) -> VocabularyProfile | None:
        # Not vocabulary: numbers and quantities (三十八岁, 十一点多), a degree word before an
        # adjective (很漂亮), and phrases jieba lists with a particle in them (大大的, 一下子把).
        # A number starts with two numerals (三十八岁, 一百九十, 三百公里); an idiom may hold them
        # apart (五颜六色, 十全十美 stay).
        words = [w for w in words if len(w) > 1 and _CJK_RE.match(w) and not _ZH_PARTICLES.intersection(w)
                 and not w.startswith(_ZH_DEGREE) and not (w[0] in _ZH_NUMERALS and w[1] in _ZH_NUMERALS)
                 and (w[0] not in _ZH_NUMERALS or len(w) == 4)]
        if len(words) < 3:
            return None
        advanced = [w for w in words if self._chinese.get(w, 0) < self._chinese_common and not self._two_common(w)
                    and not _zh_everyday(w)]
        share = len(advanced) / len(words)
        idioms = [w for w in advanced if len(w) == 4 and self._chinese.get(w, 0) > 0]
        return VocabularyProfile(
            readability=None, syllables_per_word=None, advanced_share=round(share, 3),
            advanced_examples=_most_common(idioms or advanced),
            repeated=_repeated([w for w in words if w not in _ZH_PRONOUNS], minimum=6),
            level_score=_level_score(None, share, None, band.advanced_share_zh),
            expected_share=band.advanced_share_zh, expected_readability=None)


# Words of a pupil's everyday life that web text uses less than pupils do: never advanced.
_SCHOOL_EVERYDAY = frozenset("""
cannot homework classmate classmates playground hometown teenager teenagers boring bored delicious excited
vegetables vegetable grandma grandpa granny sandwich sandwiches chopsticks dumpling dumplings kindergarten
lunchtime backpack schoolbag schoolbags eraser erasers pencil pencils sneakers dinosaur dinosaurs panda pandas
zoo cartoon cartoons noodles snack snacks candy candies puppy kitten bedroom classroom classrooms homeroom
textbook textbooks notebook notebooks crayon crayons badminton volleyball basketball football ping pong
sing dance draw swim skate bake hug giggle nap chat
grandmother grandfather cousin aunt uncle nephew niece mum mom dad daddy mummy
duck rabbit giraffe elephant monkey lion tiger dolphin penguin butterfly bee ant snail frog goldfish hamster
parrot chick hen cow sheep pig horse pony bunny kitty
noon autumn spring snowman rainbow sunny rainy windy cloudy snowy foggy
kite kites mooncake mooncakes cookie biscuit soup juice banana grape watermelon strawberry peach lemon
pear cherry popcorn chocolate lollipop yogurt
shelf bookshelf sofa pillow blanket toothbrush toothpaste towel bathroom balcony
ruler blackboard chalk marker glue scissors sticker stickers
sweater scarf gloves mittens umbrella raincoat slippers pajamas
brave naughty lazy sleepy hungry thirsty tasty yummy cute funny smart shy noisy messy tidy
""".split())


def _everyday(word: str) -> bool:
    """A pupil's everyday word, in any of its forms ("ducks", "baked", "giggling")."""
    return word in _SCHOOL_EVERYDAY or any(
        lemma in _SCHOOL_EVERYDAY for forms in getAllLemmas(word).values() for lemma in forms)


_ZH_NUMERALS = frozenset("一二三四五六七八九十百千万两几每第")
_ZH_DEGREE = ("很", "最", "太", "更", "非常", "特别", "十分")
_ZH_PARTICLES = frozenset("的了地着过得把被")
# Words of a pupil's everyday life that jieba's corpus (news and the web) uses less than pupils do:
# never "较高级词语". Phrases jieba lists as one word are not vocabulary either: a pronoun between two
# verbs (带我去, 陪我玩) or a count of times at the end (再试一次, 看一下).
_ZH_EVERYDAY = frozenset("""
做饭 洗衣服 洗碗 扫地 拖地 买菜 小朋友 上学 放学 写作业 做作业 起床 刷牙 洗脸 洗澡 睡午觉 玩具 动画片 零食 书包
同桌 班主任 课间 操场 跳绳 捉迷藏 踢毽子 外婆 外公 姥姥 姥爷 小狗 小猫 小鸟 小鱼 金鱼 兔子 小兔 乌龟 好朋友
运动会 生日 蛋糕 动物园 游乐园 滑梯 滑滑梯 荡秋千 秋千 放风筝 风筝 堆雪人 打雪仗 包饺子 饺子 月饼 汤圆 粽子 拜年
压岁钱 红包 鞭炮 春联 周末 暑假 寒假 教室 黑板 粉笔 课本 铅笔 橡皮 尺子 文具盒 铅笔盒 踢足球 打篮球 打乒乓球
游泳 跑步 画画 唱歌 跳舞 看书 看电视 玩游戏 开心 难过 生气 害怕 伤心 着急 哭鼻子 小区 楼下 邻居 阿姨 叔叔
西瓜 苹果 香蕉 葡萄 草莓 橘子 冰淇淋 雪糕 糖果 巧克力 面条 米饭 早饭 午饭 晚饭 早餐 午餐 晚餐 水果 蔬菜
公交车 自行车 骑车 散步 爬山 钓鱼 野餐 旅游 放假 上课 下课 考试 作业本 练习本 日记本 橡皮擦 彩笔 蜡笔
星期一 星期二 星期三 星期四 星期五 星期六 星期天 星期日 礼拜天 早上 中午 下午 晚上 傍晚 今天 明天 昨天
""".split())
_ZH_PRONOUN_CHARS = frozenset("我你他她它")
_ZH_COUNT_ENDINGS = ("一次", "一下", "一遍", "一会", "一会儿", "一趟", "一口", "一眼")


def _zh_everyday(word: str) -> bool:
    return (word in _ZH_EVERYDAY or (len(word) == 3 and word[1] in _ZH_PRONOUN_CHARS)
            or (len(word) > 2 and word.endswith(_ZH_COUNT_ENDINGS)))


def _most_common(words: list[str], limit: int = 3) -> tuple[str, ...]:
    counts = Counter(words)
    return tuple(w for w, _n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit])


def _repeated(words: list[str], minimum: int = 4, limit: int = 2) -> tuple[tuple[str, int], ...]:
    """Content words used at least ``minimum`` times, most used first."""
    counts = Counter(words)
    heavy = [(w, n) for w, n in counts.items() if n >= minimum]
    heavy.sort(key=lambda item: (-item[1], item[0]))
    return tuple(heavy[:limit])


def _level_score(grade: float | None, share: float, readability: tuple[float, float] | None,
                 target_share: float) -> float:
    share_score = 40 + 60 * min(1.0, share / target_share) if target_share else 100.0
    if grade is None or readability is None:
        return round(share_score, 1)
    low, high = readability
    if grade < low:
        grade_score = max(40.0, 100 - 12 * (low - grade))
    elif grade <= high:
        grade_score = 100.0
    else:
        grade_score = max(50.0, 100 - 8 * (grade - high))
    return round(0.5 * grade_score + 0.5 * share_score, 1)
