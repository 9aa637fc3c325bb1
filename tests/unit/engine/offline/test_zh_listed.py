"""Chinese misspellings checked in their context (services/correction/engine/offline/zh_listed.py),
through the offline engine so that every other Chinese rule runs beside them."""

import pytest

from services.correction.engine.offline import OfflineEngine
from services.correction.engine.offline.zh_listed import listed_errors


@pytest.fixture(scope="module")
def engine():
    return OfflineEngine()


def _fixes(engine, text: str, rule: str = "") -> list[tuple[str, str]]:
    """(the flagged text, its first replacement) of each error, of ``rule`` when given."""
    return [(text[e.offset:e.offset + e.length], e.replacements[0]) for e in engine.correct(text, "", "5").errors
            if not rule or e.rule_id == rule]


def _chinese_errors(engine, text: str) -> list:
    return [e for e in engine.correct(text, "", "5").errors if e.rule_id.startswith("ZH_")]


@pytest.mark.parametrize("wrong,right", [
    ("我得妈妈是一名老师。", "我的妈妈是一名老师。"),
    ("这是我最喜欢得一本书。", "这是我最喜欢的一本书。"),
    ("她有一双大大得眼睛。", "她有一双大大的眼睛。"),
    ("我们要认真得学习。", "我们要认真地学习。"),
    ("雨下的很大。", "雨下得很大。"),
    ("我考的不好，很伤心。", "我考得不好，很伤心。"),
    ("他激动的说不出话来。", "他激动得说不出话来。"),
    ("我自已的事情自已做。", "我自己的事情自己做。"),
    ("我己经写完作业了。", "我已经写完作业了。"),
    ("那时侯我才五岁。", "那时候我才五岁。"),
    ("我最喜欢打蓝球。", "我最喜欢打篮球。"),
    ("今天我上学迟道了。", "今天我上学迟到了。"),
    ("他是我最好的明友。", "他是我最好的朋友。"),
    ("我们要保护坏境。", "我们要保护环境。"),
    ("祝你生日快了！", "祝你生日快乐！"),
    ("我高兴急了。", "我高兴极了。"),
    ("坚持锻练身体。", "坚持锻炼身体。"),
    ("她即聪明又漂亮。", "她既聪明又漂亮。"),
    ("他既使很累，也坚持跑完了。", "他即使很累，也坚持跑完了。"),
    ("我们每天都要带红领巾。", "我们每天都要戴红领巾。"),
    ("妈妈给我戴来了好吃的。", "妈妈给我带来了好吃的。"),
    ("我写了一篇做文。", "我写了一篇作文。"),
    ("我家离学校很进。", "我家离学校很近。"),
    ("我已为他不来了。", "我以为他不来了。"),
    ("我吃完饭在写作业。", "我吃完饭再写作业。"),
    ("我先洗手，在吃饭。", "我先洗手，再吃饭。"),
    ("你不要在哭了。", "你不要再哭了。"),
    ("老师让我们在读一遍课文。", "老师让我们再读一遍课文。"),
    ("医生说在晚一点就危险了。", "医生说再晚一点就危险了。"),
    ("他一而在，在而三地犯错。", "他一而再，再而三地犯错。"),
    ("我们再老师的带领下参观了博物馆。", "我们在老师的带领下参观了博物馆。"),
    # 的 for 得 before a result, 的 for 地 before the verb
    ("我急的直哭。", "我急得直哭。"), ("他吓的往后一跳。", "他吓得往后一跳。"), ("肚子饿的咕咕叫。", "肚子饿得咕咕叫。"), ("小狗吓的往桌子底下钻。", "小狗吓得往桌子底下钻。"),
    ("他把玩具扔的到处都是。", "他把玩具扔得到处都是。"), ("小河欢快的向前流去。", "小河欢快地向前流去。"),
    ("孩子们高高兴兴的往外跑。", "孩子们高高兴兴地往外跑。"),
    ("他把球扔的远远的。", "他把球扔得远远的。"), ("作业写的潦草。", "作业写得潦草。"),
    ("土豆切的大小不一。", "土豆切得大小不一。"), ("奶奶做的一手好点心。", "奶奶做得一手好点心。"),
    ("字都变的工整了。", "字都变得工整了。"), ("枫叶红的像火。", "枫叶红得像火。"),
    ("老师轻轻的问一句。", "老师轻轻地问一句。"), ("我的心慢慢的平静下来。", "我的心慢慢地平静下来。"),
    ("知识要一步一步的积累。", "知识要一步一步地积累。"), ("消息一条接一条的更新。", "消息一条接一条地更新。"),
    ("闹钟“叮铃铃”的响了。", "闹钟“叮铃铃”地响了。"), ("妈妈使劲的搅拌鸡蛋。", "妈妈使劲地搅拌鸡蛋。"),
    ("小鱼自由自在的游来游去。", "小鱼自由自在地游来游去。"),
    # words never right, and variants of the frames above
    ("老师常常表杨他。", "老师常常表扬他。"), ("这是一个到理。", "这是一个道理。"), ("蝴蝶篇篇起舞。", "蝴蝶翩翩起舞。"),
    ("一阵阵青香扑鼻。", "一阵阵清香扑鼻。"), ("他有高上的品德。", "他有高尚的品德。"), ("爽郎的笑声。", "爽朗的笑声。"),
    ("我们应该急时调整。", "我们应该及时调整。"), ("心却早以飞到了外面。", "心却早已飞到了外面。"),
    ("甚至误已为是我。", "甚至误以为是我。"), ("宝剑锋从磨励出。", "宝剑锋从磨砺出。"), ("一屡炊烟。", "一缕炊烟。"),
    ("心情烦燥。", "心情烦躁。"), ("他带着一副黑框眼镜。", "他戴着一副黑框眼镜。"), ("你不要在让妈妈担心了。", "你不要再让妈妈担心了。"),
    ("他跟我作鬼脸。", "他跟我做鬼脸。"), ("作人要诚实。", "做人要诚实。"), ("我心里即兴奋又紧张。", "我心里既兴奋又紧张。"),
    ("我们即要善于学习，又要善于思考。", "我们既要善于学习，又要善于思考。"),
    ("雨“哗哗”的下个不停。", "雨“哗哗”地下个不停。"), ("他轻轻的拍了拍我。", "他轻轻地拍了拍我。"), ("小猫饿的喵喵叫。", "小猫饿得喵喵叫。"),
])
def test_listed_misspellings_in_context(engine, wrong, right):
    assert engine.correct(wrong, "", "5").corrected_text == right


@pytest.mark.parametrize("text", [
    "毕业后在学校工作。他不在学校，在家里。放学后在回家的路上，我看见了一只小猫。",
    "吃完饭在客厅看电视。下课了在操场上玩。他正在写作业，妈妈在做饭。我没在看电视。",
    "在一次比赛中，他获得了冠军。在次日早上，我们出发了。我们先到教室，在教室里读书。",
    "剩下的很多人都走了。他做的饭很好吃。他气得脸都红了。我得走了，再见。他们得去学校了。",
    "她美丽得像一朵花。他高兴得跳了起来。我的名字叫小明。这个作品做得很好。",
    "妈妈带着我去公园。他带了一本书和一把伞。出门要带伞。最进步的同学得到了表扬。",
    "即将到来的考试让我紧张。他已为人父。分散部署兵力。我们离得很近，他一直在进步。",
    "那是一段被吓的往事。", "他扔的一地垃圾没人管。", "欢快的向日葵在田野里。", "我们怀着快乐的向往出发了。",
    "那些快乐的往事又跑到了我的眼前。", "街上卖字画的到处都是。", "教室里活泼的到处都是。", "一个快乐的向外开放的新时代。",
])
def test_correct_chinese_is_left_alone(engine, text):
    assert engine.correct(text, "", "5").errors == ()


@pytest.mark.parametrize("text", [
    "他自己经常做饭。他们各自已经回家了。雪地上的脚印像一朵朵梅花。我有一个红球和一个蓝球。",
    "辽阔的草原望不到边。小明友好地向我打招呼。我的生日快了。他随即转身又跑了。",
    "出门记得带上帽子和手套。我忘了带眼镜。爸爸给我带了一块手表。这顶帽子我戴去学校。小戴来了。",
    "我们玩了一个合作游戏。我把他看作一个可爱的孩子。我已为你准备好了晚饭。",
    "在一次考试中，我得了第一名。不要在走廊里追逐打闹。不要在吃饭时看电视。后来我们在玩游戏。",
    "我先去了超市，在买东西的时候遇见了老师。我们现在早一点出发吧。我正在看一下这本书。我把学习放在次要位置。",
    "我得奖了！他得病了，没来上课。我得好好学习。她长得漂亮得像仙女。小狗可爱得不得了。",
    "他开心得跳了起来。同学们有的跑不动了。楼下的很多小朋友都来了。我唱的很多歌都是妈妈教的。",
    "我看见了很多人在跑步。我看见了一群人在跳舞。",  # what those people were doing
    # 的 rightly: a noun phrase after the word of manner or the likeness, the red ones
    "悄悄的说话声音很小。认真的学习态度很重要。他们自由自在的生活。小鸟飞来飞去的样子真可爱。",
    "山上的花，红的像火，白的像雪。不变的是我们的友谊。善变的天气让人头疼。他写的潦草的字没人认识。",
    "静静的湖面上有一只小船。她轻轻的话语温暖了我。一个一个的问题都解决了。",
    "他即兴发挥了一段。我早以前就知道了。他着急时说不出话。我得到理解。他到理发店理发。比他高上一截。",
    "周作人是作家。青香蕉不好吃。随即又跑了。他立即又站了起来。我带着一个装满书的书包。",
    # a third review: sentences right beside the frames
    "“咚咚咚”的敲门声。“哈哈哈”的笑声。“汪汪”的叫声。“双减”的落实工作。不要在让人看不见的地方乱扔垃圾。",
    "他生气的直接原因是我迟到了。轻轻的关门声。轻轻的问候。经过久久的等待。会变的魔术。说变就变的天气。百变的造型。",
    "有人把人生比作游戏。空地改作运动场。我觉得红的像火。最红的像小灯笼。一次一次的练习让我进步。一张一张的写生画。",
    "心急时的样子。当他最急时发脾气。他带着一副新眼镜回家送给爷爷。我代表杨老师发言。冷的直饮水。冷的往下沉，热的往上升。",
    "即食面又便宜又方便。他一学即会，又能举一反三。最早以文字记载。青香瓜。到理工大学。提高上的精神压力。",
    "这个错误已为大家所知。这一屡见不鲜的现象。著作人应当署名。操作人应当注意。",
])
def test_review_sentences_are_left_alone(engine, text):
    assert _chinese_errors(engine, text) == []


@pytest.mark.parametrize("text,wrong,rule", [
    ("大约有五十人左右参加了比赛。", "左右", "ZH_REDUNDANT"),
    ("我们大约走了两个小时左右。", "左右", "ZH_REDUNDANT"),
    ("我迟到的原因是因为下雨了。", "因为", "ZH_REDUNDANT"),
    ("我亲眼目睹了这一幕。", "亲眼", "ZH_REDUNDANT"),
    ("运动员们凯旋而归。", "而归", "ZH_REDUNDANT"),
    ("很多同学们都来了。", "们", "ZH_REDUNDANT"),
    ("我们要防止这种事情不再发生。", "不", "ZH_REDUNDANT"),
    ("通过这次活动，使我明白了很多道理。", "使", "ZH_MISSING_SUBJECT"),
    ("经过老师的帮助，让我进步了很多。", "让", "ZH_MISSING_SUBJECT"),
    ("经过老师的耐心教导，使小明改掉了坏习惯。", "使", "ZH_MISSING_SUBJECT"),
    ("通过这次活动，使得我们懂得了团结。", "使得", "ZH_MISSING_SUBJECT"),
    ("比赛大约在八点半左右开始。", "左右", "ZH_REDUNDANT"),
    ("我们等了大约三十秒左右。", "左右", "ZH_REDUNDANT"),
    ("我迟到的原因主要是因为下雨。", "因为", "ZH_REDUNDANT"),
    ("很多人们都喜欢春天。", "们", "ZH_REDUNDANT"),
    ("通过学校的宣传活动，使同学们认识到了保护环境的重要性。", "使", "ZH_MISSING_SUBJECT"),
    ("为了防止环境不再污染，我们要节约用水。", "不", "ZH_REDUNDANT"),
    ("在妈妈的帮助下，使我的成绩提高了很多。", "使", "ZH_MISSING_SUBJECT"),  # 在……下/中，使
    ("在这次活动中，使我明白了很多道理。", "使", "ZH_MISSING_SUBJECT"),
    ("在老师的帮助下，让我明白了这个道理。", "让", "ZH_MISSING_SUBJECT"),
    ("在妈妈的鼓励下，使得我有了信心。", "使得", "ZH_MISSING_SUBJECT"),
])
def test_sentence_faults(text, wrong, rule):
    assert [(text[e.offset:e.offset + e.length], e.rule_id, e.replacements) for e in listed_errors(text)
            if e.rule_id == rule] == [(wrong, rule, ("",))]


@pytest.mark.parametrize("text", [
    "五十人左右参加了比赛。", "大约五十人参加了比赛。", "大约有三个人在左右张望。", "我迟到是因为下雨了。",
    "同学们都来了。", "为了避免孩子不再喜欢读书，我们换了方法。", "通过这次活动，我明白了很多道理。",
    "我通过这次活动，明白了很多道理。", "经过一番努力，让人高兴的是，他考上了。",
    "在老师的耐心指导下，我的成绩提高了。", "在这种情况下，让我们一起努力吧。", "我在老师的帮助下，使成绩提高了。",
])
def test_sentences_without_those_faults(text):
    assert [e for e in listed_errors(text) if e.rule_id in ("ZH_REDUNDANT", "ZH_MISSING_SUBJECT")] == []


# A false-alarm review of the sentence faults, the punctuation at a quotation's end and the listed
# misspellings: right sentences that they once flagged.
@pytest.mark.parametrize("text", [
    '“感概”是个错别字，正确的写法是“感慨”。',
    '“经过学校时，让我下车就行。”他对司机说。',
    '为了避免大家以为他不再迟到是怕被罚，班主任专门表扬了他。',
    '他不肯说出原因是因为怕被爸爸批评。',
    '他在黑板上写了一个大大的“！”。',
    '他大概是全班唯一左右逢源的人。',
    '他大概是被那三人左右了想法，才做出这种决定。',
    '他大概有一点左右为难，不知道该帮谁。',
    '他懂得许多同学们不知道的知识。',
    '他把“度假”写成了“渡假”，被老师圈了出来。',
    '他收到了很多朋友们寄来的明信片。',
    '他的外公叫陈安祥，是村里的老支书。',
    '作文里不能把“，。”连在一起用。',
    '你们来早一些老师们会很高兴的。',
    '你走慢一些孩子们才跟得上。',
    '刘安祥老师是我们的数学老师。',
    '医生提醒，要避免孩子觉得自己不再生病了就不吃药。',
    '声音再大一些同学们就能听清楚了。',
    '大概每个人都有过一两次左右为难的时候。',
    '大概率今天下午三点左右会下雨。',
    '天气预报说，明天大概率会降温五度左右。',
    '安祥路上新开了一家书店。',
    '我们准备了不少小朋友们喜欢的节目。',
    '我们分析原因是因为想避免再犯同样的错误。',
    '我差不多有一点左右为难了，两边都是我的好朋友。',
    '我的同桌叫王安祥，他的字写得很好看。',
    '我至今记得他那句“你们到底想干什么？”。',
    '拳击手大概在第三次左右开弓之后就体力不支了。',
    '晚会上表演了众多观众们期待已久的节目。',
    '经过就是这样，让大家见笑了。',
    '经过我们家门口的那条小河，让我魂牵梦萦。',
    '经过我家的那条公路，让孩子们上学方便多了。',
    '经过是这样的，让我从头讲起。',
    '经过的人们都停下脚步，让他先过去。',
    '经过的路人，让他帮帮忙吧。',
    '经过的车一辆接一辆，让人看得眼花缭乱。',
    '经过路口的时候，让孩子走在里侧。',
    '经过这里的游客越来越多，让大家看到了希望。',
    '经过长江大桥的火车，让我们激动不已。',
    '老师让我们把这个逗号改成句号“。”。',
    '老师讲了一些同学们感兴趣的话题。',
    '老师说“亲眼目睹”这个词常常被用错，我们要注意。',
    '老师追问原因是因为关心他，并不是要批评他。',
    '联欢会上有许多家长们精心准备的美食。',
    '要防止学生觉得考完试就不再犯规也没事的心理。',
    '要防止病人误以为不再发生疼痛就擅自停药。',
    '语文课上，老师把“辨论”改成了“辩论”。',
    '这件事大概不是一两人左右得了的。',
    '这句话的末尾应该用问号“？”。',
    '这场谈判的结局，大概只有他一人左右得了。',
    '这大概是唯一一个左右逢源的办法。',
    '这大概是唯一左右他命运的因素。',
    '这支队伍大概率会在十点左右到达终点。',
    '这本书教会了我很多孩子们不懂的道理。',
    '这里有好多孩子们亲手做的风筝。',
    '通过了考试的人，让他们先回家吧。',
    '通过初赛的同学，让他们下周一来报到。',
    '通过审核的作品将在网上公示，让大家投票。',
    '通过考核的新员工，让人事部门统一安排培训。',
    '通过考试的学生，让家长签字后交回学校。',
    '通过这座大桥的车辆太多，让人头疼。',
    '避免失误的办法是不再出现侥幸心理。',
    '避免失败的唯一办法是不再犯同样的错误。',
    '避免重蹈覆辙的关键在于不再犯同一个错误。',
    '防止近视的关键是不再犯懒，每天坚持做眼保健操。',
    '面对两个好朋友的争吵，他大概平生第一次左右为难。',
])
def test_reviewed_right_sentences(engine, text):
    rules = ("ZH_REDUNDANT", "ZH_MISSING_SUBJECT", "ZH_REPEATED_PUNCT", "ZH_HOMOPHONE")
    assert [e for e in engine.correct(text, "", "").errors if e.rule_id in rules] == []


@pytest.mark.parametrize("text,wrong,fix,rule", [
    ("这是我的的书包。", "的的", "的", "ZH_REDUNDANT"),  # a character written twice
    ("我在在教室里看书。", "在在", "在", "ZH_REDUNDANT"),
    ("她轻轻的把门关上了。", "的", "地", "ZH_DE_DI"),
    ("她唱歌唱的好听极了。", "的", "得", "ZH_DE_DE"),
    ("教室被我们打扫的一尘不染。", "的", "得", "ZH_DE_DE"),
    ("她激动的热泪盈眶。", "的", "得", "ZH_DE_DE"),
    ("大家笑的前俯后仰。", "的", "得", "ZH_DE_DE"),
    ("这是一个美丽地传说。", "地", "的", "ZH_DE_DI"),  # after a measure word, a noun phrase
    ("天空中飘着洁白地云朵。", "地", "的", "ZH_DE_DI"),
])
def test_a_fourth_review_of_de_and_repeated_characters(engine, text, wrong, fix, rule):
    found = [(text[e.offset:e.offset + e.length], e.replacements[0], e.rule_id) for e in engine.correct(text, "", "5").errors]
    assert found == [(wrong, fix, rule)]


@pytest.mark.parametrize("text", [
    "我现在在家里。他的的确确很努力。达到目的的方法有很多。实实在在的好处。",
    "备库在在线备份期间被提升为主库。在在场的人中，他最高。",
    "我们幸福地生活。他一次次地尝试。她一遍遍地读课文。他认真地学习知识。",
])
def test_a_fourth_review_right_sentences(engine, text):
    assert _chinese_errors(engine, text) == []


@pytest.mark.parametrize("text,wrong,fix", [
    ("爸爸帮我按装了一台电脑。", "按", "安"),
    ("上课时要专心至致。", "至致", "致志"),
    ("他是一个很有责认心的人。", "认", "任"),
    ("真报歉，我来晚了。", "报", "抱"),
    ("我们要学习他艰苦朴素的做风。", "做", "作"),
    ("爸爸在一家工厂里工做。", "做", "作"),
    ("妈妈正在厨房里作饭。", "作", "做"),
    ("我们必需遵守交通规则。", "需", "须"),
    ("这个问题我们急须解决。", "须", "需"),
    ("火车既将到站了。", "既", "即"),
    ("“那里那里，我做得还远远不够。”他谦虚地说。", "那里那里", "哪里哪里"),
    ("我们在乡下渡过了一个快乐的暑假。", "渡", "度"),
    ("墙上挂着一副山水画。", "副", "幅"),
    ("他带着一顶棒球帽。", "带", "戴"),
    ("做为一名学生，我们要遵守纪律。", "做", "作"),
    ("做文是我最喜欢的课。", "做", "作"),
])
def test_a_fourth_review_of_misspellings(engine, text, wrong, fix):
    assert _fixes(engine, text, "ZH_HOMOPHONE") == [(wrong, fix)]


def test_a_fourth_review_of_misspellings_right_sentences(engine):
    text = "我们做风筝。生活必需品很重要。我们要做文明人。他戴着一副眼镜。我们渡过了难关。对对象内容做文本转换。他既将军又将帅。"
    assert _chinese_errors(engine, text) == []


@pytest.mark.parametrize("text", [
    "他一会儿在看书，一会儿在玩手机，根本没有心思学习。",  # 在 of what goes on, not 再
    "今天下午我不在画室，你别来找我。外公退休后一直在学画画。哥哥大学毕业以后在读研究生。",
    "辣的我吃不了，给我来一碗清汤面吧。冷的我不喝。妈妈笑着说：“热的你喝，凉的我喝。”",  # "X的" as a topic
    "剩下的吃不了就打包带走吧。我在网上买的快要到了。昨天买的快要吃完了。",
    "今年报名参加比赛的特别多。报名参加志愿者活动的非常多。",  # those who … are many
    "你得老师同意才能请假。我们得班主任签字才行。我得妈妈陪着才敢去医院打针。",  # 得 (děi): must
])
def test_a_fourth_review_of_de_and_zai_right_sentences(engine, text):
    assert _chinese_errors(engine, text) == []


@pytest.mark.parametrize("text,wrong,fix", [
    ("我们休息一会儿在走吧。", "在", "再"),
    ("他吃的特别多。", "的", "得"),
    ("气的我说不出话来。", "的", "得"),
    ("我得妈妈是一名老师。", "得", "的"),
])
def test_a_fourth_review_of_de_and_zai_still_caught(engine, text, wrong, fix):
    assert _fixes(engine, text) == [(wrong, fix)]


@pytest.mark.parametrize("text,wrong,fix", [
    ("谢谢您的教悔。", "悔", "诲"),  # listed: not the guess 教会
    ("我们快活急了。", "急", "极"),
    ("小猫可爱急了。", "急", "极"),
])
def test_a_second_essay_review_of_misspellings(engine, text, wrong, fix):
    assert _fixes(engine, text) == [(wrong, fix)]


def test_anxious_is_left_alone(engine):
    assert [e for e in engine.correct("他着急了。妈妈急了。", "", "5").errors if e.rule_id.startswith("ZH_")] == []


@pytest.mark.parametrize("text,wrong,fix", [
    ("他一次次的捉弄他的同学。", "的", "地"),  # step by step, then the verb
    ("海浪一层接一层的向远方涌去。", "的", "地"),
    ("老师一个词一个词的纠正我的发音。", "的", "地"),
    ("蜗牛一点点的往上挪。", "的", "地"),
    ("她伤心的大哭起来。", "的", "地"),
    ("爷爷永远的离开了我们。", "的", "地"),
    ("妈妈欣慰的点了点头。", "的", "地"),
    ("我吓的大叫。", "的", "得"),
    ("嗓子也干的要冒烟了。", "的", "得"),
    ("他高兴的几乎要哭出来。", "的", "得"),
    ("雪下的正大。", "的", "得"),
])
def test_a_second_essay_review_of_de(engine, text, wrong, fix):
    assert _fixes(engine, text) == [(wrong, fix)]


def test_a_second_essay_review_of_de_right_sentences(engine):
    text = ("正是这一点一点的进步，让我重拾了信心。十年来一天一天的积累，终于换来了今天的成就。一次次的失败没有打倒他。"
            "永远的朋友。伤心的往事让我大哭。她是一个温柔的人。")
    assert _chinese_errors(engine, text) == []


@pytest.mark.parametrize("text,wrong,fix", [
    ("她有一双大大的眼晴。", "晴", "睛"),
    ("他目不转晴地看着黑板。", "晴", "睛"),
    ("不要乱仍垃圾。", "仍", "扔"),
    ("我不知到该怎么办。", "到", "道"),
    ("这是一次很有意意的活动。", "意", "义"),
    ("他一在强调安全的重要。", "在", "再"),
    ("妈妈在三叮嘱我要小心。", "在", "再"),
    ("这是我地书包。", "地", "的"),
])
def test_a_third_review_of_misspellings(engine, text, wrong, fix):
    assert _fixes(engine, text) == [(wrong, fix)]


def test_a_third_review_right_sentences(engine):
    text = ("这学期我读了《城南旧事》和《骆驼祥子》两本书。我在三楼上课。大家统一在操场集合。我们在草地上玩。"
            "他地里的庄稼长得很好。眼睛很亮。")
    assert _chinese_errors(engine, text) == []


@pytest.mark.parametrize("text,wrong,rule", [
    ("通过这些事例，使我们懂得了坚持的意义。", "使", "ZH_MISSING_SUBJECT"),
    ("通过陶渊明和苏轼的故事，使我们明白了很多道理。", "使", "ZH_MISSING_SUBJECT"),
    ("随着科技的发展，使我们的生活越来越方便。", "使", "ZH_MISSING_SUBJECT"),
    ("读了这本书，使我明白了很多道理。", "使", "ZH_MISSING_SUBJECT"),
    ("图书馆里大约有五千本书左右。", "左右", "ZH_REDUNDANT"),
])
def test_a_third_review_of_sentence_faults(engine, text, wrong, rule):
    found = [(text[e.offset:e.offset + e.length], e.rule_id) for e in engine.correct(text, "", "8").errors]
    assert found == [(wrong, rule)]


def test_a_third_review_of_sentence_faults_right_sentences(engine):
    text = "随着科技的发展，我们的生活越来越方便。读了这本书，我明白了很多道理。大约有三个人在左右张望。"
    assert [e for e in engine.correct(text, "", "8").errors if e.rule_id.startswith("ZH_")] == []
