"""Consultations told from complaints worded as questions (core/text/consult.py): round 8's classes —
a third party's conduct judged by a question, a negative question, waiting long, a request of when
the management will act, a suggestion with 是不是可以; and questions the cues missed — 能…吗, which of
two places or payers, 几点以后, a verb then 不 at a sentence end, a notice cited."""

import pytest

from core.text.consult import is_consultation


@pytest.mark.parametrize(
    "text",
    [
        "有人在楼顶天台种菜养鸽子，这个允许吗？",
        "楼下那家在楼道里堆了一排液化气罐，这样安全吗？",
        "每天早上有人开着大喇叭卖豆腐，谁放进来的？",
        "垃圾房门口的污水一直流，就没人扫吗？",
        "这种乱停车不罚的吗？",
        "楼顶的积水什么时候抽走？都快两个月了",
        "说好的下午来修，天都黑了，人呢？",
        "单元门口那棵枯树你们准备什么时候弄走？",
        "是不是可以在车棚里装几个充电桩？",
        "门岗是不是都在玩手机？快递随便进出",
    ],
)
def test_complaints_worded_as_questions(text: str) -> None:
    assert not is_consultation(text)


@pytest.mark.parametrize(
    "text",
    [
        "车位月卡能开发票吗 单位要报销",
        "门禁卡是在物业办还是居委会办",
        "垃圾清运费是物业收还是环卫站收",
        "周末几点以后不能用电钻",
        "想在自家院子里搭个葡萄架 允许不",
        "请问停电通知里说的电路改造要弄几天",
    ],
)
def test_questions_for_the_desk(text: str) -> None:
    assert is_consultation(text)


def test_a_fault_said_now_still_makes_a_complaint() -> None:
    assert not is_consultation("停电了也不通知一声，什么时候来电？")
    assert not is_consultation("我奶奶被开水烫了，是叫救护车还是怎么办")


# Rounds 9 and 10's classes (issue #15), in wordings of our own.


@pytest.mark.parametrize(
    "text",
    [
        "保安值班时在岗亭里睡觉，这符合规定吗？",  # a situation judged
        "门卫是不是根本不看监控？",  # an accusing 是不是
        "你们保洁扫完就走 楼梯上一地纸屑谁收拾？",  # who cleans up the mess left
        "停车费年年涨 钱都干嘛去了？",
        "大半夜有人在楼下喝酒划拳 你们就看着？",  # an echo: a question mark with no question word
        "楼上晾衣服滴水把我被子淋得湿透 谁负责？",  # a harm done to me
        "能不能让对门那家别把鞋柜放楼道里？",  # asking management to make someone stop
    ],
)
def test_r9_r10_classes_of_complaint_worded_as_a_question(text: str) -> None:
    assert not is_consultation(text)


@pytest.mark.parametrize(
    "text",
    [
        "电动车充电一次收多少",  # a quantity asked
        "羽毛球馆晚上几点停",
        "小区东门限高多高",
        "门禁卡要换新的吗，押金呢",  # a particle before a pause
        "能不能帮忙代收一下我的快递",  # a service for oneself
        "麻烦帮我开个物业费的缴费证明",
        "车位卡怎么办",  # 怎么办 of a card is how to apply
        "停电通知一般提前几天贴",  # a notice is no outage
        "查监控需要什么手续",  # a procedure, though 查监控 reads as a problem
        "装修垃圾是自己运走还是交清运费",  # which of two with the verb right after 还是
        "上次说的路灯后来换了没有",  # whether something was done afterwards
        "这个月电费怎么比上个月贵了一倍",  # a charge that does not add up
    ],
)
def test_r9_r10_classes_of_question(text: str) -> None:
    assert is_consultation(text)


# Round 12's classes, in wordings of our own.


@pytest.mark.parametrize(
    "text",
    [
        "你们门卫怎么天天在值班室刷手机？",  # 怎么 with a habit or a degree: why-complaint
        "那个前台咋说话那么凶呢？",
        "上周报的漏水，怎么到现在都没人回？",
        "车棚的杂草长那么高了 谁来清？",  # who will do a chore in a shared place
        "天天半夜清运垃圾，你们考虑过住户睡觉吗？",  # a reproach put as a question
        "你们是不是把楼道的灯全拆了？",  # an accusing 是不是 about what was done
        "保安是不是随便谁都给开门？",
        "楼下有人天天在绿化带遛狗 跟你们讲了好几次了 有用吗？",  # reported again and again
    ],
)
def test_r12_classes_of_complaint_worded_as_a_question(text: str) -> None:
    assert not is_consultation(text)


@pytest.mark.parametrize(
    "text",
    [
        "旧床垫应该放哪儿",  # where, with the verb before 哪
        "电表在哪可以看到",
        "怎么加入小区的志愿者队伍",  # how to join
        "办停车证要准备些什么",  # what to bring
        "办门禁卡要带些什么",
        "小区附近有哪几家快递点",  # which
        "能不能申请在楼下装个充电桩",  # applying is the resident's act (申请 holds 请)
        "请问一下装修要不要先交押金",  # 要不要 is no "don't"
        "呢度可唔可以停电单车",  # Cantonese A-not-A; 停电单车 is parking
        "请问游泳馆今天开不开门",  # A-not-A of a verb is a question, not a fault
        "家里水管漏水 保险能赔吗",  # insurance: who pays
        "投诉一般多久给答复",  # how things usually go
        "物业能上门收物业费吗",  # a service for the resident themselves
    ],
)
def test_r12_classes_of_question(text: str) -> None:
    assert is_consultation(text)


@pytest.mark.parametrize(
    "text",
    [
        "跟你们说了多少次了 垃圾还是没人收",  # a reproach by count; 还是 before a negation is "still", not "or"
        "还要我等多少次你们才肯来",
        "前台是不是下班了 电话一直没人接",  # nobody answers
        "是不是你们把水费算多了",  # an accusing 是不是 about the management
        "那辆僵尸车停了快半年了 能拖走吗",  # a duration so far
        "物业什么时候才能给个说法",  # impatience
        "小区里的流浪猫太多了 有没有办法",  # too much
        "都几点了 楼上还在剁肉",  # a rhetorical time
        "楼道里堆满了杂物 物业不管 真出事了谁负责",  # the management said not to act
    ],
)
def test_r13_classes_of_complaint_worded_as_a_question(text: str) -> None:
    assert not is_consultation(text)


@pytest.mark.parametrize(
    "text",
    [
        "物业能帮忙装个晾衣架吗 收费吗",  # help with a priced service
        "家里油烟机清洗 物业能安排吗 多少钱",
        "社区的投诉热线是多少",  # 投诉 naming a channel
    ],
)
def test_r13_classes_of_question(text: str) -> None:
    assert is_consultation(text)
